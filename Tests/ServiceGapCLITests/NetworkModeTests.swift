import Foundation
import ServiceGapTestSupport
import Testing

/// The Umeå road-network fixtures (`fixtures/roads/`, see its README).
enum UmeaNetwork {
  static let units = "roads/umea_units.csv"
  static let services = "roads/umea_services.csv"
  static let regions = "roads/umea_kommuner.geojson"
  static let roads = "roads/umea_region_roads.geojson"
  static let categories = ["fuel", "grocery", "pharmacy"]

  /// `analyze --mode network` on the Umeå region: minutes for every category, pharmacy in km.
  static func analyzeArguments() -> [String] {
    [
      "analyze", "--population", Fixtures.url(units).path, "--services",
      Fixtures.url(services).path, "--regions", Fixtures.url(regions).path, "--roads",
      Fixtures.url(roads).path, "--length-field", "length_m", "--mode", "network",
      "--thresholds", "10min,20min", "--thresholds", "pharmacy=10km,25km", "--no-zones",
    ]
  }
}

/// `servicegap analyze --mode network` on a real road network (Umeå region, MATSim links
/// built from OpenStreetMap), pinned by golden files and checked against the oracle.
@Suite("analyze --mode network: Umeå region", .timeLimit(.minutes(10)))
struct NetworkModeTests {
  static let outputFiles = [
    "units.geojson", "summary.csv", "summary.json", "units.qml", "services.geojson",
  ]

  @Test("table, summary.csv and units.geojson match the snapshots, with 1 and 2 threads")
  func goldenFiles() async throws {
    let folder = try TemporaryFolder("network")
    defer { folder.remove() }

    var runs: [(output: ProcessOutput, files: [String: Data])] = []
    for threads in [1, 2] {
      let out = folder.file("out-\(threads)")
      let result = try await runServiceGap(
        UmeaNetwork.analyzeArguments() + ["--threads", "\(threads)", "--out", out.path],
        in: folder.url)
      try #require(result.status == 0, "stderr: \(result.stderr)")
      let files = try folderContents(out)
      #expect(
        files.keys.sorted() == (Self.outputFiles + ["run.json"]).sorted(),
        "no zones with --no-zones")
      runs.append((result, files))
    }
    let (single, double) = (runs[0], runs[1])
    #expect(single.output.stdout == double.output.stdout, "table differs between 1 and 2 threads")
    #expect(single.output.stderr == double.output.stderr)
    for name in Self.outputFiles {
      #expect(single.files[name] == double.files[name], "\(name) differs between 1 and 2 threads")
    }

