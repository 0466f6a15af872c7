import Foundation
import ServiceGapTestSupport
import Testing

/// The whole of Norway on Statistics Norway's 1 km grid, end to end through the CLI.
///
/// Cells are given by their 14-digit ids; every populated cell becomes one unit and nobody
/// is lost. The binary takes about 1.5 s in a debug build, reading its 13 MB units.geojson
/// back about 3 s more.
@Suite("analyze: Norway 1 km grid end to end")
struct NorwayGridEndToEndTests {
  /// `shared/data` beside the repository root (not part of the repository).
  static let grid = Fixtures.root.deletingLastPathComponent()
    .appendingPathComponent("shared/data/norway_grid/ssb_pop_1km_2015.csv")

  /// Four grocery stores in the largest cities, enough to give everyone a distance.
  static let services = """
    id,name,category,lon,lat
    no-osl,Oslo,grocery,10.75,59.91
    no-bgo,Bergen,grocery,5.32,60.39
    no-trd,Trondheim,grocery,10.39,63.43
    no-tos,Tromsø,grocery,18.96,69.65

    """

  @Test(
    "55,213 cells, 5,146,614 people in the ALL row",
    .enabled(
      if: FileManager.default.fileExists(atPath: grid.path),
      "needs ../shared/data/norway_grid/ssb_pop_1km_2015.csv"),
    .timeLimit(.minutes(1)))
  func wholeCountry() async throws {
    let folder = try TemporaryFolder("norway")
    defer { folder.remove() }
    try folder.write("services.csv", Self.services)
    let result = try await runServiceGap(
      [
        "analyze", "--population", Self.grid.path, "--services", "services.csv", "--no-zones",
        "--format", "json", "--out", "out",
      ],
      in: folder.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")

    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    let all = try #require(rows.first { $0["region"] as? String == "ALL" })
    #expect(all["category"] as? String == "grocery")
    #expect((all["population"] as? NSNumber)?.intValue == 5_146_614)
    #expect((all["services"] as? NSNumber)?.intValue == 4)
    #expect((all["unreachable_pop"] as? NSNumber)?.intValue == 0)
    // Straight line from the farthest cell (Finnmark) to Tromsø is a few hundred km.
    let maxKm = try #require((all["max"] as? NSNumber)?.doubleValue)
    #expect(maxKm > 300 && maxKm < 600)

    let collection = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.file("out").appendingPathComponent("units.geojson")))
        as? [String: Any])
    let features = try #require(collection["features"] as? [[String: Any]])
    #expect(features.count == 55_213)
    let properties = features.compactMap { $0["properties"] as? [String: Any] }
    let people = properties.reduce(0) { $0 + (($1["population"] as? NSNumber)?.intValue ?? 0) }
    #expect(people == 5_146_614, "every person is in exactly one unit")
    // The first cell in the file: id 19250006616000, 10 people.
    let first = try #require(properties.first { $0["id"] as? String == "19250006616000" })
    #expect((first["population"] as? NSNumber)?.intValue == 10)
  }
}
