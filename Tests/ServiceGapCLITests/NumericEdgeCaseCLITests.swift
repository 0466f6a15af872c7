import Foundation
import ServiceGapTestSupport
import Testing

/// The numeric edge cases of `fixtures/oracle/numeric_edges.json` end to end: every
/// scenario is written as the CSV and GeoJSON a user would have, run through `analyze`
/// (with criticality, curves and a check) and `access`, and the files are compared with
/// the oracle and searched for numbers no GIS tool reads: NaN, Infinity, negative zero.
@Suite("analyze: numeric edge cases end to end", .timeLimit(.minutes(10)))
struct NumericEdgeCaseCLITests {
  /// A scenario's inputs, decoded with `JSONDecoder` (exact to the last bit, unlike
  /// `JSONSerialization` on Linux) and written back with Swift's shortest exact digits.
  struct Inputs: Decodable {
    struct Point: Decodable {
      var id: String
      var name: String
      var lon: Double
      var lat: Double
      var population: Double?
      var category: String?
    }
    struct Area: Decodable {
      var id: String
      var name: String
      var polygons: [[[[Double]]]]
    }
    var units: [Point]
    var services: [Point]
    var regions: [Area]
    var categories: [String]
    var thresholds: [String: [String]]
  }

  struct OracleFile: Decodable {
    struct Entry: Decodable { var input: Inputs }
    var scenarios: [String: Entry]
  }

  static let scenarios = [
    "on_service_and_ties", "threshold_exact", "borders", "antimeridian", "pole", "pole_cap",
    "southern", "utm_boundary", "empty_categories",
  ]

  /// The oracle's expectations of a scenario (plain JSON objects).
  static func expected(_ name: String) throws -> [String: Any] {
    let oracle = try #require(try Fixtures.json("oracle/numeric_edges.json") as? [String: Any])
    let scenarios = try #require(oracle["scenarios"] as? [String: Any])
    return try #require(scenarios[name] as? [String: Any])
  }

  /// Writes a scenario's `units.csv`, `services.csv` and `regions.geojson`.
  ///
  /// Returns the arguments naming them (no `--regions` when there are none), with the
  /// categories and thresholds. Categories with no service at all are left out: the CLI
  /// refuses them as a likely typo.
  static func writeInputs(_ name: String, into folder: TemporaryFolder) throws -> [String] {
    let file = try JSONDecoder().decode(
      OracleFile.self, from: Data(contentsOf: Fixtures.url("oracle/numeric_edges.json")))
    let inputs = try #require(file.scenarios[name]?.input)
    var units = "id,name,lon,lat,population\n"
    for unit in inputs.units {
      units += "\(unit.id),\(unit.name),\(unit.lon),\(unit.lat),\(unit.population ?? 0)\n"
    }
    try folder.write("units.csv", units)
    var services = "id,name,lon,lat,category\n"
    for service in inputs.services {
      services += "\(service.id),\(service.name),\(service.lon),\(service.lat),"
      services += "\(service.category ?? "")\n"
    }
    try folder.write("services.csv", services)
    let present = Set(inputs.services.compactMap(\.category))
    let categories = inputs.categories.filter(present.contains)
    var arguments = [
      "--population", "units.csv", "--services", "services.csv",
      "--categories", categories.joined(separator: ","),
    ]
    for category in categories {
      let thresholds = inputs.thresholds[category] ?? []
      arguments += ["--thresholds", "\(category)=\(thresholds.joined(separator: ","))"]
    }
    if !inputs.regions.isEmpty {
      let features = inputs.regions.map { region -> [String: Any] in
        [
          "type": "Feature", "properties": ["id": region.id, "name": region.name],
          "geometry": ["type": "MultiPolygon", "coordinates": region.polygons],
        ]
      }
      let collection: [String: Any] = ["type": "FeatureCollection", "features": features]
      try JSONSerialization.data(withJSONObject: collection).write(
        to: folder.file("regions.geojson"))
      arguments += ["--regions", "regions.geojson"]
    }
    return arguments
  }