    assertSnapshot(single.output.stdout, named: "network-umea.table.txt")
    assertSnapshot(single.files["summary.csv"] ?? Data(), named: "network-umea.summary.csv")
    assertSnapshot(single.files["units.geojson"] ?? Data(), named: "network-umea.units.geojson")
  }

  @Test("stderr reports the graph, the unreachable service and the far units; no warnings")
  func diagnostics() async throws {
    let folder = try TemporaryFolder("network-diag")
    defer { folder.remove() }
    let result = try await runServiceGap(
      UmeaNetwork.analyzeArguments() + ["--threads", "2", "--format", "csv"], in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(!lines.contains { $0.hasPrefix("warning:") }, "stderr: \(result.stderr)")
    // The oracle's graph: 4,587 nodes, 9,423 arcs, one weakly connected component.
    #expect(
      lines.contains("road network: 4587 nodes, 9423 directed arcs, 1 connected component(s)"))
    // Qstar Åmsele (svc05364) is 24.5 km from every road.
    #expect(
      lines.contains(
        "  1 service(s) lie beyond --max-snap from every road and serve nobody: svc05364"),
      "stderr: \(result.stderr)")
    #expect(!result.stderr.contains("unit(s) lie beyond --max-snap"), "every unit is snapped")
    // Hällnäs (2404TB102) is 4.26 km from the nearest road.
    let far = lines.first { $0.hasPrefix("  units snapped more than 1 km from their point: ") }
    #expect(far?.contains("2404TB102") == true, "stderr: \(result.stderr)")
  }

  @Test("units.geojson: C_dist_m, C_time_min, C_detour, C_nearest per category, as the oracle")
  func unitsFile() async throws {
    let folder = try TemporaryFolder("network-units")
    defer { folder.remove() }
    let result = try await runServiceGap(
      UmeaNetwork.analyzeArguments() + ["--threads", "2", "--out", "out"], in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    let url = folder.file("out").appendingPathComponent("units.geojson")
    let features = try GeoJSONCheck.features(of: url)
    #expect(features.count == 36)

    var expectedKeys: Set<String> = ["id", "name", "population", "region"]
    for category in UmeaNetwork.categories {
      expectedKeys.formUnion([
        "\(category)_dist_m", "\(category)_time_min", "\(category)_detour",
        "\(category)_nearest",
      ])
    }
    let oracle = try OracleValues.load("oracle/network_umea.json")
    let municipalities: Set<String> = [
      "Umeå", "Vännäs", "Vindeln", "Bjurholm", "Nordmaling", "Robertsfors",
    ]
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      #expect(Set(properties.keys) == expectedKeys)
      let id = try #require(properties["id"] as? String)
      // No region column: point in polygon puts every locality in its municipality.
      #expect(municipalities.contains(properties["region"] as? String ?? ""), "\(id)")
      for category in UmeaNetwork.categories {
        let label = "\(id) \(category)"
        let distance = try #require(properties["\(category)_dist_m"] as? Double, "\(label)")
        let minutes = try #require(properties["\(category)_time_min"] as? Double, "\(label)")
        let detour = try #require(properties["\(category)_detour"] as? Double, "\(label)")
        let nearest = try #require(properties["\(category)_nearest"] as? String, "\(label)")
        let want = try #require(oracle[id]?[category], "\(label) is not in the oracle")
        // The file rounds metres to 0.1 and minutes to 0.01.
        #expect(abs(distance - (want.distance ?? .nan)) <= 0.05 + 1e-3, "\(label): \(distance) m")
        #expect(abs(minutes - (want.minutes ?? .nan)) <= 0.005 + 1e-5, "\(label): \(minutes) min")
        #expect(nearest == want.nearest, "\(label)")
        #expect(detour > 0.9, "\(label): detour \(detour)")
        #expect(nearest != "svc05364", "the service beyond --max-snap serves nobody")
      }
    }
    GeoJSONCheck.expectOneTypePerProperty(features)

    // Property order: the unit's own columns, then per category dist, time, detour, nearest.
    let text = try String(contentsOf: url, encoding: .utf8)
    let firstFeature = try #require(text.split(separator: "\n").dropFirst().first)
    let order = [
      "id", "name", "population", "region", "fuel_dist_m", "fuel_time_min", "fuel_detour",
      "fuel_nearest", "grocery_dist_m", "grocery_time_min", "grocery_detour",
      "grocery_nearest", "pharmacy_dist_m", "pharmacy_time_min", "pharmacy_detour",
      "pharmacy_nearest",
    ]
    let positions = order.compactMap { firstFeature.range(of: "\"\($0)\":")?.lowerBound }
    #expect(positions.count == order.count && positions == positions.sorted())
  }

  @Test("summary.csv: minutes for the time thresholds, km for pharmacy; nobody unreachable")
  func summaryUnits() async throws {
    let folder = try TemporaryFolder("network-summary")
    defer { folder.remove() }
    let result = try await runServiceGap(
      UmeaNetwork.analyzeArguments() + ["--threads", "2", "--format", "csv"], in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    let rows = result.stdout.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = try #require(rows.first)
    let unitColumn = try #require(header.firstIndex(of: "unit"))
    let unreachableColumn = try #require(header.firstIndex(of: "unreachable_pop"))
    #expect(rows.count == 1 + 7 * 3, "six municipalities and ALL, three categories each")
    for row in rows.dropFirst() {
      #expect(row[unitColumn] == (row[1] == "pharmacy" ? "km" : "min"), "\(row)")
      #expect(row[unreachableColumn] == "0", "\(row)")
    }
    let all = rows.first { $0.first == "ALL" && $0[1] == "fuel" }
    #expect(all?[2] == "134929", "the 36 localities' population")
  }
}

