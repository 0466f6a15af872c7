import Foundation
import ServiceGap
import ServiceGapTestSupport
import Testing

@Suite("Nearest service by geodesic distance")
struct NearestServiceIndexTests {
  /// The pyproj brute-force oracle: random Sweden, antimeridian and pole points,
  /// services on top of units, coincident pairs (ties).
  @Test func matchesPyprojOracle() throws {
    let oracle = try #require(
      try Fixtures.json("oracle/straight_line_random.json") as? [String: Any])
    let serviceRows = try #require(oracle["services"] as? [[String: Any]])
    let services = serviceRows.map { row in
      ServicePoint(
        id: row["id"] as? String ?? "", category: row["category"] as? String ?? "",
        location: LonLat(lon: row["lon"] as? Double ?? .nan, lat: row["lat"] as? Double ?? .nan))
    }
    let units = try #require(oracle["units"] as? [[String: Any]])
    let categories = try #require(oracle["categories"] as? [String])
    var checked = 0
    for category in categories {
      let members = services.filter { $0.category == category }
      let index = NearestServiceIndex(services: members)
      for unit in units {
        let point = LonLat(lon: unit["lon"] as? Double ?? .nan, lat: unit["lat"] as? Double ?? .nan)
        let expected = try #require(
          (unit["categories"] as? [String: Any])?[category] as? [String: Any])
        let found = try #require(index.nearest(to: point))
        #expect(
          members[found.serviceIndex].id == expected["nearest_id"] as? String,
          "unit \(unit["id"] ?? "")")
        // pyproj and PROJ run the same Karney algorithm; 1 mm covers JSON rounding.
        #expect(abs(found.distanceMeters - (expected["dist_m"] as? Double ?? .nan)) < 1e-3)
        checked += 1
      }
    }
    #expect(checked == units.count * categories.count)
  }

  /// Seeded sweep against brute force, with ties and points on top of services.
  @Test func matchesBruteForceOnSeededData() {
    withEvery(seed: 0..<20) { seed, random in
      var services = (0..<Int.random(in: 1...60, using: &random)).map { index in
        ServicePoint(
          id: String(format: "s%03d", index), category: "x",
          location: LonLat(
            lon: Double.random(in: 12...20, using: &random),
            lat: Double.random(in: 56...68, using: &random)))
      }
      // A coincident duplicate with a smaller id: the tie must go to it.
      if let first = services.first {
        services.append(ServicePoint(id: "a-dup", category: "x", location: first.location))
      }
      let shuffled = services.shuffled(using: &random)
      let index = NearestServiceIndex(services: shuffled)
      var queries = (0..<50).map { _ in
        LonLat(
          lon: Double.random(in: 11...21, using: &random),
          lat: Double.random(in: 55...69, using: &random))
      }
      queries += services.prefix(5).map(\.location)
      for query in queries {
        let expected = BruteForce.nearest(to: query, among: services)
        let found = index.nearest(to: query)
        #expect(found.map { shuffled[$0.serviceIndex].id } == expected?.id, "seed \(seed)")
        #expect(
          abs((found?.distanceMeters ?? -1) - (expected?.meters ?? -2)) < 1e-9, "seed \(seed)")
      }
      #expect(index.nearest(to: services[0].location)?.distanceMeters == 0, "seed \(seed)")
    }
  }

  @Test func emptyIndexFindsNothing() {
    #expect(NearestServiceIndex(services: []).nearest(to: LonLat(lon: 15, lat: 60)) == nil)
  }

  /// Adding a service never increases a distance; removing one never decreases it.
  @Test func addingNeverIncreasesRemovingNeverDecreases() {
    withEvery(seed: 100..<110) { seed, random in
      let services = (0..<40).map { index in
        ServicePoint(
          id: "s\(index)", category: "x",
          location: LonLat(
            lon: Double.random(in: 14...18, using: &random),
            lat: Double.random(in: 60...64, using: &random)))
      }
      let fewer = Array(services.dropLast(10))
      let all = NearestServiceIndex(services: services)
      let reduced = NearestServiceIndex(services: fewer)
      for _ in 0..<100 {
        let query = LonLat(
          lon: Double.random(in: 13...19, using: &random),
          lat: Double.random(in: 59...65, using: &random))
        let withAll = all.nearest(to: query)?.distanceMeters ?? .infinity
        let withFewer = reduced.nearest(to: query)?.distanceMeters ?? .infinity
        #expect(withAll <= withFewer, "seed \(seed)")
      }
    }
  }

  /// A national run keeps one optional record per unit and category (4 million of them):
  /// 16 bytes each, not the 24 a 64-bit index would take, nor 40 with the id inside.
  @Test func recordsStayCompact() {
    #expect(MemoryLayout<NearestService?>.stride == 16)
    var record = NearestService(serviceIndex: 20_000, distanceMeters: 12.5)
    #expect(record.serviceIndex == 20_000 && record.distanceMeters == 12.5)
    record.serviceIndex = 7
    #expect(record == NearestService(serviceIndex: 7, distanceMeters: 12.5))
  }
}