  /// The categories named after `--categories` in `arguments`.
  static func categories(in arguments: [String]) throws -> [String] {
    let flag = try #require(arguments.firstIndex(of: "--categories"))
    let list = try #require(arguments.dropFirst(flag + 1).first)
    return list.split(separator: ",").map(String.init)
  }

  /// Every number-like token that GeoJSON, JSON and CSV readers choke on or misread.
  static func badNumbers(in text: String) throws -> [String] {
    // Swift's Regex has no lookbehind: the neighbouring characters are matched instead.
    let nonFinite = try Regex(#"(?i)(^|[^a-z_])(nan|[+-]?inf(inity)?)($|[^a-z_])"#)
    let negativeZero = try Regex(#"(^|[^0-9A-Za-z_.])-0(\.0+)?($|[^0-9.])"#)
    return (text.matches(of: nonFinite) + text.matches(of: negativeZero)).map {
      String(text[$0.range])
    }
  }

  @Test("the search for bad numbers finds them, and only them")
  func badNumberSearch() throws {
    let bad = try Self.badNumbers(
      in: #"[NaN,-0],"x":-0.000,"y":nan, inf;-Infinity,+inf"#)
    #expect(bad.count == 7, "\(bad)")
    let good = #"{"Inland":-0.5,"d":10.0,"e":-0.05,"n":"Infield","m":-10,"z":0}"#
    #expect(try Self.badNumbers(in: good).isEmpty)
  }

  static func expectCleanFiles(in folder: URL, _ label: String) throws {
    let files = try folderContents(folder)
    #expect(!files.isEmpty, "\(label): files written")
    for (name, data) in files where !name.hasSuffix(".svg") && !name.hasSuffix(".qml") {
      let bad = try badNumbers(in: String(decoding: data, as: UTF8.self))
      #expect(bad.isEmpty, "\(label) \(name): \(bad.prefix(5))")
    }
  }

  @Test("the files agree with the oracle and hold no NaN, Infinity or -0", arguments: scenarios)
  func scenario(_ name: String) async throws {
    let folder = try TemporaryFolder("edges")
    defer { folder.remove() }
    let inputs = try Self.writeInputs(name, into: folder)
    let analyze = try await runServiceGap(
      ["analyze"] + inputs + [
        "--criticality", "--curves", "--check", "grocery:5km<=10%", "--threads", "1",
        "--out", "out",
      ], in: folder.url)
    try #require(analyze.status == 0, "\(name): \(analyze.stderr)")
    #expect(try Self.badNumbers(in: analyze.stdout + analyze.stderr).isEmpty, "\(name) stdout")
    try Self.expectCleanFiles(in: folder.file("out"), name)
    let json = try await runServiceGap(["analyze"] + inputs + ["--format", "json"], in: folder.url)
    try #require(json.status == 0, "\(name): \(json.stderr)")
    #expect(try Self.badNumbers(in: json.stdout).isEmpty, "\(name) --format json")
    let access = try await runServiceGap(
      ["access"] + inputs + ["--catchment", "10km", "--out", "access"], in: folder.url)
    try #require(access.status == 0, "\(name): \(access.stderr)")
    try Self.expectCleanFiles(in: folder.file("access"), "\(name) access")

    // The first run of the oracle is the automatic working CRS with the default tolerance.
    let expected = try Self.expected(name)
    let run = try #require((expected["runs"] as? [[String: Any]])?.first)
    let manifest = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("out/run.json")))
        as? [String: Any])
    let parameters = try #require(manifest["parameters"] as? [String: Any])
    let workCRS = try #require(run["work_crs"] as? String, "\(name)")
    #expect(parameters["work_crs"] as? String == workCRS, "\(name)")
    let categories = try Self.categories(in: inputs)
    try Self.expectUnits(folder.file("out/units.geojson"), expected, run, categories, name)
    try Self.expectSummary(folder.file("out/summary.json"), run, categories, name)
  }

