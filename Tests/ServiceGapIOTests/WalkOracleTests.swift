import Foundation
import ServiceGap
import Testing

@testable import ServiceGapIO

/// Walking and cycling along the roads against the independent networkx oracle
/// (`Scripts/oracle/walk_oracle.py`, expected values in `fixtures/oracle/walk_*.json` and
/// `bike_umea.json`): every unit × category distance, time and nearest service, with the
/// ways the profile may use, both ways on foot, at a constant speed (the access legs too).
///
/// Tolerances as in ``NetworkOracleTests``: the oracle rounds metres to 4 decimals and
/// minutes to 6.
@Suite("Walking and cycling along the roads against the networkx oracle")
struct WalkOracleTests {
  static let meterTolerance = 1e-3
  static let minuteTolerance = 1e-5

  @Test(
    "every value matches the oracle",
    arguments: [
      ("walk", "umea", "umea_region_roads.geojson"),
      ("walk", "samsoe", "samsoe_roads.geojson"),
      ("bike", "umea", "umea_region_roads.geojson"),
    ])
  func everyValue(profileName: String, name: String, roads: String) throws {
    let oracle = try WalkOracleFile.load("\(profileName)_\(name)")
    let profile: TravelProfile = profileName == "walk" ? .walking : .cycling
    #expect(oracle.parameters.profile == profile.name)
    #expect(oracle.parameters.speedKmh == profile.speedKmh)
    #expect(oracle.parameters.accessSpeedKmh == profile.speedKmh)

    let units = try PopulationLoader.load(file: IOTestPaths.fixture("roads/\(name)_units.csv"))
    let services = try ServiceLoader.load(
      file: IOTestPaths.fixture("roads/\(name)_services.csv"))
    let loadedRoads = try RoadLoader.load(
      file: IOTestPaths.fixture("roads/\(roads)"),
      options: RoadFieldOptions(lengthField: oracle.parameters.lengthField, profile: profile))
    // The car's access speed (20 km/h) stays in the options: walking and cycling must
    // cover the legs to the road at their own speed regardless.
    let result = try Analysis.run(
      AnalysisInput(
        units: units.items, services: services.items, categories: oracle.categories,
        thresholds: [:]),
      options: AnalysisOptions(
        workCRS: oracle.parameters.workCRS, computeZones: false,
        network: NetworkOptions(
          roads: loadedRoads.items, maxSnapMeters: oracle.parameters.maxSnapM),
        profile: profile))
    #expect(result.profile == profile)
    let diagnostics = try #require(result.networkDiagnostics)
    #expect(diagnostics.nodes == oracle.graph.nodes)
    #expect(diagnostics.arcs == oracle.graph.arcs, "on foot every way runs both ways")

    #expect(result.units.map(\.id) == oracle.units.map(\.id))
    var compared = 0
    for (index, unit) in result.units.enumerated() {
      guard let expected = oracle.units.first(where: { $0.id == unit.id }) else {
        Issue.record("\(unit.id) is not in the oracle")
        continue
      }
      for category in oracle.categories {
        let want = expected.categories[category]
        let nearest = result[category]?.nearest[index]
        let minutes = result[category]?.minutes?[index] ?? nil
        let label = "\(profileName) \(unit.id) \(category)"
        compared += 1
        guard let wantDistance = want?.distM, let wantMinutes = want?.timeMin else {
          #expect(nearest == nil && minutes == nil, "\(label): the oracle has null")
          continue
        }
        guard let nearest, let minutes else {
          Issue.record("\(label): Swift has null, the oracle \(wantDistance) m")
          continue
        }
        #expect(
          abs(nearest.distanceMeters - wantDistance) <= Self.meterTolerance,
          "\(label): distance \(nearest.distanceMeters) m, oracle \(wantDistance) m")
        #expect(
          abs(minutes - wantMinutes) <= Self.minuteTolerance,
          "\(label): time \(minutes) min, oracle \(wantMinutes) min")
        #expect(result.serviceID(of: nearest) == want?.nearestID, "\(label): nearest")
      }
    }
    #expect(compared == oracle.units.count * oracle.categories.count)
  }

  @Test("Umeå on foot is shorter than by car or bicycle somewhere: one-way links matter")
  func walkingIgnoresOneWay() throws {
    let walk = try WalkOracleFile.load("walk_umea")
    let bike = try WalkOracleFile.load("bike_umea")
    var shorter = 0
    for (onFoot, cycling) in zip(walk.units, bike.units) {
      for category in walk.categories {
        guard let a = onFoot.categories[category]?.distM,
          let b = cycling.categories[category]?.distM
        else { continue }
        #expect(a <= b + 1e-3, "\(onFoot.id) \(category): walking longer than cycling")
        if a < b - 1 { shorter += 1 }
      }
    }
    // The fixture really tests the direction rule: many values differ.
    #expect(shorter > 10)
  }

  // MARK: - Ways closed to pedestrians and cyclists

  /// `fixtures/roads/walk_closed_ways.geojson`: six ways between one unit and one service
  /// 978.6 m apart (the lengths are geodesic sums from pyproj, see fixtures/roads/README.md).
  static let motorwayMeters = 978.6348
  static let trunkFootNoMeters = 1075.4036
  static let footpathMeters = 1657.4193

  @Test(
    "motorways, foot=no, motorroad=yes and access=private are not walked; cyclists take the trunk",
    arguments: [
      (TravelProfile.car, motorwayMeters), (.walking, footpathMeters),
      (.cycling, trunkFootNoMeters), (.walk(speedKmh: 4), footpathMeters),
    ])
  func closedWays(profile: TravelProfile, meters: Double) throws {
    let roads = try RoadLoader.load(
      file: IOTestPaths.fixture("roads/walk_closed_ways.geojson"),
      options: RoadFieldOptions(profile: profile))
    #expect(roads.items.count == 6)
    if profile != .car {
      #expect(roads.items[1].foot == "no" && roads.items[1].bicycle == "yes")
      #expect(roads.items[2].motorroad == "yes" && roads.items[3].access == "private")
    } else {
      #expect(roads.items.allSatisfy { $0.foot == nil && $0.access == nil }, "not read by car")
    }
    let result = try Analysis.run(
      AnalysisInput(
        units: [PopulationUnit(id: "u", population: 10, location: LonLat(lon: 18, lat: 64))],
        services: [
          ServicePoint(id: "s", category: "grocery", location: LonLat(lon: 18.02, lat: 64))
        ],
        categories: ["grocery"], thresholds: [:]),
      options: AnalysisOptions(
        workCRS: "EPSG:3006", computeZones: false, network: NetworkOptions(roads: roads.items),
        profile: profile))
    let nearest = try #require(result["grocery"]?.nearest[0])
    #expect(abs(nearest.distanceMeters - meters) < 1e-3, "\(profile.name)")
    if let speed = profile.speedKmh {
      let minutes = try #require(result["grocery"]?.minutes?[0])
      #expect(abs(minutes - meters / (speed / 3.6) / 60) < 1e-6)
    }
  }
}

