#if GDAL
  import Foundation
  import GeoBridge
  import ServiceGap
  import ServiceGapTestSupport
  import Testing

  @testable import ServiceGapIO

  /// Population rasters read through GDAL (fixtures/rasters, made by its make.sh).
  ///
  /// Expected positions come from GDAL's own command-line transformer, not from servicegap:
  /// `echo "COLUMN+0.5 ROW+0.5" | gdaltransform -t_srs EPSG:4326 pop_sweref.tif`.
  @Suite("Population rasters")
  struct RasterPopulationTests {
    static func raster(_ name: String) -> String { IOTestPaths.fixture("rasters/\(name)") }

    /// The 13 populated cells of `src/sweref_1km.asc` (id, people, lon, lat of the centre);
    /// the other 17 cells are nodata (-9999), NaN or 0.
    static let swerefCells: [(id: String, population: Double, lon: Double, lat: Double)] = [
      ("r0c1", 12.5, 20.1536902582745, 65.1451882948654),
      ("r0c3", 3.25, 20.1961586504207, 65.1437196223199),
      ("r0c5", 1, 20.2386218231746, 65.1422389482816),
      ("r1c0", 0.5, 20.1307239677348, 65.1369814780098),
      ("r1c2", 40, 20.1731807923569, 65.1355194028401),
      ("r1c4", 7.75, 20.2156324239311, 65.1340453296463),
      ("r2c2", 118.25, 20.1714377788023, 65.1265833113786),
      ("r2c3", 2, 20.1926571727716, 65.1258480737815),
      ("r3c1", 5, 20.1484824410254, 65.1183791258718),
      ("r3c4", 0.125, 20.2121194126759, 65.1161743110627),
      ("r3c5", 9, 20.2333291317794, 65.1154333794971),
      ("r4c0", 64, 20.1255412389416, 65.1101713132046),
      ("r4c3", 30.5, 20.1891609033555, 65.1079763831242),
    ]

    private func message(_ body: () throws -> Void) -> String? {
      do {
        try body()
        return nil
      } catch {
        return (error as? InputError)?.description ?? "\(error)"
      }
    }

    /// Checks ids, people and centres against `cells`, within 1e-9 degrees (0.1 mm).
    private func expectCells(
      _ units: [PopulationUnit],
      _ cells: [(id: String, population: Double, lon: Double, lat: Double)],
      sourceLocation: SourceLocation = #_sourceLocation
    ) {
      #expect(units.map(\.id) == cells.map(\.id), sourceLocation: sourceLocation)
      for (unit, cell) in zip(units, cells) {
        #expect(unit.population == cell.population, "\(unit.id)", sourceLocation: sourceLocation)
        #expect(unit.name == "" && unit.groups.isEmpty, sourceLocation: sourceLocation)
        #expect(
          abs(unit.location.lon - cell.lon) < 1e-9, "\(unit.id)", sourceLocation: sourceLocation)
        #expect(
          abs(unit.location.lat - cell.lat) < 1e-9, "\(unit.id)", sourceLocation: sourceLocation)
      }
    }

    @Test("a SWEREF 99 TM GeoTIFF: populated cells at their centres, fractions summed exactly")
    func swerefGeoTIFF() throws {
      let result = try PopulationLoader.load(file: Self.raster("pop_sweref.tif"))
      #expect(result.items.count == 13)
      #expect(result.items.reduce(0) { $0 + $1.population } == 293.875)
      expectCells(result.items, Self.swerefCells)
      #expect(result.sourceCRS == "EPSG:3006")
      #expect(result.warnings.isEmpty && result.skipped.isEmpty)
      #expect(result.items.allSatisfy { $0.outline == nil })
    }

    @Test("an ESRI ASCII grid with an ESRI .prj reads as the same cells, in EPSG:3006")
    func asciiGrid() throws {
      let result = try PopulationLoader.load(file: Self.raster("pop_grid.asc"))
      expectCells(result.items, Self.swerefCells)
      #expect(result.sourceCRS == "EPSG:3006")
      // The .prj has no EPSG code, yet naming EPSG:3006 is no override.
      var options = FieldOptions(crs: "EPSG:3006")
      #expect(
        try PopulationLoader.load(file: Self.raster("pop_grid.asc"), options: options).warnings
          == [])
      options.crs = "3006"
      let swerefOverride = try PopulationLoader.load(
        file: Self.raster("pop_sweref.tif"), options: options)
      #expect(swerefOverride.warnings == [] && swerefOverride.sourceCRS == "EPSG:3006")
    }

    @Test("a rotated geotransform (VRT) places cells by the full affine formula")
    func rotated() throws {
      let result = try PopulationLoader.load(file: Self.raster("pop_rotated.vrt"))
      // gdaltransform -t_srs EPSG:4326 pop_rotated.vrt, cell centres in the same order.
      let positions: [(Double, Double)] = [
        (20.1554287844246, 65.1541246142078), (20.1915168062281, 65.1636731203155),
        (20.2276306011856, 65.1732127340616), (20.1487486522601, 65.1417599405263),
        (20.1848173308849, 65.151310207961), (20.2209117591225, 65.1608515892996),
        (20.1961586504207, 65.1437196223199), (20.2141994079271, 65.1484900851381),
        (20.1894624452654, 65.1313568766244), (20.243575003797, 65.1456642480539),
        (20.2616253780692, 65.1504289257836), (20.1827727009177, 65.1189937735049),
        (20.2368562793527, 65.1333037946356),
      ]
      let cells = zip(Self.swerefCells, positions).map { ($0.id, $0.population, $1.0, $1.1) }
      expectCells(result.items, cells)
    }

    @Test("a longitude/latitude GeoTIFF of integers: nodata -1 and zeros skipped")
    func lonLat() throws {
      let result = try PopulationLoader.load(file: Self.raster("pop_lonlat.tif"))
      #expect(result.sourceCRS == "EPSG:4326")
      #expect(
        result.items.map(\.id) == ["r0c1", "r0c3", "r1c0", "r1c4", "r2c1", "r2c2", "r3c2", "r3c4"])
      #expect(result.items.map(\.population) == [14, 3, 22, 8, 5, 61, 1, 17])
      // Corner 20.9, 64.74, cells of 0.01 degrees: r2c2's centre is 20.925, 64.715.
      let cell = try #require(result.items.first { $0.id == "r2c2" })
      #expect(abs(cell.location.lon - 20.925) < 1e-12 && abs(cell.location.lat - 64.715) < 1e-12)
    }

    @Test("outlines: the cell's corners, counter-clockwise and closed, only when asked")
    func outlines() throws {
      var options = FieldOptions()
      options.keepsOutlines = true
      let result = try PopulationLoader.load(file: Self.raster("pop_sweref.tif"), options: options)
      for unit in result.items {
        let rings = try #require(unit.outline)
        #expect(rings.count == 1 && rings[0].count == 1 && rings[0][0].count == 5)
        #expect(rings[0][0].first == rings[0][0].last)
      }
      // gdaltransform of the corners (1,4), (2,4), (2,3), (1,3): bottom-left first.
      let ring = try #require(result.items.first { $0.id == "r3c1" }?.outline?.first?.first)
      let expected: [(Double, Double)] = [
        (20.137010073497, 65.1142756726898), (20.1582208071177, 65.1135453787109),
        (20.1599583424772, 65.1224816722638), (20.1387405410097, 65.1232122635526),
        (20.137010073497, 65.1142756726898),
      ]
      for (corner, (lon, lat)) in zip(ring, expected) {
        #expect(abs(corner.lon - lon) < 1e-9 && abs(corner.lat - lat) < 1e-9)
      }
      // Counter-clockwise: a positive shoelace area.
      let area = zip(ring, ring.dropFirst()).reduce(0.0) {
        $0 + $1.0.lon * $1.1.lat - $1.1.lon * $1.0.lat
      }
      #expect(area > 0)
      expectCells(result.items, Self.swerefCells)
    }

    @Test("a raster without a CRS needs --population-crs, and guesses which")
    func missingCRS() throws {
      let file = Self.raster("pop_nocrs.tif")
      #expect(
        message { _ = try PopulationLoader.load(file: file) }
          == "\(file): the raster declares no CRS, so its cells cannot be placed. Pass "
          + "--population-crs EPSG:<code> with the CRS of its coordinates (its corner (740000, "
          + "7235000) looks like SWEREF99 TM metres: --population-crs EPSG:3006).")
      let placed = try PopulationLoader.load(file: file, options: FieldOptions(crs: "EPSG:3006"))
      expectCells(placed.items, Self.swerefCells)
      #expect(placed.warnings == [] && placed.sourceCRS == "EPSG:3006")
    }

    @Test(
      "metres labelled as degrees: out of range, naming EPSG:3006; --crs overrides with a warning")
    func mislabelled() throws {
      let file = Self.raster("pop_mislabelled.tif")
      #expect(
        message { _ = try PopulationLoader.load(file: file) }
          == "\(file) row 0, column 1: coordinates (741500, 7234500) are not degrees in "
          + "EPSG:4326 (longitude must be within ±180, latitude within ±90), the CRS the file "
          + "declares: they look like SWEREF99 TM metres (EPSG:3006). Pass --population-crs "
          + "EPSG:3006 to read the file in that CRS, or fix the file (gdal_translate -a_srs "
          + "EPSG:3006 \(file) fixed.tif).")
      let fixed = try PopulationLoader.load(file: file, options: FieldOptions(crs: "EPSG:3006"))
      expectCells(fixed.items, Self.swerefCells)
      #expect(fixed.sourceCRS == "EPSG:3006")
      #expect(
        fixed.warnings == [
          "\(file): --population-crs EPSG:3006 overrides the raster's own CRS (EPSG:4326)"
        ])
    }

    @Test("a negative value that is not nodata names its cell, or is skipped and counted")
    func negativeCell() throws {
      let file = Self.raster("pop_negative.tif")
      #expect(
        message { _ = try PopulationLoader.load(file: file) }
          == "\(file) row 1, column 2: band '1' has '-2.5', a negative population. Fix the "
          + "value or pass --skip-invalid to skip such cells.")
      let skipping = try PopulationLoader.load(file: file, options: FieldOptions(skipInvalid: true))
      #expect(skipping.items.map(\.id) == ["r0c0", "r0c3", "r1c1", "r2c0", "r2c3"])
      #expect(skipping.items.reduce(0) { $0 + $1.population } == 17.5)
      #expect(skipping.skipped.map(\.location) == [.cell(row: 1, column: 2)])
      #expect(skipping.skippedSummary == "\(file): skipped 1 cell (1 negative population)")
    }

    @Test("--groups needs a table: a raster holds one value per cell")
    func groupsRefused() {
      var options = FieldOptions()
      options.groups = [PopulationGroupColumns(name: "old", columns: ["age_65_plus"])]
      let file = Self.raster("pop_sweref.tif")
      #expect(
        message { _ = try PopulationLoader.load(file: file, options: options) }
          == "\(file): a raster holds one value per cell, so it has no population groups. Give "
          + "--groups with a table whose columns hold the groups (CSV, GeoPackage).")
    }

    @Test("a raster without a geotransform, a missing raster, a file that is no raster")
    func unusableFiles() throws {
      let folder = try IOTestPaths.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      // A VRT without a GeoTransform element: cells with no position.
      let unplaced = folder.appendingPathComponent("unplaced.vrt").path
      let source = Self.raster("pop_sweref.tif")
      try """
      <VRTDataset rasterXSize="6" rasterYSize="5">
        <SRS>EPSG:3006</SRS>
        <VRTRasterBand dataType="Float32" band="1">
          <SimpleSource><SourceFilename>\(source)</SourceFilename><SourceBand>1</SourceBand></SimpleSource>
        </VRTRasterBand>
      </VRTDataset>
      """.write(toFile: unplaced, atomically: true, encoding: .utf8)
      #expect(
        message { _ = try PopulationLoader.load(file: unplaced) }
          == "\(unplaced): the raster has no georeferencing (no geotransform), so its cells "
          + "have no positions. Georeference it first, e.g. gdal_translate -a_ullr ULX ULY LRX "
          + "LRY -a_srs EPSG:<code> \(unplaced) placed.tif.")
      #expect(
        message { _ = try PopulationLoader.load(file: "nowhere/pop.tif") }
          == "nowhere/pop.tif: file not found. Check the path (relative paths start from the "
          + "current directory).")
      let text = folder.appendingPathComponent("notes.tif").path
      try "not a raster".write(toFile: text, atomically: true, encoding: .utf8)
      let notRaster = message { _ = try PopulationLoader.load(file: text) } ?? ""
      #expect(notRaster.hasPrefix("\(text): GDAL cannot open it as a raster ("))
      #expect(
        notRaster.hasSuffix(
          "Check that it is a complete GeoTIFF, ESRI ASCII grid or other raster GDAL reads."))
    }

    @Test("the scan: nodata may be positive, infinity is bad data, rows continue across blocks")
    func scanRules() throws {
      let transform = try #require(RasterGeoTransform([100, 10, 0, 200, 0, -10]))
      let input = try CoordinateInput(crs: "EPSG:3006", fromFile: false, file: "t.tif")
      var scan = RasterCellScan(
        transform: transform, input: input, noData: 65535, keepsOutlines: false)
      var context = LoadContext(file: "t.tif", kind: .population, skipInvalid: true)
      try scan.add([65535, 2, 0, .nan], firstRow: 0, width: 2, context: &context)
      try scan.add([.infinity, 0.5], firstRow: 2, width: 2, context: &context)
      #expect(scan.units.map(\.id) == ["r0c1", "r2c1"])
      #expect(scan.units.map(\.population) == [2, 0.5])
      #expect(context.skipped.map(\.location) == [.cell(row: 2, column: 0)])
      #expect(
        context.skipped.first?.description
          == "t.tif row 2, column 0: band '1' has 'inf', not a number. Fix the value or pass "
          + "--skip-invalid to skip such cells.")
      // A geotransform that folds cells onto a line is no geotransform.
      #expect(RasterGeoTransform([0, 1, 2, 0, 2, 4]) == nil)
      #expect(RasterGeoTransform([0, 1, 0, 0, 0]) == nil)
    }

    @Test("2,000 raster opens and reads leave memory and file descriptors flat")
    func handlesClosed() throws {
      try ResidentMemory.inOwnProcess(suite: "RasterPopulationTests") { try openChurn() }
    }

    func openChurn() throws {
      let file = Self.raster("pop_sweref.tif")
      var values: [Double] = []
      try ResidentMemory.expectFlat("GDAL rasters", count: 2_000, warmUp: 100) { _ in
        let raster = try RasterPopulation.open(file, file: "pop_sweref.tif")
        try raster.readRows(from: 0, count: raster.height, into: &values)
        #expect(values.count == 30)
      }
    }
  }
#endif
