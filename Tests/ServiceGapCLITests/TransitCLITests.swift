import Foundation
import ServiceGapTestSupport
import Testing

/// Public transport through the command line: the README's Norrbotten run, its columns,
/// diagnostics and manifest, and the messages for options that do not fit.
@Suite("Public transport on the command line", .timeLimit(.minutes(10)))
struct TransitCLITests {
  static func arguments(_ extra: [String] = []) -> [String] {
    [
      "analyze", "--mode", "transit", "--gtfs",
      Fixtures.url("gtfs/norrbotten_2022-12-14.zip").path, "--date", "2023-01-17",
      "--departure", "08:00-10:00", "--percentiles", "90", "--population",
      Fixtures.url("sweden/norrbotten_1km_2024.csv").path, "--services",
      Fixtures.url("sweden/services_sweden.csv").path, "--regions",
      Fixtures.url("sweden/norrbotten_kommuner.geojson").path, "--categories",
      "grocery,pharmacy,health", "--thresholds", "30min,60min",
    ] + extra
  }

  @Test("the README's Norrbotten run: columns, diagnostics and run.json")
  func norrbotten() async throws {
    let folder = try TemporaryFolder("transit")
    defer { folder.remove() }
    let out = folder.file("out")
    let result = try await runServiceGap(
      Self.arguments(["--no-zones", "--out", out.path]), in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    // The README's numbers.
    for line in [
      "  2747 unit(s) (50775 people) have no served stop within --max-walk",
      "  grocery: 9.5 % of departures", "  pharmacy: 14.2 % of departures",
      "  health: 38.5 % of departures",
      "  31 stop(s) are served only by on-demand routes",
    ] {
      #expect(result.stderr.contains(line), "\(line) in: \(result.stderr)")
    }
    let units = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: out.appendingPathComponent("units.geojson"))) as? [String: Any])
    let features = try #require(units["features"] as? [[String: Any]])
    #expect(features.count == 3959)
    let properties = try #require(features.first?["properties"] as? [String: Any])
    for category in ["grocery", "pharmacy", "health"] {
      for suffix in ["_dist_m", "_time_min", "_time_p90", "_reached_share", "_nearest"] {
        #expect(properties.keys.contains(category + suffix), "\(category + suffix)")
      }
      #expect(!properties.keys.contains(category + "_detour"))
    }
    let manifest = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: out.appendingPathComponent("run.json"))) as? [String: Any])
    let parameters = try #require(manifest["parameters"] as? [String: Any])
    #expect(parameters["mode"] as? String == "transit")
    let transit = try #require(parameters["transit"] as? [String: Any])
    #expect(transit["date"] as? String == "2023-01-17")
    #expect(transit["departures"] as? Int == 120)
    #expect(transit["route_types"] as? String == "all")
    let inputs = try #require(manifest["inputs"] as? [[String: Any]])
    #expect(inputs.contains { $0["role"] as? String == "gtfs" })
  }

  @Test(
    "options that do not fit are refused with the fix",
    arguments: [
      (["--mode", "transit"], "'--mode transit' needs '--gtfs FEED'"),
      (["--mode", "transit", "--gtfs", "feed.zip"], "needs '--date YYYY-MM-DD'"),
      (["--gtfs", "feed.zip", "--date", "2023-01-17"], "add '--mode transit'"),
      (
        ["--mode", "transit", "--gtfs", "f.zip", "--date", "2023-02-30"],
        "'--date 2023-02-30' is not a date"
      ),
      (
        ["--mode", "transit", "--gtfs", "f.zip", "--date", "2023-01-17", "--departure", "10-8"],
        "is not a window"
      ),
      (
        ["--mode", "transit", "--gtfs", "f.zip", "--date", "2023-01-17", "--route-types", "715"],
        "write exclude=715,1501"
      ),
      (
        ["--mode", "transit", "--gtfs", "f.zip", "--date", "2023-01-17", "--percentiles", "150"],
        "'150' is not a percentile"
      ),
    ])
  func refused(_ options: [String], _ message: String) async throws {
    let folder = try TemporaryFolder("transit-refused")
    defer { folder.remove() }
    let result = try await runServiceGap(
      ["analyze", "--population", "p.csv", "--services", "s.csv"] + options, in: folder.url)
    #expect(result.status != 0)
    #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
  }

  @Test("distance thresholds are refused: public transport measures minutes")
  func distanceThresholds() async throws {
    let folder = try TemporaryFolder("transit-km")
    defer { folder.remove() }
    var arguments = Self.arguments(["--no-zones"])
    arguments[arguments.count - 2] = "5km,10km"
    let result = try await runServiceGap(arguments, in: folder.url)
    #expect(result.status != 0)
    #expect(result.stderr.contains("use minutes such as 30min,60min"), "\(result.stderr)")
  }
}
