#if GDAL
  import Foundation
  import ServiceGapTestSupport
  import Testing

  /// GeoPackage and OpenStreetMap inputs give the same analysis as the same data in
  /// GeoJSON; GeoPackage and PostGIS outputs, read back by GDAL's own ogr2ogr (an
  /// independent reader), equal the GeoJSON and CSV outputs.
  @Suite("GDAL end to end: GeoPackage, OpenStreetMap, PostGIS", .timeLimit(.minutes(10)))
  struct DatasetEndToEndTests {
    static let gpkg = Fixtures.url("gpkg/inputs.gpkg").path

    static func demoArguments(population: String, services: String, regions: String)
      -> [String]
    {
      Demo.analyzeArguments(population: population, services: services, regions: regions)
        + ["--criticality", "--curves"]
    }

    @Test("GeoPackage layers (lon/lat, and SWEREF 99 TM) give byte-identical outputs")
    func geoPackageInputs() async throws {
      let folder = try TemporaryFolder("gpkg-in")
      defer { folder.remove() }
      let geojson = Self.demoArguments(
        population: Fixtures.url("\(Demo.directory)/population_tatorter_2020.geojson").path,
        services: Fixtures.url(Demo.services).path, regions: Fixtures.url(Demo.regions).path)
      let layers = Self.demoArguments(
        population: Self.gpkg + ":population", services: Self.gpkg + ":services",
        regions: Self.gpkg + ":regions")
      let sweref = Self.demoArguments(
        population: Self.gpkg + ":population_sweref", services: Self.gpkg + ":services",
        regions: Self.gpkg + ":regions_sweref")
      var outputs: [[String: Data]] = []
      for (index, arguments) in [geojson, layers, sweref].enumerated() {
        let out = folder.file("out\(index)")
        let result = try await runServiceGap(arguments + ["--out", out.path], in: folder.url)
        try #require(result.status == 0, "stderr: \(result.stderr)")
        outputs.append(try folderContents(out))
      }
      for name in ["units.geojson", "zones.geojson", "summary.csv", "services.geojson"] {
        #expect(outputs[0][name] != nil, "\(name) written")
        #expect(outputs[1][name] == outputs[0][name], "\(name): GeoPackage layers differ")
        #expect(outputs[2][name] == outputs[0][name], "\(name): SWEREF 99 TM layers differ")
      }
    }

    @Test("Samsø along the roads: an .osm.pbf road network gives the GeoJSON's outputs")
    func osmRoads() async throws {
      let folder = try TemporaryFolder("osm-roads")
      defer { folder.remove() }
      var outputs: [[String: Data]] = []
      for roads in ["osm/samsoe_car_highways.osm.pbf", "roads/samsoe_roads.geojson"] {
        let out = folder.file(roads.hasSuffix(".pbf") ? "pbf" : "geojson")
        let result = try await runServiceGap(
          [
            "analyze", "--mode", "network", "--roads", Fixtures.url(roads).path,
            "--population", Fixtures.url("roads/samsoe_units.csv").path, "--services",
            Fixtures.url("roads/samsoe_services.csv").path, "--thresholds", "5min,10min",
            "--out", out.path,
          ], in: folder.url)
        try #require(result.status == 0, "stderr: \(result.stderr)")
        outputs.append(try folderContents(out))
      }
      for name in ["units.geojson", "zones.geojson", "summary.csv"] {
        #expect(outputs[0][name] != nil && outputs[0][name] == outputs[1][name], "\(name)")
      }
    }

    @Test("central Helsinki: services from the .osm.pbf give the reference points' distances")
    func osmServices() async throws {
      let folder = try TemporaryFolder("osm-services")
      defer { folder.remove() }
      let units = try folder.write("units.csv", Self.helsinkiUnits())
      var distances: [[String: [String: Double]]] = []
      for services in ["osm/helsinki_centre.osm.pbf", "osm/helsinki_centre_services.geojson"] {
        let out = folder.file(services.hasSuffix(".pbf") ? "pbf" : "geojson")
        // Schools are areas, whose inside point follows another rule in the reference.
        let result = try await runServiceGap(
          [
            "analyze", "--population", units.path, "--services", Fixtures.url(services).path,
            "--categories", "atm,grocery,pharmacy,health,parcel", "--thresholds", "300m,600m",
            "--out", out.path,
          ], in: folder.url)
        try #require(result.status == 0, "stderr: \(result.stderr)")
        distances.append(try Self.distances(out.appendingPathComponent("units.geojson")))
      }
      #expect(distances[0].count == 120)
      // Every unit has a distance in all five categories (nobody is unreachable in 1.2 km).
      #expect(distances[0].values.allSatisfy { $0.count == 5 })
      #expect(distances[0] == distances[1])
    }

    @Test("--out results.gpkg: every layer and table, read back by ogr2ogr, equals the files")
    func geoPackageOutput() async throws {
      let folder = try TemporaryFolder("gpkg-out")
      defer { folder.remove() }
      let arguments = Self.demoArguments(
        population: Fixtures.url(Demo.population).path,
        services: Fixtures.url(Demo.services).path, regions: Fixtures.url(Demo.regions).path)
      let directory = folder.file("dir")
      let gpkg = folder.file("results.gpkg")
      for out in [directory, gpkg] {
        let result = try await runServiceGap(arguments + ["--out", out.path], in: folder.url)
        try #require(result.status == 0, "stderr: \(result.stderr)")
      }
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
          == ["dir", "results.gpkg"], "no staging or partial files left behind")
      try Self.expectSameContents(dataset: gpkg.path, layerPrefix: "", directory: directory)
    }

    /// The services the demo analysis uses (grocery, pharmacy, atm) as "id category", read
    /// from the fixture independently of servicegap.
    static func demoServicesUsed() throws -> [String] {
      try Fixtures.demoServices().filter { ["grocery", "pharmacy", "atm"].contains($0.category) }
        .map { "\($0.id) \($0.category)" }
    }

    /// The services table `table` of `dataset` holds one row per service used, with its
    /// columns.
    static func expectServicesLayer(dataset: String, table: String) throws {
      let rows = try query(dataset, "SELECT * FROM \(table)")
      let expected = try demoServicesUsed()
      #expect(expected.count == 159, "65 grocery, 32 pharmacy, 62 atm in the fixture")
      #expect(rows.count == expected.count, "\(table): one row per service used")
      let found = rows.map { "\($0["id"] as? String ?? "-") \($0["category"] as? String ?? "-")" }
      #expect(found.sorted() == expected.sorted(), "\(table): ids and categories")
      for column in ["name", "region"] {
        #expect(rows.allSatisfy { $0[column] is String }, "\(table): \(column) is text")
      }
    }

    @Test("without --criticality the GeoPackage still holds the services layer")
    func geoPackageServicesLayer() async throws {
      let folder = try TemporaryFolder("gpkg-services")
      defer { folder.remove() }
      let result = try await runServiceGap(
        Demo.analyzeArguments() + ["--no-zones", "--out", "results.gpkg"], in: folder.url)
      try #require(result.status == 0, "stderr: \(result.stderr)")
      try Self.expectServicesLayer(dataset: folder.file("results.gpkg").path, table: "services")
    }

    @Test(
      "--out postgresql://…: each run in its own schema, equal to the files, indexed",
      .requires(.postGIS))
    func postGISRoundTrip() async throws {
      // `make test` always sets it (Scripts/postgis-local.sh starts a local cluster).
      try TestRequirement.postGIS.check()
      let url = ProcessInfo.processInfo.environment["SERVICEGAP_TEST_POSTGIS"] ?? ""
      let folder = try TemporaryFolder("postgis")
      defer { folder.remove() }
      let arguments = Self.demoArguments(
        population: Fixtures.url(Demo.population).path,
        services: Fixtures.url(Demo.services).path, regions: Fixtures.url(Demo.regions).path)
      let directory = folder.file("dir")
      let plain = try await runServiceGap(arguments + ["--out", directory.path], in: folder.url)
      try #require(plain.status == 0, "stderr: \(plain.stderr)")
      var runIDs: [String] = []
      for _ in 0..<2 {
        let result = try await runServiceGap(arguments + ["--out", url], in: folder.url)
        try #require(result.status == 0, "stderr: \(result.stderr)")
        let line = try #require(
          result.stderr.split(separator: "\n").first { $0.hasPrefix("wrote run ") })
        runIDs.append(String(line.split(separator: " ")[2]))
      }
      #expect(runIDs[0] != runIDs[1], "a second run gets a new id, never overwriting the first")
      let connection = "PG:" + url
      // Without --criticality the services table is there too, one row per service used.
      let lean = try await runServiceGap(
        Demo.analyzeArguments() + ["--no-zones", "--out", url], in: folder.url)
      try #require(lean.status == 0, "stderr: \(lean.stderr)")
      let leanRun = try #require(
        lean.stderr.split(separator: "\n").first { $0.hasPrefix("wrote run ") }?
          .split(separator: " ")[2])
      try Self.expectServicesLayer(dataset: connection, table: "\(leanRun).services")
      for runID in runIDs {
        try Self.expectSameContents(
          dataset: connection, layerPrefix: "\(runID).", directory: directory)
        let registered = try Self.query(
          connection,
          "SELECT command, manifest IS NOT NULL AS has_manifest FROM servicegap_runs "
            + "WHERE run_id = '\(runID)'")
        #expect(registered.count == 1 && registered.first?["command"] as? String == "analyze")
        for table in ["units", "zones", "services"] {
          let srid = try Self.query(
            connection, "SELECT Find_SRID('\(runID)', '\(table)', 'geom') AS srid")
          #expect((srid.first?["srid"] as? NSNumber)?.intValue == 4326, "\(table) SRID")
          let indexes = try Self.query(
            connection,
            "SELECT indexname FROM pg_indexes WHERE schemaname = '\(runID)' "
              + "AND tablename = '\(table)' AND indexdef LIKE '%USING gist%'")
          #expect(indexes.count == 1, "\(table) has a spatial index")
        }
      }
    }

    // MARK: Helpers

    /// 120 units on a regular grid over the extract, with varied populations.
    static func helsinkiUnits() -> String {
      var lines = ["id,population,lon,lat"]
      for a in 0..<12 {
        for b in 0..<10 {
          let lon = 24.936 + Double(a) * 0.0015
          let lat = 60.1645 + Double(b) * 0.0014
          lines.append("u\(a)_\(b),\(20 + (a * 37 + b * 53) % 900),\(lon),\(lat)")
        }
      }
      return lines.joined(separator: "\n") + "\n"
    }

    /// Every unit's `*_dist_m` values, by unit id.
    static func distances(_ file: URL) throws -> [String: [String: Double]] {
      var result: [String: [String: Double]] = [:]
      for feature in try features(file) {
        let properties = try #require(feature["properties"] as? [String: Any])
        let id = try #require(properties["id"] as? String)
        for (key, value) in properties where key.hasSuffix("_dist_m") {
          result[id, default: [:]][key] = (value as? NSNumber)?.doubleValue
        }
      }
      return result
    }

    static func features(_ file: URL) throws -> [[String: Any]] {
      let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
      return try #require((object as? [String: Any])?["features"] as? [[String: Any]], "\(file)")
    }

    /// Runs a GDAL command-line tool and returns its standard output.
    @discardableResult
    static func gdal(_ tool: String, _ arguments: [String]) throws -> Data {
      let result = try ChildProcess.runBlocking(["/usr/bin/env", tool] + arguments)
      guard result.status == 0 else {
        throw GDALToolFailed(
          description: "\(tool) \(arguments.joined(separator: " ")): \(result.stderr)")
      }
      return Data(result.stdout.utf8)
    }

    struct GDALToolFailed: Error, CustomStringConvertible { var description: String }

    /// The rows of a SQL query, through ogr2ogr as GeoJSON.
    static func query(_ connection: String, _ sql: String) throws -> [[String: Any]] {
      let data = try gdal("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", connection, "-sql", sql])
      let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
      return (object?["features"] as? [[String: Any]] ?? []).map {
        $0["properties"] as? [String: Any] ?? [:]
      }
    }

    /// Every GeoJSON of `directory` equals its layer, and summary.csv its table.
    static func expectSameContents(dataset: String, layerPrefix: String, directory: URL) throws {
      for name in ["units", "zones", "services"] {
        let exported = try gdal(
          "ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", dataset, layerPrefix + name])
        let theirs =
          (try JSONSerialization.jsonObject(with: exported) as? [String: Any])?["features"]
          as? [[String: Any]] ?? []
        let ours = try features(directory.appendingPathComponent("\(name).geojson"))
        #expect(theirs.count == ours.count && !ours.isEmpty, "\(name): feature count")
        for (index, (a, b)) in zip(ours, theirs).enumerated() {
          let keys = { (feature: [String: Any]) in
            Set((feature["properties"] as? [String: Any] ?? [:]).keys)
          }
          #expect(keys(a) == keys(b), "\(name) feature \(index + 1): the same columns")
          let same =
            sameJSON(a["properties"], b["properties"]) && sameJSON(a["geometry"], b["geometry"])
          #expect(same, "\(name) feature \(index + 1) differs")
          if !same { break }
        }
      }
      let csv = try gdal("ogr2ogr", ["-f", "CSV", "/vsistdout/", dataset, layerPrefix + "summary"])
      let theirs = rows(String(decoding: csv, as: UTF8.self)).map { $0.filter { $0.key != "fid" } }
      let ours = rows(
        try String(contentsOf: directory.appendingPathComponent("summary.csv"), encoding: .utf8))
      #expect(theirs.count == ours.count && !ours.isEmpty, "summary: row count")
      for (a, b) in zip(ours, theirs) {
        #expect(Set(a.keys) == Set(b.keys), "summary columns")
        for (key, value) in a {
          let other = b[key] ?? ""
          let same =
            value == other || (Double(value).map { Double(other) == $0 } ?? false)
          #expect(same, "summary \(key): \(value) vs \(other)")
        }
      }
    }

    /// Simple CSV rows (our outputs quote nothing the tests read) as column → text.
    static func rows(_ text: String) -> [[String: String]] {
      let lines = text.split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map {
          String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"\r"))
        }
      }
      guard let header = lines.first else { return [] }
      return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// JSON values equal, with numbers within 1e-9 (relative) and null equal to absent.
    static func sameJSON(_ a: Any?, _ b: Any?) -> Bool {
      switch (a, b) {
      case (nil, nil), (nil, is NSNull), (is NSNull, nil), (is NSNull, is NSNull): return true
      case (let x as String, let y as String): return x == y
      case (let x as NSNumber, let y as NSNumber):
        let (p, q) = (x.doubleValue, y.doubleValue)
        return p == q || abs(p - q) <= 1e-9 * max(abs(p), abs(q))
      case (let x as [Any], let y as [Any]):
        return x.count == y.count && zip(x, y).allSatisfy { sameJSON($0, $1) }
      case (let x as [String: Any], let y as [String: Any]):
        return Set(x.keys).union(y.keys).allSatisfy { sameJSON(x[$0], y[$0]) }
      default: return false
      }
    }
  }
#endif
