import Foundation
import ServiceGapTestSupport
import Testing

/// `servicegap compare`: regions ranked, and two situations — by dates on one file
/// (the same answer as `whatif` with the same changes) or by two files.
@Suite("compare")
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
      ], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("different vintages (2019 and 2023)"), "\(result.stderr)")
    #expect(result.stdout.contains("ALL,grocery,beyond_10km_pop,"))
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
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(analyzed.stdout.utf8)) as? [[String: Any]])
    let shares = rows.filter { ($0["region"] as? String) != "ALL" }.compactMap {
      $0["beyond_5km_share"] as? Double
    }
    let over = shares.filter { $0 > 0.05 }.count
    #expect(
      ranked.stdout.hasPrefix(
        "\(over) of \(shares.count) regions have more than 5 % of their people beyond 5km "
          + "from grocery"), "\(ranked.stdout)")
    let csv = try String(contentsOf: folder.file("rank/compare.csv"), encoding: .utf8)
    let values = csv.split(separator: "\n").dropFirst().map {
      Double($0.split(separator: ",", omittingEmptySubsequences: false)[3]) ?? -1
    }
    #expect(values == values.sorted(by: >))
    #expect(values.count == shares.count)
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
