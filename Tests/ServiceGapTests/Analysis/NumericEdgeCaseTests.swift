import Foundation
import ServiceGap
import ServiceGapTestSupport
import Testing

/// Numeric edge cases (issue 6, item 7) against the pyproj/shapely oracle in
/// `Scripts/oracle/numeric_edges_oracle.py` (`fixtures/oracle/numeric_edges.json`): a unit
/// on a service, exactly at a threshold, services on one spot, units on region borders and
/// shared vertices, the antimeridian, the North Pole, the southern hemisphere, a region
/// across a UTM zone boundary and categories with no service where people live.
///
/// Tolerances: distances 1 mm (exact where the oracle says 0 or exactly 5000 m), zone areas
/// 1 m² (the same 64-gon discs in the same working CRS), populations exact.
@Suite("Numeric edge cases against the pyproj/shapely oracle")
struct NumericEdgeCaseTests {
  /// One scenario of the oracle file.
  struct Scenario {
    let name: String
    let input: AnalysisInput
    let json: [String: Any]
    /// The oracle's runs, one distance row per unit, `sole_pop` per service id.
    let runs: [[String: Any]]
    let distances: [[String: Any]]
    let solePopulation: [String: [Double]]

    /// Options for one run: its working CRS when the oracle was given one (else the
    /// automatic choice), its region tolerance.
    func options(run: [String: Any], criticality: Bool = false) -> AnalysisOptions {
      AnalysisOptions(
        workCRS: run["work_crs_given"] as? Bool == true ? run["work_crs"] as? String : nil,
        regionToleranceMeters: run["region_tolerance_m"] as? Double ?? 1000,
        workers: 2, criticality: criticality)
    }

    func run(_ index: Int, criticality: Bool = false) throws -> AnalysisResult {
      try Analysis.run(
        input, options: options(run: runs[index], criticality: criticality))
    }
  }

  static func oracle() throws -> [String: Any] {
    try #require(try Fixtures.json("oracle/numeric_edges.json") as? [String: Any])
  }

  /// The inputs of a scenario, decoded with `JSONDecoder`: unlike `JSONSerialization` on
  /// Linux it rounds 17-digit coordinates correctly, and the point exactly 5000 m from its
  /// service needs its last bit.
  struct InputFile: Decodable {
    struct Point: Decodable {
      var id: String
      var name: String
      var lon: Double
      var lat: Double
      var population: Double?
      var category: String?
    }
    struct Area: Decodable {
      var id: String
      var name: String
      var polygons: [[[[Double]]]]
    }
    var units: [Point]
    var services: [Point]
    var regions: [Area]
    var categories: [String]
    var thresholds: [String: [String]]
  }

  struct OracleFile: Decodable {
    struct Entry: Decodable { var input: InputFile }
    var scenarios: [String: Entry]
  }

