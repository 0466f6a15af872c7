import Testing

@testable import ServiceGapIO

@Suite("CRS names and formats")
struct CRSNameTests {
  @Test(arguments: [
    ("EPSG:3006", "EPSG:3006"), ("epsg:3006", "EPSG:3006"), ("3006", "EPSG:3006"),
    (" EPSG:25833 ", "EPSG:25833"), ("urn:ogc:def:crs:EPSG::3006", "EPSG:3006"),
    ("urn:ogc:def:crs:EPSG:6.6:3021", "EPSG:3021"), ("urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326"),
    ("OGC:CRS84", "EPSG:4326"), ("CRS84", "EPSG:4326"), ("WGS84", "EPSG:4326"),
    ("+proj=utm +zone=33 +ellps=GRS80", "+proj=utm +zone=33 +ellps=GRS80"),
  ])
  func normalize(text: String, expected: String) {
    #expect(CRSName.normalize(text) == expected)
  }

  @Test func formatDetection() {
    #expect(InputFormat.detect(path: "a.GeoJSON", bytes: []) == .geojson)
    #expect(InputFormat.detect(path: "a.json", bytes: []) == .geojson)
    #expect(InputFormat.detect(path: "a.tsv", bytes: Array("{".utf8)) == .csv)
    #expect(
      InputFormat.detect(path: "data", bytes: [0xEF, 0xBB, 0xBF] + Array("\n {\"type\"".utf8))
        == .geojson)
    #expect(InputFormat.detect(path: "data", bytes: Array("lon,lat".utf8)) == .csv)
  }

  @Test func fieldRoleFlags() {
    #expect(FieldRole.x.flag == "--x-field")
    #expect(FieldRole.population.flag == "--population-field")
    #expect(FieldRole.region.candidates.isEmpty)
  }

  @Test func swappedGeoJSONWarns() throws {
    let text =
      #"{"type":"Feature","properties":{"pop":1},"geometry":{"type":"Point","coordinates":[64.79,20.04]}}"#
    let result = try PopulationLoader.load(content: Array(text.utf8), file: "p.geojson")
    #expect(
      result.warnings == [
        "p.geojson: x values (longitudes) are between 54 and 72 and y values (latitudes) between "
          + "-25 and 32: that is Nordic data with longitude and latitude swapped, or data from "
          + "Arabia or Pakistan; GeoJSON positions are [longitude, latitude]; swap the two "
          + "numbers in the file"
      ])
  }
}
