import Foundation
import ServiceGapTestSupport
import Testing

/// `analyze --combined`: the people in each combined part are exactly the units beyond
/// the listed thresholds and within the others (by their own distances in units.geojson).
@Suite("combined zones", .timeLimit(.minutes(10)))
struct CombinedZonesTests {
  @Test("people per region and set of missing services match the units' distances")
  func populationsMatchUnits() async throws {
    let folder = try TemporaryFolder("combined")
    defer { folder.remove() }
    let layers = [("grocery", 5.0), ("atm", 10.0), ("pharmacy", 10.0)]
    let result = try await runServiceGap(
      [
        "analyze", "--population", Fixtures.url(Demo.population).path, "--services",
        Fixtures.url(Demo.services).path, "--regions", Fixtures.url(Demo.regions).path,
        "--region-tolerance", "0m", "--categories", "grocery,atm,pharmacy", "--thresholds",
        "5km,10km", "--thresholds", "atm=10km,25km", "--thresholds", "pharmacy=10km,20km",
        "--combined", "grocery:5km,atm:10km,pharmacy:10km", "--out", folder.url.path,
      ], in: folder.url)
    try #require(result.status == 0, "\(result.stderr)")

    func features(_ name: String) throws -> [[String: Any]] {
      let collection = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file(name)))
          as? [String: Any])
      return try #require(collection["features"] as? [[String: Any]]).compactMap {
        $0["properties"] as? [String: Any]
      }
    }
    var found: [String: Double] = [:]
    let parts = try features("combined.geojson")
    #expect(parts.count > 10)
    for part in parts {
      let region = try #require(part["region"] as? String)
      let services = try #require(part["services"] as? String, "\(region)")
      let key = "\(region)|\(services)"
      found[key, default: 0] += try #require(part["population"] as? Double, "\(key)")
      let missing = try #require(part["missing"] as? Int)
      #expect(missing == services.split(separator: ",").count)
      #expect(missing >= 2)
    }
    var expected: [String: Double] = [:]
    for unit in try features("units.geojson") {
      guard let region = unit["region"] as? String, region != "outside" else { continue }
      let beyond = layers.filter { category, km in
        ((unit["\(category)_dist_m"] as? Double).map { $0 / 1000 } ?? .infinity) > km
      }
      // Discs are drawn with 16 segments per quarter: skip units within 0.2 % of a radius.
      let borderline = layers.contains { category, km in
        ((unit["\(category)_dist_m"] as? Double).map { abs($0 / 1000 - km) / km } ?? 1) < 0.002
      }
      guard beyond.count >= 2, !borderline else { continue }
      let services = beyond.map { "\($0.0)>\(Int($0.1))km" }.joined(separator: ",")
      expected["\(region)|\(services)", default: 0] += unit["population"] as? Double ?? 0
    }
    #expect(expected.values.reduce(0, +) > 0, "no unit misses two services: nothing checked")
    for (key, people) in expected { #expect(found[key] == people, "\(key)") }
    for (key, people) in found where people > 0 { #expect(expected[key] == people, "\(key)") }
  }

  @Test("a threshold that is not analysed is refused with the fix")
  func notAnalysed() async throws {
    let folder = try TemporaryFolder("combined-bad")
    defer { folder.remove() }
    let result = try await runServiceGap(
      [
        "analyze", "--population", Fixtures.url(Demo.population).path, "--services",
        Fixtures.url(Demo.services).path, "--regions", Fixtures.url(Demo.regions).path,
        "--categories", "grocery,atm", "--combined", "grocery:7km,atm:25km", "--out",
        folder.url.path,
      ], in: folder.url)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "the zones beyond 7km from grocery are not drawn: add 7km to grocery's thresholds"),
      "\(result.stderr)")
  }
}
