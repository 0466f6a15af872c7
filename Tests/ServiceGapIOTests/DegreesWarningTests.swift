import Testing

@testable import ServiceGapIO

/// Degrees in a file whose CRS is in metres: the warning's fix must be one the user can
/// apply to that file.
@Suite("Degrees declared as metres")
struct DegreesWarningTests {
  @Test func csvWithCRSOptionIsToldToPassEPSG4326() throws {
    let text = "id,population,lon,lat\na,10,20.04,64.79\nb,5,19.5,64.6\n"
    let result = try PopulationLoader.load(
      content: Array(text.utf8), file: "p.csv", options: FieldOptions(crs: "EPSG:3006"))
    #expect(
      result.warnings.contains {
        $0.contains(
          "the CRS is EPSG:3006 (metres); if the file holds degrees, pass --crs EPSG:4326")
      }, "\(result.warnings)")
  }

  @Test func geoJSONWithACRSMemberIsToldToRemoveIt() throws {
    // The CLI ignores --crs for GeoJSON, so suggesting it would not help.
    let text = """
      {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3006"}},
      "features":[{"type":"Feature","properties":{"population":10},
      "geometry":{"type":"Point","coordinates":[20.04,64.79]}}]}
      """
    let result = try PopulationLoader.load(content: Array(text.utf8), file: "p.geojson")
    let warning = try #require(result.warnings.first { $0.contains("looks like longitude") })
    #expect(
      warning.hasSuffix("remove the file's crs member (GeoJSON without one is longitude/latitude)"))
    #expect(!warning.contains("--crs"))
  }
}
