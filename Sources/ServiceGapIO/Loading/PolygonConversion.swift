import ServiceGap

/// Turns GeoJSON polygon coordinates into closed lon/lat rings.
enum PolygonConversion {
  /// Range-checks and converts every vertex, closes open rings and checks ring sizes.
  ///
  /// - Throws: ``InputError/coordinateOutOfRange(file:location:x:y:crs:suggestedCRS:)``,
  ///   ``InputError/untransformable(file:location:x:y:crs:)`` or
  ///   ``InputError/invalidGeometry(file:feature:reason:)`` (a ring of fewer than four
  ///   positions, a polygon without rings).
  static func lonLatPolygons(
    _ polygons: [[[GeoJSONPosition]]], input: CoordinateInput, file: String, feature: Int
  ) throws(InputError) -> [PolygonRings] {
    let location = InputLocation.feature(feature)
    var result: [PolygonRings] = []
    result.reserveCapacity(polygons.count)
    for polygon in polygons {
      guard !polygon.isEmpty else {
        throw .invalidGeometry(file: file, feature: feature, reason: "a polygon without rings")
      }
      var rings: PolygonRings = []
      rings.reserveCapacity(polygon.count)
      for ring in polygon {
        var points: Ring = []
        points.reserveCapacity(ring.count + 1)
        for position in ring {
          try input.checkRange(x: position.x, y: position.y, file: file, location: location)
          points.append(
            try input.lonLat(x: position.x, y: position.y, file: file, location: location))
        }
        if let first = points.first, first != points.last { points.append(first) }
        guard points.count >= 4 else {
          throw .invalidGeometry(
            file: file, feature: feature,
            reason: "a ring has \(ring.count) positions; a closed ring needs at least 4")
        }
        rings.append(points)
      }
      result.append(rings)
    }
    guard !result.isEmpty else {
      throw .invalidGeometry(file: file, feature: feature, reason: "no polygons")
    }
    return result
  }

  /// Validates (and repairs) polygons with GEOS, warning when a repair was made.
  ///
  /// - Parameters:
  ///   - polygons: The polygons in lon/lat.
  ///   - file: The file name for messages.
  ///   - feature: The 1-based feature number for messages.
  ///   - label: How the feature is named in the warning, such as `feature 3 (Arjeplog)`.
  ///   - context: Receives the repair warning.
  /// - Returns: The valid (possibly repaired) polygons.
  /// - Throws: ``InputError/invalidGeometry(file:feature:reason:)`` when GEOS cannot use them.
  static func validated(
    _ polygons: [PolygonRings], file: String, feature: Int, label: String,
    context: inout LoadContext
  ) throws(InputError) -> [PolygonRings] {
    do {
      let (valid, reason) = try PolygonTools.validated(polygons)
      if let reason {
        context.warn("\(label): invalid polygon repaired with GEOS MakeValid (\(reason))")
      }
      guard !valid.isEmpty else {
        throw InputError.invalidGeometry(
          file: file, feature: feature, reason: "nothing is left after repair (\(reason ?? ""))")
      }
      return valid
    } catch let error as InputError {
      throw error
    } catch {
      throw .invalidGeometry(file: file, feature: feature, reason: "\(error)")
    }
  }

  /// The unit point of polygons (centroid if inside, else a point on the surface).
  ///
  /// - Throws: ``InputError/invalidGeometry(file:feature:reason:)``.
  static func unitPoint(of polygons: [PolygonRings], file: String, feature: Int)
    throws(InputError) -> LonLat
  {
    do {
      return try PolygonTools.unitPoint(of: polygons)
    } catch {
      throw .invalidGeometry(file: file, feature: feature, reason: "\(error)")
    }
  }
}
