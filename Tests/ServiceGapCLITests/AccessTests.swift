import Foundation
import ServiceGapTestSupport
import Testing

/// `servicegap access` end to end: the index in units.geojson is PySAL's (the oracle's
/// grocery 2SFCA case) and the summary gains mean_2sfca and gini_2sfca.
@Suite("access", .timeLimit(.minutes(10)))
struct AccessTests {
  @Test("units.geojson carries grocery_2sfca equal to PySAL access; summary gains mean and Gini")
  func outputsFollowTheContract() async throws {
    let folder = try TemporaryFolder("access")
    defer { folder.remove() }
    let result = try await runServiceGap(
      [
        "access", "--population", Fixtures.url(Demo.population).path, "--services",
        Fixtures.url(Demo.services).path, "--regions", Fixtures.url(Demo.regions).path,
        "--region-field", "kommun_kod", "--categories", "grocery", "--catchment", "10km",
        "--no-zones", "--out", folder.url.path,
      ], in: folder.url)
    try #require(result.status == 0, "\(result.stderr)")
    let oracle = try #require(try Fixtures.json("oracle/access_demo.json") as? [String: Any])
    let cases = try #require(oracle["cases"] as? [[String: Any]])
    let expected = try #require(
      cases.first { $0["name"] as? String == "grocery_2sfca_10km" }?["expected"]
        as? [String: Double])
    let collection = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("units.geojson")))
        as? [String: Any])
    let units = try #require(collection["features"] as? [[String: Any]]).compactMap {
      $0["properties"] as? [String: Any]
    }
    #expect(units.count == expected.count)
    for unit in units {
      let id = try #require(unit["id"] as? String)
      let value = try #require(unit["grocery_2sfca"] as? Double, "\(id)")
      let wanted = try #require(expected[id])
      #expect(abs(value - wanted) <= 1e-8 * max(1, abs(wanted)), "\(id): \(value) vs \(wanted)")
      #expect(unit["grocery_dist_m"] != nil, "the analyze columns stay")
    }
    let summary = try String(contentsOf: folder.file("summary.csv"), encoding: .utf8)
    let header = try #require(summary.split(separator: "\n").first)
    #expect(header.hasSuffix(",unreachable_pop,gini,p90_p50,person_km,mean_2sfca,gini_2sfca"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("summary.json")))
        as? [[String: Any]])
    // A grocery row for each of the five municipalities, then ALL.
    #expect(
      json.map { $0["region"] as? String } == [
        "Norsjö", "Malå", "Sorsele", "Skellefteå", "Arjeplog", "ALL",
      ])
    #expect(json.allSatisfy { $0["category"] as? String == "grocery" })
    #expect(json.allSatisfy { $0.keys.contains("mean_2sfca") && $0.keys.contains("gini_2sfca") })
  }
}
