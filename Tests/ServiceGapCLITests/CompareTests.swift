import Foundation
import ServiceGapTestSupport
import Testing

/// `servicegap compare`: regions ranked, and two situations — by dates on one file
/// (the same answer as `whatif` with the same changes) or by two files.
@Suite("compare", .timeLimit(.minutes(10)))
struct CompareTests {
  static let common = [
    "--population", Fixtures.url(Demo.population).path, "--regions",
    Fixtures.url(Demo.regions).path, "--region-field", "kommun_kod", "--categories",
    "grocery", "--thresholds", "5km,10km",
  ]

  /// The demo services as CSV with opening and closing dates: ICA Supermarket Kåge
  /// closes in 2022, a store in Bastuträsk opens in 2021, and everything else was
  /// there all along.
  static func datedServices(_ folder: TemporaryFolder, year: String? = nil) throws -> URL {
    let collection = try #require(try Fixtures.json(Demo.services) as? [String: Any])
    let features = try #require(collection["features"] as? [[String: Any]])
    var lines = ["id,name,category,kommun_kod,lon,lat,opened,closed,year"]
    func quoted(_ text: String) -> String {
      "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      let geometry = try #require(feature["geometry"] as? [String: Any])
      let coordinates = try #require(geometry["coordinates"] as? [Double])
      let id = try #require(properties["id"] as? String)
      lines.append(
        [
          id, quoted(properties["name"] as? String ?? ""),
          properties["category"] as? String ?? "", properties["kommun_kod"] as? String ?? "",
          String(coordinates[0]), String(coordinates[1]), "2010",
          id == "svc09005" ? "2022-06-01" : "", year ?? "",
        ].joined(separator: ","))
    }
    lines.append("new-1,opened by --open,grocery,,20.0407,64.7902,2021-03,,\(year ?? "")")
    return try folder.write("dated.csv", lines.joined(separator: "\n") + "\n")
  }

  @Test("--before/--after dates give exactly whatif's delta for the same changes")
  func datesEqualWhatIf() async throws {
    let folder = try TemporaryFolder("compare-dates")
    defer { folder.remove() }
    let dated = try Self.datedServices(folder)
    let compare = try await runServiceGap(
      ["compare"] + Self.common + [
        "--services", dated.path, "--before", "2020-01-01", "--after", "2023",
        "--out", folder.file("compare").path,
      ], in: folder.url)
    try #require(compare.status == 0, "\(compare.stderr)")
    let whatif = try await runServiceGap(
      ["whatif"] + Self.common + [
        "--services", Fixtures.url(Demo.services).path, "--close", "svc09005", "--open",
        "20.0407,64.7902,grocery", "--out", folder.file("whatif").path,
      ], in: folder.url)
    try #require(whatif.status == 0, "\(whatif.stderr)")
    for file in ["delta.csv", "delta.json", "changed_units.geojson"] {
      let a = try Data(contentsOf: folder.file("compare/\(file)"))
      let b = try Data(contentsOf: folder.file("whatif/\(file)"))
      #expect(a == b, "\(file) differs")
    }
    #expect(compare.stdout.contains("unit(s) changed class"))
  }

