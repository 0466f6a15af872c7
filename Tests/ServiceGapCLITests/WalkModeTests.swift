import Foundation
import ServiceGapTestSupport
import Testing

/// `--mode walk` and `--mode bike` on the command line: along `--roads` (the Umeå region,
/// against the walking oracle `fixtures/oracle/walk_umea.json`) and without roads
/// (geodesic × 1.3); what `units.geojson` and `run.json` record, and the options' errors.
@Suite("analyze --mode walk and --mode bike", .timeLimit(.minutes(10)))
struct WalkModeTests {
  static func json(_ url: URL) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  static func unitProperties(_ url: URL) throws -> [String: [String: Any]] {
    let features = try #require(try json(url)["features"] as? [[String: Any]])
    var byID: [String: [String: Any]] = [:]
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      byID[try #require(properties["id"] as? String)] = properties
    }
    return byID
  }

  @Test("along the Umeå roads on foot: C_time_min as the oracle's, run.json says walk at 5 km/h")
  func walkAlongRoads() async throws {
    let folder = try TemporaryFolder("walk")
    defer { folder.remove() }
    let arguments = [
      "analyze", "--population", Fixtures.url(UmeaNetwork.units).path, "--services",
      Fixtures.url(UmeaNetwork.services).path, "--regions", Fixtures.url(UmeaNetwork.regions).path,
      "--roads", Fixtures.url(UmeaNetwork.roads).path, "--length-field", "length_m", "--mode",
      "walk", "--thresholds", "15min,30min", "--thresholds", "pharmacy=2km,5km", "--no-zones",
      "--out", folder.file("out").path,
    ]
    let result = try await runServiceGap(arguments, in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")

    let oracle = try Self.json(Fixtures.url("oracle/walk_umea.json"))
    let oracleUnits = try #require(oracle["units"] as? [[String: Any]])
    let units = try Self.unitProperties(folder.file("out/units.geojson"))
    #expect(units.count == oracleUnits.count)
    var compared = 0
    for expected in oracleUnits {
      let id = try #require(expected["id"] as? String)
      let categories = try #require(expected["categories"] as? [String: [String: Any]])
      let unit = try #require(units[id])
      for (category, value) in categories {
        let minutes = try #require(value["time_min"] as? Double)
        let meters = try #require(value["dist_m"] as? Double)
        // units.geojson rounds minutes to 2 decimals and metres to 1.
        let written = try #require(unit["\(category)_time_min"] as? Double, "\(id) \(category)")
        #expect(abs(written - minutes) <= 0.005 + 1e-9, "\(id) \(category)")
        let distance = try #require(unit["\(category)_dist_m"] as? Double)
        #expect(abs(distance - meters) <= 0.05 + 1e-9, "\(id) \(category)")
        #expect(unit["\(category)_nearest"] as? String == value["nearest_id"] as? String)
        compared += 1
      }
    }
    #expect(compared == 36 * 3)

    let parameters = try #require(
      try Self.json(folder.file("out/run.json"))["parameters"] as? [String: Any])
    #expect(parameters["mode"] as? String == "walk")
    #expect(parameters["speed_kmh"] as? Double == 5)
    #expect(parameters["detour_factor"] is NSNull, "along the roads there is no detour factor")
    let network = try #require(parameters["network"] as? [String: Any])
    #expect(network["access_speed_kmh"] as? Double == 5, "the legs to the road are walked")
  }

  @Test("without roads by bicycle at 20 km/h: time = distance at 20 km/h, zones, run.json")
  func bikeWithoutRoads() async throws {
    let folder = try TemporaryFolder("bike")
    defer { folder.remove() }
    let arguments = [
      "analyze", "--population", Fixtures.url(Demo.population).path, "--services",
      Fixtures.url(Demo.services).path, "--regions", Fixtures.url(Demo.regions).path,
      "--categories", "grocery", "--mode", "bike", "--bike-speed", "20", "--thresholds",
      "10min,30min", "--out", folder.file("out").path,
    ]
    let result = try await runServiceGap(arguments, in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    let units = try Self.unitProperties(folder.file("out/units.geojson"))
    #expect(!units.isEmpty)
    for (id, unit) in units {
      let meters = try #require(unit["grocery_dist_m"] as? Double, "\(id)")
      let minutes = try #require(unit["grocery_time_min"] as? Double, "\(id)")
      #expect(abs(minutes - meters / (20 / 3.6) / 60) <= 0.005 + 0.05 / (20 / 3.6) / 60, "\(id)")
      #expect(unit["grocery_detour"] as? Double == 1.3 || meters == 0, "\(id)")
    }
    let zones = try #require(try Self.json(folder.file("out/zones.geojson"))["features"] as? [Any])
    #expect(!zones.isEmpty, "discs of 10 and 30 minutes' cycling")
    let parameters = try #require(
      try Self.json(folder.file("out/run.json"))["parameters"] as? [String: Any])
    #expect(parameters["mode"] as? String == "bike")
    #expect(parameters["speed_kmh"] as? Double == 20)
    #expect(parameters["detour_factor"] as? Double == 1.3)
    #expect(parameters["network"] is NSNull)
  }

  @Test(
    "whatif, compare, access and site take --mode walk (no roads) and record it",
    arguments: [
      ["whatif", "--services", Demo.services, "--close", "svc09005", "--thresholds", "30min"],
      ["compare", "--before", Demo.services, "--after", Demo.services, "--thresholds", "30min"],
      ["access", "--services", Demo.services, "--catchment", "5km", "--thresholds", "30min"],
      [
        "site", "--services", Demo.services, "--category", "grocery", "--threshold", "2km",
        "--count", "2",
      ],
    ])
  func otherSubcommands(command: [String]) async throws {
    let folder = try TemporaryFolder("walk-sub")
    defer { folder.remove() }
    var arguments = command.map { $0 == Demo.services ? Fixtures.url(Demo.services).path : $0 }
    arguments += [
      "--population", Fixtures.url(Demo.population).path, "--mode", "walk", "--out",
      folder.file("out").path,
    ]
    if command[0] != "site" {
      arguments += ["--regions", Fixtures.url(Demo.regions).path, "--categories", "grocery"]
    }
    let result = try await runServiceGap(arguments, in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    let parameters = try #require(
      try Self.json(folder.file("out/run.json"))["parameters"] as? [String: Any])
    #expect(parameters["mode"] as? String == "walk")
  }

  @Test(
    "errors name the option",
    arguments: [
      (["--walk-speed", "4"], "'--walk-speed' is the speed of '--mode walk'"),
      (
        [
          "--mode", "network", "--roads", Fixtures.url(UmeaNetwork.roads).path, "--bike-speed", "4",
        ],
        "'--bike-speed' is the speed of '--mode bike'"
      ),
      (["--mode", "walk", "--walk-speed=-1"], "must be a positive speed in km/h"),
      (["--mode", "bike", "--access-speed", "10"], "'--access-speed' is the car's speed"),
      (["--mode", "walk", "--max-snap", "1km"], "add '--roads FILE'"),
    ])
  func errors(extra: [String], message: String) async throws {
    let folder = try TemporaryFolder("walk-errors")
    defer { folder.remove() }
    let arguments =
      [
        "analyze", "--population", Fixtures.url(Demo.population).path, "--services",
        Fixtures.url(Demo.services).path,
      ] + extra
    let result = try await runServiceGap(arguments, in: folder.url)
    #expect(result.status != 0)
    #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
  }
}
