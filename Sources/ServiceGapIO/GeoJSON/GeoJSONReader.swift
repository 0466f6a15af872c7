/// Reads GeoJSON files into a ``GeoJSONDocument``.
///
/// Accepts a FeatureCollection, a single Feature or a bare geometry (which becomes one
/// feature without properties). Honours the legacy `crs` member of GeoJSON 2008:
/// `{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}}` (or
/// `EPSG:3006`), `{"type":"EPSG","properties":{"code":3006}}`, or a plain string;
/// `urn:ogc:def:crs:OGC:1.3:CRS84` means EPSG:4326. Coordinates are kept in the file's
/// CRS; the loaders transform them.
///
/// - Complexity: O(*n*) in the file size.
public enum GeoJSONReader {
  /// Reads and parses the GeoJSON file at `path`.
  ///
  /// - Parameter path: The file path; also the file name in messages.
  /// - Returns: The document.
  /// - Throws: ``InputError`` (file not found, bad JSON with line and column, not GeoJSON
  ///   with the feature number, no features).
  public static func read(file path: String) throws -> GeoJSONDocument {
    try parse(InputFile.bytes(of: path), file: path)
  }

  /// Parses GeoJSON content.
  ///
  /// - Parameters:
  ///   - content: The file's bytes (UTF-8).
  ///   - file: The file name used in messages.
  /// - Returns: The document.
  /// - Throws: ``InputError``.
  public static func parse(_ content: [UInt8], file: String) throws -> GeoJSONDocument {
    let root: JSONNode
    do {
      root = try JSONParser.parse(content)
    } catch {
      let (line, column) = JSONParser.lineAndColumn(of: error.offset, in: content)
      throw InputError.badJSON(file: file, line: line, column: column, message: error.message)
    }
    return try document(from: root, file: file)
  }

  static func document(from root: JSONNode, file: String) throws -> GeoJSONDocument {
    guard case .object = root else {
      throw InputError.notGeoJSON(
        file: file, feature: nil, message: "the top level is \(root.kindDescription), not an object"
      )
    }
    let declaredCRS = try crs(from: root["crs"], file: file)
    guard case .string(let type)? = root["type"] else {
      throw InputError.notGeoJSON(file: file, feature: nil, message: "the 'type' member is missing")
    }
    var features: [GeoJSONFeature] = []
    var names = PropertyNames()
    switch type {
    case "FeatureCollection":
      guard case .array(let items)? = root["features"] else {
        throw InputError.notGeoJSON(
          file: file, feature: nil, message: "a FeatureCollection needs a 'features' array")
      }
      features.reserveCapacity(items.count)
      for (offset, item) in items.enumerated() {
        features.append(try feature(from: item, number: offset + 1, file: file, names: &names))
      }
    case "Feature":
      features.append(try feature(from: root, number: 1, file: file, names: &names))
    default:
      let geometry = try geometry(from: root, feature: 1, file: file)
      features.append(GeoJSONFeature(number: 1, geometry: geometry))
    }
    guard !features.isEmpty else { throw InputError.emptyFile(file: file, format: .geojson) }
    return GeoJSONDocument(
      file: file, declaredCRS: declaredCRS, features: features, propertyNames: names.ordered)
  }

  /// Property names in order of first appearance.
  struct PropertyNames {
    var ordered: [String] = []
    var seen = Set<String>()

    mutating func add(_ name: String) {
      if seen.insert(name).inserted { ordered.append(name) }
    }
  }

  static func crs(from node: JSONNode?, file: String) throws -> String? {
    guard let node else { return nil }
    switch node {
    case .null: return nil
    case .string(let name): return CRSName.normalize(name)
    case .object:
      let properties = node["properties"]
      if case .string(let name)? = properties?["name"] { return CRSName.normalize(name) }
      if case .number(let code)? = properties?["code"] { return "EPSG:\(Int(code))" }
      if case .string(let code)? = properties?["code"] { return CRSName.normalize(code) }
      throw InputError.notGeoJSON(
        file: file, feature: nil,
        message: "the 'crs' member names no CRS (only named CRSs are read); remove it and pass "
          + "--crs")
    default:
      throw InputError.notGeoJSON(
        file: file, feature: nil, message: "the 'crs' member is \(node.kindDescription)")
    }
  }

