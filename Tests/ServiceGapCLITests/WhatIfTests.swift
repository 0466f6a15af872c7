import Foundation
import ServiceGapTestSupport
import Testing

/// `servicegap whatif` against what it claims to be: the difference of two full
/// `analyze` runs, one on the services as they are and one on the changed services.
@Suite("whatif", .timeLimit(.minutes(10)))
struct WhatIfTests {
  static let common = [
    "--population", Fixtures.url(Demo.population).path, "--regions",
    Fixtures.url(Demo.regions).path, "--region-field", "kommun_kod", "--categories",
    "grocery,atm", "--thresholds", "5km,10km", "--thresholds", "atm=10km,25km",
  ]

  /// Summary rows keyed by region, category and column.
  static func summary(_ url: URL) throws -> [String: Any] {
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
    var values: [String: Any] = [:]
    for row in rows {
      let region = try #require(row["region"] as? String)
      let category = try #require(row["category"] as? String)
      for (key, value) in row where !["region", "category", "unit"].contains(key) {
        values["\(region)|\(category)|\(key)"] = value
      }
    }
    return values
  }

  /// Unit id → properties.
  static func units(_ url: URL) throws -> [String: [String: Any]] {
    let collection = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let features = try #require(collection["features"] as? [[String: Any]])
    var units: [String: [String: Any]] = [:]
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      units[try #require(properties["id"] as? String)] = properties
    }
    return units
  }

  static func kmClass(_ metres: Any?, _ thresholds: [Double]) -> String {
    guard let metres = metres as? Double else { return "unreachable" }
    let km = metres / 1000
    var label = ">\(Int(thresholds.last ?? 0))km"
    for (index, threshold) in thresholds.enumerated().reversed() where km <= threshold {
      label =
        index == 0 ? "<=\(Int(threshold))km" : "\(Int(thresholds[index - 1]))km-\(Int(threshold))km"
    }
    return label
  }

