import Foundation
import ServiceGap
import Testing

@testable import ServiceGapIO

/// One file of `fixtures/bad_inputs/` that a loader refuses, and the message it must give.
struct RefusedInput: Sendable, CustomTestStringConvertible {
  var file: String
  var message: String
  var options = FieldOptions()

  var testDescription: String { file }
}

/// The bad-input corpus, loaded from `fixtures/bad_inputs/`.
///
/// One small file per failure shape, listed with what happens in its README: every file is
/// loaded from disk, and each test pins the exact message, or the values and warnings of the
/// documented tolerant reading. Cases where the command line matters are in
/// `BadInputCorpusCLITests`.
@Suite("Bad-input corpus")
struct BadInputCorpusTests {
  static let folder = IOTestPaths.fixture("bad_inputs")

  static func path(_ name: String) -> String { "\(folder)/\(name)" }

  /// A message with the corpus folder left out of the file names, as if run inside it.
  static func relative(_ message: String) -> String {
    message.replacingOccurrences(of: "\(folder)/", with: "")
  }

  static func relative(_ warnings: [String]) -> [String] { warnings.map(relative) }

  /// The control: Bastuträsk 322, Norsjö 2,036 and Malå 1,995 people, SCB's coordinates.
  static func reference() throws -> [PopulationUnit] {
    try PopulationLoader.load(file: path("good_population.csv")).items
  }

  // MARK: Read as if nothing were wrong

  @Test(
    "encodings, line endings and delimiters load the same three units, without a warning",
    arguments: [
      "bom.csv", "crlf.csv", "old_mac_cr.csv", "semicolon_decimal_comma.csv",
      "tab_separated.tsv", "excel_unicode_text.txt", "blank_lines_at_end.csv",
      "trailing_delimiter.csv", "mixed_case_columns.csv",
    ])
  func readsLikeTheControl(file: String) throws {
    let result = try PopulationLoader.load(file: Self.path(file))
    #expect(result.items == (try Self.reference()))
    #expect(result.warnings.isEmpty && result.skipped.isEmpty)
  }

