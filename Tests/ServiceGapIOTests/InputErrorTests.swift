import Foundation
import Testing

@testable import ServiceGapIO

/// Every ``InputError`` case, produced by a loader where possible, with its exact message.
@Suite("InputError messages")
struct InputErrorTests {
  private func populationError(
    _ text: String, file: String = "population.csv", options: FieldOptions = FieldOptions()
  ) -> InputError? {
    do {
      _ = try PopulationLoader.load(content: text.bytes, file: file, options: options)
      return nil
    } catch {
      return error as? InputError
    }
  }

  @Test func fileNotFound() {
    let error = InputError.fileNotFound(file: "missing.csv")
    #expect(throws: error) { try PopulationLoader.load(file: "missing.csv") }
    #expect(
      error.description
        == "missing.csv: file not found. Check the path (relative paths start from the current directory)."
    )
  }

  @Test func unreadable() throws {
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(throws: InputError.unreadable(file: folder.path, reason: "it is a folder")) {
      try PopulationLoader.load(file: folder.path)
    }
    #expect(
      InputError.unreadable(file: "x.csv", reason: "it is a folder").description
        == "x.csv: cannot read the file (it is a folder). Check that it is a readable file.")
  }

  @Test func emptyFile() {
    let error = populationError("lon,lat,population\n")
    #expect(error == .emptyFile(file: "population.csv", format: .csv))
    #expect(
      error?.description
        == "population.csv: no data rows. The file needs a header line and at least one row.")
    #expect(
      InputError.emptyFile(file: "p.geojson", format: .geojson).description
        == "p.geojson: no features. The file needs at least one feature with a geometry.")
  }

  @Test func missingColumnDetected() {
    let error = populationError("lon,lat,namn\n18,65,Malå\n")
    #expect(
      error
        == .missingColumn(
          file: "population.csv", role: .population, requested: nil,
          lookedFor: FieldRole.population.candidates, available: ["lon", "lat", "namn"]))
    #expect(
      error?.description
        == "population.csv: no population column found (looked for population, pop, befolkning, "
        + "pop_tot, folkmangd, folkmängd, invanare, invånare, inhabitants, beftotalt, tot_p, "
        + "obs_value_t); the columns are: lon, lat, namn. Name it with --population-field.")
  }

  @Test func missingCoordinateColumn() {
    let error = populationError("longitude,pop\n18,5\n")
    #expect(
      error?.description
        == "population.csv: no y (latitude/northing) column found (looked for lat, latitude, y, "
        + "northing, n); the columns are: longitude, pop. Name it with --y-field.")
  }

  @Test func missingColumnRequested() {
    let error = populationError(
      "lon,lat,pop\n18,65,5\n", options: FieldOptions(populationField: "folk"))
    #expect(
      error?.description
        == "population.csv: column 'folk' given with --population-field is not in the file; the "
        + "columns are: lon, lat, pop. Check the spelling (names are not case-sensitive).")
  }

  @Test func badNumber() {
    var text = "lon,lat,befolkning\n"
    for _ in 0..<15 { text += "18,65,10\n" }
    text += "18,65,abc\n"
    let error = populationError(text)
    #expect(
      error
        == .badNumber(
          file: "population.csv", location: .line(17), field: "befolkning", value: "abc"))
    #expect(
      error?.description
        == "population.csv line 17: column 'befolkning' has 'abc', not a number. Fix the value or "
        + "pass --skip-invalid to skip such rows.")
    #expect(
      populationError("lon,lat,pop\n18,,5\n")?.description
        == "population.csv line 2: column 'lat' is empty, not a number. Fix the value or pass "
        + "--skip-invalid to skip such rows.")
    #expect(
      populationError("lon,lat,pop\n18,65,NaN\n")
        == .badNumber(file: "population.csv", location: .line(2), field: "pop", value: "NaN"))
  }

  @Test func badNumberInGeoJSON() {
    let text =
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"pop":null},"geometry":{"type":"Point","coordinates":[18,65]}}]}"#
    let error = populationError(text, file: "p.geojson")
    #expect(
      error?.description
        == "p.geojson feature 1: property 'pop' has 'null', not a number. Fix the value or pass "
        + "--skip-invalid to skip such features.")
  }

  @Test func missingValue() throws {
    do {
      _ = try ServiceLoader.load(content: "lon,lat,category\n18,65,\n".bytes, file: "services.csv")
      Issue.record("expected an error")
    } catch let error as InputError {
      #expect(error == .missingValue(file: "services.csv", location: .line(2), field: "category"))
      #expect(
        error.description
          == "services.csv line 2: column 'category' is empty. Fill it in or pass --skip-invalid "
          + "to skip such rows.")
    }
  }

  @Test func coordinateOutOfRangeWithSuggestion() {
    let error = populationError("lon,lat,pop\n739368.1,7194608.2,322\n")
    #expect(
      error
        == .coordinateOutOfRange(
          file: "population.csv", location: .line(2), x: 739368.1, y: 7194608.2, crs: "EPSG:4326",
          suggestedCRS: "EPSG:3006"))
    #expect(
      error?.description
        == "population.csv line 2: coordinates (739368.1, 7194608.2) are not degrees in EPSG:4326 "
        + "(longitude must be within ±180, latitude within ±90); they look like SWEREF99 TM "
        + "metres; pass --crs EPSG:3006.")
  }

  @Test(arguments: [
    (739368.1, 7194608.2, "EPSG:3006"),  // Bastuträsk in SWEREF99 TM
    (1_740_000.0, 7_200_000.0, "EPSG:3021"),  // RT90
    (-74875.0, 6_618_125.0, "EPSG:25833"),  // Norway, west of SWEREF's range
    (600_000.0, 7_900_000.0, "EPSG:25833"),  // Northern Norway
    (575_000.0, 6_100_000.0, "EPSG:25832"),  // Zealand
    (2_000_000.0, 9_000_000.0, "EPSG:3857"),
  ])
  func crsGuesses(x: Double, y: Double, expected: String) {
    #expect(CRSGuess.suggest(x: x, y: y) == expected)
  }

  @Test func coordinateOutOfRangeWithoutSuggestion() {
    let error = populationError("lon,lat,pop\n18,95,1\n")
    #expect(
      error?.description
        == "population.csv line 2: coordinates (18, 95) are not degrees in EPSG:4326 (longitude "
        + "must be within ±180, latitude within ±90). Pass --crs with the file's coordinate "
        + "system (e.g. --crs EPSG:3006), or --skip-invalid to skip such rows.")
  }

  @Test func untransformable() {
    let error = populationError(
      "x,y,pop\n1e30,1e30,1\n", options: FieldOptions(crs: "EPSG:3006"))
    #expect(
      error
        == .untransformable(
          file: "population.csv", location: .line(2), x: 1e30, y: 1e30, crs: "EPSG:3006"))
    #expect(
      error?.description
        == "population.csv line 2: coordinates (1e+30, 1e+30) cannot be transformed from "
        + "EPSG:3006 to longitude/latitude. Check --crs, or fix the value or pass --skip-invalid "
        + "to skip such rows.")
  }

  @Test func negativePopulation() {
    let error = populationError("lon,lat,pop\n18,65,-3\n")
    #expect(
      error
        == .negativePopulation(
          file: "population.csv", location: .line(2), field: "pop", value: "-3"))
    #expect(
      error?.description
        == "population.csv line 2: column 'pop' has '-3', a negative population. Fix the value or "
        + "pass --skip-invalid to skip such rows.")
  }

  @Test func negativeCapacity() throws {
    do {
      _ = try ServiceLoader.load(
        content: "lon,lat,category,capacity\n18,65,health,-1\n".bytes, file: "s.csv")
      Issue.record("expected an error")
    } catch let error as InputError {
      #expect(
        error.description
          == "s.csv line 2: column 'capacity' has '-1', a negative capacity. Fix the value or "
          + "pass --skip-invalid to skip such rows.")
    }
  }

  @Test func badGridID() {
    let error = populationError(
      "ru250m;pop_tot\n19250006618000;6\n1925000661800;3\n", file: "grid.csv")
    #expect(
      error
        == .badGridID(
          file: "grid.csv", location: .line(3), field: "ru250m", value: "1925000661800",
          expected: GridCellID.System.statisticsNorway.format))
    #expect(
      error?.description
        == "grid.csv line 3: column 'ru250m' has '1925000661800', not a 14-digit Statistics "
        + "Norway cell id (7 digits x + 2000000, then 7 digits y, in EPSG:25833), such as "
        + "19250006618000. Fix the value or pass --skip-invalid to skip such rows.")
  }

  @Test func unknownCRSFromOption() {
    let error = populationError("x,y,pop\n1,2,3\n", options: FieldOptions(crs: "EPSG:999999"))
    guard case .unknownCRS(let file, let crs, let fromFile, let message, _)? = error else {
      Issue.record("expected unknownCRS, got \(String(describing: error))")
      return
    }
    #expect(file == "population.csv" && crs == "EPSG:999999" && !fromFile && !message.isEmpty)
    #expect(
      InputError.unknownCRS(
        file: "p.csv", crs: "EPSG:999999", fromFile: false, message: "crs not found"
      )
      .description
        == "p.csv: unknown CRS 'EPSG:999999' given with --crs (crs not found). Give it as "
        + "EPSG:<code>, e.g. --crs EPSG:3006 for SWEREF99 TM or --crs EPSG:4326 for "
        + "longitude/latitude degrees.")
  }

  @Test func unknownCRSNamesThePerInputOption() throws {
    // A layer declares its CRS, so only --population-crs can fix or override it.
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let population = folder.appendingPathComponent("p.geojson")
    try Data(
      #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:999999"}},"features":[{"type":"Feature","properties":{"pop":1},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#
        .utf8
    ).write(to: population)
    var files = InputFiles(
      population: population.path, services: IOTestPaths.demo("services.geojson"))
    #expect {
      try InputSet.load(files)
    } throws: { error in
      guard case .unknownCRS(_, "EPSG:999999", true, _, "--population-crs") = error as? InputError
      else { return false }
      return "\(error)".hasSuffix(
        "Override it with --population-crs, e.g. --population-crs EPSG:3006 for SWEREF99 TM.")
    }
    files.populationCRS = "EPSG:888888"
    #expect {
      try InputSet.load(files)
    } throws: { error in
      guard case .unknownCRS(_, "EPSG:888888", false, _, "--population-crs") = error as? InputError
      else { return false }
      return "\(error)".contains("unknown CRS 'EPSG:888888' given with --population-crs")
    }
  }

  @Test func unknownCRSFromFile() {
    let text =
      #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:999999"}},"features":[{"type":"Feature","properties":{"pop":1},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#
    guard
      case .unknownCRS(_, "EPSG:999999", true, _, _)? = populationError(text, file: "p.geojson")
    else {
      Issue.record("expected unknownCRS from the file")
      return
    }
    #expect(
      InputError.unknownCRS(file: "p.geojson", crs: "EPSG:999999", fromFile: true, message: "m")
        .description
        == "p.geojson: unknown CRS 'EPSG:999999' named by the file's crs member (m). Override it "
        + "with --crs, e.g. --crs EPSG:3006 for SWEREF99 TM.")
  }

  @Test func invalidGeometry() {
    let text =
      #"{"type":"Feature","properties":{"pop":1},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}"#
    let error = populationError(text, file: "cells.geojson")
    #expect(
      error
        == .invalidGeometry(
          file: "cells.geojson", feature: 1,
          reason: "a ring has 3 positions; a closed ring needs at least 4"))
    #expect(
      error?.description
        == "cells.geojson feature 1: invalid geometry (a ring has 3 positions; a closed ring needs "
        + "at least 4). Fix the polygon (e.g. QGIS 'Fix geometries') or pass --skip-invalid to "
        + "skip such features.")
  }

  @Test func unsupportedGeometry() {
    let line =
      #"{"type":"Feature","properties":{"pop":1},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}"#
    let error = populationError(line, file: "p.geojson")
    #expect(
      error
        == .unsupportedGeometry(
          file: "p.geojson", feature: 1, type: "LineString",
          expected: ["Point", "MultiPoint with one point", "Polygon", "MultiPolygon"]))
    #expect(
      error?.description
        == "p.geojson feature 1: geometry LineString cannot be used here (expected Point, "
        + "MultiPoint with one point, Polygon, MultiPolygon). Change the feature or pass "
        + "--skip-invalid to skip such features.")
    let multi =
      #"{"type":"Feature","properties":{"pop":1},"geometry":{"type":"MultiPoint","coordinates":[[0,0],[1,1]]}}"#
    guard
      case .unsupportedGeometry(_, 1, "MultiPoint with 2 points", _)? = populationError(
        multi, file: "p.geojson")
    else {
      Issue.record("expected a MultiPoint error")
      return
    }
  }

  @Test func badJSON() {
    let error = populationError("{\"type\": nope}", file: "p.geojson")
    #expect(
      error
        == .badJSON(file: "p.geojson", line: 1, column: 10, message: "expected a value, found 'n'"))
    #expect(
      error?.description
        == "p.geojson line 1, column 10: invalid JSON: expected a value, found 'n'. Check the file "
        + "with a JSON validator, e.g. `jq . p.geojson`.")
  }

  @Test func notGeoJSON() {
    let error = populationError(#"{"features":[]}"#, file: "p.geojson")
    #expect(
      error == .notGeoJSON(file: "p.geojson", feature: nil, message: "the 'type' member is missing")
    )
    #expect(
      error?.description
        == "p.geojson: not valid GeoJSON: the 'type' member is missing. See RFC 7946 for the "
        + "expected structure.")
  }

  @Test func wrongFieldCount() {
    let error = populationError("lon;lat;pop\n18;65;1;2\n")
    #expect(
      error
        == .wrongFieldCount(file: "population.csv", line: 2, expected: 3, found: 4, delimiter: ";"))
    #expect(
      error?.description
        == "population.csv line 2: 4 fields, but the header has 3 (delimiter ';'). Put values "
        + "that contain the delimiter in double quotes, or pass --skip-invalid to skip such rows.")
  }

  @Test func unterminatedQuote() {
    let error = populationError("lon,lat,pop,name\n18,65,1,\"Malå\n")
    #expect(error == .unterminatedQuote(file: "population.csv", line: 2))
    #expect(
      error?.description
        == "population.csv line 2: a quoted field starts on this line but never ends. Add the "
        + "closing '\"' (a quote inside a quoted value is written twice: \"\").")
  }

  @Test func skippableCases() {
    #expect(InputError.badNumber(file: "f", location: .line(2), field: "a", value: "b").isSkippable)
    #expect(!InputError.fileNotFound(file: "f").isSkippable)
    #expect(!InputError.unterminatedQuote(file: "f", line: 2).isSkippable)
    #expect(InputError.invalidGeometry(file: "f", feature: 3, reason: "r").location == .feature(3))
  }
}
