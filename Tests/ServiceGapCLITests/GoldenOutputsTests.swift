import Foundation
import ServiceGapTestSupport
import Testing

/// Every subcommand's outputs, pinned byte for byte: what it prints and every file it
/// writes (`run.json` aside, which records times and paths), on the demo area and the Umeå
/// road network, straight-line and along the roads.
///
/// The golden files under `Golden/<case>/` were recorded before the analysis was rebuilt as
/// a pipeline of category plans (issue 14), so this suite is the proof that users see no
/// change; re-record (`SERVICEGAP_RECORD=1`) only for a change a closing note names.
@Suite("golden outputs of every subcommand", .timeLimit(.minutes(10)))
struct GoldenOutputsTests {
  /// One command to run and where its outputs go.
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    /// Files the command writes beside `out/` (such as the report).
    var files: [String] = []
    var testDescription: String { name }
  }

  static let demo = [
    "--population", "population.csv", "--services", "services.geojson", "--regions",
    "kommuner.geojson", "--region-field", "kommun_kod",
  ]
  static let umea = [
    "--mode", "network", "--roads", "roads.geojson", "--length-field", "length_m",
    "--population", "umea_units.csv", "--regions", "umea_kommuner.geojson",
  ]

  static let cases: [Case] = [
    Case(
      name: "analyze-demo",
      arguments: ["analyze"] + demo + [
        "--categories", "grocery,fuel,pharmacy,atm,health", "--thresholds", "5km,10km",
        "--thresholds", "atm=10km,25km", "--criticality", "--curves", "--check",
        "atm:25km<=0.3%", "--combined", "grocery:10km,atm:25km", "--report", "report.html",
        "--out", "out",
      ], files: ["report.html"]),
    Case(
      name: "analyze-umea-network",
      arguments: ["analyze"] + umea + [
        "--services", "umea_services.csv", "--thresholds", "10min,20min", "--thresholds",
        "pharmacy=10km,25km", "--criticality", "--curves", "--report", "report.html", "--out",
        "out",
      ], files: ["report.html"]),
    Case(
      name: "compare-rank",
      arguments: ["compare"] + demo + [
        "--categories", "grocery,pharmacy", "--share-limit", "5%", "--out", "out",
      ]),
    Case(
      name: "compare-files",
      arguments: [
        "compare", "--population", "umea_units.csv", "--regions", "umea_kommuner.geojson",
        "--before", "umea_services.csv", "--after", "umea_services_after.csv", "--categories",
        "grocery,pharmacy", "--out", "out",
      ]),
    Case(
      name: "whatif-demo",
      arguments: ["whatif"] + demo + [
        "--categories", "grocery,atm", "--thresholds", "5km,10km", "--thresholds",
        "atm=10km,25km", "--close", "svc09005", "--open", "20.0407,64.7902,grocery", "--out",
        "out",
      ]),
    Case(
      name: "whatif-umea-network",
      arguments: ["whatif"] + umea + [
        "--services", "umea_services.csv", "--categories", "grocery", "--thresholds",
        "2min,5min", "--no-zones", "--close-file", "vannas_grocery.txt", "--out", "out",
      ]),
    Case(
      name: "access-demo",
      arguments: ["access"] + demo + [
        "--categories", "grocery,pharmacy", "--catchment", "10km", "--catchment",
        "pharmacy=30km", "--out", "out",
      ]),
    Case(
      name: "access-demo-gaussian",
      arguments: ["access"] + demo + [
        "--categories", "grocery", "--catchment", "20km", "--weights", "gaussian:5km",
        "--no-zones", "--out", "out",
      ]),
    Case(
      name: "access-umea-network",
      arguments: ["access"] + umea + [
        "--services", "umea_services.csv", "--categories", "grocery,pharmacy", "--thresholds",
        "10km,20km", "--catchment", "20km", "--weights", "5km=1,10km=0.68,20km=0.22",
        "--no-zones", "--out", "out",
      ]),
    Case(
      name: "site-demo",
      arguments: [
        "site", "--population", "population.csv", "--services", "services.geojson",
        "--category", "grocery", "--count", "3", "--threshold", "5km", "--out", "out",
      ]),
    Case(
      name: "site-demo-grid",
      arguments: [
        "site", "--population", "population.csv", "--services", "services.geojson",
        "--category", "pharmacy", "--count", "2", "--threshold", "10km", "--candidates",
        "grid:2km", "--out", "out",
      ]),
    Case(
      name: "site-umea-network",
      arguments: [
        "site", "--mode", "network", "--roads", "roads.geojson", "--length-field", "length_m",
        "--population", "umea_units.csv", "--services", "umea_services.csv", "--category",
        "pharmacy", "--count", "2", "--threshold", "10km", "--out", "out",
      ]),
  ]

  /// A folder holding the inputs under the short names the cases use.
  static func folder(_ label: String) throws -> TemporaryFolder {
    let folder = try TemporaryFolder("golden-\(label)")
    try folder.copyFixture(Demo.population, as: "population.csv")
    try folder.copyFixture(Demo.services, as: "services.geojson")
    try folder.copyFixture(Demo.regions, as: "kommuner.geojson")
    try folder.copyFixture("roads/umea_region_roads.geojson", as: "roads.geojson")
    try folder.copyFixture("roads/umea_units.csv", as: "umea_units.csv")
    try folder.copyFixture("roads/umea_kommuner.geojson", as: "umea_kommuner.geojson")
    try folder.copyFixture("demo_umea/services.csv", as: "umea_services.csv")
    // The Umeå services without Vännäs's grocery stores, and their ids.
    let lines = try String(
      contentsOf: Fixtures.url("demo_umea/services.csv"), encoding: .utf8
    ).split(separator: "\n").map(String.init)
    let vannas = lines.filter { $0.contains(",grocery,2460,") }
    try folder.write(
      "umea_services_after.csv", lines.filter { !vannas.contains($0) }.joined(separator: "\n"))
    try folder.write(
      "vannas_grocery.txt",
      vannas.map { String($0.prefix { $0 != "," }) }.joined(separator: "\n") + "\n")
    return folder
  }

  /// Every file of a folder, by name, except `run.json`.
  static func outputs(_ folder: URL) throws -> [String: Data] {
    try folderContents(folder).filter { $0.key != "run.json" }
  }

  @Test("stdout, stderr and every output file equal the golden files", arguments: cases)
  func golden(_ testCase: Case) async throws {
    let folder = try Self.folder(testCase.name)
    defer { folder.remove() }
    let result = try await runServiceGap(testCase.arguments, in: folder.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let golden = Snapshot.directory(besides: #filePath)
      .deletingLastPathComponent().appendingPathComponent("Golden/\(testCase.name)")
    assertSnapshot(result.stdout, named: "stdout.txt", in: golden)
    assertSnapshot(result.stderr, named: "stderr.txt", in: golden)
    let written = try Self.outputs(folder.file("out"))
    #expect(!written.isEmpty, "the command wrote its outputs")
    var expected = Set(written.keys)
    if !Snapshot.isRecording,
      let recorded = try? FileManager.default.contentsOfDirectory(
        atPath: golden.appendingPathComponent("out").path)
    {
      expected = Set(recorded)
    }
    #expect(Set(written.keys) == expected, "the same files as recorded")
    for (name, data) in written.sorted(by: { $0.key < $1.key }) {
      assertSnapshot(
        String(decoding: data, as: UTF8.self), named: name,
        in: golden.appendingPathComponent("out"))
    }
    for name in testCase.files {
      let data = try Data(contentsOf: folder.file(name))
      assertSnapshot(String(decoding: data, as: UTF8.self), named: name, in: golden)
    }
  }

  #if GDAL
    @Test("--out results.gpkg: every layer and table, as GDAL reads them")
    func geoPackage() async throws {
      let folder = try Self.folder("gpkg")
      defer { folder.remove() }
      let result = try await runServiceGap(
        ["analyze"] + Self.demo + [
          "--categories", "grocery,pharmacy,atm", "--thresholds", "5km,10km", "--thresholds",
          "atm=10km,25km", "--criticality", "--curves", "--out", "results.gpkg",
        ], in: folder.url)
      #expect(result.status == 0, "stderr: \(result.stderr)")
      let golden = Snapshot.directory(besides: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Golden/analyze-demo-gpkg")
      let gpkg = folder.file("results.gpkg").path
      let listing = try await ChildProcess.run(["/usr/bin/env", "ogrinfo", "-ro", "-q", gpkg])
      try #require(listing.status == 0, "\(listing.stderr)")
      assertSnapshot(listing.stdout, named: "layers.txt", in: golden)
      // Layers as GeoJSON, tables as CSV; servicegap_files and layer_styles hold run.json
      // and the QGIS styles, which the folder goldens pin.
      for layer in ["units", "zones", "services", "summary", "curves"] {
        let format = ["summary", "curves"].contains(layer) ? "CSV" : "GeoJSON"
        let dump = try await ChildProcess.run([
          "/usr/bin/env", "ogr2ogr", "-f", format, "/vsistdout/", gpkg, layer,
        ])
        try #require(dump.status == 0, "\(layer): \(dump.stderr)")
        assertSnapshot(
          dump.stdout, named: "\(layer).\(format == "CSV" ? "csv" : "geojson")", in: golden)
      }
    }
  #endif
}
