import Foundation
import ServiceGap
import Testing

@testable import ServiceGapIO

/// Road-network mode against the independent networkx oracle
/// (`Scripts/oracle/network_oracle.py`, expected values in `fixtures/oracle/network_*.json`):
/// every unit × category distance, time and nearest service, on two real road networks.
///
/// Tolerances: the oracle writes metres to 4 decimals (rounding error ≤ 5e-5 m) and
/// minutes to 6 decimals (≤ 5e-7 min), so 1e-3 m and 1e-5 min leave room for floating-point
/// differences between the two implementations (sums over a few hundred arcs) and nothing
/// else.
@Suite("Road-network mode against the networkx oracle")
struct NetworkOracleTests {
  static let meterTolerance = 1e-3
  static let minuteTolerance = 1e-5

  // MARK: - Umeå

  @Test("Umeå (MATSim links, --length-field length_m): every value matches the oracle")
  func umea() throws {
    let run = try OracleRun(name: "umea", roads: "umea_region_roads.geojson")
    #expect(run.oracle.parameters.lengthField == "length_m")
    #expect(run.oracle.parameters.workCRS == "EPSG:3006")
    #expect(run.result.workCRS == "EPSG:3006")
    run.compareEveryValue()

    let diagnostics = try #require(run.result.networkDiagnostics)
    // One connected component, the size and arc count the oracle reports.
    #expect(diagnostics.componentSizes == [run.oracle.graph.largestComponentNodes])
    #expect(run.oracle.graph.weakComponents == 1)
    #expect(diagnostics.nodes == run.oracle.graph.nodes)
    #expect(diagnostics.arcs == run.oracle.graph.arcs)
    #expect(diagnostics.unitsBeyondMaxSnap.isEmpty)
    // Qstar Åmsele (svc05364) is 24.5 km from every road: beyond the 5 km limit.
    #expect(diagnostics.servicesBeyondMaxSnap == ["svc05364"])
    #expect(run.oracle.diagnostics.servicesBeyondMaxSnap == 1)
    #expect(run.oracle.service("svc05364")?.snapDistanceM == nil)
    for category in run.result.perCategory {
      #expect(
        !category.nearest.contains { $0.map(run.result.serviceID(of:)) == "svc05364" },
        "svc05364 is beyond the snapping limit but serves someone in \(category.name)")
    }
    // Hällnäs (2404TB102) is the farthest unit from a road, 4.26 km: snapped, and listed.
    let hallnas = try #require(run.oracle.unit("2404TB102"))
    let hallnasSnap = try #require(hallnas.snapDistanceM)
    #expect(abs(hallnasSnap - 4257.5357) < 1e-3)
    #expect(hallnas.categories.values.allSatisfy { $0.distM != nil })
    let farUnits = run.oracle.units.filter { ($0.snapDistanceM ?? 0) > 1000 }.map(\.id)
    #expect(farUnits.contains("2404TB102"))
    #expect(diagnostics.unitsSnappedOver1km.sorted() == farUnits.sorted())
    #expect(diagnostics.servicesOnIslands.isEmpty, "one component: no islands")
  }

  @Test("Umeå: 2480TB121 sits between two identical links; the earlier one (1485) decides")
  func umeaTieBetweenIdenticalLinks() throws {
    let oracle = try OracleFile.load("umea")
    let unit = try #require(oracle.unit("2480TB121"))
    #expect(unit.snapFeature == 1485)
    let tie = oracle.diagnostics.snapTies.first { $0.id == "2480TB121" }
    #expect(tie?.valuesChangedByOtherChoice ?? 0 > 0, "the tie really matters for the values")
    // The values themselves are part of `umea()`; this test only documents the fixture.
  }

  // MARK: - Samsø

  @Test("Samsø (OSM ways, geodesic lengths): every value matches the oracle")
  func samsoe() throws {
    let run = try OracleRun(name: "samsoe", roads: "samsoe_roads.geojson")
    #expect(run.oracle.parameters.lengthField == nil)
    #expect(run.result.workCRS == run.oracle.parameters.workCRS)
    run.compareEveryValue()

    let diagnostics = try #require(run.result.networkDiagnostics)
    #expect(diagnostics.componentSizes.count == 8)
    #expect(run.oracle.graph.weakComponents == 8)
    #expect(diagnostics.componentSizes.first == run.oracle.graph.largestComponentNodes)
    #expect(diagnostics.componentSizes.reduce(0, +) == run.oracle.graph.nodes)
    #expect(diagnostics.nodes == run.oracle.graph.nodes)
    #expect(diagnostics.arcs == run.oracle.graph.arcs)
    #expect(diagnostics.unitsBeyondMaxSnap == ["u061", "u062"])
    #expect(diagnostics.servicesBeyondMaxSnap == ["s017"])

    // u061 and u062 lie in the sea, > 6 km from every road: null in every category.
    for id in ["u061", "u062"] {
      let index = try #require(run.result.units.firstIndex { $0.id == id })
      for category in run.result.categories {
        #expect(run.result[category]?.nearest[index] == nil, "\(id) \(category)")
        #expect(run.result[category]?.minutes?[index] == nil, "\(id) \(category)")
        #expect(run.result[category]?.detour?[index] == nil, "\(id) \(category)")
      }
    }
    // s017 (sea) serves nobody.
    for category in run.result.perCategory {
      #expect(!category.nearest.contains { $0.map(run.result.serviceID(of:)) == "s017" })
    }
  }

  @Test("Samsø: with geodesic lengths the road distance is never below the straight line")
  func samsoeDetourAtLeastOne() throws {
    let run = try OracleRun(name: "samsoe", roads: "samsoe_roads.geojson")
    var defined = 0
    for category in run.result.categories {
      let detours = run.result[category]?.detour ?? []
      #expect(detours.count == run.result.units.count)
      for (index, detour) in detours.enumerated() {
        let hasRoad = run.result[category]?.nearest[index] != nil
        #expect((detour != nil) == hasRoad, "\(run.result.units[index].id) \(category)")
        guard let detour else { continue }
        defined += 1
        #expect(
          detour >= 1 - 1e-9,
          "\(run.result.units[index].id) \(category): detour \(detour) < 1")
      }
    }
    #expect(defined == 60 * 2)
  }
}