  static func feature(
    from node: JSONNode, number: Int, file: String, names: inout PropertyNames
  ) throws -> GeoJSONFeature {
    guard case .object(let members) = node else {
      throw InputError.notGeoJSON(
        file: file, feature: number,
        message: "a feature must be an object, not \(node.kindDescription)")
    }
    if case .string(let type)? = node["type"], type != "Feature" {
      // A bare geometry inside a FeatureCollection: accept it as a feature without properties.
      guard isGeometryType(type) else {
        throw InputError.notGeoJSON(
          file: file, feature: number, message: "'type' is '\(type)', expected 'Feature'")
      }
      return GeoJSONFeature(
        number: number, geometry: try geometry(from: node, feature: number, file: file))
    }
    var properties: [String: JSONValue] = [:]
    var id: JSONValue?
    var geometryNode: JSONNode?
    for member in members {
      switch member.key {
      case "properties":
        switch member.value {
        case .object(let pairs):
          properties.reserveCapacity(pairs.count)
          for pair in pairs {
            properties[pair.key] = pair.value.propertyValue
            names.add(pair.key)
          }
        case .null: break
        default:
          throw InputError.notGeoJSON(
            file: file, feature: number,
            message: "'properties' must be an object or null, not \(member.value.kindDescription)")
        }
      case "id": id = member.value.propertyValue
      case "geometry": geometryNode = member.value
      default: break
      }
    }
    var geometry: GeoJSONGeometry?
    if let geometryNode, geometryNode != .null {
      geometry = try self.geometry(from: geometryNode, feature: number, file: file)
    }
    return GeoJSONFeature(number: number, id: id, properties: properties, geometry: geometry)
  }

  static func isGeometryType(_ type: String) -> Bool {
    [
      "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
      "GeometryCollection",
    ].contains(type)
  }

  static func geometry(from node: JSONNode, feature: Int, file: String) throws -> GeoJSONGeometry {
    func fail(_ message: String) -> InputError {
      .notGeoJSON(file: file, feature: feature, message: message)
    }
    guard case .object = node else {
      throw fail("'geometry' must be an object or null, not \(node.kindDescription)")
    }
    guard case .string(let type)? = node["type"] else {
      throw fail("the geometry has no 'type'")
    }
    if type == "GeometryCollection" {
      guard case .array(let items)? = node["geometries"] else {
        throw fail("a GeometryCollection needs a 'geometries' array")
      }
      return .geometryCollection(
        try items.map { try geometry(from: $0, feature: feature, file: file) })
    }
    guard isGeometryType(type) else {
      throw fail("unknown geometry type '\(type)'")
    }
    guard var coordinates = node["coordinates"] else {
      throw fail("the \(type) has no 'coordinates'")
    }
    if case .coordinates(let packed) = coordinates {
      // Packed by the parser: taken as they are when the depth is the type's.
      switch (type, packed) {
      case ("Point", .position(let position)): return .point(position)
      case ("MultiPoint", .positions(let positions)): return .multiPoint(positions)
      case ("LineString", .positions(let positions)): return .lineString(positions)
      case ("MultiLineString", .lines(let lines)): return .multiLineString(lines)
      case ("Polygon", .lines(let rings)): return .polygon(rings)
      case ("MultiPolygon", .polygons(let polygons)): return .multiPolygon(polygons)
      default: coordinates = packed.node  // the generic path words the message
      }
    }
    let decoder = CoordinateDecoder(type: type, fail: fail)
    switch type {
    case "Point": return .point(try decoder.position(coordinates))
    case "MultiPoint": return .multiPoint(try decoder.positions(coordinates))
    case "LineString": return .lineString(try decoder.positions(coordinates))
    case "MultiLineString": return .multiLineString(try decoder.lines(coordinates))
    case "Polygon": return .polygon(try decoder.lines(coordinates))
    default: return .multiPolygon(try decoder.polygons(coordinates))
    }
  }

  /// Turns nested coordinate arrays into positions, naming the geometry type in errors.
  private struct CoordinateDecoder {
    let type: String
    let fail: (String) -> InputError

    func position(_ node: JSONNode) throws -> GeoJSONPosition {
      guard case .array(let values) = node, values.count >= 2,
        case .number(let x) = values[0], case .number(let y) = values[1]
      else {
        throw fail("the \(type)'s coordinates must be positions [x, y] of numbers")
      }
      return GeoJSONPosition(x: x, y: y)
    }

    func positions(_ node: JSONNode) throws -> [GeoJSONPosition] {
      guard case .array(let items) = node else { throw nestingError() }
      return try items.map(position)
    }

    func lines(_ node: JSONNode) throws -> [[GeoJSONPosition]] {
      guard case .array(let items) = node else { throw nestingError() }
      return try items.map(positions)
    }

    func polygons(_ node: JSONNode) throws -> [[[GeoJSONPosition]]] {
      guard case .array(let items) = node else { throw nestingError() }
      return try items.map(lines)
    }

    private func nestingError() -> InputError {
      fail("the \(type)'s coordinates are not nested as the type requires")
    }
  }
}
