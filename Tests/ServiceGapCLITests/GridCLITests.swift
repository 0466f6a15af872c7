import Foundation
import ServiceGapTestSupport
import Testing

/// Population grids through the command line: SCB's 200-cell GeoPackage (recorded in the
/// wrong CRS) with `--population-crs`, `--groups`, `--criticality` and
/// `--unit-geometry cell`, against the pyproj oracle's `fixtures/oracle/grid_groups.json`
/// (`Scripts/oracle/README.md`), and the messages of the two ways to get it wrong.
///
/// The GeoPackage's unit points are its polygons' centroids taken in degrees, 7.3 to
/// 17.5 mm from the `rutid_scb` centres the oracle measures from (ServiceGapIOTests'
/// GridOracleTests measures each and bounds them by 2 cm; the README expected planar
/// centroids within 4.3 mm, a known disagreement recorded there). A distance moves by at
/// most as much as its end point, so every number below is allowed, besides the rounding
/// of the file it is read from, what 2 cm per person can change: people × 2 cm for
/// person-km, 2 cm for a mean, quantile or maximum, and the ratio bound for Gini and
/// p90/p50. People, counts beyond thresholds and nearest ids stay exact: the oracle's
/// margins (0.25 m to a threshold, 2.1 cm between nearest and second) hold them.
@Suite("Population grids on the command line", .timeLimit(.minutes(10)))
struct GridCLITests {
  static let oracleFile = "oracle/grid_groups.json"
  static let lonLatCells = Fixtures.url("grid/scb_cells_200_lonlat.csv").path
  static let geoPackage = Fixtures.url("grid/scb_cells_200_sample.gpkg").path
  /// The largest distance between a GeoPackage unit point and its cell centre, in metres.
  static let pointOffset = 0.02

  static func arguments(population: String) -> [String] {
    [
      "analyze", "--population", population, "--services",
      Fixtures.url("sweden/services_sweden.csv").path, "--regions",
      Fixtures.url("sweden/kommuner.geojson").path, "--categories", "grocery,pharmacy",
      "--thresholds", "5km,10km",
    ]
  }