  /// units.geojson: each unit's region, and per category run (`categories`) the distance to
  /// 0.1 m and the nearest service's id.
  static func expectUnits(
    _ url: URL, _ expected: [String: Any], _ run: [String: Any], _ categories: [String],
    _ name: String
  ) throws {
    let collection = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let features = try #require(collection["features"] as? [[String: Any]])
    var byID: [String: [String: Any]] = [:]
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      byID[try #require(properties["id"] as? String, "\(name)")] = properties
    }
    let units = try #require(run["units"] as? [[String: Any]], "\(name)")
    #expect(!units.isEmpty && features.count == units.count, "\(name): one feature per unit")
    #expect(byID.count == features.count, "\(name): unit ids are unique")
    for unit in units {
      let id = try #require(unit["id"] as? String, "\(name)")
      let region = try #require(unit["region"] as? String, "\(name) \(id)")
      let properties = try #require(byID[id], "\(name) \(id)")
      #expect(properties["region"] as? String == region, "\(name) \(id)")
    }
    let distances = try #require(expected["distances"] as? [[String: Any]], "\(name)")
    #expect(distances.count == features.count, "\(name): a distance row per unit")
    for unit in distances {
      let id = try #require(unit["id"] as? String, "\(name)")
      let properties = try #require(byID[id], "\(name) \(id)")
      let oracle = try #require(unit["categories"] as? [String: Any], "\(name) \(id)")
      // The oracle has every category; the command line only those with services.
      #expect(Set(categories).isSubset(of: oracle.keys), "\(name) \(id)")
      for (category, value) in oracle {
        let here = "\(name) \(id) \(category)"
        guard categories.contains(category) else {
          // Left out of the run (no services at all): no columns for it.
          #expect(value is NSNull, "\(here): the oracle reaches a service")
          #expect(properties["\(category)_dist_m"] == nil, "\(here)")
          #expect(properties["\(category)_nearest"] == nil, "\(here)")
          continue
        }
        let entry = try #require(value as? [String: Any], "\(here)")
        let metres = try #require(entry["dist_m"] as? Double, "\(here)")
        let written = try #require(properties["\(category)_dist_m"] as? Double, "\(here)")
        #expect(abs(written - (metres * 10).rounded() / 10) < 1e-9, "\(here)")
        let nearest = try #require(entry["nearest_id"] as? String, "\(here)")
        let column = try #require(properties["\(category)_nearest"], "\(here): no _nearest")
        #expect(column as? String == nearest, "\(here)")
      }
    }
  }