/// Network-mode arguments that must stop with a clear message (exit non-zero, no output).
struct NetworkBadInputCase: Sendable, CustomTestStringConvertible {
  var label: String
  /// Road files written into the working folder (name → text).
  var files: [String: String] = [:]
  var arguments: [String]
  /// Sentences that must all appear on standard error.
  var sentences: [String]
  /// The exit status: 64 for a usage error (ArgumentParser), 1 for a failed run.
  var status: Int32

  var testDescription: String { label }

  /// Two short roads near Umeå; the second feature is broken by `second`.
  static func roads(second: String) -> String {
    """
    {"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"highway":"primary","maxspeed":80,"oneway":false,\
    "length_m":1200},"geometry":{"type":"LineString","coordinates":[[20.2,63.8],[20.3,63.82]]}},
    \(second)
    ]}

    """
  }

  static let pointFeature = roads(
    second: """
      {"type":"Feature","properties":{"highway":"primary","length_m":500},\
      "geometry":{"type":"Point","coordinates":[20.25,63.81]}}
      """)
  static let textLength = roads(
    second: """
      {"type":"Feature","properties":{"highway":"primary","length_m":"1,2 km"},\
      "geometry":{"type":"LineString","coordinates":[[20.3,63.82],[20.35,63.83]]}}
      """)

  static let all: [NetworkBadInputCase] = [
    NetworkBadInputCase(
      label: "--mode network without --roads", arguments: ["--mode", "network"],
      sentences: ["Error: '--mode network' needs '--roads FILE' with the road network."],
      status: 64),
    NetworkBadInputCase(
      label: "--roads in straight-line mode", arguments: ["--roads", "roads.geojson"],
      sentences: [
        "Error: '--roads' is only used along the roads: add '--mode network', or drop '--roads'."
      ], status: 64),
    NetworkBadInputCase(
      label: "minutes in straight-line mode",
      arguments: ["--categories", "grocery", "--thresholds", "10min"],
      sentences: [
        "threshold '10min' for 'grocery' is a travel time, which needs road-network mode; use "
          + "distances such as 5km,10km in straight-line mode"
      ], status: 1),
    NetworkBadInputCase(
      label: "roads file with a Point feature", files: ["points.geojson": pointFeature],
      arguments: ["--mode", "network", "--roads", "points.geojson"],
      sentences: [
        "points.geojson feature 2: geometry Point cannot be used here (expected LineString, "
          + "MultiLineString). Change the feature or pass --skip-invalid to skip such features."
      ], status: 1),
    NetworkBadInputCase(
      label: "length field with text", files: ["text.geojson": textLength],
      arguments: ["--mode", "network", "--roads", "text.geojson", "--length-field", "length_m"],
      sentences: [
        "text.geojson feature 2: property 'length_m' has '1,2 km', not a positive length in "
          + "metres. Fix the value, drop --length-field to use the geometry's length, or pass "
          + "--skip-invalid to skip such features."
      ], status: 1),
    NetworkBadInputCase(
      label: "length field in no feature", files: ["text.geojson": textLength],
      arguments: ["--mode", "network", "--roads", "text.geojson", "--length-field", "len"],
      sentences: ["text.geojson: property 'len' given with --length-field is in no feature"],
      status: 1),
    NetworkBadInputCase(
      label: "negative access speed",
      arguments: ["--mode", "network", "--roads", "roads.geojson", "--access-speed=-5"],
      sentences: ["Error: '--access-speed -5.0' must be a positive speed in km/h."], status: 64),
    NetworkBadInputCase(
      label: "zero access speed",
      arguments: ["--mode", "network", "--roads", "roads.geojson", "--access-speed", "0"],
      sentences: ["Error: '--access-speed 0.0' must be a positive speed in km/h."], status: 64),
    NetworkBadInputCase(
      label: "negative --max-snap",
      arguments: ["--mode", "network", "--roads", "roads.geojson", "--max-snap=-1km"],
      sentences: ["Error: '--max-snap -1km' must be greater than zero."], status: 64),
    NetworkBadInputCase(
      label: "--max-snap without a unit",
      arguments: ["--mode", "network", "--roads", "roads.geojson", "--max-snap", "500"],
      sentences: [
        "Error: '--max-snap 500' is not a length; write it with a unit, e.g. 250m or 1km."
      ], status: 64),
  ]
}