  @Test func latin1NamesAreReadWithAWarning() throws {
    let result = try PopulationLoader.load(file: Self.path("latin1.csv"))
    #expect(result.items == (try Self.reference()))
    #expect(
      Self.relative(result.warnings) == [
        "latin1.csv: the file is not valid UTF-8, so it was read as ISO 8859-1 (Latin-1); check "
          + "names with å, ä, ö in the outputs, or save the file as UTF-8 (in Excel: CSV UTF-8)"
      ])
  }

  @Test func quotedFieldsKeepCommasQuotesAndNewlines() throws {
    let commas = try PopulationLoader.load(file: Self.path("quoted_commas.csv"))
    #expect(commas.items.map(\.name) == ["Bastuträsk", "Skellefteå, centrum", "Malå"])
    #expect(commas.items[1].population == 35_000)
    let quotes = try PopulationLoader.load(file: Self.path("quoted_quotes_newlines.csv"))
    #expect(quotes.items.map(\.name) == ["Bastuträsk \"by\"", "Norsjö\nkyrkby", "Malå"])
    #expect(quotes.items.map(\.population) == [322, 2036, 1995])
    #expect(commas.warnings.isEmpty && quotes.warnings.isEmpty)
  }

  @Test func zeroPopulationIsAUnit() throws {
    let result = try PopulationLoader.load(file: Self.path("zero_population.csv"))
    #expect(result.items.map(\.population) == [322, 0, 1995])
    #expect(result.items[1].name == "Ödehemmanet")
    #expect(result.warnings.isEmpty)
  }

  @Test func swappedLatLonLoadsAsDeclaredWithAWarning() throws {
    let result = try PopulationLoader.load(file: Self.path("swapped_lat_lon.csv"))
    #expect(result.items.first?.location == LonLat(lon: 64.790201, lat: 20.040698))
    #expect(
      Self.relative(result.warnings) == [
        "swapped_lat_lon.csv: x values (longitudes) are between 54 and 72 and y values "
          + "(latitudes) between -25 and 32: that is Nordic data with longitude and latitude "
          + "swapped, or data from Arabia or Pakistan; pass --x-field lat --y-field lon if the "
          + "columns are swapped"
      ])
    let fixed = try PopulationLoader.load(
      file: Self.path("swapped_lat_lon.csv"), options: FieldOptions(xField: "lat", yField: "lon"))
    #expect(fixed.items == (try Self.reference()) && fixed.warnings.isEmpty)
  }

  @Test func duplicateUnitIDsAreKeptWithAWarning() throws {
    let result = try PopulationLoader.load(file: Self.path("duplicate_unit_ids.csv"))
    #expect(result.items.map(\.id) == ["2417TB101", "2417TB101", "2418TC102"])
    #expect(
      Self.relative(result.warnings) == [
        "duplicate_unit_ids.csv: 1 record repeats an id (first: '2417TB101' at line 2 and line "
          + "3); all are kept, but outputs will show the id more than once (name another column "
          + "with --id-field if this one is not unique)"
      ])
  }

  @Test func repeatedColumnNameReadsTheFirstWithAWarning() throws {
    let result = try PopulationLoader.load(file: Self.path("duplicated_columns.csv"))
    #expect(result.items.map(\.population) == [322, 2036, 1995])
    #expect(
      Self.relative(result.warnings) == [
        "duplicated_columns.csv: the header repeats 'befolkning' (columns 3 and 6); the first "
          + "column of a name is read, so rename the other if it holds the values to use"
      ])
    #expect(
      PointLocator.repeatedColumnsWarning(["a", "B", "b", "", "", "a", "c", "A"])
        == "the header repeats 'a' (columns 1, 6 and 8), 'B' (columns 2 and 3); the first "
        + "column of a name is read, so rename the other if it holds the values to use")
  }

  @Test func rt90WithItsCRSLoadsWhereSCBPutsTheLocalities() throws {
    let result = try PopulationLoader.load(
      file: Self.path("rt90.csv"), options: FieldOptions(crs: "EPSG:3021"))
    let reference = try Self.reference()
    #expect(result.items.count == reference.count && result.warnings.isEmpty)
    // RT90 values computed from SCB's lon/lat with PROJ's cs2cs, to 1 cm; back within ~1 m.
    for (unit, expected) in zip(result.items, reference) {
      #expect(abs(unit.location.lon - expected.location.lon) < 2e-5, "\(unit.name)")
      #expect(abs(unit.location.lat - expected.location.lat) < 1e-5, "\(unit.name)")
    }
  }

  @Test func mixedPropertyTypesSkipOnlyTheGroupedNumber() throws {
    let result = try PopulationLoader.load(
      file: Self.path("mixed_property_types.geojson"), options: FieldOptions(skipInvalid: true))
    // 322 is a JSON number, "1995" a numeric string: both are read.
    #expect(result.items.map(\.population) == [322, 1995])
    #expect(
      result.skippedSummary.map(Self.relative)
        == "mixed_property_types.geojson: skipped 1 feature (1 not a number)")
  }

  @Test func nullGeometryIsSkippedWithSkipInvalid() throws {
    let result = try PopulationLoader.load(
      file: Self.path("null_geometry.geojson"), options: FieldOptions(skipInvalid: true))
    #expect(result.items.map(\.name) == ["Bastuträsk"])
    #expect(
      result.skippedSummary.map(Self.relative)
        == "null_geometry.geojson: skipped 1 feature (1 unsupported geometry)")
  }

  // MARK: Refused, with the message

  static let refusedPopulationFiles: [RefusedInput] = [
    RefusedInput(
      file: "excel_workbook.csv",
      message: "excel_workbook.csv: this is an Excel workbook (.xlsx) or another ZIP archive, "
        + "not a CSV file. In Excel: File > Save As > CSV UTF-8 (comma delimited), and give that "
        + "file."),
    RefusedInput(
      file: "geojson_named.csv",
      message: "geojson_named.csv: this is JSON, not a CSV file. Give GeoJSON with a .geojson "
        + "name."),
    RefusedInput(
      file: "empty.csv",
      message: "empty.csv: no data rows. The file needs a header line and at least one row."),
    RefusedInput(
      file: "header_only.csv",
      message: "header_only.csv: no data rows. The file needs a header line and at least one row."
    ),
    RefusedInput(
      file: "nan_population.csv",
      message: "nan_population.csv line 3: column 'befolkning' has 'NaN', not a number. Fix the "
        + "value or pass --skip-invalid to skip such rows."),
    RefusedInput(
      file: "inf_coordinate.csv",
      message: "inf_coordinate.csv line 3: column 'lon' has 'Inf', not a number. Fix the value "
        + "or pass --skip-invalid to skip such rows."),
    RefusedInput(
      file: "negative_inf_population.csv",
      message: "negative_inf_population.csv line 3: column 'befolkning' has '-Inf', not a "
        + "number. Fix the value or pass --skip-invalid to skip such rows."),
    RefusedInput(
      file: "overflow_1e400.csv",
      message: "overflow_1e400.csv line 3: column 'befolkning' has '1e400', not a number (it is "
        + "beyond the range of numbers, ±1.8e308). Fix the value or pass --skip-invalid to skip "
        + "such rows."),
    RefusedInput(
      file: "negative_population.csv",
      message: "negative_population.csv line 3: column 'befolkning' has '-2036', a negative "
        + "population. Fix the value or pass --skip-invalid to skip such rows."),
    RefusedInput(
      file: "thousands_separators.csv",
      message: "thousands_separators.csv line 3: column 'befolkning' has '2\u{00A0}036', not a "
        + "number (write it without thousands separators: 2036). Fix the value or pass "
        + "--skip-invalid to skip such rows."),
    RefusedInput(
      file: "excel_error_values.csv",
      message: "excel_error_values.csv line 3: column 'befolkning' has '#N/A', not a number. Fix "
        + "the value or pass --skip-invalid to skip such rows."),
    RefusedInput(
      file: "extra_fields.csv",
      message: "extra_fields.csv line 3: 6 fields, but the header has 5 (delimiter ','). Put "
        + "values that contain the delimiter in double quotes, or pass --skip-invalid to skip "
        + "such rows."),
    RefusedInput(
      file: "unterminated_quote.csv",
      message: "unterminated_quote.csv line 3: a quoted field starts on this line but never "
        + "ends. Add the closing '\"' (a quote inside a quoted value is written twice: \"\")."),
    RefusedInput(
      file: "html_error_page.csv",
      message: "html_error_page.csv: this is a web page (HTML), not a CSV file. Download the "
        + "data file itself rather than the page that links to it, or save the table as CSV."),
    RefusedInput(
      file: "rt90.csv",
      message: "rt90.csv line 2: coordinates (1701274.71, 7194052.2) are not degrees in "
        + "EPSG:4326 (longitude must be within ±180, latitude within ±90); they look like RT90 "
        + "2.5 gon V metres; pass --crs EPSG:3021."),
    RefusedInput(
      file: "sweref99tm_as_degrees.csv",
      message: "sweref99tm_as_degrees.csv line 2: coordinates (739368.1, 7194608.2) are not "
        + "degrees in EPSG:4326 (longitude must be within ±180, latitude within ±90); they look "
        + "like SWEREF99 TM metres; pass --crs EPSG:3006."),
    RefusedInput(
      file: "truncated.geojson",
      message: "truncated.geojson line 1, column 151: invalid JSON: expected ':' after member "
        + "name \"coordinates\", found the end of the file. Check the file with a JSON "
        + "validator, e.g. `jq . truncated.geojson`."),
    RefusedInput(
      file: "deep_nesting.geojson",
      message: "deep_nesting.geojson line 1, column 551: invalid JSON: nesting deeper than 512 "
        + "levels. Check the file with a JSON validator, e.g. `jq . deep_nesting.geojson`."),
    RefusedInput(
      file: "nan_in_geojson.geojson",
      message: "nan_in_geojson.geojson line 1, column 86: invalid JSON: expected a value, found "
        + "'N'. Check the file with a JSON validator, e.g. `jq . nan_in_geojson.geojson`."),
    RefusedInput(
      file: "overflow_in_geojson.geojson",
      message: "overflow_in_geojson.geojson line 1, column 86: invalid JSON: number 1e400 is "
        + "beyond the range of numbers (±1.8e308). Check the file with a JSON validator, e.g. "
        + "`jq . overflow_in_geojson.geojson`."),
    RefusedInput(
      file: "zero_features.geojson",
      message: "zero_features.geojson: no features. The file needs at least one feature with a "
        + "geometry."),
    RefusedInput(
      file: "null_geometry.geojson",
      message: "null_geometry.geojson feature 2: geometry null cannot be used here (expected "
        + "Point, MultiPoint with one point, Polygon, MultiPolygon). Change the feature or pass "
        + "--skip-invalid to skip such features."),
    RefusedInput(
      file: "multipoint_unit.geojson",
      message: "multipoint_unit.geojson feature 1: geometry MultiPoint with 3 points cannot be "
        + "used here (expected Point, MultiPoint with one point, Polygon, MultiPolygon). Change "
        + "the feature or pass --skip-invalid to skip such features."),
    RefusedInput(
      file: "mixed_property_types.geojson",
      message: "mixed_property_types.geojson feature 2: property 'befolkning' has '2 036', not a "
        + "number (write it without thousands separators: 2036). Fix the value or pass "
        + "--skip-invalid to skip such features."),
    RefusedInput(
      file: "string_coordinates.geojson",
      message: "string_coordinates.geojson feature 1: not valid GeoJSON: the Point's coordinates "
        + "must be positions [x, y] of numbers. See RFC 7946 for the expected structure."),
    RefusedInput(
      file: "sweref99tm_geojson_without_crs.geojson",
      message: "sweref99tm_geojson_without_crs.geojson feature 1: coordinates (739368.1, "
        + "7194608.2) are not degrees in EPSG:4326 (longitude must be within ±180, latitude "
        + "within ±90), as GeoJSON positions must be (RFC 7946): they look like SWEREF99 TM "
        + "metres (EPSG:3006). Pass --population-crs EPSG:3006 to read the file in that CRS, or "
        + "reproject the file (ogr2ogr -s_srs EPSG:3006 -t_srs EPSG:4326 lonlat.geojson "
        + "sweref99tm_geojson_without_crs.geojson)."),
  ]

  @Test("population files refused with the exact message", arguments: refusedPopulationFiles)
  func refusedPopulation(_ input: RefusedInput) {
    do {
      let result = try PopulationLoader.load(file: Self.path(input.file), options: input.options)
      Issue.record("loaded \(result.items.count) units")
    } catch {
      #expect(Self.relative("\(error)") == input.message)
    }
  }

  @Test func geoJSONCRSMemberFixesIt() throws {
    // A crs member naming the file's CRS also works, as the README says.
    var text = try String(
      contentsOfFile: Self.path("sweref99tm_geojson_without_crs.geojson"), encoding: .utf8)
    text = text.replacingOccurrences(
      of: "{\"type\":\"FeatureCollection\",",
      with: "{\"type\":\"FeatureCollection\",\"crs\": {\"type\": \"name\", \"properties\": "
        + "{\"name\": \"EPSG:3006\"}},")
    let result = try PopulationLoader.load(content: text.bytes, file: "fixed.geojson")
    let bastutrask = try #require(try Self.reference().first)
    #expect(abs((result.items.first?.location.lon ?? 0) - bastutrask.location.lon) < 1e-5)
    #expect(abs((result.items.first?.location.lat ?? 0) - bastutrask.location.lat) < 1e-5)
  }

  @Test func populationCRSNamedInTheMessageFixesIt() throws {
    // Following the message's advice must work: --population-crs EPSG:3006.
    var files = InputFiles(
      population: Self.path("sweref99tm_geojson_without_crs.geojson"),
      services: IOTestPaths.demo("services.geojson"))
    files.populationCRS = "EPSG:3006"
    let loaded = try InputSet.load(files)
    let bastutrask = try #require(try Self.reference().first)
    let unit = try #require(loaded.units.first { $0.name == "Bastuträsk" })
    #expect(abs(unit.location.lon - bastutrask.location.lon) < 1e-5)
    #expect(abs(unit.location.lat - bastutrask.location.lat) < 1e-5)
  }

  @Test func thousandsSeparatorHints() {
    #expect(InputError.withoutDigitGroups("2 036") == "2036")
    #expect(InputError.withoutDigitGroups("2\u{00A0}036") == "2036")
    #expect(InputError.withoutDigitGroups("-1 234 567,5") == "-1234567.5")
    #expect(InputError.withoutDigitGroups("1.234.567") == "1234567")
    #expect(InputError.withoutDigitGroups("1,234,567.25") == "1234567.25")
    #expect(InputError.withoutDigitGroups("1'234") == "1234")
    // One `,ddd` or `.ddd` group may be decimals (a latitude 65,185): no hint.
    #expect(InputError.withoutDigitGroups("65,185") == nil)
    #expect(InputError.withoutDigitGroups("1 23") == nil)
    #expect(InputError.withoutDigitGroups("1234 567") == nil)
    #expect(InputError.withoutDigitGroups("1 234,567,8") == nil)
    #expect(InputError.withoutDigitGroups("abc") == nil)
    #expect(InputError.numberHint("1e400") == " (it is beyond the range of numbers, ±1.8e308)")
    #expect(InputError.numberHint("-Inf") == "" && InputError.numberHint("NaN") == "")
  }

  @Test func nestingOfAHundredThousandLevelsIsAnErrorNotACrash() {
    // Ten times the corpus file, generated: the parser stops at 512 levels whatever the depth.
    let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
    #expect(throws: InputError.self) {
      try GeoJSONReader.parse(bytes, file: "deep.geojson")
    }
    do {
      _ = try GeoJSONReader.parse(bytes, file: "deep.geojson")
    } catch {
      #expect(
        "\(error)"
          == "deep.geojson line 1, column 513: invalid JSON: nesting deeper than 512 levels. "
          + "Check the file with a JSON validator, e.g. `jq . deep.geojson`.")
    }
  }

  // MARK: Services

  @Test func servicesWithoutACategoryColumn() {
    #expect(
      throws: InputError.missingColumn(
        file: Self.path("services_without_category.csv"), role: .category, requested: nil,
        lookedFor: FieldRole.category.candidates, available: ["id", "name", "lon", "lat"])
    ) { try ServiceLoader.load(file: Self.path("services_without_category.csv")) }
    #expect(
      InputError.missingColumn(
        file: "services_without_category.csv", role: .category, requested: nil,
        lookedFor: FieldRole.category.candidates, available: ["id", "name", "lon", "lat"]
      ).description
        == "services_without_category.csv: no category column found (looked for category, "
        + "kategori, type, amenity); the columns are: id, name, lon, lat. Name it with "
        + "--category-field.")
  }

  @Test func duplicateServiceIDsAreKeptWithAWarning() throws {
    let result = try ServiceLoader.load(file: Self.path("duplicate_service_ids.csv"))
    #expect(result.items.map(\.id) == ["svc1", "svc1", "svc3"])
    #expect(
      Self.relative(result.warnings) == [
        "duplicate_service_ids.csv: 1 record repeats an id (first: 'svc1' at line 2 and line "
          + "3); all are kept, but outputs will show the id more than once (name another column "
          + "with --id-field if this one is not unique)"
      ])
  }

  @Test func servicesOnTheSameSpotTieToTheSmallestID() throws {
    let services = try ServiceLoader.load(file: Self.path("services_same_spot.csv"))
    #expect(services.items.map(\.id) == ["svc2", "svc1", "svc3"] && services.warnings.isEmpty)
    let result = try Self.analyse(regions: [], services: services.items)
    // Norsjö is nearest to both svc2 (listed first) and svc1 on the same spot: svc1 wins.
    #expect(result["grocery"]?.nearest[1].map(result.serviceID(of:)) == "svc1")
    #expect(result.summary.last?.services == 3)
  }

  // MARK: Regions

  static func regions(_ name: String) throws -> LoadResult<Region> {
    try RegionLoader.load(file: path(name))
  }

  static func analyse(
    regions: [Region], services: [ServicePoint]? = nil, units: [PopulationUnit]? = nil
  ) throws -> AnalysisResult {
    let input = try AnalysisInput(
      units: try units ?? reference(),
      services: try services ?? ServiceLoader.load(file: path("services_same_spot.csv")).items,
      regions: regions, categories: ["grocery"],
      thresholds: ["grocery": [Threshold(value: 5, unit: .km)]])
    return try Analysis.run(input, options: AnalysisOptions(computeZones: false))
  }

  static func row(_ result: AnalysisResult, _ region: String) -> SummaryRow? {
    result.summary.first { $0.region == region }
  }

  @Test func bowTieRegionIsRepairedIntoBothLobes() throws {
    let loaded = try Self.regions("bowtie_region.geojson")
    #expect(
      Self.relative(loaded.warnings) == [
        "bowtie_region.geojson: feature 1 (Norsjö): invalid polygon repaired with GEOS MakeValid "
          + "(Self-intersection[19.75 64.85])"
      ])
    #expect(loaded.items.first?.polygons.count == 2)
    // Norsjö lies in the western lobe, Bastuträsk in the eastern one.
    let result = try Self.analyse(regions: loaded.items)
    #expect(Self.row(result, "Norsjö")?.population == 2358)
  }

  @Test func holeOutsideItsShellBecomesPartOfTheRegion() throws {
    let loaded = try Self.regions("hole_outside_shell_region.geojson")
    #expect(
      Self.relative(loaded.warnings) == [
        "hole_outside_shell_region.geojson: feature 1 (Norsjö): invalid polygon repaired with "
          + "GEOS MakeValid (Hole lies outside shell[19.9 64.7])"
      ])
    // As a shapefile island written with the wrong ring orientation: the ring is land.
    #expect(loaded.items.first?.polygons.count == 2)
    let result = try Self.analyse(regions: loaded.items)
    #expect(Self.row(result, "Norsjö")?.population == 2358)
  }

  @Test func unclosedRingIsClosedSilently() throws {
    let loaded = try Self.regions("unclosed_ring_region.geojson")
    #expect(loaded.warnings.isEmpty)
    let ring = try #require(loaded.items.first?.polygons.first?.first)
    #expect(ring.count == 5 && ring.first == ring.last)
  }

  @Test func duplicateRegionIDsAreKeptWithAWarning() throws {
    let loaded = try Self.regions("duplicate_region_ids.geojson")
    #expect(loaded.items.map(\.name) == ["Norsjö", "Malå"])
    #expect(
      Self.relative(loaded.warnings) == [
        "duplicate_region_ids.geojson: 1 record repeats an id (first: '2417' at feature 1 and "
          + "feature 2); all are kept, but outputs will show the id more than once (name another "
          + "column with --id-field if this one is not unique)"
      ])
  }

  @Test(
    "region files refused with the exact message",
    arguments: [
      (
        "short_ring_region.geojson",
        "short_ring_region.geojson feature 2: invalid geometry (a ring has 3 positions; a closed "
          + "ring needs at least 4). Fix the polygon (e.g. QGIS 'Fix geometries') or pass "
          + "--skip-invalid to skip such features."
      ),
      (
        "regions_as_points.geojson",
        "regions_as_points.geojson feature 1: geometry Point cannot be used here (expected "
          + "Polygon, MultiPolygon). Change the feature or pass --skip-invalid to skip such "
          + "features."
      ),
      (
        "regions_as_csv.csv",
        "regions_as_csv.csv: not valid GeoJSON: regions must be a GeoJSON file of Polygon or "
          + "MultiPolygon features. See RFC 7946 for the expected structure."
      ),
    ])
  func refusedRegions(file: String, message: String) {
    do {
      let result = try RegionLoader.load(file: Self.path(file))
      Issue.record("loaded \(result.items.count) regions")
    } catch {
      #expect(Self.relative("\(error)") == message)
    }
  }

  @Test func regionWithoutUnitsHasARowOfZerosAndBlanks() throws {
    let loaded = try Self.regions("region_without_units.geojson")
    let result = try Self.analyse(regions: loaded.items)
    let bjurholm = try #require(Self.row(result, "Bjurholm"))
    #expect(bjurholm.population == 0 && bjurholm.services == 0)
    #expect(bjurholm.servicesPer1000 == nil && bjurholm.mean == nil && bjurholm.median == nil)
    #expect(bjurholm.beyond.first?.population == 0 && bjurholm.beyond.first?.share == nil)
    #expect(bjurholm.unreachablePopulation == 0)
    #expect(Self.row(result, "ALL")?.population == 4353)
  }

  @Test func unitsOnASharedBorderAreCountedOnce() throws {
    let loaded = try Self.regions("unit_on_border_regions.geojson")
    let units = try PopulationLoader.load(file: Self.path("unit_on_border.csv")).items
    let result = try Self.analyse(regions: loaded.items, units: units)
    // Gränsbyn lies on the border between Malå and Norsjö as drawn in lon/lat, 7 m inside
    // Norsjö in the working CRS (the edge is straight there); Hörnet, on their common
    // corner, is on both borders and goes to the first region listed, Malå.
    #expect(result.unitRegions == ["Norsjö", "Malå"])
    #expect(Self.row(result, "Malå")?.population == 10)
    #expect(Self.row(result, "Norsjö")?.population == 100)
    #expect(Self.row(result, "ALL")?.population == 110)
    #expect(Self.row(result, "outside") == nil)
  }

  // MARK: A very long line

  @Test func fiftyMegabyteFieldOnOneLine() throws {
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("long_field.csv")
    try LongLine.csv(megabytes: 50).write(to: file)
    let result = try PopulationLoader.load(file: file.path)
    #expect(result.items.map(\.name) == ["Bastuträsk"] && result.warnings.isEmpty)
  }

  @Test func fiftyMegabyteGeoJSONOnOneLine() throws {
    let result = try PopulationLoader.load(
      content: LongLine.geojson(megabytes: 50), file: "long_line.geojson")
    #expect(result.items.map(\.population) == [322] && result.warnings.isEmpty)
  }
}

