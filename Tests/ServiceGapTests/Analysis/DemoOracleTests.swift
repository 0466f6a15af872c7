import Foundation
import ServiceGap
import ServiceGapTestSupport
import Testing

/// The whole straight-line analysis of the demo area against the independent
/// pyproj/shapely implementation in `Scripts/oracle/straight_line_oracle.py`.
@Suite("Demo area against the pyproj/shapely oracle")
struct DemoOracleTests {
  let oracle: [String: Any]
  let result: AnalysisResult

  init() throws {
    oracle = try #require(try Fixtures.json("oracle/straight_line_demo.json") as? [String: Any])
    let rows = try #require(oracle["units"] as? [[String: Any]])
    #expect(rows.count == 26, "the demo's 26 units")
    let units = try rows.map { row in
      PopulationUnit(
        id: try #require(row["id"] as? String), name: try #require(row["name"] as? String),
        population: try #require(row["population"] as? Double),
        location: LonLat(
          lon: try #require(row["lon"] as? Double), lat: try #require(row["lat"] as? Double)))
    }
    let categories = try #require(oracle["categories"] as? [String])
    #expect(categories == ["grocery", "fuel", "pharmacy", "atm", "health", "school"])
    let labels = try #require(oracle["thresholds"] as? [String])
    let thresholds = labels.compactMap(Threshold.init(parsing:))
    #expect(labels == ["5km", "10km", "25km"] && thresholds.map(\.label) == labels)
    let input = try AnalysisInput(
      units: units, services: try Fixtures.demoServices(), regions: try Fixtures.demoRegions(),
      categories: categories,
      thresholds: Dictionary(uniqueKeysWithValues: categories.map { ($0, thresholds) }))
    result = try Analysis.run(input)
  }

  @Test func workingCRSIsSWEREF99TM() {
    #expect(result.workCRS == oracle["work_crs"] as? String)
  }

  @Test func unitRegionsAndNearestServices() throws {
    let units = try #require(oracle["units"] as? [[String: Any]])
    for (index, unit) in units.enumerated() {
      #expect(result.unitRegions[index] == unit["region"] as? String, "unit \(index)")
      let categories = try #require(unit["categories"] as? [String: [String: Any]])
      for (category, expected) in categories {
        let found = try #require(result[category]?.nearest[index])
        #expect(result.serviceID(of: found) == expected["nearest_id"] as? String)
        #expect(abs(found.distanceMeters - (expected["dist_m"] as? Double ?? .nan)) < 1e-3)
      }
    }
  }

  /// Zone areas agree to 1 m² (shapely's GEOS and Debian's GEOS overlay the same
  /// 64-gons), and so do part counts and zone populations.
  @Test func zonesMatchShapely() throws {
    let zones = try #require(oracle["zones"] as? [[String: Any]])
    #expect(zones.count == 90)
    var parts = 0
    for expected in zones {
      let region = try #require(expected["region"] as? String)
      let category = try #require(expected["category"] as? String)
      let label = try #require(expected["threshold"] as? String)
      let mine = result.zones.filter {
        $0.region == region && $0.category == category && $0.threshold.label == label
      }
      let where_ = "\(region) \(category) \(label)"
      let expectedParts = try #require(expected["parts"] as? Int, "\(where_)")
      parts += expectedParts
      #expect(mine.count == expectedParts, "\(where_)")
      let area = mine.reduce(0) { $0 + $1.areaKm2 }
      #expect(abs(area - (expected["area_km2"] as? Double ?? .nan)) < 1e-6, "\(where_)")
      let population = mine.reduce(0) { $0 + $1.population }
      #expect(population == expected["population"] as? Double, "\(where_)")
    }
    // No zone the oracle does not have.
    #expect(parts == 124)
    #expect(result.zones.count == parts)
  }

  @Test func summaryRowsMatch() throws {
    let rows = try #require(oracle["summary"] as? [[String: Any]])
    #expect(rows.count == result.summary.count)
    for expected in rows {
      let row = try #require(
        result.summary.first {
          $0.region == expected["region"] as? String
            && $0.category == expected["category"] as? String
        }, "\(expected["region"] ?? "") \(expected["category"] ?? "")")
      let label = "\(row.region) \(row.category)"
      #expect(row.population == expected["population"] as? Double, "\(label)")
      #expect(row.services == expected["services"] as? Int, "\(label)")
      for (key, value) in [
        ("mean", row.mean), ("median", row.median), ("p90", row.p90), ("max", row.max),
      ] {
        #expect(try close(value, expected, key), "\(label) \(key)")
      }
      #expect(try close(row.servicesPer1000, expected, "services_per_1000"), "\(label)")
      #expect(row.unreachablePopulation == expected["unreachable_pop"] as? Double, "\(label)")
      #expect(row.beyond.map(\.threshold.label) == ["5km", "10km", "25km"], "\(label)")
      for beyond in row.beyond {
        let prefix = "beyond_\(beyond.threshold.label)"
        #expect(beyond.population == expected["\(prefix)_pop"] as? Double, "\(label) \(prefix)")
        #expect(try close(beyond.share, expected, "\(prefix)_share"), "\(label) \(prefix)")
        #expect(
          try close(beyond.areaKm2, expected, "\(prefix)_area_km2", tolerance: 1e-6), "\(label)")
      }
    }
  }

  /// Every person counted once: the regions (and `outside`) add up to `ALL`,
  /// which is everybody.
  @Test func everyPersonCountedOnce() {
    let total = result.units.reduce(0) { $0 + $1.population }
    for category in result.categories {
      let rows = result.summary.filter { $0.category == category }
      let all = rows.filter { $0.region == Analysis.allRegions }
      #expect(all.count == 1)
      #expect(all.first?.population == total)
      let parts = rows.filter { $0.region != Analysis.allRegions }
      #expect(parts.reduce(0) { $0 + $1.population } == total)
    }
  }

  /// People inside a zone plus people within the threshold equals everyone inside
  /// the region polygons (units joined by the 1 km tolerance lie in no zone).
  @Test func zonePopulationPlusServedIsTotal() throws {
    let matches = try #require(oracle["units"] as? [[String: Any]]).map {
      $0["region_match"] as? String
    }
    for category in result.categories {
      for threshold in result[category]?.plan.thresholds ?? [] {
        let inZones = result.zones.filter { $0.category == category && $0.threshold == threshold }
          .reduce(0) { $0 + $1.population }
        var served = 0.0
        var inRegions = 0.0
        for (index, unit) in result.units.enumerated()
        where matches[index] == "within" {
          inRegions += unit.population
          if let distance = result[category]?.nearest[index]?.distanceMeters,
            distance <= (threshold.meters ?? 0)
          {
            served += unit.population
          }
        }
        #expect(inZones + served == inRegions, "\(category) \(threshold.label)")
      }
    }
  }

  /// Whether an optional number is close to an oracle row's value under `key` (null ↔ nil);
  /// the key must be there.
  private func close(
    _ value: Double?, _ row: [String: Any], _ key: String, tolerance: Double = 1e-6
  ) throws -> Bool {
    let expected = try #require(row[key], "the oracle row has no \(key)")
    switch (value, expected) {
    case (nil, is NSNull): return true
    case (let a?, let b as Double): return abs(a - b) <= tolerance * max(1, abs(b))
    default: return false
    }
  }
}
