import Testing

@testable import ServiceGapIO

@Suite("GeoJSONReader")
struct GeoJSONReaderTests {
  @Test func featureCollectionWithPropertiesAndGeometries() throws {
    let text = """
      {"type":"FeatureCollection","features":[
        {"type":"Feature","id":7,"properties":{"name":"Malå","pop":3100,"ok":true,"n":null,
          "tags":{"a":[1,2]}},"geometry":{"type":"Point","coordinates":[18.74,65.18,300]}},
        {"type":"Feature","properties":null,"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}},
        {"type":"Feature","properties":{"name":"x"},"geometry":null}
      ]}
      """
    let document = try GeoJSONReader.parse(text.bytes, file: "t.geojson")
    #expect(document.features.count == 3)
    #expect(document.declaredCRS == nil)
    #expect(document.propertyNames == ["name", "pop", "ok", "n", "tags"])
    let first = document.features[0]
    #expect(first.number == 1)
    #expect(first.id == .number(7))
    #expect(first.properties["name"] == .string("Malå"))
    #expect(first.properties["pop"] == .number(3100))
    #expect(first.properties["ok"] == .bool(true))
    #expect(first.properties["n"] == .null)
    #expect(first.properties["tags"] == .other("{\"a\":[1,2]}"))
    #expect(first.geometry == .point(GeoJSONPosition(x: 18.74, y: 65.18)))
    #expect(
      document.features[1].geometry
        == .lineString([GeoJSONPosition(x: 0, y: 0), GeoJSONPosition(x: 1, y: 1)]))
    #expect(document.features[2].geometry == nil)
  }

  @Test func bareFeatureAndBareGeometry() throws {
    let feature = try GeoJSONReader.parse(
      #"{"type":"Feature","properties":{"a":1},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}"#
        .bytes, file: "f.geojson")
    #expect(feature.features.count == 1)
    #expect(feature.features[0].geometry?.polygons?.count == 1)
    let geometry = try GeoJSONReader.parse(
      #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"#
        .bytes, file: "g.geojson")
    #expect(geometry.features[0].geometry?.polygons?.count == 2)
    #expect(geometry.features[0].properties.isEmpty)
  }

  @Test(arguments: [
    (#"{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}}"#, "EPSG:3006"),
    (#"{"type":"name","properties":{"name":"EPSG:3006"}}"#, "EPSG:3006"),
    (#"{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}"#, "EPSG:4326"),
    (#"{"type":"EPSG","properties":{"code":25833}}"#, "EPSG:25833"),
    (#""EPSG:3021""#, "EPSG:3021"),
  ])
  func legacyCRSMember(member: String, expected: String) throws {
    let text =
      #"{"type":"FeatureCollection","crs":"# + member
      + #","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#
    #expect(try GeoJSONReader.parse(text.bytes, file: "c.geojson").declaredCRS == expected)
  }

  @Test func escapesInStrings() throws {
    let text =
      #"{"type":"Feature","properties":{"s":"a\"b\\c\/d\n\u00e5\ud83d\ude00"},"geometry":null}"#
    let document = try GeoJSONReader.parse(text.bytes, file: "e.geojson")
    #expect(document.features[0].properties["s"] == .string("a\"b\\c/d\nå😀"))
  }

  @Test func syntaxErrorsHaveLineAndColumn() {
    let text =
      "{\"type\":\"FeatureCollection\",\n\"features\":[\n  {\"type\":\"Feature\" \"properties\":{}}]}"
    #expect(
      throws: InputError.badJSON(
        file: "b.geojson", line: 3, column: 21, message: "expected ',' or '}', found '\"'")
    ) {
      try GeoJSONReader.parse(text.bytes, file: "b.geojson")
    }
    #expect(
      throws: InputError.badJSON(
        file: "b.geojson", line: 1, column: 2,
        message: "expected a member name in double quotes, found the end of the file")
    ) {
      try GeoJSONReader.parse("{".bytes, file: "b.geojson")
    }
  }

  @Test func structuralErrorsNameTheFeature() {
    let text =
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":["a",2]}}]}"#
    #expect(
      throws: InputError.notGeoJSON(
        file: "s.geojson", feature: 2,
        message: "the Point's coordinates must be positions [x, y] of numbers")
    ) {
      try GeoJSONReader.parse(text.bytes, file: "s.geojson")
    }
  }

  @Test func emptyCollection() {
    #expect(throws: InputError.emptyFile(file: "e.geojson", format: .geojson)) {
      try GeoJSONReader.parse(
        #"{"type":"FeatureCollection","features":[]}"#.bytes, file: "e.geojson")
    }
  }

  @Test func readsTheHelsinkiRoads() throws {
    let document = try GeoJSONReader.read(
      file: IOTestPaths.fixture("osm/helsinki_centre_roads.geojson"))
    #expect(document.features.count == 2417)
    #expect(document.features.allSatisfy { $0.geometry?.typeName == "LineString" })
  }
}