// MARK: - Running one oracle case

/// The inputs of one oracle fixture loaded with the I/O loaders and analysed in network
/// mode with the oracle's parameters.
private struct OracleRun {
  var oracle: OracleFile
  var result: AnalysisResult

  init(name: String, roads: String) throws {
    oracle = try OracleFile.load(name)
    let parameters = oracle.parameters
    let units = try PopulationLoader.load(file: IOTestPaths.fixture("roads/\(name)_units.csv"))
    let services = try ServiceLoader.load(
      file: IOTestPaths.fixture("roads/\(name)_services.csv"))
    #expect(units.warnings.isEmpty && services.warnings.isEmpty)
    let loadedRoads = try RoadLoader.load(
      file: IOTestPaths.fixture("roads/\(roads)"),
      options: RoadFieldOptions(lengthField: parameters.lengthField))
    #expect(loadedRoads.skipped.isEmpty)

    // The oracle's speed table and default are the library's defaults; checked here so
    // a change of either side shows up as such rather than as a thousand time differences.
    let speeds = SpeedTable.defaults
    #expect(speeds.speeds == parameters.speedsKmh.mapValues(Double.init))
    #expect(speeds.fallbackKmh == parameters.defaultSpeedKmh)

    result = try Analysis.run(
      AnalysisInput(
        units: units.items, services: services.items, categories: oracle.categories,
        thresholds: [:]),
      options: AnalysisOptions(
        workCRS: parameters.workCRS, computeZones: false,
        network: NetworkOptions(
          roads: loadedRoads.items, speeds: speeds, accessSpeedKmh: parameters.accessSpeedKmh,
          maxSnapMeters: parameters.maxSnapM)))
  }