  static func scenario(_ name: String) throws -> Scenario {
    let scenarios = try #require(try oracle()["scenarios"] as? [String: Any])
    let json = try #require(scenarios[name] as? [String: Any], "scenario \(name)")
    let file = try JSONDecoder().decode(
      OracleFile.self, from: Data(contentsOf: Fixtures.url("oracle/numeric_edges.json")))
    let input = try #require(file.scenarios[name]?.input)
    let runs = try #require(json["runs"] as? [[String: Any]], "\(name): runs")
    #expect(runs.count == runCounts[name], "\(name): runs")
    let distances = try #require(json["distances"] as? [[String: Any]], "\(name): distances")
    #expect(distances.count == input.units.count, "\(name): one distance row per unit")
    let solePopulation = try #require(
      json["sole_pop"] as? [String: [Double]], "\(name): sole_pop")
    #expect(
      Set(solePopulation.keys) == Set(input.services.map(\.id)), "\(name): sole_pop per service")
    let thresholds = input.thresholds.mapValues { $0.compactMap(Threshold.init(parsing:)) }
    #expect(
      thresholds.mapValues(\.count) == input.thresholds.mapValues(\.count),
      "\(name): every threshold parses")
    return Scenario(
      name: name,
      input: try AnalysisInput(
        units: input.units.map {
          PopulationUnit(
            id: $0.id, name: $0.name, population: $0.population ?? .nan,
            location: LonLat(lon: $0.lon, lat: $0.lat))
        },
        services: input.services.map {
          ServicePoint(
            id: $0.id, name: $0.name, category: $0.category ?? "",
            location: LonLat(lon: $0.lon, lat: $0.lat))
        },
        regions: input.regions.map { region in
          Region(
            id: region.id, name: region.name,
            polygons: region.polygons.map { polygon in
              polygon.map { ring in ring.map { LonLat(lon: $0[0], lat: $0[1]) } }
            })
        },
        categories: input.categories,
        thresholds: thresholds),
      json: json, runs: runs, distances: distances, solePopulation: solePopulation)
  }

  static let names = [
    "on_service_and_ties", "threshold_exact", "borders", "antimeridian", "pole", "pole_cap",
    "southern", "utm_boundary", "empty_categories",
  ]

  /// How many runs (working CRS, region tolerance) the oracle has for each scenario.
  static let runCounts = [
    "on_service_and_ties": 1, "threshold_exact": 1, "borders": 2, "antimeridian": 4, "pole": 1,
    "pole_cap": 1, "southern": 1, "utm_boundary": 2, "empty_categories": 1,
  ]

  // MARK: Every scenario and run against the oracle

  @Test("distances and nearest services", arguments: names)
  func distances(_ name: String) throws {
    let scenario = try Self.scenario(name)
    let result = try scenario.run(0)
    for (index, expected) in scenario.distances.enumerated() {
      let id = scenario.input.units[index].id
      #expect(expected["id"] as? String == id)
      let categories = try #require(expected["categories"] as? [String: Any])
      #expect(Set(categories.keys) == Set(scenario.input.categories), "\(name) \(id)")
      for (category, value) in categories {
        let found = result[category]?.nearest[index] ?? nil
        guard let value = value as? [String: Any] else {
          #expect(found == nil, "\(name) \(id) \(category): unreachable")
          continue
        }
        let found_ = try #require(found, "\(name) \(id) \(category)")
        #expect(
          result.serviceID(of: found_) == value["nearest_id"] as? String,
          "\(name) \(id) \(category)")
        let metres = try #require(value["dist_m"] as? Double)
        if metres == 0 || metres == 5000 {
          // Exact cases: on the service, and exactly at the threshold.
          #expect(found_.distanceMeters == metres, "\(name) \(id) \(category)")
        } else {
          #expect(abs(found_.distanceMeters - metres) < 1e-3, "\(name) \(id) \(category)")
        }
      }
    }
  }

  @Test("closure criticality (sole_pop) with ties and units on services", arguments: names)
  func criticality(_ name: String) throws {
    let scenario = try Self.scenario(name)
    let result = try scenario.run(0, criticality: true)
    for (index, service) in scenario.input.services.enumerated()
    where scenario.input.categories.contains(service.category) {
      let expected = try #require(scenario.solePopulation[service.id], "\(name) \(service.id)")
      #expect(result.solePopulationByService[index] == expected, "\(name) \(service.id)")
    }
  }

  @Test("working CRS, regions, zones and summary of every run", arguments: names)
  func runs(_ name: String) throws {
    let scenario = try Self.scenario(name)
    for (runIndex, run) in scenario.runs.enumerated() {
      let result = try scenario.run(runIndex)
      let workCRS = try #require(run["work_crs"] as? String, "\(name) run \(runIndex)")
      let label = "\(name) run \(runIndex) (\(workCRS))"
      #expect(result.workCRS == workCRS, "\(label)")
      let units = try #require(run["units"] as? [[String: Any]])
      let unitRegions = units.compactMap { $0["region"] as? String }
      #expect(unitRegions.count == scenario.input.units.count, "\(label): a region per unit")
      #expect(result.unitRegions == unitRegions, "\(label)")
      let services = try #require(run["services"] as? [[String: Any]])
      let serviceRegions = services.compactMap { $0["region"] as? String }
      #expect(
        serviceRegions.count == scenario.input.services.count, "\(label): a region per service")
      #expect(result.serviceRegions == serviceRegions, "\(label)")
      try Self.expectZones(result, try #require(run["zones"] as? [[String: Any]]), label)
      try Self.expectSummary(result, try #require(run["summary"] as? [[String: Any]]), label)
    }
  }

  static func expectZones(_ result: AnalysisResult, _ zones: [[String: Any]], _ label: String)
    throws
  {
    var expectedParts = 0
    for expected in zones {
      let region = try #require(expected["region"] as? String, "\(label)")
      let category = try #require(expected["category"] as? String, "\(label)")
      let threshold = try #require(expected["threshold"] as? String, "\(label)")
      let mine = result.zones.filter {
        $0.region == region && $0.category == category && $0.threshold.label == threshold
      }
      let here = "\(label) \(region) \(category) \(threshold)"
      let parts = try #require(expected["parts"] as? [[String: Any]])
      expectedParts += parts.count
      try #require(mine.count == parts.count, "\(here): \(mine.map(\.areaKm2))")
      // Both sorted by area, largest first.
      for (zone, part) in zip(mine, parts) {
        #expect(abs(zone.areaKm2 - (part["area_km2"] as? Double ?? .nan)) < 1e-6, "\(here)")
        #expect(zone.population == part["population"] as? Double, "\(here)")
        #expect(zone.largestPlace == (part["largest_place"] as? String ?? ""), "\(here)")
        if let geodesic = part["geodesic_area_km2"] as? Double {
          // The working CRS's scale is within 0.9996…1.001 inside a UTM zone and a few
          // degrees beyond it: areas within 0.2 % of the ellipsoid's.
          #expect(abs(zone.areaKm2 - geodesic) / geodesic < 0.002, "\(here) geodesic")
        }
      }
    }
    // No zones beyond the oracle's.
    #expect(
      result.zones.count == expectedParts,
      "\(label): \(result.zones.map { "\($0.region) \($0.category) \($0.threshold.label)" })")
  }

  static func expectSummary(_ result: AnalysisResult, _ rows: [[String: Any]], _ label: String)
    throws
  {
    #expect(!rows.isEmpty, "\(label)")
    #expect(result.summary.map(\.region) == rows.map { $0["region"] as? String ?? "" }, "\(label)")
    for (row, expected) in zip(result.summary, rows) {
      let here = "\(label) \(row.region) \(row.category)"
      #expect(row.category == expected["category"] as? String, "\(here)")
      #expect(row.population == expected["population"] as? Double, "\(here)")
      #expect(row.services == expected["services"] as? Int, "\(here)")
      #expect(
        try matches(row.servicesPer1000, expected, "services_per_1000"), "\(here) per 1000")
      for (key, value) in [
        ("mean", row.mean), ("median", row.median), ("p90", row.p90), ("max", row.max),
      ] {
        #expect(try matches(value, expected, key), "\(here) \(key)")
      }
      #expect(row.unreachablePopulation == expected["unreachable_pop"] as? Double, "\(here)")
      // One beyond column per threshold of the oracle's row, no more, no fewer.
      let oracleBeyond = expected.keys.filter { $0.hasPrefix("beyond_") && $0.hasSuffix("_pop") }
      #expect(
        Set(row.beyond.map { "beyond_\($0.threshold.label)_pop" }) == Set(oracleBeyond),
        "\(here)")
      #expect(row.beyond.count == oracleBeyond.count, "\(here)")
      for beyond in row.beyond {
        let prefix = "beyond_\(beyond.threshold.label)"
        #expect(beyond.population == expected["\(prefix)_pop"] as? Double, "\(here) \(prefix)")
        #expect(
          try matches(beyond.share, expected, "\(prefix)_share"), "\(here) \(prefix) share")
        #expect(
          try matches(beyond.areaKm2, expected, "\(prefix)_area_km2", tolerance: 1e-6),
          "\(here) \(prefix) area")
      }
    }
  }

  // MARK: The rules, pinned one by one

  /// A unit on a service is 0 m from it (not beyond any threshold) and counts for that
  /// service's criticality; two services on one spot are a tie that goes to the smallest
  /// id whatever the input order, and neither is critical, since the other remains.
  @Test func unitOnServiceAndServicesOnOneSpot() throws {
    let scenario = try Self.scenario("on_service_and_ties")
    var reversed = scenario.input
    reversed.services.reverse()
    for input in [scenario.input, reversed] {
      let result = try Analysis.run(input, options: AnalysisOptions(criticality: true))
      let onFuel = try #require(result["fuel"]?.nearest[0])
      #expect(result.serviceID(of: onFuel) == "f-1" && onFuel.distanceMeters == 0)
      #expect(onFuel.distanceMeters.sign == .plus, "0, not -0")
      let onTwins = try #require(result["grocery"]?.nearest[1])
      #expect(result.serviceID(of: onTwins) == "g-a" && onTwins.distanceMeters == 0)
      // The unit halfway between two ATMs: equal distances, the smaller id.
      #expect(result["atm"]?.nearest[3].map(result.serviceID(of:)) == "a-e")
      let sole = Dictionary(
        uniqueKeysWithValues: zip(input.services.map(\.id), result.solePopulationByService))
      #expect(sole["f-1"] == [100, 200])
      #expect(sole["g-a"] == [0, 0] && sole["g-b"] == [0, 0])
    }
  }

  /// "Beyond" is strictly greater: a unit exactly 5000.0 m from its service is within
  /// 5 km (and critical for it), one 1 mm farther is beyond.
  @Test func beyondIsStrictlyGreater() throws {
    let scenario = try Self.scenario("threshold_exact")
    let result = try scenario.run(0, criticality: true)
    let at = try #require(result["grocery"]?.nearest[1])
    #expect(at.distanceMeters == 5000, "PROJ's geod_inverse gives exactly 5000 m here")
    let all = try #require(result.summary.last)
    #expect(all.region == "ALL")
    #expect(all.beyond.map(\.population) == [100])
    #expect(result.solePopulationByService == [[11]])
  }

  /// A point on a region's border belongs to that region; on a border several regions
  /// share (an edge or a vertex) it goes to the first of them in the input order — the
  /// CLI orders regions by id — never to none and never to two.
  @Test func bordersGoToTheFirstRegion() throws {
    let scenario = try Self.scenario("borders")
    let result = try scenario.run(0)
    let byID = Dictionary(
      uniqueKeysWithValues: zip(scenario.input.units.map(\.id), result.unitRegions))
    #expect(byID["u-vertex"] == "SE", "the shared vertex of all four: SE is listed first")
    #expect(byID["u-border-north"] == "NW", "on the NW|NE meridian: NW is listed before NE")
    #expect(byID["u-border-south"] == "SE")
    #expect(byID["u-outer-corner"] == "SW", "a region's own outer corner is inside it")
    #expect(byID["u-out-999"] == "NW" && byID["u-out-1001"] == "outside")
    #expect(result.serviceRegions == ["NE", "NW"], "the service on the NW|NE border: NW")

    var reversed = scenario.input
    reversed.regions.reverse()
    let flipped = try Analysis.run(reversed)
    let flippedByID = Dictionary(
      uniqueKeysWithValues: zip(reversed.units.map(\.id), flipped.unitRegions))
    #expect(flippedByID["u-vertex"] == "SW")
    #expect(flippedByID["u-border-north"] == "NE")
    #expect(flippedByID["u-border-south"] == "SW")

    // Tolerance 0: the border still counts, 999 m outside does not.
    let strict = try scenario.run(1)
    let strictByID = Dictionary(
      uniqueKeysWithValues: zip(scenario.input.units.map(\.id), strict.unitRegions))
    #expect(strictByID["u-vertex"] == "SE" && strictByID["u-out-999"] == "outside")
  }

  /// Across the antimeridian: distances are geodesic over the line (about 21 km, not
  /// 40,000), the automatic working CRS is UTM 60 south, and the region cut in two at
  /// 180° makes one region and one zone part in any working CRS.
  @Test func antimeridian() throws {
    let scenario = try Self.scenario("antimeridian")
    let result = try scenario.run(0)
    #expect(result.workCRS == "EPSG:32760")
    let fuel = try #require(result["fuel"]?.nearest[0])
    // The oracle's geodesic over the line, about 21.3 km.
    let row = try #require(scenario.distances.first)
    #expect(row["id"] as? String == "u-on-grocery")
    let categories = try #require(row["categories"] as? [String: Any])
    let oracleFuel = try #require(categories["fuel"] as? [String: Any])
    let metres = try #require(oracleFuel["dist_m"] as? Double)
    #expect(result.serviceID(of: fuel) == "f" && oracleFuel["nearest_id"] as? String == "f")
    #expect(abs(fuel.distanceMeters - metres) < 1e-3, "\(fuel.distanceMeters) vs \(metres)")
    #expect(fuel.distanceMeters > 21_000 && fuel.distanceMeters < 22_000)
    #expect(scenario.runs.count == 4)
    for index in scenario.runs.indices {
      let run = try scenario.run(index)
      let grouped = Dictionary(grouping: run.zones) { "\($0.category) \($0.threshold.label)" }
      #expect(
        Set(grouped.keys) == ["grocery 5km", "grocery 10km", "fuel 10km", "fuel 20km"],
        "\(run.workCRS)")
      #expect(grouped.values.allSatisfy { $0.count == 1 }, "\(run.workCRS): one part each")
      // Each zone crosses the antimeridian, and is cut there into a piece each side.
      for zone in run.zones {
        #expect(AntimeridianCut.crosses(zone.polygon), "\(run.workCRS)")
        let pieces = try AntimeridianCut.parts(of: zone.polygon)
        #expect(pieces.count == 2, "\(run.workCRS)")
        #expect(pieces.allSatisfy { $0.joined().allSatisfy { abs($0.lon) <= 180 } })
      }
      #expect(run.warnings.allSatisfy { !$0.contains("antimeridian") })
    }
  }

  /// Near the North Pole the nearest service may lie across the pole (the geodesic runs
  /// over it); a zone around the pole is closed along it when cut for zones.geojson.
  @Test func northPole() throws {
    let scenario = try Self.scenario("pole")
    let result = try scenario.run(0)
    // p-120 at 120 E: its nearest store stands at 180 E, 11.2 km away across the pole.
    let across = try #require(result["grocery"]?.nearest[1])
    #expect(
      result.serviceID(of: across) == "s-180" && abs(across.distanceMeters - 11_169.393588) < 1e-3)
    #expect(result.warnings.allSatisfy { !$0.contains("antimeridian") })
    let cap = try Self.scenario("pole_cap").run(0)
    // The pole is 5.6 km from the nearest store: inside the 5 km zone, which is closed
    // along the pole when cut; the 10 km zone leaves the pole out.
    for zone in cap.zones where AntimeridianCut.crosses(zone.polygon) {
      let pieces = try AntimeridianCut.parts(of: zone.polygon)
      let atPole = pieces.contains { $0.joined().contains { $0.lat == 90 } }
      #expect(atPole == (zone.threshold.value == 5), "\(zone.threshold.label)")
      #expect(pieces.allSatisfy { $0.joined().allSatisfy { abs($0.lon) <= 180 } })
    }
    #expect(cap.zones.contains { $0.threshold.value == 5 && AntimeridianCut.crosses($0.polygon) })
  }

  /// South of the equator the automatic working CRS is a UTM south zone, and zone areas
  /// agree with the ellipsoid's to within the zone's scale error; a region without units
  /// has its rows with population 0, null shares and statistics, and its zone area.
  @Test func southernHemisphereAndRegionWithoutUnits() throws {
    let scenario = try Self.scenario("southern")
    let result = try scenario.run(0)
    #expect(result.workCRS == "EPSG:32755")
    let east = try #require(result.summary.first { $0.region == "East" })
    #expect(east.population == 0 && east.services == 1)
    #expect(east.servicesPer1000 == nil && east.mean == nil && east.median == nil)
    #expect(east.max == nil && east.unreachablePopulation == 0)
    #expect(east.beyond.allSatisfy { $0.population == 0 && $0.share == nil })
    #expect(east.beyond.allSatisfy { ($0.areaKm2 ?? 0) > 1000 })
  }

  /// Categories with no service where people live.
  ///
  /// Services far away or just outside the regions still serve (everyone beyond, real
  /// distances, 0 services in every row); a category with no service at all leaves
  /// everyone unreachable. A unit without people never counts in statistics nor names a
  /// zone.
  @Test func emptyCategories() throws {
    let scenario = try Self.scenario("empty_categories")
    let result = try scenario.run(0)
    let emptyRows = result.summary.filter { ["far", "edge", "none"].contains($0.category) }
    // Three categories in Inland, Empty and ALL.
    #expect(emptyRows.count == 9)
    for row in emptyRows {
      #expect(row.services == 0, "\(row.region) \(row.category)")
    }
    #expect(result["none"]?.nearest.allSatisfy { $0 == nil } == true)
    #expect(result.warnings.contains { $0.contains("'none' has no services") })
    let inland = try #require(
      result.summary.first { $0.region == "Inland" && $0.category == "none" })
    #expect(inland.unreachablePopulation == 150 && inland.median == nil && inland.mean == nil)
    #expect(inland.beyond.map(\.population) == [150, 150])
    let far = try #require(result.summary.first { $0.region == "Inland" && $0.category == "far" })
    #expect((far.max ?? 0) > 60 && far.beyond.map(\.share) == [1, 1])
    let lonely = result.zones.filter { $0.category == "grocery" && $0.region == "Inland" }
    #expect(lonely.map(\.population) == [0, 0] && lonely.allSatisfy { $0.largestPlace.isEmpty })
  }

  /// The automatic working CRS: the UTM zone of the centre of the units' bounding box,
  /// taken on the shorter side of the globe, compared with PROJ's own table of zones.
  @Test func automaticWorkingCRS() throws {
    let cases = try #require(try Self.oracle()["auto_work_crs"] as? [[String: Any]])
    #expect(cases.count == 13)
    for entry in cases {
      let name = try #require(entry["name"] as? String)
      let pairs = try #require(entry["points"] as? [[Double]], "\(name)")
      #expect(!pairs.isEmpty && pairs.allSatisfy { $0.count == 2 }, "\(name)")
      let points = pairs.map { LonLat(lon: $0[0], lat: $0[1]) }
      let epsg = try #require(entry["epsg"] as? String, "\(name)")
      #expect(WorkCRS.automatic(for: points) == epsg, "\(name)")
    }
  }
}

/// Whether an optional number equals an oracle row's value under `key` (null ↔ nil) within a
/// tolerance; the key must be there.
private func matches(
  _ value: Double?, _ row: [String: Any], _ key: String, tolerance: Double = 1e-9
) throws -> Bool {
  let expected = try #require(row[key], "the oracle row has no \(key)")
  switch (value, expected) {
  case (nil, is NSNull): return true
  case (let value?, let expected as Double): return abs(value - expected) <= tolerance
  default: return false
  }
}
