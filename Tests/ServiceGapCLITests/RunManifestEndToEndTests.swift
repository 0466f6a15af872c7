import Foundation
import ServiceGapTestSupport
import Testing

/// The run manifest (`run.json`) of each subcommand, end to end.
///
/// What it records about the inputs, settings, versions and timings. The file changes
/// every run (times), so it is checked by its structure, never against a golden file.
@Suite("run.json", .timeLimit(.minutes(10)))
struct RunManifestEndToEndTests {
  /// The SHA-256 `sha256sum` (GNU coreutils) prints: an independent computation.
  static func sha256sum(_ url: URL) throws -> String {
    String(try ChildProcess.runBlocking(["/usr/bin/sha256sum", url.path]).stdout.prefix(64))
  }

  static func manifest(_ folder: URL) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: folder.appendingPathComponent(
            "run.json"))) as? [String: Any])
  }

  static func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  }

  /// Checks every input against the files in `folder`: role and path as given, absolute
  /// path, size and `sha256sum`'s hash.
  static func expectInputs(
    _ manifest: [String: Any], in folder: URL, _ expected: [(role: String, path: String)]
  ) throws {
    let inputs = try #require(manifest["inputs"] as? [[String: Any]])
    #expect(inputs.map { $0["role"] as? String } == expected.map(\.role))
    for (entry, (role, path)) in zip(inputs, expected) {
      let url = folder.appendingPathComponent(path)
      #expect(entry["path"] as? String == path, "\(role)")
      #expect(
        (entry["absolute_path"] as? String).map(canonical) == canonical(url.path), "\(role)")
      let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber
      #expect((entry["size_bytes"] as? NSNumber)?.int64Value == size?.int64Value, "\(role)")
      #expect(entry["sha256"] as? String == (try sha256sum(url)), "\(role)")
    }
  }

  /// Checks what every manifest holds: the command, the arguments as given, the versions,
  /// consistent times and stages, and the files of the set with itself last.
  static func expectFrame(
    _ manifest: [String: Any], command: String, arguments: [String], out: URL,
    folder: URL, stages: [String]
  ) async throws {
    let servicegap = try #require(manifest["servicegap"] as? [String: Any])
    let version = try await runServiceGap(["--version"], in: folder).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(servicegap["version"] as? String == version)
    #expect(servicegap["command"] as? String == command)
    #expect(servicegap["arguments"] as? [String] == arguments)
    #expect(
      (servicegap["working_directory"] as? String).map(canonical) == canonical(folder.path))

    let versions = try #require(manifest["versions"] as? [String: String])
    #expect(versions["servicegap"] == version)
    #expect(versions["proj"]?.first?.isNumber == true, "\(versions)")
    #expect(versions["geos"]?.contains("CAPI") == true, "\(versions)")
    #expect(versions["os"]?.isEmpty == false)

    let parse = ISO8601DateFormatter()
    parse.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let started = try #require((manifest["started"] as? String).flatMap(parse.date(from:)))
    let finished = try #require((manifest["finished"] as? String).flatMap(parse.date(from:)))
    #expect(started <= finished)
    #expect(finished.timeIntervalSinceNow < 1 && finished.timeIntervalSinceNow > -600)

    let timings = try #require(manifest["timings"] as? [String: Any])
    let list = try #require(timings["stages"] as? [[String: Any]])
    #expect(list.compactMap { $0["stage"] as? String } == stages)
    let total = try #require((timings["total_seconds"] as? NSNumber)?.doubleValue)
    let sum = list.compactMap { ($0["seconds"] as? NSNumber)?.doubleValue }.reduce(0, +)
    #expect(sum <= total + 1e-5, "the stages fit in the total")
    // Wall-clock times to the millisecond against a monotonic total: close, not equal.
    let span = finished.timeIntervalSince(started)
    #expect(abs(total - span) <= 0.05 + 0.05 * span, "total \(total) s, span \(span) s")
    for stage in list where (stage["stage"] as? String)?.hasPrefix("analysis") == true {
      #expect((stage["stages"] as? [[String: Any]])?.isEmpty == false, "\(stage)")
    }

    let outputs = try #require(manifest["outputs"] as? [String])
    #expect(outputs.last == "run.json")
    #expect(outputs.sorted() == (try folderContents(out).keys.sorted()))
  }

  @Test("analyze: inputs with sizes and hashes, the effective settings, stages and the set")
  func analyze() async throws {
    let folder = try TemporaryFolder("manifest")
    defer { folder.remove() }
    try folder.copyFixture(Demo.population, as: "tatorter.csv")
    try folder.copyFixture(Demo.services, as: "services.geojson")
    try folder.copyFixture(Demo.regions, as: "kommuner.geojson")
    let arguments = [
      "analyze", "--population", "tatorter.csv", "--services", "services.geojson",
      "--regions", "kommuner.geojson", "--region-field", "kommun_kod", "--categories",
      "grocery,atm", "--thresholds", "5km,10km", "--thresholds", "atm=10km,25km",
      "--work-crs", "EPSG:3006", "--no-zones", "--threads", "1", "--region-tolerance", "500m",
      "--out", "out",
    ]
    let result = try await runServiceGap(arguments, in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    let manifest = try Self.manifest(folder.file("out"))
    try await Self.expectFrame(
      manifest, command: "analyze", arguments: arguments, out: folder.file("out"),
      folder: folder.url, stages: ["load inputs", "analysis", "write outputs"])
    try Self.expectInputs(
      manifest, in: folder.url,
      [
        ("population", "tatorter.csv"), ("services", "services.geojson"),
        ("regions", "kommuner.geojson"),
      ])

    let parameters = try #require(manifest["parameters"] as? [String: Any])
    #expect(parameters["mode"] as? String == "straight")
    #expect(parameters["categories"] as? [String] == ["grocery", "atm"])
    let thresholds = parameters["thresholds"] as? [String: [String]]
    #expect(thresholds == ["grocery": ["5km", "10km"], "atm": ["10km", "25km"]])
    #expect(parameters["work_crs"] as? String == "EPSG:3006")
    #expect(parameters["work_crs_option"] as? String == "EPSG:3006")
    #expect(parameters["zones"] as? Bool == false)
    #expect(parameters["criticality"] as? Bool == false)
    #expect(parameters["threads"] as? Int == 1)
    #expect(parameters["region_tolerance_m"] as? Double == 500)
    #expect(parameters["crs"] as? String == "EPSG:4326")
    #expect(parameters["network"] is NSNull)
    #expect((parameters["fields"] as? [String: Any])?["region"] as? String == "kommun_kod")
    #expect((parameters["fields"] as? [String: Any])?["population"] is NSNull)

    // Without --work-crs the CRS actually chosen is recorded, and zones are on.
    let again = try await runServiceGap(
      Demo.analyzeArguments() + ["--out", "auto"], in: folder.url)
    try #require(again.status == 0, "stderr: \(again.stderr)")
    let auto = try #require(try Self.manifest(folder.file("auto"))["parameters"] as? [String: Any])
    #expect(auto["work_crs"] as? String == "EPSG:3006")
    #expect(auto["work_crs_option"] as? String == "auto")
    #expect(auto["zones"] as? Bool == true)
    #expect(
      auto["threads"] as? Int == ProcessInfo.processInfo.activeProcessorCount)
    let defaults = auto["thresholds"] as? [String: [String]]
    #expect(defaults?["pharmacy"] == ["5km", "10km"], "the thresholds given for every category")
  }

  @Test("analyze --mode network: the roads and speeds files, and the network settings")
  func network() async throws {
    let folder = try TemporaryFolder("manifest-network")
    defer { folder.remove() }
    try folder.copyFixture("roads/samsoe_roads.geojson", as: "roads.geojson")
    try folder.copyFixture("roads/samsoe_units.csv", as: "units.csv")
    try folder.copyFixture("roads/samsoe_services.csv", as: "services.csv")
    try folder.write("speeds.csv", "highway,speed_kmh\nresidential,35\n")
    let arguments = [
      "analyze", "--mode", "network", "--roads", "roads.geojson", "--speeds", "speeds.csv",
      "--population", "units.csv", "--services", "services.csv", "--thresholds",
      "5min,10min", "--access-speed", "30", "--max-snap", "2km", "--cell", "500m", "--out",
      "out",
    ]
    let result = try await runServiceGap(arguments, in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    let manifest = try Self.manifest(folder.file("out"))
    try await Self.expectFrame(
      manifest, command: "analyze", arguments: arguments, out: folder.file("out"),
      folder: folder.url, stages: ["load inputs", "load roads", "analysis", "write outputs"])
    try Self.expectInputs(
      manifest, in: folder.url,
      [
        ("population", "units.csv"), ("services", "services.csv"), ("roads", "roads.geojson"),
        ("speeds", "speeds.csv"),
      ])
    let parameters = try #require(manifest["parameters"] as? [String: Any])
    #expect(parameters["mode"] as? String == "network")
    let network = try #require(parameters["network"] as? [String: Any])
    #expect(network["access_speed_kmh"] as? Double == 30)
    #expect(network["max_snap_m"] as? Double == 2000)
    #expect(network["cell_m"] as? Double == 500)
    #expect(network["length_field"] is NSNull)
    #expect(network["other_roads_speed_kmh"] as? Double == 50)
    let speeds = try #require(network["speeds_kmh"] as? [String: Double])
    #expect(speeds["residential"] == 35, "from speeds.csv")
    #expect(speeds["motorway"] == 110, "a default")
  }

  @Test("whatif: the close and open files, and both analyses' stages")
  func whatif() async throws {
    let folder = try TemporaryFolder("manifest-whatif")
    defer { folder.remove() }
    try folder.copyFixture(Demo.population, as: "tatorter.csv")
    try folder.copyFixture(Demo.services, as: "services.geojson")
    try folder.write("close.txt", "svc09005\n")
    try folder.write("open.csv", "id,category,lon,lat\nnew,grocery,20.0407,64.7902\n")
    let arguments = [
      "whatif", "--population", "tatorter.csv", "--services", "services.geojson",
      "--categories", "grocery", "--close-file", "close.txt", "--open-file", "open.csv",
      "--close", "svc08996", "--out", "out",
    ]
    let result = try await runServiceGap(arguments, in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    let manifest = try Self.manifest(folder.file("out"))
    try await Self.expectFrame(
      manifest, command: "whatif", arguments: arguments, out: folder.file("out"),
      folder: folder.url,
      stages: ["load inputs", "analysis before", "analysis after", "write outputs"])
    try Self.expectInputs(
      manifest, in: folder.url,
      [
        ("population", "tatorter.csv"), ("services", "services.geojson"),
        ("close_file", "close.txt"), ("open_file", "open.csv"),
      ])
    let parameters = try #require(manifest["parameters"] as? [String: Any])
    #expect(parameters["close"] as? [String] == ["svc08996"])
    #expect(parameters["categories"] as? [String] == ["grocery"])
  }

  @Test("compare --before FILE --after FILE: both service files, by role")
  func compareFiles() async throws {
    let folder = try TemporaryFolder("manifest-compare")
    defer { folder.remove() }
    try folder.copyFixture(Demo.population, as: "tatorter.csv")
    try folder.copyFixture(Demo.services, as: "old.geojson")
    try folder.write("new.csv", "id,category,lon,lat\ns1,grocery,20.0407,64.7902\n")
    let arguments = [
      "compare", "--population", "tatorter.csv", "--before", "old.geojson", "--after",
      "new.csv", "--categories", "grocery", "--out", "out",
    ]
    let result = try await runServiceGap(arguments, in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    let manifest = try Self.manifest(folder.file("out"))
    try await Self.expectFrame(
      manifest, command: "compare", arguments: arguments, out: folder.file("out"),
      folder: folder.url,
      stages: ["load inputs", "analysis before", "analysis after", "write outputs"])
    try Self.expectInputs(
      manifest, in: folder.url,
      [("population", "tatorter.csv"), ("before", "old.geojson"), ("after", "new.csv")])
  }

  @Test("site: the candidates file and the siting settings")
  func site() async throws {
    let folder = try TemporaryFolder("manifest-site")
    defer { folder.remove() }
    try folder.copyFixture(Demo.population, as: "tatorter.csv")
    try folder.copyFixture(Demo.services, as: "services.geojson")
    try folder.write(
      "candidates.csv",
      "id,category,lon,lat\nc1,grocery,20.0407,64.7902\nc2,grocery,18.9,65.0\n")
    let arguments = [
      "site", "--population", "tatorter.csv", "--services", "services.geojson", "--category",
      "grocery", "--count", "1", "--threshold", "5km", "--candidates", "candidates.csv",
      "--out", "out",
    ]
    let result = try await runServiceGap(arguments, in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    let manifest = try Self.manifest(folder.file("out"))
    try await Self.expectFrame(
      manifest, command: "site", arguments: arguments, out: folder.file("out"),
      folder: folder.url, stages: ["load inputs", "siting", "write outputs"])
    try Self.expectInputs(
      manifest, in: folder.url,
      [
        ("population", "tatorter.csv"), ("services", "services.geojson"),
        ("candidates", "candidates.csv"),
      ])
    let parameters = try #require(manifest["parameters"] as? [String: Any])
    #expect(parameters["category"] as? String == "grocery")
    #expect(parameters["count"] as? Int == 1)
    #expect(parameters["threshold_m"] as? Double == 5000)
    #expect(parameters["candidates"] as? String == "candidates.csv")
  }
}