  #if GDAL
    @Test("the GeoPackage with --population-crs: groups, equity, cells and criticality")
    func geoPackageCells() async throws {
      let folder = try TemporaryFolder("grid-gpkg")
      defer { folder.remove() }
      let out = folder.file("out")
      let result = try await runServiceGap(
        Self.arguments(population: Self.geoPackage)
          + [
            "--population-crs", "EPSG:3006", "--groups", "kvinna,man", "--criticality",
            "--unit-geometry", "cell", "--out", out.path,
          ], in: folder.url)
      try #require(result.status == 0, "stderr: \(result.stderr)")
      // The override is announced, naming the option that made it.
      #expect(
        result.stderr.split(separator: "\n").contains {
          $0.hasPrefix(
            "warning: \(Self.geoPackage): --population-crs EPSG:3006 overrides the CRS the "
              + "layer declares (GEOGCS[\"Undefined geographic SRS\"")
        }, "stderr: \(result.stderr)")
      let oracle = try #require(try Fixtures.json(Self.oracleFile) as? [String: Any])
      try Self.checkSummary(
        try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8),
        oracle: oracle)
      try Self.checkUnits(
        try Data(contentsOf: out.appendingPathComponent("units.geojson")), oracle: oracle)
      try Self.checkServices(
        try Data(contentsOf: out.appendingPathComponent("services.geojson")), oracle: oracle)
    }

    /// The file records its SWEREF 99 TM metres as an undefined geographic CRS: the run
    /// stops before writing anything and says which option and CRS would read it.
    @Test("the GeoPackage without --population-crs stops, naming --population-crs EPSG:3006")
    func geoPackageWithoutOverride() async throws {
      let folder = try TemporaryFolder("grid-gpkg-crs")
      defer { folder.remove() }
      let out = folder.file("out")
      let result = try await runServiceGap(
        Self.arguments(population: Self.geoPackage) + ["--out", out.path], in: folder.url)
      #expect(result.status != 0)
      let file = Self.geoPackage
      let lines = result.stderr.split(separator: "\n").map(String.init)
      #expect(
        lines.contains(
          "Error: \(file) feature 1: coordinates (490999.9990304771, 6994000.0015263865) are "
            + "not degrees in \"Undefined geographic SRS\" (WKT) (longitude must be within "
            + "±180, latitude within ±90), the CRS the file declares: they look like SWEREF99 "
            + "TM metres (EPSG:3006). Pass --population-crs EPSG:3006 to read the file in that "
            + "CRS, or fix the file (ogr2ogr -a_srs EPSG:3006 fixed.gpkg \(file))."),
        "stderr: \(result.stderr)")
      #expect(try folderContents(out).isEmpty, "nothing written")
    }
  #endif

  /// Points have no cell to draw: refused before the analysis, naming the option.
  @Test("--unit-geometry cell with lon/lat points is refused, naming --unit-geometry")
  func cellsOfPoints() async throws {
    let folder = try TemporaryFolder("grid-points")
    defer { folder.remove() }
    let out = folder.file("out")
    let result = try await runServiceGap(
      Self.arguments(population: Self.lonLatCells) + [
        "--unit-geometry", "cell", "--out", out.path,
      ], in: folder.url)
    #expect(result.status != 0)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    // The first unit in id order.
    #expect(
      lines.contains(
        "Error: '--unit-geometry cell' draws each unit's cell or area, but \(Self.lonLatCells) "
          + "gives unit '3150006402000' as a point. Give the population as grid cell ids, "
          + "polygons or a raster, or leave out --unit-geometry."),
      "stderr: \(result.stderr)")
    #expect(try folderContents(out).isEmpty, "nothing written")
  }

  // MARK: Checks of the outputs

  /// Every oracle row (the 23 municipalities with cells, and `ALL`) of both categories:
  /// people beyond each threshold, overall and per group, and the equity columns, to the
  /// decimals summary.csv writes.
  static func checkSummary(_ text: String, oracle: [String: Any]) throws {
    let table = try PlainCSV(text)
    let rows = try #require(oracle["summary"] as? [[String: Any]])
    let groups = try #require(oracle["groups"] as? [String])
    #expect(groups == ["kvinna", "man"])
    for expected in rows {
      let region = try #require(expected["region"] as? String)
      let category = try #require(expected["category"] as? String)
      let label = "\(region) \(category)"
      let row = try #require(
        table.rows.first { $0["region"] == region && $0["category"] == category }, "\(label)")
      let check = CLIRowCheck(expected: expected, actual: row, label: label)
      let people = try #require(expected["population"] as? Double)
      try check.exact("population")
      try check.exact("unreachable_pop")
      for threshold in ["5km", "10km"] {
        try check.exact("beyond_\(threshold)_pop")
        try check.close("beyond_\(threshold)_share", 5e-5)
      }
      let km = pointOffset / 1000
      for key in ["mean", "median", "p90", "max"] {
        try check.close(key, 5e-4 + km)
      }
      let mean = try #require(expected["mean"] as? Double) * 1000
      let median = try #require(expected["median"] as? Double) * 1000
      let gini = try #require(expected["gini"] as? Double)
      let ratio = try #require(expected["p90_p50"] as? Double)
      try check.close("gini", 5e-7 + pointOffset * (1 + gini) / (mean - pointOffset))
      try check.close("p90_p50", 5e-4 + pointOffset * (1 + ratio) / (median - pointOffset))
      let personKm = try #require(expected["person_km"] as? Double)
      try check.close("person_km", 1e-6 + 1e-9 * personKm + people * km)
      let tallies = try #require(expected["groups"] as? [String: [String: Any]])
      for group in groups {
        let tally = CLIRowCheck(
          expected: try #require(tallies[group]), actual: row, label: "\(label) \(group)",
          prefix: "\(group)_")
        try tally.exact("population")
        try tally.exact("unreachable_pop")
        for threshold in ["5km", "10km"] {
          try tally.exact("beyond_\(threshold)_pop")
          try tally.close("beyond_\(threshold)_share", 5e-5)
        }
      }
    }
    // The other municipalities hold nobody.
    let listed = Set(rows.compactMap { "\($0["region"] ?? "") \($0["category"] ?? "")" })
    for row in table.rows where !listed.contains("\(row["region"] ?? "") \(row["category"] ?? "")")
    {
      #expect(row["population"] == "0", "\(row["region"] ?? "") has people: \(row)")
    }
    #expect(table.rows.count == 2 * 291, "290 municipalities and ALL, two categories")
  }

  /// Each feature is its cell: a closed ring of 5 positions, counter-clockwise (RFC 7946),
  /// holding exactly one cell centre, whose unit's people, region and nearest services
  /// the properties carry.
  static func checkUnits(_ data: Data, oracle: [String: Any]) throws {
    let collection = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let features = try #require(collection["features"] as? [[String: Any]])
    let units = try #require(oracle["units"] as? [String: Any])
    let columns = try #require(units["columns"] as? [String])
    let rows = try #require(units["rows"] as? [[Any]])
    let centres = try lonLatCentres()
    #expect(features.count == 200 && rows.count == 200)
    var rings: [[[Double]]] = []
    for feature in features {
      let geometry = try #require(feature["geometry"] as? [String: Any])
      #expect(geometry["type"] as? String == "Polygon")
      let polygon = try #require(geometry["coordinates"] as? [[[Double]]])
      let ring = try #require(polygon.first)
      #expect(polygon.count == 1 && ring.count == 5, "one ring of 5 positions")
      #expect(ring.first == ring.last, "closed")
      let twiceArea = zip(ring, ring.dropFirst()).reduce(0.0) {
        $0 + $1.0[0] * $1.1[1] - $1.1[0] * $1.0[1]
      }
      #expect(twiceArea > 0, "counter-clockwise")
      rings.append(ring)
    }
    for row in rows {
      var unit: [String: Any] = [:]
      for (column, value) in zip(columns, row) { unit[column] = value }
      let id = try #require(unit["id"] as? String)
      let centre = try #require(centres[id])
      let holding = rings.indices.filter { contains(rings[$0], centre) }
      try #require(holding.count == 1, "cell \(id): \(holding.count) polygons hold its centre")
      let properties = try #require(features[holding[0]]["properties"] as? [String: Any])
      #expect(properties["population"] as? Double == unit["population"] as? Double, "\(id)")
      #expect(properties["region"] as? String == unit["region"] as? String, "\(id)")
      for category in ["grocery", "pharmacy"] {
        let written = try #require(properties["\(category)_dist_m"] as? Double)
        let expected = try #require(unit["\(category)_dist_m"] as? Double)
        #expect(
          abs(written - expected) <= 0.05 + pointOffset,
          "\(id) \(category): written \(written) m, oracle \(expected) m")
        #expect(
          properties["\(category)_nearest"] as? String
            == unit["\(category)_nearest_id"] as? String, "\(id) \(category)")
      }
    }
  }

  /// Every grocery and pharmacy service: the oracle's `added_person_km`, `orphaned_pop` and
  /// `sole_pop_<t>` where it lists the service, zero where it does not (nobody's nearest).
  static func checkServices(_ data: Data, oracle: [String: Any]) throws {
    let collection = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let features = try #require(collection["features"] as? [[String: Any]])
    var listed: [String: [String: Any]] = [:]
    for service in try #require(oracle["services"] as? [[String: Any]]) {
      listed[try #require(service["id"] as? String)] = service
    }
    var found = 0
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      let id = try #require(properties["id"] as? String)
      let category = try #require(properties["category"] as? String)
      #expect(["grocery", "pharmacy"].contains(category), "\(id): \(category)")
      let added = try #require(properties["added_person_km"] as? Double, "\(id)")
      let orphaned = try #require(properties["orphaned_pop"] as? Double, "\(id)")
      let sole = try ["sole_pop_5km", "sole_pop_10km"].map {
        try #require(properties[$0] as? Double, "\(id) \($0)")
      }
      guard let expected = listed[id] else {
        #expect(added == 0 && orphaned == 0 && sole == [0, 0], "\(id) is nobody's nearest")
        continue
      }
      found += 1
      #expect(expected["category"] as? String == category, "\(id)")
      #expect(expected["region"] as? String == properties["region"] as? String, "\(id)")
      let oracleAdded = try #require(expected["added_person_km"] as? Double)
      let people = try #require(expected["nearest_pop"] as? Double)
      // Both the nearest and the second-nearest distance of each of its people move.
      let slack = 1e-6 + 1e-9 * oracleAdded + 2 * people * pointOffset / 1000
      #expect(
        abs(added - oracleAdded) <= slack,
        "\(id) added_person_km: written \(added), oracle \(oracleAdded), tolerance \(slack)")
      #expect(orphaned == expected["orphaned_pop"] as? Double, "\(id)")
      #expect(
        sole == [expected["sole_pop_5km"] as? Double, expected["sole_pop_10km"] as? Double],
        "\(id)")
    }
    #expect(found == listed.count, "every service of the oracle written")
  }

  /// The cell centres by `rutid_scb`, from the lon/lat twin of the GeoPackage.
  static func lonLatCentres() throws -> [String: [Double]] {
    let table = try PlainCSV(try String(contentsOfFile: lonLatCells, encoding: .utf8))
    var centres: [String: [Double]] = [:]
    for row in table.rows {
      centres[try #require(row["id"])] = [
        try #require(Double(row["lon"] ?? "")), try #require(Double(row["lat"] ?? "")),
      ]
    }
    return centres
  }

  /// Whether a ring (lon/lat) holds a point, by ray casting: the cells are 1 km wide and
  /// the centres 500 m from every edge, so straight edges in degrees are close enough.
  static func contains(_ ring: [[Double]], _ point: [Double]) -> Bool {
    var inside = false
    for (a, b) in zip(ring, ring.dropFirst())
    where (a[1] > point[1]) != (b[1] > point[1]) {
      let x = a[0] + (point[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0])
      if point[0] < x { inside.toggle() }
    }
    return inside
  }
}

