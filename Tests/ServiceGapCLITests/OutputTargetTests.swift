import Foundation
import ServiceGapTestSupport
import Testing

/// `--out` never replaces an input, whatever form the target takes.
@Suite("--out never replaces an input")
struct OutputTargetTests {
  @Test("an input inside the output folder, under an output's name, is refused untouched")
  func folderWithInput() async throws {
    let folder = try TemporaryFolder("out-input")
    defer { folder.remove() }
    let out = folder.file("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let services = try Data(contentsOf: Fixtures.url(Demo.services))
    let input = out.appendingPathComponent("units.geojson")
    try services.write(to: input)
    let result = try await runServiceGap(
      Demo.analyzeArguments(services: "out/units.geojson") + ["--out", "out"], in: folder.url)
    #expect(result.status != 0)
    #expect(
      result.stderr.contains(
        "Error: '--out out' would replace the input \(input.resolvingSymlinksInPath().path) "
          + "with an output of the same name; write the results to another folder."),
      "\(result.stderr)")
    #expect(try Data(contentsOf: input) == services)
  }

  #if GDAL
    @Test("a GeoPackage output that is also an input is refused untouched")
    func geoPackageInput() async throws {
      let folder = try TemporaryFolder("out-gpkg-input")
      defer { folder.remove() }
      let gpkg = try folder.copyFixture("gpkg/inputs.gpkg", as: "inputs.gpkg")
      let before = try Data(contentsOf: gpkg)
      let result = try await runServiceGap(
        Demo.analyzeArguments(
          population: "inputs.gpkg:population", services: "inputs.gpkg:services",
          regions: "inputs.gpkg:regions") + ["--out", "./inputs.gpkg"], in: folder.url)
      #expect(result.status != 0)
      #expect(
        result.stderr.contains(
          "Error: '--out ./inputs.gpkg' would replace the input "
            + "\(gpkg.resolvingSymlinksInPath().path); write the results to another file."),
        "\(result.stderr)")
      #expect(try Data(contentsOf: gpkg) == before)
    }
  #endif
}