  @Test("two files of different years: warned about, and compared")
  func twoFilesWithVintages() async throws {
    let folder = try TemporaryFolder("compare-files")
    defer { folder.remove() }
    let old = try folder.write(
      "old.csv", "id,category,lon,lat,year\ns1,grocery,20.0407,64.7902,2019\n")
    let new = try folder.write(
      "new.csv", "id,category,lon,lat,year\ns1,grocery,20.9885,64.835,2023\n")
    let result = try await runServiceGap(
      ["compare"] + Self.common + [
        "--before", old.path, "--after", new.path, "--format", "csv",
        "--out", folder.file("compare").path,
      ], in: folder.url)
    try #require(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("different vintages (2019 and 2023)"), "\(result.stderr)")
    #expect(result.stdout.contains("ALL,grocery,beyond_10km_pop,"))

    // Before and after are what `analyze` says of each file on its own.
    var summaries: [[[String: Any]]] = []
    for (services, out) in [(old, "before"), (new, "after")] {
      let analyze = try await runServiceGap(
        ["analyze"] + Self.common + ["--services", services.path, "--out", out],
        in: folder.url)
      try #require(analyze.status == 0, "\(analyze.stderr)")
      summaries.append(
        try #require(
          try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.file("\(out)/summary.json"))) as? [[String: Any]]))
    }
    let delta = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.file("compare/delta.json"))) as? [[String: Any]])
    var byKey: [String: [String: Any]] = [:]
    for row in delta {
      let region = try #require(row["region"] as? String)
      let indicator = try #require(row["indicator"] as? String)
      byKey["\(region) \(indicator)"] = row
    }
    #expect(byKey.count == delta.count, "one delta row per region and indicator")
    // Five municipalities and ALL, 17 indicators each (14, then gini, p90_p50, person_km).
    #expect(delta.count == 6 * 17)
    var compared = 0
    for (side, summary) in zip(["before", "after"], summaries) {
      #expect(summary.count == 6, "\(side)")
      for row in summary {
        let region = try #require(row["region"] as? String)
        for (key, value) in row where !["region", "category", "unit"].contains(key) {
          let entry = try #require(byKey["\(region) \(key)"], "\(region) \(key)")
          let here = "\(region) \(key) \(side)"
          compared += 1
          switch (value, try #require(entry[side], "\(here)")) {
          case (is NSNull, is NSNull): break
          case (let a as Double, let b as Double):
            #expect(abs(a - b) <= 1e-9 * max(1, abs(a)), "\(here): \(a) vs \(b)")
          default: Issue.record("\(here): \(value) vs \(entry[side] ?? "nothing")")
          }
        }
      }
    }
    #expect(compared == 2 * delta.count, "every delta row compared on both sides")
  }

  @Test("regions ranked: the verdict counts what summary.csv says")
  func ranking() async throws {
    let folder = try TemporaryFolder("compare-rank")
    defer { folder.remove() }
    let ranked = try await runServiceGap(
      ["compare"] + Self.common + [
        "--services", Fixtures.url(Demo.services).path, "--share-limit", "5%",
        "--rank-by", "beyond_5km_share", "--out", folder.file("rank").path,
      ], in: folder.url)
    try #require(ranked.status == 0, "\(ranked.stderr)")
    let analyzed = try await runServiceGap(
      ["analyze"] + Self.common + [
        "--services", Fixtures.url(Demo.services).path, "--format", "json", "--no-zones",
      ], in: folder.url)
    try #require(analyzed.status == 0, "\(analyzed.stderr)")
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(analyzed.stdout.utf8)) as? [[String: Any]])
    // Five municipalities and ALL.
    #expect(rows.count == 6)
    var shares: [String: Double] = [:]
    for row in rows where (row["region"] as? String) != "ALL" {
      let region = try #require(row["region"] as? String)
      shares[region] = try #require(row["beyond_5km_share"] as? Double, "\(region)")
    }
    #expect(shares.count == 5)
    let over = shares.values.filter { $0 > 0.05 }.count
    #expect(
      ranked.stdout.hasPrefix(
        "\(over) of \(shares.count) regions have more than 5 % of their people beyond 5km "
          + "from grocery"), "\(ranked.stdout)")
    let csv = try String(contentsOf: folder.file("rank/compare.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.first == "region,category,indicator,value,rank")
    let ranking = try lines.dropFirst().map { line in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      try #require(fields.count == 5, "\(line)")
      return (region: String(fields[0]), value: try #require(Double(fields[3]), "\(line)"))
    }
    let values = ranking.map(\.value)
    #expect(values.count == shares.count)
    #expect(values == values.sorted(by: >))
    #expect(Set(ranking.map(\.region)) == Set(shares.keys))
    for (region, value) in ranking {
      #expect(value == shares[region], "\(region)")
    }
  }

  @Test(
    "situations given wrong stop with a usage message",
    arguments: [
      (["--services", "s.csv", "--before", "2020-01-01"], "Give both '--before' and '--after'"),
      (["--before", "a.csv", "--after", "2023-01-01"], "both be service files or both dates"),
      (["--before", "2020", "--after", "2023"], "add --services"),
      (["--services", "s.csv", "--before", "a.csv", "--after", "b.csv"], "drop it"),
    ])
  func badSituations(_ arguments: [String], message: String) async throws {
    let folder = try TemporaryFolder("compare-bad")
    defer { folder.remove() }
    let result = try await runServiceGap(["compare"] + Self.common + arguments, in: folder.url)
    #expect(result.status == 64)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  @Test("a date that is not a date names the file, the line and the fix")
  func badDate() async throws {
    let folder = try TemporaryFolder("compare-bad-date")
    defer { folder.remove() }
    let services = try folder.write(
      "s.csv",
      "id,category,lon,lat,opened\ns1,grocery,20.0,64.8,2021\ns2,grocery,20.1,64.8,2021-13\n")
    let result = try await runServiceGap(
      ["compare"] + Self.common + [
        "--services", services.path, "--before", "2020", "--after", "2023",
      ], in: folder.url)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "line 3: column 'opened' has '2021-13', not a date; write it as YYYY-MM-DD"),
      "\(result.stderr)")
  }
}
