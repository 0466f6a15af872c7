import Foundation
import ServiceGap
import ServiceGapTestSupport
import Testing

/// The whole of Norway on Statistics Norway's 1 km grid, end to end through the CLI.
///
/// Cells are given by their 14-digit ids; every populated cell becomes one unit and nobody
/// is lost. The binary takes about 1.5 s in a debug build, reading its 13 MB units.geojson
/// back about 3 s more.
@Suite("analyze: Norway 1 km grid end to end", .timeLimit(.minutes(10)))
struct NorwayGridEndToEndTests {
  /// The whole 1 km grid, from fixtures/norway_grid.
  static let grid = Fixtures.root.appendingPathComponent(
    "fixtures/norway_grid/ssb_pop_1km_2015.csv")

  /// Four grocery stores in the largest cities, enough to give everyone a distance.
  static let services = """
    id,name,category,lon,lat
    no-osl,Oslo,grocery,10.75,59.91
    no-bgo,Bergen,grocery,5.32,60.39
    no-trd,Trondheim,grocery,10.39,63.43
    no-tos,Tromsø,grocery,18.96,69.65

    """

  // The limit catches a hang; the run itself takes seconds, but under the whole suite's
  // parallel load it has taken over two minutes.
  @Test("55,213 cells, 5,146,614 people in the ALL row", .timeLimit(.minutes(5)))
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
    let maxKm = try #require((all["max"] as? NSNumber)?.doubleValue)

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

    // Every cell's distance and nearest store, by brute force from its written point: equal
    // within the rounding of the written distance (0.1 m) and point (7 decimals, about 1 cm).
    // The ALL row's max is the farthest of them.
    let stores = Self.services.split(separator: "\n").dropFirst().map {
      let fields = $0.split(separator: ",").map(String.init)
      return ServicePoint(
        id: fields[0], name: fields[1], category: fields[2],
        location: LonLat(lon: Double(fields[3]) ?? .nan, lat: Double(fields[4]) ?? .nan))
    }
    var farthest = 0.0
    var mismatches: [String] = []
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      let geometry = try #require(feature["geometry"] as? [String: Any])
      let point = try #require(geometry["coordinates"] as? [Double])
      let nearest = try #require(
        BruteForce.nearest(to: LonLat(lon: point[0], lat: point[1]), among: stores))
      let written = try #require((properties["grocery_dist_m"] as? NSNumber)?.doubleValue)
      if abs(written - nearest.meters) > 0.07
        || properties["grocery_nearest"] as? String != nearest.id
      {
        mismatches.append("\(properties["id"] ?? "?"): \(written) m, brute force \(nearest)")
      }
      farthest = max(farthest, nearest.meters)
    }
    #expect(mismatches.count == 0, "cells that differ, the first five: \(mismatches.prefix(5))")
    #expect(abs(maxKm - farthest / 1000) < 0.001, "ALL max \(maxKm) km, brute force \(farthest) m")
  }
}
