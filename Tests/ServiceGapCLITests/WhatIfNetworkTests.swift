import Foundation
import ServiceGapTestSupport
import Testing

/// `whatif` along the roads (Umeå region): the delta's after-values are those of an
/// `analyze` run on the changed services, with travel times in changed_units.geojson.
@Suite("whatif along the roads")
struct WhatIfNetworkTests {
  @Test("closing Vännäs's grocery stores: after-values equal a separate network analyze run")
  func closeAStore() async throws {
    let folder = try TemporaryFolder("whatif-network")
    defer { folder.remove() }
    let services = try String(
      contentsOf: Fixtures.url("demo_umea/services.csv"), encoding: .utf8)
    let lines = services.split(separator: "\n").map(String.init)
    // Every grocery store of Vännäs (2460) closes.
    let closed = lines.filter { $0.contains(",grocery,2460,") }
    #expect(closed.count >= 2)
    let ids = closed.map { String($0.split(separator: ",")[0]) }.joined(separator: ",")
    try folder.write(
      "after.csv", lines.filter { !closed.contains($0) }.joined(separator: "\n") + "\n")
    let common = [
      "--mode", "network", "--roads", Fixtures.url("roads/umea_region_roads.geojson").path,
      "--length-field", "length_m", "--population", Fixtures.url("roads/umea_units.csv").path,
      "--regions", Fixtures.url("roads/umea_kommuner.geojson").path, "--categories", "grocery",
      "--thresholds", "2min,5min", "--no-zones",
    ]
    let whatif = try await runServiceGap(
      ["whatif"] + common + [
        "--services", Fixtures.url("demo_umea/services.csv").path, "--close", ids, "--out",
        folder.file("whatif").path,
      ], in: folder.url)
    try #require(whatif.status == 0, "\(whatif.stderr)")
    let after = try await runServiceGap(
      ["analyze"] + common + [
        "--services", folder.file("after.csv").path, "--format", "json",
      ], in: folder.url)
    try #require(after.status == 0, "\(after.stderr)")
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
    let delta = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.file("whatif/delta.json"))) as? [[String: Any]])
    var compared = 0
    for row in delta {
      let region = row["region"] as? String
      let indicator = try #require(row["indicator"] as? String)
      let expected = summary.first { $0["region"] as? String == region }?[indicator]
      #expect(row["after"] as? Double == expected as? Double, "\(region ?? "") \(indicator)")
      compared += 1
    }
    #expect(compared > 20)
    let changed = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.file("whatif/changed_units.geojson"))) as? [String: Any])
    let features = try #require(changed["features"] as? [[String: Any]])
    #expect(!features.isEmpty, "no unit changed class: the closures should matter")
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      #expect(properties.keys.contains("before_grocery_time_min"))
      #expect(properties.keys.contains("after_grocery_time_min"))
    }
  }
}