  @Test("delta.json and changed_units.geojson equal the difference of two analyze runs")
  func equalsTwoRuns() async throws {
    let folder = try TemporaryFolder("whatif")
    defer { folder.remove() }
    // The changed services, written by hand: ICA Supermarket Kåge closed, a store in
    // Bastuträsk opened.
    var collection = try #require(try Fixtures.json(Demo.services) as? [String: Any])
    var features = try #require(collection["features"] as? [[String: Any]])
    let before = features.count
    features.removeAll { ($0["properties"] as? [String: Any])?["id"] as? String == "svc09005" }
    #expect(features.count == before - 1)
    features.append([
      "type": "Feature",
      "properties": ["id": "new-1", "name": "opened by --open", "category": "grocery"],
      "geometry": ["type": "Point", "coordinates": [20.0407, 64.7902]],
    ])
    collection["features"] = features
    let changedServices = folder.file("after.geojson")
    try JSONSerialization.data(withJSONObject: collection).write(to: changedServices)

    let first = try await runServiceGap(
      ["analyze"] + Self.common + [
        "--services", Fixtures.url(Demo.services).path, "--out", folder.file("before").path,
      ], in: folder.url)
    let second = try await runServiceGap(
      ["analyze"] + Self.common + [
        "--services", changedServices.path, "--out", folder.file("after").path,
      ], in: folder.url)
    let whatif = try await runServiceGap(
      ["whatif"] + Self.common + [
        "--services", Fixtures.url(Demo.services).path, "--close", "svc09005", "--open",
        "20.0407,64.7902,grocery", "--out", folder.file("whatif").path,
      ], in: folder.url)
    for run in [first, second, whatif] { try #require(run.status == 0, "\(run.stderr)") }

    let old = try Self.summary(folder.file("before/summary.json"))
    let new = try Self.summary(folder.file("after/summary.json"))
    let rows = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.file("whatif/delta.json"))) as? [[String: Any]])
    // One delta row per summary column a row uses (a grocery row has no 25km columns).
    let foreign = ["grocery": "25km", "atm": "5km"]
    let used = new.keys.filter { key in
      let parts = key.split(separator: "|").map(String.init)
      return !(parts[2].hasPrefix("beyond_") && parts[2].contains("_\(foreign[parts[1]] ?? "")_"))
    }
    #expect(rows.count == used.count)
    var changedRows = 0
    for row in rows {
      let key =
        "\(row["region"] as? String ?? "")|\(row["category"] as? String ?? "")|"
        + "\(row["indicator"] as? String ?? "")"
      try #require(old.keys.contains(key) && new.keys.contains(key), "\(key) in both summaries")
      let expectedBefore = old[key] as? Double
      let expectedAfter = new[key] as? Double
      #expect((expectedBefore == nil) == (old[key] is NSNull), "\(key) before is a number or null")
      #expect((expectedAfter == nil) == (new[key] is NSNull), "\(key) after is a number or null")
      #expect(row["before"] as? Double == expectedBefore, "\(key) before")
      #expect(row["after"] as? Double == expectedAfter, "\(key) after")
      if let a = expectedBefore, let b = expectedAfter {
        let change = try #require(row["change"] as? Double, "\(key)")
        // Both sides are rounded (at most 3 decimals, 4 for shares; people to units).
        #expect(abs(change - (b - a)) <= 1.0001, "\(key) change")
        if key.hasSuffix("_pop") { #expect(change == b - a, "\(key) change") }
        if change != 0 { changedRows += 1 }
      } else {
        #expect(row["change"] is NSNull, "\(key) change")
      }
    }
    #expect(changedRows > 10)

    // Changed units: exactly those whose class differs between the two runs.
    let unitsBefore = try Self.units(folder.file("before/units.geojson"))
    let unitsAfter = try Self.units(folder.file("after/units.geojson"))
    let thresholds = ["grocery": [5.0, 10.0], "atm": [10.0, 25.0]]
    var expected: Set<String> = []
    for (id, properties) in unitsAfter {
      for (category, limits) in thresholds
      where Self.kmClass(unitsBefore[id]?["\(category)_dist_m"], limits)
        != Self.kmClass(properties["\(category)_dist_m"], limits)
      {
        expected.insert(id)
      }
    }
    let changed = try Self.units(folder.file("whatif/changed_units.geojson"))
    #expect(Set(changed.keys) == expected)
    #expect(expected.contains("2417TB101"), "Bastuträsk gains a store")
    for (id, properties) in changed {
      for column in ["before_grocery_dist_m", "after_grocery_dist_m", "after_grocery_class"] {
        #expect(properties.keys.contains(column), "\(id): \(column)")
      }
      #expect(
        properties["before_grocery_dist_m"] as? Double
          == unitsBefore[id]?["grocery_dist_m"] as? Double)
      #expect(
        properties["after_grocery_dist_m"] as? Double
          == unitsAfter[id]?["grocery_dist_m"] as? Double)
      #expect(
        properties["after_grocery_class"] as? String
          == Self.kmClass(unitsAfter[id]?["grocery_dist_m"], [5, 10]))
    }
  }

  struct BadCase: Sendable, CustomStringConvertible {
    var label: String
    var arguments: [String]
    var message: String
    var status: Int32
    var description: String { label }
  }

  static let badCases = [
    BadCase(
      label: "an id that names no service",
      arguments: ["--close", "svc9005"],
      message: "no service has the id 'svc9005'; did you mean 'svc09005'?", status: 1),
    BadCase(
      label: "a service closed twice",
      arguments: ["--close", "svc09005,svc09005"],
      message: "the service 'svc09005' is closed twice; name it once.", status: 1),
    BadCase(
      label: "an --open that is not lon,lat,category",
      arguments: ["--open", "64.79,grocery"],
      message: "'--open 64.79,grocery' is not lon,lat,category[,capacity] in WGS 84 degrees",
      status: 64),
    BadCase(
      label: "no change at all", arguments: [],
      message: "Say what changes: --close ID, --open lon,lat,category", status: 64),
  ]

  @Test("bad changes stop with a clear message and write nothing", arguments: badCases)
  func badChanges(_ testCase: BadCase) async throws {
    let folder = try TemporaryFolder("whatif-bad")
    defer { folder.remove() }
    let result = try await runServiceGap(
      ["whatif"] + Self.common + [
        "--services", Fixtures.url(Demo.services).path, "--out", folder.file("out").path,
      ] + testCase.arguments, in: folder.url)
    #expect(result.status == testCase.status, "\(result.stderr)")
    #expect(result.stderr.contains(testCase.message), "\(result.stderr)")
    #expect(try folderContents(folder.file("out")).isEmpty)
  }
}