/// A CSV file without quoted fields (summary.csv's region names have no commas), by header.
struct PlainCSV {
  var rows: [[String: String]]

  init(_ text: String) throws {
    #expect(!text.contains("\""), "no quoted fields")
    let lines = text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = try #require(lines.first)
    rows = lines.dropFirst().map { fields in
      Dictionary(zip(header, fields).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
    }
    #expect(lines.allSatisfy { $0.count == header.count }, "as many fields as columns")
  }
}

/// Compares a summary.csv row with an oracle row, naming both numbers on failure.
struct CLIRowCheck {
  var expected: [String: Any]
  var actual: [String: String]
  var label: String
  /// Before the CSV column's name: `kvinna_` for a group's columns.
  var prefix = ""

  /// The oracle's number (nil for null) and the written one (nil for an empty cell).
  private func values(_ key: String, _ location: SourceLocation) throws -> (Double?, Double?) {
    let raw = try #require(
      expected[key], "\(label): oracle has no \(key)", sourceLocation: location)
    let text = try #require(
      actual[prefix + key], "\(label): no column \(prefix + key)", sourceLocation: location)
    var written: Double?
    if !text.isEmpty {
      let number: Double = try #require(
        Double(text), "\(label) \(prefix + key): '\(text)'", sourceLocation: location)
      written = number
    }
    if raw is NSNull { return (nil, written) }
    return (try #require(raw as? Double, sourceLocation: location), written)
  }

  func exact(_ key: String, _ location: SourceLocation = #_sourceLocation) throws {
    let (oracle, written) = try values(key, location)
    let writtenText = String(describing: written)
    let oracleText = String(describing: oracle)
    #expect(
      oracle == written, "\(label) \(prefix + key): written \(writtenText), oracle \(oracleText)",
      sourceLocation: location)
  }

  func close(_ key: String, _ tolerance: Double, _ location: SourceLocation = #_sourceLocation)
    throws
  {
    let (oracle, written) = try values(key, location)
    let ok =
      switch (oracle, written) {
      case (nil, nil): true
      case (let a?, let b?): abs(a - b) <= tolerance
      default: false
      }
    let writtenText = String(describing: written)
    let oracleText = String(describing: oracle)
    #expect(
      ok,
      "\(label) \(prefix + key): written \(writtenText), oracle \(oracleText), tolerance \(tolerance)",
      sourceLocation: location)
  }
}
