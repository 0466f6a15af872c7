import Foundation
import Testing

@testable import ServiceGapIO

/// The parser reads regular `coordinates` straight into positions
/// (``PackedCoordinates``); these check that nothing read that way differs from what the
/// file says, against Foundation's own JSON parser, and that irregular values still get
/// the generic reading and its messages.
@Suite("Packed coordinates")
struct PackedCoordinatesTests {
  struct NotCoordinates: Error {}

  /// The geometry Foundation's `JSONSerialization` reads from the same text.
  static func expected(type: String, coordinates: String) throws -> GeoJSONGeometry {
    let value = try JSONSerialization.jsonObject(
      with: Data(coordinates.utf8), options: [.fragmentsAllowed])
    func array(_ value: Any) throws -> [Any] {
      guard let items = value as? [Any] else { throw NotCoordinates() }
      return items
    }
    func position(_ value: Any) throws -> GeoJSONPosition {
      guard let numbers = value as? [NSNumber], numbers.count >= 2 else {
        throw NotCoordinates()
      }
      return GeoJSONPosition(x: numbers[0].doubleValue, y: numbers[1].doubleValue)
    }
    func positions(_ value: Any) throws -> [GeoJSONPosition] { try array(value).map(position) }
    func lines(_ value: Any) throws -> [[GeoJSONPosition]] { try array(value).map(positions) }
    switch type {
    case "Point": return .point(try position(value))
    case "MultiPoint": return .multiPoint(try positions(value))
    case "LineString": return .lineString(try positions(value))
    case "MultiLineString": return .multiLineString(try lines(value))
    case "Polygon": return .polygon(try lines(value))
    default: return .multiPolygon(try array(value).map(lines))
    }
  }

  static func parsed(type: String, coordinates: String) throws -> GeoJSONGeometry? {
    let text =
      #"{"type":"Feature","properties":{},"geometry":{"type":""# + type
      + #"","coordinates":"# + coordinates + "}}"
    return try GeoJSONReader.parse(Array(text.utf8), file: "p.geojson").features[0].geometry
  }

  @Test(arguments: [
    ("Point", "[18.74,65.18]"),
    ("Point", "[ -1.5e-3 ,\n 2E+2 ]"),
    ("Point", "[18.74,65.18,300]"),  // a height: generic path, dropped as before
    ("MultiPoint", "[[1,2],[3,4]]"),
    ("LineString", "[[0,0],[1,1],[2.25,-3.125]]"),
    ("LineString", "[ [0, 0] ,\r\n\t[1 ,1] ]"),
    ("LineString", "[[0,0,5],[1,1]]"),  // one position with a height
    ("MultiLineString", "[[[0,0],[1,1]],[[5,5],[6,6],[7,7]]]"),
    ("Polygon", "[[[0,0],[1,0],[1,1],[0,0]],[[0.2,0.2],[0.4,0.2],[0.4,0.4],[0.2,0.2]]]"),
    ("Polygon", "[[[0,0],[1,0],[1,1],[0,0]],[]]"),  // an empty hole: generic path
    ("MultiPolygon", "[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]"),
    (
      "MultiPolygon",
      "[[[[17.1234567,59.7654321],[17.2,59.7],[17.3,59.8],[17.1234567,59.7654321]]]]"
    ),
  ])
  func readsWhatTheFileSays(type: String, coordinates: String) throws {
    #expect(
      try Self.parsed(type: type, coordinates: coordinates)
        == Self.expected(type: type, coordinates: coordinates))
  }

  /// Packed at one depth, asked for at another: the generic message, as before packing.
  @Test(arguments: [
    ("Point", "[[1,2]]"),
    ("LineString", "[1,2]"),
    ("LineString", "[[[1,2],[3,4]]]"),
    ("Polygon", "[[1,2],[3,4]]"),
    ("MultiPolygon", "[[[1,2],[3,4]]]"),
  ])
  func depthMismatchKeepsTheMessage(type: String, coordinates: String) {
    #expect(
      throws: InputError.notGeoJSON(
        file: "p.geojson", feature: 1,
        message: "the \(type)'s coordinates must be positions [x, y] of numbers")
    ) {
      try Self.parsed(type: type, coordinates: coordinates)
    }
  }

  /// Bad JSON inside coordinates is reported where it is, as the generic parser does.
  @Test func syntaxErrorsInsideCoordinatesKeepTheirPlace() {
    let text = #"{"type":"LineString","coordinates":[[0,0],[1,1x]]}"#
    #expect(
      throws: InputError.badJSON(
        file: "p.geojson", line: 1, column: 47, message: "expected ',' or ']', found 'x'")
    ) {
      try GeoJSONReader.parse(Array(text.utf8), file: "p.geojson")
    }
  }

  /// A property that happens to be called `coordinates` keeps its text.
  @Test func propertyNamedCoordinatesKeepsItsText() throws {
    let text =
      #"{"type":"Feature","properties":{"coordinates":[[1,2],[3.5,4]]},"geometry":null}"#
    let document = try GeoJSONReader.parse(Array(text.utf8), file: "p.geojson")
    #expect(document.features[0].properties["coordinates"] == .other("[[1,2],[3.5,4]]"))
  }
}