@Suite("analyze --mode network: bad input stops with a clear message", .timeLimit(.minutes(10)))
struct NetworkBadInputTests {
  /// Runs `analyze` on the Umeå units and services in a fresh folder holding `files` and a
  /// copy of the Umeå roads as `roads.geojson`.
  func run(_ arguments: [String], files: [String: String] = [:]) async throws -> (
    ProcessOutput, written: [String: Data]
  ) {
    let folder = try TemporaryFolder("network-bad")
    defer { folder.remove() }
    try folder.copyFixture(UmeaNetwork.units, as: "units.csv")
    try folder.copyFixture(UmeaNetwork.services, as: "services.csv")
    try folder.copyFixture(UmeaNetwork.roads, as: "roads.geojson")
    for (name, text) in files { try folder.write(name, text) }
    let result = try await runServiceGap(
      ["analyze", "--population", "units.csv", "--services", "services.csv", "--out", "out"]
        + arguments, in: folder.url)
    return (result, try folderContents(folder.file("out")))
  }

  @Test(
    "exits non-zero, says what is wrong and writes no output", arguments: NetworkBadInputCase.all)
  func badInput(_ testCase: NetworkBadInputCase) async throws {
    let (result, written) = try await run(testCase.arguments, files: testCase.files)
    #expect(result.status == testCase.status, "stderr: \(result.stderr)")
    for sentence in testCase.sentences {
      #expect(result.stderr.contains(sentence), "stderr was: \(result.stderr)")
    }
    #expect(result.stdout == "", "a failed run prints no summary")
    #expect(written.isEmpty, "files written by a failed run: \(written.keys.sorted())")
  }

  @Test("--max-snap 0m is refused (a zero limit leaves only points lying exactly on a road)")
  func zeroMaxSnap() async throws {
    let (result, written) = try await run([
      "--mode", "network", "--roads", "roads.geojson", "--max-snap", "0m", "--no-zones",
    ])
    #expect(result.status == 64, "stderr: \(result.stderr)")
    #expect(result.stderr.contains("Error: '--max-snap 0m' must be greater than zero."))
    #expect(written.isEmpty)
  }
}

/// The oracle's unit → category values, read with plain JSONSerialization.
enum OracleValues {
  struct Value {
    var distance: Double?
    var minutes: Double?
    var nearest: String?
  }

  /// Values by unit id and category.
  static func load(_ relative: String) throws -> [String: [String: Value]] {
    let root = try #require(try Fixtures.json(relative) as? [String: Any])
    let units = try #require(root["units"] as? [[String: Any]])
    var values: [String: [String: Value]] = [:]
    for unit in units {
      let id = try #require(unit["id"] as? String)
      let categories = try #require(unit["categories"] as? [String: [String: Any]])
      values[id] = categories.mapValues {
        Value(
          distance: $0["dist_m"] as? Double, minutes: $0["time_min"] as? Double,
          nearest: $0["nearest_id"] as? String)
      }
    }
    return values
  }
}
