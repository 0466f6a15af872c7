#if GDAL
  import Foundation
  internal import GeoBridge

  /// Opens GDAL vector files for the loaders, and turns their features into servicegap's
  /// GeoJSON model, so that every loader reads GeoPackage layers and OpenStreetMap extracts
  /// exactly as it reads GeoJSON.
  enum VectorReading {
    /// Opens `path` as a vector dataset.
    ///
    /// - Throws: ``InputError/fileNotFound(file:)`` or ``InputError/dataset(file:message:)``
    ///   with GDAL's reason.
    static func open(path: String, file: String) throws(InputError) -> VectorDataset {
      guard FileManager.default.fileExists(atPath: path) else {
        throw .fileNotFound(file: path)
      }
      do {
        return try VectorDataset(path: path)
      } catch {
        var reason: String?
        if case .open(let message) = error { reason = message }
        throw .dataset(
          file: file,
          message: "GDAL cannot open it as a vector file (\(reason ?? "unknown format")). "
            + "Check that it is a complete GeoPackage, Shapefile or OpenStreetMap file.")
      }
    }

    /// The layer called `name`, or the only layer when `name` is nil.
    ///
    /// - Throws: ``InputError/dataset(file:message:)`` naming the layers to choose from.
    static func layer(of dataset: VectorDataset, named name: String?, path: String, file: String)
      throws(InputError) -> VectorLayer
    {
      let names = dataset.layerNames
      let listed = names.map { "'\($0)'" }.joined(separator: ", ")
      if let name {
        guard let layer = dataset.layer(named: name) else {
          throw .dataset(
            file: file,
            message: "no layer '\(name)'; its layers are \(listed). Write \(path):LAYER "
              + "with one of them.")
        }
        return layer
      }
      guard names.count == 1, let only = dataset.layer(at: 0) else {
        let example = names.first ?? "layer"
        throw .dataset(
          file: file,
          message: names.isEmpty
            ? "it has no layers. Check that it is the file you meant."
            : "it has \(names.count) layers (\(listed)); name the one to read, as "
              + "\(path):\(example).")
      }
      return only
    }

    /// A field value as a property: numbers, text, booleans, dates as ISO 8601, or null.
    static func property(_ value: VectorValue) -> JSONValue {
      switch value {
      case .null: return .null
      case .integer(let number): return .number(Double(number))
      case .boolean(let flag): return .bool(flag)
      case .real(let number): return .number(number)
      case .text(let text), .date(let text): return .string(text)
      case .other(let text): return .other(text)
      }
    }

    /// A geometry in the GeoJSON model.
    static func geometry(_ geometry: VectorGeometry?) -> GeoJSONGeometry? {
      func position(_ point: (x: Double, y: Double)) -> GeoJSONPosition {
        GeoJSONPosition(x: point.x, y: point.y)
      }
      func line(_ points: [(x: Double, y: Double)]) -> [GeoJSONPosition] { points.map(position) }
      switch geometry {
      case nil: return nil
      case .point(let x, let y)?: return .point(GeoJSONPosition(x: x, y: y))
      case .lineString(let points)?: return .lineString(line(points))
      case .polygon(let rings)?: return .polygon(rings.map(line))
      case .multiPoint(let points)?: return .multiPoint(points.map(position))
      case .multiLineString(let lines)?: return .multiLineString(lines.map(line))
      case .multiPolygon(let polygons)?: return .multiPolygon(polygons.map { $0.map(line) })
      case .collection(let parts)?: return .geometryCollection(parts.compactMap(self.geometry))
      }
    }
  }
#endif