  /// summary.json: the rows in the oracle's order (regions by id, then outside and ALL),
  /// populations and counts exact, shares to 4 decimals and areas to 3, nulls where a row
  /// has nobody.
  static func expectSummary(
    _ url: URL, _ run: [String: Any], _ categories: [String], _ name: String
  ) throws {
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
    let oracleRows = try #require(run["summary"] as? [[String: Any]], "\(name)")
    let expectedRows = try oracleRows.filter {
      categories.contains(try #require($0["category"] as? String, "\(name)"))
    }
    try #require(!expectedRows.isEmpty, "\(name): no oracle rows for \(categories)")
    #expect(rows.count == expectedRows.count, "\(name)")
    for (row, expected) in zip(rows, expectedRows) {
      let region = try #require(expected["region"] as? String, "\(name)")
      let category = try #require(expected["category"] as? String, "\(name)")
      let here = "\(name) \(region) \(category)"
      #expect(row["region"] as? String == region, "\(here)")
      #expect(row["category"] as? String == category, "\(here)")
      for key in ["population", "services", "unreachable_pop"] {
        let value = try #require(expected[key] as? Double, "\(here) \(key)")
        #expect(row[key] as? Double == value, "\(here) \(key)")
      }
      for (key, value) in expected {
        let decimals: Double
        if key.hasSuffix("_share") {
          decimals = 1e4
        } else if key.hasSuffix("_area_km2") || ["mean", "median", "p90", "max"].contains(key)
          || key == "services_per_1000"
        {
          decimals = 1e3
        } else if key.hasSuffix("_pop") {
          decimals = 1
        } else {
          continue
        }
        if let value = value as? Double {
          let number = try #require(row[key] as? Double, "\(here) \(key)")
          #expect(abs(number - (value * decimals).rounded() / decimals) < 1e-9, "\(here) \(key)")
        } else {
          #expect(row[key] is NSNull, "\(here) \(key): null")
        }
      }
    }
  }

  @Test("a unit exactly 5000 m from its service is within 5km; 1 mm farther is beyond")
  func beyondIsStrict() async throws {
    let folder = try TemporaryFolder("edges-threshold")
    defer { folder.remove() }
    let inputs = try Self.writeInputs("threshold_exact", into: folder)
    let result = try await runServiceGap(
      ["analyze"] + inputs + ["--format", "csv"], in: folder.url)
    try #require(result.status == 0, "\(result.stderr)")
    // 111 people: 1 at 4999.999 m, 10 at exactly 5000 m, 100 at 5000.001 m.
    #expect(
      result.stdout.contains("ALL,grocery,111,1,9.009,5.000,5.000,5.000,5.000,km,100,0.9009,,0"))
  }

