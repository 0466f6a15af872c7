import Foundation
import ServiceGapTestSupport
import Testing

/// `--out` never replaces an input, whatever form the target takes.
@Suite("--out never replaces an input", .timeLimit(.minutes(10)))
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
    #expect(result.status == 64, "a usage error: \(result.stderr)")
    #expect(
      result.stderr.contains(
        "Error: '--out out' would replace the input \(input.resolvingSymlinksInPath().path) "
          + "with an output of the same name; write the results to another folder."),
      "\(result.stderr)")
    #expect(try Data(contentsOf: input) == services)
  }

  @Test("--option=value inputs are checked like --option value")
  func joinedOptionValue() async throws {
    let folder = try TemporaryFolder("out-joined")
    defer { folder.remove() }
    let out = folder.file("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let input = try folder.copyFixture(Demo.services, as: "out/units.geojson")
    let before = try Data(contentsOf: input)
    var arguments = Demo.analyzeArguments()
    let index = try #require(arguments.firstIndex(of: "--services"))
    arguments.replaceSubrange(index...(index + 1), with: ["--services=out/units.geojson"])
    let result = try await runServiceGap(arguments + ["--out=out"], in: folder.url)
    #expect(result.status == 64, "a usage error: \(result.stderr)")
    #expect(result.stderr.contains("would replace the input"), "\(result.stderr)")
    #expect(try Data(contentsOf: input) == before)
  }

  @Test("--report naming an input is refused untouched")
  func reportOverInput() async throws {
    let folder = try TemporaryFolder("report-input")
    defer { folder.remove() }
    // Loaders read content, not extensions: a CSV saved as .html is a valid input.
    let population = try folder.copyFixture(Demo.population, as: "population.html")
    let before = try Data(contentsOf: population)
    let result = try await runServiceGap(
      Demo.analyzeArguments(population: "population.html") + ["--report", "./population.html"],
      in: folder.url)
    #expect(result.status == 64, "a usage error: \(result.stderr)")
    #expect(
      result.stderr.contains(
        "Error: '--report ./population.html' would replace the input "
          + "\(population.resolvingSymlinksInPath().path); write it to another file."),
      "\(result.stderr)")
    #expect(try Data(contentsOf: population) == before)
  }

  @Test("whatif: a --close-file inside the output folder named delta.csv is refused untouched")
  func whatIfCloseFile() async throws {
    let folder = try TemporaryFolder("whatif-close-file")
    defer { folder.remove() }
    let out = folder.file("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let closeFile = try folder.write("out/delta.csv", "id\nsvc09005\n")
    for form in [["--close-file", "out/delta.csv"], ["--close-file=out/delta.csv"]] {
      let result = try await runServiceGap(
        ["whatif"] + Demo.analyzeArguments().dropFirst() + form + ["--out", "out"],
        in: folder.url)
      #expect(result.status == 64, "a usage error: \(form) \(result.stderr)")
      #expect(
        result.stderr.contains(
          "Error: '--out out' would replace the input "
            + "\(closeFile.resolvingSymlinksInPath().path) with an output of the same name"),
        "\(form): \(result.stderr)")
      #expect(try String(contentsOf: closeFile, encoding: .utf8) == "id\nsvc09005\n")
    }
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
      #expect(result.status == 64, "a usage error: \(result.stderr)")
      #expect(
        result.stderr.contains(
          "Error: '--out ./inputs.gpkg' would replace the input "
            + "\(gpkg.resolvingSymlinksInPath().path); write the results to another file."),
        "\(result.stderr)")
      #expect(try Data(contentsOf: gpkg) == before)
    }
  #endif
}