/// Files with one very long line, generated rather than committed.
enum LongLine {
  /// A population CSV whose one row carries a quoted WKT polygon of `megabytes` MiB.
  static func csv(megabytes: Int) -> Data {
    var data = Data("tatortskod,namn,befolkning,lon,lat,wkt\n".utf8)
    data.append(Data("2417TB101,Bastuträsk,322,20.040698,64.790201,\"POLYGON((".utf8))
    data.append(vertices(bytes: megabytes << 20))
    data.append(Data("20.04 64.79))\"\n".utf8))
    return data
  }

  /// A one-feature GeoJSON file on one line whose `wkt` property has `megabytes` MiB.
  static func geojson(megabytes: Int) -> [UInt8] {
    var data = Data(
      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"namn\":\"Bastuträsk\",\"befolkning\":322,\"wkt\":\"POLYGON(("
        .utf8)
    data.append(vertices(bytes: megabytes << 20))
    data.append(
      Data(
        "20.04 64.79))\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[20.040698,64.790201]}}]}"
          .utf8))
    return [UInt8](data)
  }

  private static func vertices(bytes: Int) -> Data {
    let pair = Data("20.0406981 64.7902011,".utf8)
    var data = Data(capacity: bytes + pair.count)
    while data.count < bytes { data.append(pair) }
    return data
  }
}
