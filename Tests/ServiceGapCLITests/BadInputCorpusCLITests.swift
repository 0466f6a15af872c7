import Foundation
import ServiceGapTestSupport
import Testing

/// One `analyze` call of the bad-input corpus where the command line matters, and the
/// complete line it must print on standard error.
struct CorpusCLICase: Sendable, CustomTestStringConvertible {
  var label: String
  /// Arguments after `analyze --population P --services S`.
  var arguments: [String]
  var population = "good_population.csv"
  var stderrLine: String
  /// 1 for errors found while running, 64 for argument errors (sysexits' EX_USAGE).
  var status: Int32 = 1

  var testDescription: String { label }

  /// Thresholds as planners mistype them; unknown categories and `--crs EPSG:999999` are in
  /// `AnalyzeBadInputTests`.
  static let all: [CorpusCLICase] = [
    CorpusCLICase(
      label: "threshold without a unit", arguments: ["--thresholds", "10"],
      stderrLine: "Error: '--thresholds 10': '10' is not a threshold; write a positive number "
        + "with km, m or min, e.g. 5km,10km or grocery=5km,10km."),
    CorpusCLICase(
      label: "negative threshold", arguments: ["--thresholds", "-5km"],
      stderrLine: "Error: '--thresholds -5km': '-5km' is not a threshold; write a positive "
        + "number with km, m or min, e.g. 5km,10km or grocery=5km,10km."),
    CorpusCLICase(
      label: "zero threshold", arguments: ["--thresholds", "0km"],
      stderrLine: "Error: '--thresholds 0km': '0km' is not a threshold; write a positive number "
        + "with km, m or min, e.g. 5km,10km or grocery=5km,10km."),
    CorpusCLICase(
      label: "threshold in miles", arguments: ["--thresholds", "10 mi"],
      stderrLine: "Error: '--thresholds 10 mi': '10 mi' is not a threshold; write a positive "
        + "number with km, m or min, e.g. 5km,10km or grocery=5km,10km."),
    CorpusCLICase(
      label: "GeoJSON nested 10,000 levels deep", arguments: [],
      population: "deep_nesting.geojson",
      stderrLine: "Error: deep_nesting.geojson line 1, column 551: invalid JSON: nesting deeper "
        + "than 512 levels. Check the file with a JSON validator, e.g. "
        + "`jq . deep_nesting.geojson`."),
    CorpusCLICase(
      label: "SWEREF99 TM GeoJSON: --crs does not apply, the message says what does",
      arguments: ["--crs", "EPSG:3006"], population: "sweref99tm_geojson_without_crs.geojson",
      stderrLine: "Error: "
        + "sweref99tm_geojson_without_crs.geojson feature 1: coordinates (739368.1, "
        + "7194608.2) are not degrees in EPSG:4326 (longitude must be within ±180, latitude "
        + "within ±90), as GeoJSON positions must be (RFC 7946): they look like SWEREF99 TM "
        + "metres (EPSG:3006). Pass --population-crs EPSG:3006 to read the file in that CRS, or "
        + "reproject the file (ogr2ogr -s_srs EPSG:3006 -t_srs EPSG:4326 lonlat.geojson "
        + "sweref99tm_geojson_without_crs.geojson)."),
    CorpusCLICase(
      label: "RT90 without --crs", arguments: [], population: "rt90.csv",
      stderrLine: "Error: rt90.csv line 2: coordinates (1701274.71, 7194052.2) are not degrees "
        + "in EPSG:4326 (longitude must be within ±180, latitude within ±90); they look like "
        + "RT90 2.5 gon V metres; pass --crs EPSG:3021."),
  ]
}

/// The bad-input corpus (`fixtures/bad_inputs/`) through the `servicegap` binary, where the
/// command line matters: argument parsing, the process surviving hostile files, file-system
/// errors, and following a message's advice.
@Suite("Bad-input corpus through the CLI", .timeLimit(.minutes(10)))
struct BadInputCorpusCLITests {
  /// A working folder with the corpus's control population and services.
  static func folder(_ label: String) throws -> TemporaryFolder {
    let folder = try TemporaryFolder(label)
    for name in [
      "good_population.csv", "services_same_spot.csv", "deep_nesting.geojson",
      "sweref99tm_geojson_without_crs.geojson", "rt90.csv", "latin1.csv",
    ] {
      try folder.copyFixture("bad_inputs/\(name)", as: name)
    }
    return folder
  }

  static func analyze(_ population: String, _ arguments: [String] = [], in folder: TemporaryFolder)
    async throws -> ProcessOutput
  {
    try await runServiceGap(
      ["analyze", "--population", population, "--services", "services_same_spot.csv"]
        + arguments, in: folder.url)
  }