  @Test("a category with no service anywhere is refused with the categories present")
  func categoryWithoutServices() async throws {
    let folder = try TemporaryFolder("edges-none")
    defer { folder.remove() }
    _ = try Self.writeInputs("empty_categories", into: folder)
    let result = try await runServiceGap(
      [
        "analyze", "--population", "units.csv", "--services", "services.csv", "--categories",
        "far,none",
      ], in: folder.url)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "services.csv has no services of category 'none'; categories present: edge (1), "
          + "far (1), grocery (1)."))
  }

  @Test("--region-tolerance 0m: borders still count, 999 m outside does not")
  func regionToleranceZero() async throws {
    let folder = try TemporaryFolder("edges-tolerance")
    defer { folder.remove() }
    let inputs = try Self.writeInputs("borders", into: folder)
    let result = try await runServiceGap(
      ["analyze"] + inputs + ["--region-tolerance", "0m", "--out", "out"], in: folder.url)
    try #require(result.status == 0, "\(result.stderr)")
    let expected = try Self.expected("borders")
    let run = try #require((expected["runs"] as? [[String: Any]])?.last)
    #expect(run["region_tolerance_m"] as? Double == 0)
    let categories = try Self.categories(in: inputs)
    try Self.expectUnits(
      folder.file("out/units.geojson"), expected, run, categories, "borders, 0m")
    try Self.expectSummary(folder.file("out/summary.json"), run, categories, "borders, 0m")
  }

  @Test("across the antimeridian: --work-crs auto is UTM 60S; each zone cut in two pieces")
  func antimeridianWorkCRS() async throws {
    let folder = try TemporaryFolder("edges-antimeridian")
    defer { folder.remove() }
    let inputs = try Self.writeInputs("antimeridian", into: folder)
    let expected = try Self.expected("antimeridian")
    let runs = try #require(expected["runs"] as? [[String: Any]])
    try #require(runs.count == 4)
    let categories = try Self.categories(in: inputs)
    for (index, crs) in ["auto", "EPSG:32760", "EPSG:32701", "EPSG:3832"].enumerated() {
      let out = "out-\(index)"
      let result = try await runServiceGap(
        ["analyze"] + inputs + ["--work-crs", crs, "--out", out], in: folder.url)
      try #require(result.status == 0, "\(crs): \(result.stderr)")
      #expect(!result.stderr.contains("antimeridian"), "\(crs): zones are cut, not warned of")
      let manifest = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("\(out)/run.json")))
          as? [String: Any])
      let used = (manifest["parameters"] as? [String: Any])?["work_crs"] as? String
      let expectedCRS = try #require(runs[index]["work_crs"] as? String, "\(crs)")
      #expect(used == expectedCRS, "\(crs)")
      let zones = try #require(
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: folder.file("\(out)/zones.geojson")))
          as? [String: Any])
      let features = try #require(zones["features"] as? [[String: Any]])
      #expect(features.count == 4, "\(crs): one zone per category and threshold")
      // Cut at the antimeridian (RFC 7946 3.1.9): pieces each side, no edge jumping across.
      var cut = 0
      for feature in features {
        let geometry = try #require(feature["geometry"] as? [String: Any])
        let polygons: [[[[Double]]]]
        if geometry["type"] as? String == "MultiPolygon" {
          polygons = try #require(geometry["coordinates"] as? [[[[Double]]]])
          cut += 1
        } else {
          polygons = [try #require(geometry["coordinates"] as? [[[Double]]])]
        }
        for ring in polygons.joined() {
          #expect(ring.allSatisfy { abs($0[0]) <= 180 }, "\(crs)")
          #expect(zip(ring, ring.dropFirst()).allSatisfy { abs($0[0] - $1[0]) <= 180 }, "\(crs)")
        }
      }
      #expect(cut == 4, "\(crs): \(cut) of 4 zones cut in two")
      try Self.expectSummary(
        folder.file("\(out)/summary.json"), runs[index], categories, "antimeridian \(crs)")
    }
  }

  @Test("negative zero is written as 0: coordinates, distances, shares, deltas")
  func negativeZero() async throws {
    let folder = try TemporaryFolder("edges-zero")
    defer { folder.remove() }
    try folder.write(
      "units.csv",
      "id,name,lon,lat,population\nn1,NullIsland,-0.0,-0.0,10\nn2,Near,-0.0000000001,0.01,5\n"
        + "n3,Nobody,0.05,-0.0,0\n")
    try folder.write(
      "services.csv",
      "id,name,lon,lat,category\ns1,Here,0.0,-0.0,grocery\ns2,There,-0.0,0.0,grocery\n")
    try folder.write(
      "regions.geojson",
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"N","#
        + #""name":"Null"},"geometry":{"type":"Polygon","coordinates":[[[-0.1,-0.1],[0.1,-0.1],"#
        + #"[0.1,0.1],[-0.1,0.1],[-0.1,-0.1]]]}},{"type":"Feature","properties":{"id":"O","#
        + #""name":"Other"},"geometry":{"type":"Polygon","coordinates":[[[0.1,-0.1],[0.3,-0.1],"#
        + #"[0.3,0.1],[0.1,0.1],[0.1,-0.1]]]}}]}"#)
    let inputs = [
      "--population", "units.csv", "--services", "services.csv", "--regions", "regions.geojson",
      "--thresholds", "5km,10km",
    ]
    let analyze = try await runServiceGap(
      ["analyze"] + inputs + [
        "--criticality", "--curves", "--check", "grocery:5km<=0%", "--out", "out",
      ], in: folder.url)
    try #require(analyze.status == 0, "\(analyze.stderr)")
    #expect(try Self.badNumbers(in: analyze.stdout).isEmpty)
    #expect(analyze.stdout.contains("+0.00 pp"))
    try Self.expectCleanFiles(in: folder.file("out"), "analyze")
    let units = try String(contentsOf: folder.file("out/units.geojson"), encoding: .utf8)
    #expect(units.contains(#""grocery_dist_m":0,"grocery_nearest":"s1"},"#))
    #expect(units.contains(#""coordinates":[0,0]}"#))
    let whatif = try await runServiceGap(
      ["whatif"] + inputs + ["--close", "s2", "--out", "whatif"], in: folder.url)
    try #require(whatif.status == 0, "\(whatif.stderr)")
    try Self.expectCleanFiles(in: folder.file("whatif"), "whatif")
  }
}
