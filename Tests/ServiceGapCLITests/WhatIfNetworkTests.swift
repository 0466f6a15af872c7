import Foundation
import ServiceGapTestSupport
import Testing

/// `whatif` along the roads (Umeå region): the delta's after-values are those of an
/// `analyze` run on the changed services, with travel times in changed_units.geojson.
@Suite("whatif along the roads", .timeLimit(.minutes(10)))
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
    try #require(closed.count >= 2)
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
    // The two situations, each analysed on its own.
    var summaries: [String: [[String: Any]]] = [:]
    var times: [String: [String: Any]] = [:]
    for (name, services) in [
      ("before", Fixtures.url("demo_umea/services.csv").path),
      ("after", folder.file("after.csv").path),
    ] {
      let run = try await runServiceGap(
        ["analyze"] + common + [
          "--services", services, "--format", "json", "--out", folder.file(name).path,
        ], in: folder.url)
      try #require(run.status == 0, "\(run.stderr)")
      summaries[name] = try #require(
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
      let units = try #require(
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: folder.file(name).appendingPathComponent("units.geojson")))
          as? [String: Any])
      for feature in try #require(units["features"] as? [[String: Any]]) {
        let properties = try #require(feature["properties"] as? [String: Any])
        times[name, default: [:]][try #require(properties["id"] as? String)] =
          properties["grocery_time_min"] ?? NSNull()
      }
    }
    let delta = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.file("whatif/delta.json"))) as? [[String: Any]])
    var compared = 0
    for row in delta {
      let region = try #require(row["region"] as? String)
      let indicator = try #require(row["indicator"] as? String)
      for side in ["before", "after"] {
        let summaryRow = try #require(
          summaries[side]?.first { $0["region"] as? String == region }, "\(side) \(region)")
        try #require(summaryRow.keys.contains(indicator), "\(side) \(region) \(indicator)")
        let expected = summaryRow[indicator]
        if expected is NSNull {
          #expect(row[side] is NSNull, "\(side) \(region) \(indicator)")
        } else {
          let value = try #require(row[side] as? Double, "\(side) \(region) \(indicator)")
          #expect(value == (expected as? Double), "\(side) \(region) \(indicator)")
          compared += 1
        }
      }
    }
    #expect(compared > 40, "numbers compared: \(compared)")
    let changed = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.file("whatif/changed_units.geojson"))) as? [String: Any])
    let features = try #require(changed["features"] as? [[String: Any]])
    #expect(!features.isEmpty, "no unit changed class: the closures should matter")
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      let id = try #require(properties["id"] as? String)
      for side in ["before", "after"] {
        let value = try #require(properties["\(side)_grocery_time_min"], "\(id) \(side)")
        let expected = try #require(times[side]?[id], "\(id) in the \(side) run")
        #expect(
          Self.same(value, expected), "\(id) \(side): \(value) against \(expected)")
      }
    }
  }

  /// Two JSON values are the same number, or both null.
  static func same(_ a: Any, _ b: Any) -> Bool {
    switch (a, b) {
    case (is NSNull, is NSNull): return true
    case (let x as Double, let y as Double): return x == y
    default: return false
    }
  }
}