  static func lines(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init)
  }

  @Test("exits with a clean error, prints the exact line", arguments: CorpusCLICase.all)
  func refused(_ testCase: CorpusCLICase) async throws {
    let folder = try Self.folder("corpus")
    defer { folder.remove() }
    let result = try await Self.analyze(testCase.population, testCase.arguments, in: folder)
    #expect(result.status == testCase.status, "stderr: \(result.stderr)")
    #expect(Self.lines(result.stderr) == [testCase.stderrLine])
    #expect(result.stdout.isEmpty)
  }

  @Test func rt90WithItsCRSRuns() async throws {
    let folder = try Self.folder("rt90")
    defer { folder.remove() }
    // --crs applies to every CSV input, so the lon/lat services come as GeoJSON here.
    try folder.write(
      "services.geojson",
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"svc1","#
        + #""category":"grocery"},"geometry":{"type":"Point","coordinates":[19.481,64.9153]}}]}"#)
    let result = try await runServiceGap(
      [
        "analyze", "--population", "rt90.csv", "--services", "services.geojson", "--crs",
        "EPSG:3021", "--no-zones", "--format", "csv",
      ], in: folder.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(Self.lines(result.stdout).last?.hasPrefix("ALL,grocery,4353,1,") == true)
  }

  @Test func directoryGivenAsAFile() async throws {
    let folder = try Self.folder("folder")
    defer { folder.remove() }
    try FileManager.default.createDirectory(
      at: folder.file("population.csv"), withIntermediateDirectories: false)
    let result = try await Self.analyze("population.csv", in: folder)
    #expect(result.status == 1)
    #expect(
      Self.lines(result.stderr) == [
        "Error: population.csv: cannot read the file (it is a folder). Check that it is a "
          + "readable file."
      ])
  }

  /// A file the user may not read.
  ///
  /// Root reads any file whatever its mode, so as root the binary runs as `nobody`.
  @Test(.requires(Unprivileged.requirement))
  func fileWithoutReadPermission() async throws {
    try Unprivileged.requirement.check()
    let folder = try Self.folder("noread")
    defer { folder.remove() }
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: folder.url.path)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o000], ofItemAtPath: folder.file("good_population.csv").path)
    defer {
      try? FileManager.default.setAttributes(
        [.posixPermissions: 0o644], ofItemAtPath: folder.file("good_population.csv").path)
    }
    let result = try await runServiceGap(
      [
        "analyze", "--population", "good_population.csv", "--services",
        "services_same_spot.csv",
      ], in: folder.url, launcher: Unprivileged.launcher)
    #expect(result.status == 1)
    #expect(
      Self.lines(result.stderr) == [
        "Error: good_population.csv: cannot read the file (Permission denied). Check that it "
          + "is a readable file."
      ])
  }

  @Test func latin1WarningReachesStandardError() async throws {
    let folder = try Self.folder("latin1")
    defer { folder.remove() }
    let result = try await Self.analyze(
      "latin1.csv", ["--no-zones", "--format", "csv"], in: folder)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(
      Self.lines(result.stderr) == [
        "warning: latin1.csv: the file is not valid UTF-8, so it was read as ISO 8859-1 "
          + "(Latin-1); check names with å, ä, ö in the outputs, or save the file as UTF-8 (in "
          + "Excel: CSV UTF-8)"
      ])
  }

  @Test func fiftyMegabyteLineRuns() async throws {
    // A 2 GB line, measured once by hand (debug build, 2 cores): 84 s and 4.1 GB peak memory
    // (the file is read whole, then parsed in place), same result. 50 MB keeps the test quick.
    let folder = try Self.folder("long")
    defer { folder.remove() }
    try LongLineCSV.data(megabytes: 50).write(to: folder.file("long_field.csv"))
    let result = try await Self.analyze(
      "long_field.csv", ["--no-zones", "--format", "csv"], in: folder)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(Self.lines(result.stdout).last?.hasPrefix("ALL,grocery,322,3,") == true)
  }

  #if GDAL
    @Test func geoPackageWithSeveralLayersNeedsALayerName() async throws {
      let folder = try Self.folder("gpkg")
      defer { folder.remove() }
      try folder.copyFixture("gpkg/inputs.gpkg", as: "inputs.gpkg")
      let result = try await Self.analyze("inputs.gpkg", in: folder)
      #expect(result.status == 1)
      #expect(
        Self.lines(result.stderr) == [
          "Error: inputs.gpkg: it has 6 layers ('population', 'population_sweref', 'services', "
            + "'regions', 'regions_sweref', 'roads_samsoe'); name the one to read, as "
            + "inputs.gpkg:population."
        ])
    }
  #endif
}

/// A population CSV with one row carrying a quoted WKT polygon of a given size.
enum LongLineCSV {
  static func data(megabytes: Int) -> Data {
    var data = Data("tatortskod,namn,befolkning,lon,lat,wkt\n".utf8)
    data.append(Data("2417TB101,Bastuträsk,322,20.040698,64.790201,\"POLYGON((".utf8))
    let pair = Data("20.0406981 64.7902011,".utf8)
    let target = data.count + (megabytes << 20)
    while data.count < target { data.append(pair) }
    data.append(Data("20.04 64.79))\"\n".utf8))
    return data
  }
}