  /// Compares every unit × category value with the oracle's and records one issue per
  /// mismatch, naming the unit, the category and both values.
  func compareEveryValue() {
    #expect(result.units.map(\.id) == oracle.units.map(\.id))
    #expect(result.categories == oracle.categories)
    var compared = 0
    for (index, unit) in result.units.enumerated() {
      guard let expected = oracle.unit(unit.id) else {
        Issue.record("\(unit.id) is not in the oracle")
        continue
      }
      for category in oracle.categories {
        guard let want = expected.categories[category] else {
          Issue.record("\(unit.id): the oracle has no \(category)")
          continue
        }
        let nearest = result[category]?.nearest[index]
        let minutes = result[category]?.minutes?[index] ?? nil
        let label = "\(unit.id) \(category)"
        compared += 1
        guard let wantDistance = want.distM, let wantMinutes = want.timeMin else {
          #expect(
            nearest == nil, "\(label): the oracle has null, Swift \(String(describing: nearest))")
          #expect(minutes == nil, "\(label): the oracle has null, Swift \(minutes ?? .nan) min")
          continue
        }
        guard let nearest, let minutes else {
          Issue.record(
            "\(label): Swift has null, the oracle \(wantDistance) m, \(wantMinutes) min")
          continue
        }
        #expect(
          abs(nearest.distanceMeters - wantDistance) <= NetworkOracleTests.meterTolerance,
          "\(label): distance \(nearest.distanceMeters) m, oracle \(wantDistance) m")
        #expect(
          abs(minutes - wantMinutes) <= NetworkOracleTests.minuteTolerance,
          "\(label): time \(minutes) min, oracle \(wantMinutes) min")
        #expect(
          result.serviceID(of: nearest) == want.nearestID,
          "\(label): nearest \(result.serviceID(of: nearest)), oracle \(want.nearestID ?? "null")")
      }
    }
    #expect(compared == oracle.units.count * oracle.categories.count)
  }
}

// MARK: - The oracle's JSON

/// `fixtures/oracle/network_<name>.json`, the parts the tests use.
private struct OracleFile: Decodable {
  struct Parameters: Decodable {
    var accessSpeedKmh: Double
    var defaultSpeedKmh: Double
    var lengthField: String?
    var maxSnapM: Double
    var speedsKmh: [String: Int]
    var workCRS: String

    enum CodingKeys: String, CodingKey {
      case accessSpeedKmh = "access_speed_kmh"
      case defaultSpeedKmh = "default_speed_kmh"
      case lengthField = "length_field"
      case maxSnapM = "max_snap_m"
      case speedsKmh = "speeds_kmh"
      case workCRS = "work_crs"
    }
  }

  struct Graph: Decodable {
    var arcs: Int
    var nodes: Int
    var largestComponentNodes: Int
    var weakComponents: Int

    enum CodingKeys: String, CodingKey {
      case arcs, nodes
      case largestComponentNodes = "largest_component_nodes"
      case weakComponents = "weak_components"
    }
  }

  struct SnapTie: Decodable {
    var id: String
    var valuesChangedByOtherChoice: Int

    enum CodingKeys: String, CodingKey {
      case id
      case valuesChangedByOtherChoice = "values_changed_by_other_choice"
    }
  }

  struct Diagnostics: Decodable {
    var servicesBeyondMaxSnap: Int
    var unitsBeyondMaxSnap: Int
    var snapTies: [SnapTie]

    enum CodingKeys: String, CodingKey {
      case servicesBeyondMaxSnap = "services_beyond_max_snap"
      case unitsBeyondMaxSnap = "units_beyond_max_snap"
      case snapTies = "snap_ties"
    }
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
    var snapDistanceM: Double?
    var snapFeature: Int?

    enum CodingKeys: String, CodingKey {
      case id, categories
      case snapDistanceM = "snap_distance_m"
      case snapFeature = "snap_feature"
    }
  }

  struct Service: Decodable {
    var id: String
    var category: String
    var snapDistanceM: Double?

    enum CodingKeys: String, CodingKey {
      case id, category
      case snapDistanceM = "snap_distance_m"
    }
  }

  var categories: [String]
  var parameters: Parameters
  var graph: Graph
  var diagnostics: Diagnostics
  var units: [Unit]
  var services: [Service]

  static func load(_ name: String) throws -> OracleFile {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: IOTestPaths.fixture("oracle/network_\(name).json")))
    return try JSONDecoder().decode(OracleFile.self, from: data)
  }

  func unit(_ id: String) -> Unit? { units.first { $0.id == id } }
  func service(_ id: String) -> Service? { services.first { $0.id == id } }
}
