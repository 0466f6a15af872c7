import Foundation
import ServiceGapTestSupport
import Testing

/// `analyze --curves` and `--check` against the per-unit distances of units.geojson.
@Suite("curves and compliance checks", .timeLimit(.minutes(10)))
struct CurvesAndChecksTests {
  @Test("curves.csv equals the share beyond each distance counted from units.geojson")
  func curvesFromUnits() async throws {
    let folder = try TemporaryFolder("curves")
    defer { folder.remove() }
    let result = try await runServiceGap(
      [
        "analyze", "--population", Fixtures.url(Demo.population).path, "--services",
        Fixtures.url(Demo.services).path, "--regions", Fixtures.url(Demo.regions).path,
        "--region-field", "kommun_kod", "--categories", "grocery,atm", "--thresholds",
        "5km,10km", "--thresholds", "atm=10km,25km", "--no-zones", "--curves", "--check",
        "atm:25km<=0.3%", "--out", folder.url.path,
      ], in: folder.url)
    try #require(result.status == 0, "\(result.stderr)")

    let collection = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("units.geojson")))
        as? [String: Any])
    let units = try #require(collection["features"] as? [[String: Any]]).compactMap {
      $0["properties"] as? [String: Any]
    }
    let csv = try String(contentsOf: folder.file("curves.csv"), encoding: .utf8)
    var rows = 0
    for line in csv.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let (region, category) = (fields[0], fields[1])
      let distance = try #require(Double(fields[2]))
      let share = try #require(Double(fields[4]))
      let members = units.filter { region == "ALL" || $0["region"] as? String == region }
      let total = members.reduce(0.0) { $0 + ($1["population"] as? Double ?? 0) }
      let beyond = members.reduce(0.0) { sum, unit in
        let metres = unit["\(category)_dist_m"] as? Double
        return sum
          + ((metres.map { $0 / 1000 > distance } ?? true) ? unit["population"] as? Double ?? 0 : 0)
      }
      #expect(abs(share - beyond / total) < 5e-7, "\(line)")
      rows += 1
    }
    // 0 to 30 km in 0.5 km steps for grocery, 0 to 75 km for atm; 5 regions and ALL.
    #expect(rows == 6 * (61 + 151))
    let svg = try String(contentsOf: folder.file("curves.svg"), encoding: .utf8)
    #expect(svg.components(separatedBy: "<path class=\"curve\"").count - 1 == 12)
    #expect(svg.components(separatedBy: "class=\"threshold\"").count - 1 == 4)

    // The check agrees with the summary's share beyond 25 km.
    #expect(result.stdout.contains("check atm:25km<=0.3%"))
    #expect(
      result.stdout.contains("ALL              66540    1440  2.16 %  0.30 %  -1.86 pp  FAIL"))
    #expect(
      result.stdout.contains("Norsjö            2358       0  0.00 %  0.30 %  +0.30 pp  pass"))
  }

  @Test(
    "bad rules stop with a usage message",
    // 64 (EX_USAGE) for a rule that does not parse; 1 for one naming a category the run
    // does not analyse.
    arguments: [
      ("atm:25km<0.3%", "is not a rule", Int32(64)), ("atm:25<=0.3%", "is not a rule", 64),
      ("fuel:25km<=0.3%", "names category 'fuel', which is not analysed", 1),
    ])
  func badRules(_ rule: String, message: String, status: Int32) async throws {
    let folder = try TemporaryFolder("checks-bad")
    defer { folder.remove() }
    let result = try await runServiceGap(
      [
        "analyze", "--population", Fixtures.url(Demo.population).path, "--services",
        Fixtures.url(Demo.services).path, "--categories", "atm", "--no-zones", "--check", rule,
      ], in: folder.url)
    #expect(result.status == status, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }
}