/// `fixtures/oracle/walk_<name>.json` (or `bike_…`), the parts the tests use.
private struct WalkOracleFile: Decodable {
  struct Parameters: Decodable {
    var accessSpeedKmh: Double
    var lengthField: String?
    var maxSnapM: Double
    var profile: String
    var speedKmh: Double
    var workCRS: String

    enum CodingKeys: String, CodingKey {
      case accessSpeedKmh = "access_speed_kmh"
      case lengthField = "length_field"
      case maxSnapM = "max_snap_m"
      case profile
      case speedKmh = "speed_kmh"
      case workCRS = "work_crs"
    }
  }

  struct Graph: Decodable {
    var arcs: Int
    var nodes: Int
  }

  struct Value: Decodable {
    var distM: Double?
    var timeMin: Double?
    var nearestID: String?

    enum CodingKeys: String, CodingKey {
      case distM = "dist_m"
      case timeMin = "time_min"
      case nearestID = "nearest_id"
    }
  }

  struct Unit: Decodable {
    var id: String
    var categories: [String: Value]
  }

  var categories: [String]
  var parameters: Parameters
  var graph: Graph
  var units: [Unit]

  static func load(_ name: String) throws -> WalkOracleFile {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: IOTestPaths.fixture("oracle/\(name).json")))
    return try JSONDecoder().decode(WalkOracleFile.self, from: data)
  }
}
