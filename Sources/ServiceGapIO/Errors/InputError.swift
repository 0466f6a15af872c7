/// A problem with an input file, explained so the user can fix it.
///
/// Every case names the file (as the user gave it) and, where it applies, the
/// CSV line (1-based, header = line 1) or GeoJSON feature (1-based), the column
/// or property, and the offending value. ``description`` is the complete
/// message, ending with what to do, for example:
///
/// ```
/// population.csv line 17: column 'befolkning' has 'abc', not a number. Fix the value
/// or pass --skip-invalid to skip such rows.
/// ```
///
/// Cases that concern one row or feature can be skipped with `--skip-invalid`
/// (``isSkippable``); the loaders then count them in ``LoadResult/skipped``.
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file does not exist.
  case fileNotFound(file: String)
  /// The file exists but could not be read (permissions, a folder, too large).
  case unreadable(file: String, reason: String)
  /// A file read as CSV holds something else (a web page, an Excel workbook, JSON…).
  case notDelimitedText(file: String, looksLike: String, fix: String)
  /// The file has no data rows (CSV) or no features (GeoJSON).
  case emptyFile(file: String, format: InputFormat)
  /// A required column or property was not found.
  ///
  /// `requested` is the name given with the role's flag, or nil when automatic
  /// detection found none of `lookedFor`. `available` lists the file's columns.
  case missingColumn(
    file: String, role: FieldRole, requested: String?, lookedFor: [String], available: [String])
  /// A value that must be a number is not one (empty, text, NaN or infinite).
  case badNumber(file: String, location: InputLocation, field: String, value: String)
  /// A required text value (such as a category) is empty or null.
  case missingValue(file: String, location: InputLocation, field: String)
  /// Coordinates declared as degrees lie outside ±180 (longitude) or ±90 (latitude).
  ///
  /// `suggestedCRS` is a projected CRS whose usual range contains the values
  /// (see ``CRSGuess``), or nil when none fits.
  ///
  /// `declaredBy` is the input whose file declared the CRS (so the declaration is wrong);
  /// nil when the CRS came from `--crs` or the default.
  case coordinateOutOfRange(
    file: String, location: InputLocation, x: Double, y: Double, crs: String,
    suggestedCRS: String?, declaredBy: InputKind? = nil)
  /// PROJ could not transform the coordinates to longitude/latitude.
  case untransformable(file: String, location: InputLocation, x: Double, y: Double, crs: String)
  /// A population is below zero.
  case negativePopulation(file: String, location: InputLocation, field: String, value: String)
  /// A service capacity is below zero.
  case negativeCapacity(file: String, location: InputLocation, field: String, value: String)
  /// An `opened` or `closed` value is not a date written YYYY, YYYY-MM or YYYY-MM-DD.
  case badDate(file: String, location: InputLocation, field: String, value: String)
  /// A value in a grid-id column is not an id of the column's system; `expected` says
  /// what one looks like (``GridCellID/System/format``).
  case badGridID(
    file: String, location: InputLocation, field: String, value: String, expected: String)
  /// PROJ does not know the CRS; `fromFile` tells whether the file (its `crs` member, a
  /// layer's CRS) rather than an option named it. `option` names the CRS option: the one
  /// that gave it, or that overrides the file's (`--crs`, `--population-crs`, …).
  case unknownCRS(
    file: String, crs: String, fromFile: Bool, message: String, option: String = "--crs")
  /// A polygon is invalid and could not be used or repaired.
  case invalidGeometry(file: String, feature: Int, reason: String)
  /// A geometry type that cannot be used for this input (e.g. a LineString unit).
  case unsupportedGeometry(file: String, feature: Int, type: String, expected: [String])
  /// The file is not well-formed JSON; `line` and `column` are 1-based.
  case badJSON(file: String, line: Int, column: Int, message: String)
  /// The file is JSON but not GeoJSON (wrong or missing members).
  case notGeoJSON(file: String, feature: Int?, message: String)
  /// A CSV row has a different number of fields than the header.
  case wrongFieldCount(file: String, line: Int, expected: Int, found: Int, delimiter: String)
  /// A quoted CSV field is never closed.
  case unterminatedQuote(file: String, line: Int)
  /// A road's `--length-field` value is empty, not a number, or not positive.
  ///
  /// `value` is the value as written (`""` when empty, null or absent).
  case badLength(file: String, feature: Int, field: String, value: String)
  /// The property named with `--length-field` occurs in no feature of the road file.
  case missingLengthField(file: String, field: String, available: [String])
  /// A road line (or a part of a MultiLineString) has fewer than two distinct positions.
  case invalidLine(file: String, feature: Int, reason: String)
  /// A `--speeds` file lacks the `highway` or the `speed_kmh` column.
  case missingSpeedColumn(file: String, column: String, available: [String])
  /// A `--speeds` row's speed is empty, not a number, or not positive.
  case badSpeed(file: String, line: Int, field: String, value: String)
  /// A `--speeds` file gives the same highway class on two rows.
  case duplicateHighway(file: String, line: Int, highway: String, firstLine: Int)
  /// A `--speeds` row is malformed: an empty class, or more fields than the header.
  case badSpeedRow(file: String, line: Int, reason: String)
  /// A GeoPackage or OpenStreetMap file cannot be used as given (no GDAL in this build, no
  /// such layer, a layer must be named, GDAL cannot open it); `message` says what to do.
  case dataset(file: String, message: String)
  /// A value that is not what its column holds (a GTFS time, a reference to another
  /// table); `expected` says what it should be.
  case badValue(
    file: String, location: InputLocation, field: String, value: String, expected: String)

  /// Whether the problem concerns a single row or feature, so `--skip-invalid` can skip it.
  public var isSkippable: Bool {
    switch self {
    case .badNumber, .missingValue, .coordinateOutOfRange, .untransformable,
      .negativePopulation, .negativeCapacity, .badDate, .badGridID, .invalidGeometry,
      .unsupportedGeometry, .wrongFieldCount:
      return true
    case .fileNotFound, .unreadable, .emptyFile, .missingColumn, .unknownCRS, .badJSON,
      .notGeoJSON, .unterminatedQuote, .notDelimitedText:
      return false
    case .badLength, .invalidLine:
      return true
    case .missingLengthField, .missingSpeedColumn, .badSpeed, .duplicateHighway, .badSpeedRow,
      .dataset, .badValue:
      return false
    }
  }

  /// The location of the problem, when it concerns one row or feature.
  public var location: InputLocation? {
    switch self {
    case .badNumber(_, let location, _, _), .missingValue(_, let location, _),
      .coordinateOutOfRange(_, let location, _, _, _, _, _),
      .untransformable(_, let location, _, _, _),
      .negativePopulation(_, let location, _, _), .negativeCapacity(_, let location, _, _),
      .badDate(_, let location, _, _),
      .badGridID(_, let location, _, _, _), .badValue(_, let location, _, _, _):
      return location
    case .invalidGeometry(_, let feature, _), .unsupportedGeometry(_, let feature, _, _):
      return .feature(feature)
    case .notGeoJSON(_, let feature, _): return feature.map(InputLocation.feature)
    case .wrongFieldCount(_, let line, _, _, _), .unterminatedQuote(_, let line):
      return .line(line)
    case .fileNotFound, .unreadable, .emptyFile, .missingColumn, .unknownCRS, .badJSON,
      .notDelimitedText:
      return nil
    case .badLength(_, let feature, _, _), .invalidLine(_, let feature, _):
      return .feature(feature)
    case .badSpeed(_, let line, _, _), .duplicateHighway(_, let line, _, _),
      .badSpeedRow(_, let line, _):
      return .line(line)
    case .missingLengthField, .missingSpeedColumn, .dataset:
      return nil
    }
  }

  /// The complete message: file, location, what is wrong, and what to do.
  public var description: String {
    switch self {
    case .fileNotFound(let file):
      return "\(file): file not found. Check the path (relative paths start from the current "
        + "directory)."
    case .unreadable(let file, let reason):
      return "\(file): cannot read the file (\(reason)). Check that it is a readable file."
    case .notDelimitedText(let file, let looksLike, let fix):
      return "\(file): this is \(looksLike), not a CSV file. \(fix)"
    case .emptyFile(let file, .csv):
      return "\(file): no data rows. The file needs a header line and at least one row."
    case .emptyFile(let file, .geojson):
      return "\(file): no features. The file needs at least one feature with a geometry."
    case .missingColumn(let file, let role, let requested, let lookedFor, let available):
      let columns = available.isEmpty ? "none" : available.joined(separator: ", ")
      if let requested {
        return "\(file): column '\(requested)' given with \(role.flag) is not in the file; "
          + "the columns are: \(columns). Check the spelling (names are not case-sensitive)."
      }
      return "\(file): no \(role.label) column found (looked for "
        + "\(lookedFor.joined(separator: ", "))); the columns are: \(columns). "
        + "Name it with \(role.flag)."
    case .badNumber(let file, let location, let field, let value):
      let what = value.isEmpty ? "is empty" : "has '\(value)'"
      return "\(Self.prefix(file, location)) \(Self.noun(location)) '\(field)' \(what), "
        + "not a number\(Self.numberHint(value)). \(Self.skipHint(location, fix: "Fix the value"))"
    case .missingValue(let file, let location, let field):
      return "\(Self.prefix(file, location)) \(Self.noun(location)) '\(field)' is empty. "
        + Self.skipHint(location, fix: "Fill it in")
    case .coordinateOutOfRange(
      let file, let location, let x, let y, let crs, let suggested, let declaredBy):
      let head =
        "\(Self.prefix(file, location)) coordinates (\(Self.number(x)), \(Self.number(y))) "
        + "are not degrees in \(CRSName.display(crs)) (longitude must be within ±180, "
        + "latitude within ±90)"
      // A GeoJSON file without an option to override it (roads) keeps the advice below.
      if let declaredBy, declaredBy.crsOption != nil || !Self.isGeoJSONFile(file) {
        return head + Self.wrongDeclaration(file, crs, declaredBy, suggested)
      }
      // The CLI reads GeoJSON as RFC 7946 lon/lat whatever --crs says, so a GeoJSON file
      // must name its CRS itself (or be reprojected); --crs would be a dead end.
      if Self.isGeoJSONFile(file) {
        let code = suggested ?? "EPSG:<code>"
        let guess = suggested.map { "; they look like \(CRSGuess.name(of: $0)) metres" } ?? ""
        return head + guess + ". GeoJSON positions are longitude/latitude (RFC 7946): "
          + "reproject the file (ogr2ogr -s_srs \(code) -t_srs EPSG:4326 lonlat.geojson \(file)), "
          + "or name its CRS in a crs member: \"crs\": {\"type\": \"name\", \"properties\": "
          + "{\"name\": \"\(code)\"}}."
      }
      if let suggested {
        return head + "; they look like \(CRSGuess.name(of: suggested)) metres; "
          + "pass --crs \(suggested)."
      }
      return head + ". Pass --crs with the file's coordinate system (e.g. --crs EPSG:3006), "
        + "or --skip-invalid to skip such \(Self.items(location))."
    case .untransformable(let file, let location, let x, let y, let crs):
      return "\(Self.prefix(file, location)) coordinates (\(Self.number(x)), \(Self.number(y))) "
        + "cannot be transformed from \(crs) to longitude/latitude. Check "
        + "\(Self.crsFlag(location)), or "
        + "\(Self.skipHint(location, fix: "fix the value").lowercasedFirst)"
    case .negativePopulation(let file, let location, let field, let value):
      return "\(Self.prefix(file, location)) \(Self.noun(location)) '\(field)' has '\(value)', "
        + "a negative population. \(Self.skipHint(location, fix: "Fix the value"))"
    case .negativeCapacity(let file, let location, let field, let value):
      return "\(Self.prefix(file, location)) \(Self.noun(location)) '\(field)' has '\(value)', "
        + "a negative capacity. \(Self.skipHint(location, fix: "Fix the value"))"
    case .badDate(let file, let location, let field, let value):
      return "\(Self.prefix(file, location)) \(Self.noun(location)) '\(field)' has '\(value)', "
        + "not a date; write it as YYYY-MM-DD (or YYYY-MM, YYYY). "
        + Self.skipHint(location, fix: "Fix the value")
    case .badGridID(let file, let location, let field, let value, let expected):
      return "\(Self.prefix(file, location)) \(Self.noun(location)) '\(field)' has '\(value)', "
        + "not \(expected). " + Self.skipHint(location, fix: "Fix the value")
    case .unknownCRS(let file, let crs, let fromFile, let message, let option):
      let origin =
        !fromFile
        ? "given with \(option)"
        : Self.isGeoJSONFile(file) ? "named by the file's crs member" : "declared by the file"
      let fix =
        fromFile
        ? "Override it with \(option), e.g. \(option) EPSG:3006 for SWEREF99 TM."
        : "Give it as EPSG:<code>, e.g. \(option) EPSG:3006 for SWEREF99 TM or \(option) "
          + "EPSG:4326 for longitude/latitude degrees."
      // PROJ's "Unknown error (code 4096)" tells the user nothing: leave it out.
      let detail =
        message.isEmpty || message.lowercased().hasPrefix("unknown error") ? "" : " (\(message))"
      return "\(file): unknown CRS '\(crs)' \(origin)\(detail). \(fix)"
    case .invalidGeometry(let file, let feature, let reason):
      return "\(file) feature \(feature): invalid geometry (\(reason)). Fix the polygon "
        + "(e.g. QGIS 'Fix geometries') or pass --skip-invalid to skip such features."
    case .unsupportedGeometry(let file, let feature, let type, let expected):
      return "\(file) feature \(feature): geometry \(type) cannot be used here (expected "
        + "\(expected.joined(separator: ", "))). Change the feature or pass --skip-invalid to "
        + "skip such features."
    case .badJSON(let file, let line, let column, let message):
      return "\(file) line \(line), column \(column): invalid JSON: \(message). Check the file "
        + "with a JSON validator, e.g. `jq . \(file)`."
    case .dataset(let file, let message):
      return "\(file): \(message)"
    case .badValue(let file, let location, let field, let value, let expected):
      let what = value.isEmpty ? "is empty" : "has '\(value)'"
      return "\(Self.prefix(file, location)) \(Self.noun(location)) '\(field)' \(what), not "
        + "\(expected). Fix the value."
    case .notGeoJSON(let file, let feature, let message):
      let place = feature.map { "\(file) feature \($0)" } ?? file
      return "\(place): not valid GeoJSON: \(message). See RFC 7946 for the expected structure."
    case .wrongFieldCount(let file, let line, let expected, let found, let delimiter):
      let shown = delimiter == "\t" ? "tab" : "'\(delimiter)'"
      return "\(file) line \(line): \(found) fields, but the header has \(expected) "
        + "(delimiter \(shown)). Put values that contain the delimiter in double quotes, or "
        + "pass --skip-invalid to skip such rows."
    case .unterminatedQuote(let file, let line):
      return "\(file) line \(line): a quoted field starts on this line but never ends. Add the "
        + "closing '\"' (a quote inside a quoted value is written twice: \"\")."
    case .badLength(let file, let feature, let field, let value):
      let what = value.isEmpty ? "is empty" : "has '\(value)'"
      return "\(file) feature \(feature): property '\(field)' \(what), not a positive length in "
        + "metres. Fix the value, drop --length-field to use the geometry's length, or pass "
        + "--skip-invalid to skip such features."
    case .missingLengthField(let file, let field, let available):
      let properties = available.isEmpty ? "none" : available.joined(separator: ", ")
      return "\(file): property '\(field)' given with --length-field is in no feature; the "
        + "properties are: \(properties). Check the spelling (names are not case-sensitive), or "
        + "drop --length-field to use the geometry's length."
    case .invalidLine(let file, let feature, let reason):
      return "\(file) feature \(feature): invalid line (\(reason)). Fix or remove the feature, "
        + "or pass --skip-invalid to skip such features."
    case .missingSpeedColumn(let file, let column, let available):
      let columns = available.isEmpty ? "none" : available.joined(separator: ", ")
      return "\(file): no '\(column)' column; the columns are: \(columns). A speeds file needs "
        + "the columns highway,speed_kmh, one row per road class (e.g. tertiary,60)."
    case .badSpeed(let file, let line, let field, let value):
      let what = value.isEmpty ? "is empty" : "has '\(value)'"
      return "\(file) line \(line): column '\(field)' \(what), not a positive speed in km/h. "
        + "Fix the value, or delete the row to keep the class's default speed."
    case .duplicateHighway(let file, let line, let highway, let firstLine):
      return "\(file) line \(line): highway class '\(highway)' is already given on line "
        + "\(firstLine). Keep one row per class."
    case .badSpeedRow(let file, let line, let reason):
      return "\(file) line \(line): \(reason). A speeds file has one row per road class: "
        + "highway,speed_kmh (e.g. tertiary,60)."
    }
  }

  private static func prefix(_ file: String, _ location: InputLocation) -> String {
    "\(file) \(location):"
  }

  private static func noun(_ location: InputLocation) -> String {
    switch location {
    case .line: return "column"
    case .feature: return "property"
    case .cell: return "band"
    }
  }

  private static func items(_ location: InputLocation) -> String {
    switch location {
    case .line: return "rows"
    case .feature: return "features"
    case .cell: return "cells"
    }
  }

  /// The option that sets the CRS of the file the location is in: rasters declare their
  /// own, which only `--population-crs` overrides.
  private static func crsFlag(_ location: InputLocation) -> String {
    if case .cell = location { return "--population-crs" }
    return "--crs"
  }

  private static func skipHint(_ location: InputLocation, fix: String) -> String {
    "\(fix) or pass --skip-invalid to skip such \(items(location))."
  }

  /// The advice for coordinates that cannot be in the CRS their file declares (a
  /// GeoPackage layer recorded as geographic, GeoJSON's lon/lat): read them in the CRS
  /// they look like, or fix the file.
  private static func wrongDeclaration(
    _ file: String, _ crs: String, _ kind: InputKind, _ suggested: String?
  ) -> String {
    let code = suggested ?? "EPSG:<code>"
    let guess = suggested.map { ": they look like \(CRSGuess.name(of: $0)) metres (\($0))" } ?? ""
    let declared =
      isGeoJSONFile(file) && CRSName.isWGS84(crs)
      ? ", as GeoJSON positions must be (RFC 7946)" : ", the CRS the file declares"
    let fixFile =
      if isGeoJSONFile(file) {
        "reproject the file (ogr2ogr -s_srs \(code) -t_srs EPSG:4326 lonlat.geojson \(file))"
      } else if DatasetPath(file)?.kind == .raster {
        "fix the file (gdal_translate -a_srs \(code) \(file) fixed.tif)"
      } else {
        "fix the file (ogr2ogr -a_srs \(code) fixed.gpkg \(file))"
      }
    guard let option = kind.crsOption else {
      return "\(declared)\(guess). The file's CRS is wrong; \(fixFile)."
    }
    return "\(declared)\(guess). Pass \(option) \(code) to read the file in that CRS, or "
      + "\(fixFile)."
  }

  /// Whether the file name says GeoJSON (`.geojson`, `.json`), as the loaders decide.
  private static func isGeoJSONFile(_ file: String) -> Bool {
    let lower = file.lowercased()
    return lower.hasSuffix(".geojson") || lower.hasSuffix(".json")
  }

  /// Why a value that looks numeric is not a number, as ` (…)`; empty when no reason is known.
  ///
  /// Two cases from spreadsheet exports: digit groups (`2 036` with a space or a no-break
  /// space, `1,234`, `1.234.567`), and numbers beyond the range of a double (`1e400`).
  static func numberHint(_ value: String) -> String {
    if let plain = withoutDigitGroups(value) {
      return " (write it without thousands separators: \(plain))"
    }
    let lower = value.lowercased()
    if let number = Double(value.trimmingCharacters(in: .whitespaces)), number.isInfinite,
      !lower.contains("inf")
    {
      return " (it is beyond the range of numbers, ±1.8e308)"
    }
    return ""
  }

  /// `2036` for `2 036`, `1234567.5` for `1.234.567,5`; nil unless the value is digit groups
  /// of three (1–3 digits first) joined by one separator (space, no-break space, narrow
  /// no-break space or `'`; `,` or `.` only from two groups on), with an optional sign and
  /// decimal part.
  static func withoutDigitGroups(_ value: String) -> String? {
    var characters = Array(value.trimmingCharacters(in: .whitespaces))
    var sign = ""
    if let first = characters.first, first == "-" || first == "+" {
      sign = first == "-" ? "-" : ""
      characters.removeFirst()
    }
    func digits(from start: Int) -> Int {
      var end = start
      while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
      return end - start
    }
    let lead = digits(from: 0)
    guard (1...3).contains(lead) else { return nil }
    var plain = String(characters[0..<lead])
    var index = lead
    var separator: Character?
    var groups = 0
    let groupSeparators: Set<Character> = [" ", "\u{00A0}", "\u{202F}", ",", ".", "'"]
    while index < characters.count, groupSeparators.contains(characters[index]),
      separator == nil || characters[index] == separator, digits(from: index + 1) == 3
    {
      separator = characters[index]
      plain += String(characters[(index + 1)..<(index + 4)])
      index += 4
      groups += 1
    }
    // A single `,123` or `.123` may as well be decimals (`65,185` is a latitude), so a point
    // or comma counts as a group separator only when it repeats (`1,234,567`).
    guard groups > 0, groups > 1 || !(separator == "," || separator == ".") else { return nil }
    if index < characters.count {
      // A decimal part: a point or comma other than the group separator, then digits.
      guard characters[index] == "." || characters[index] == ",", characters[index] != separator
      else { return nil }
      let decimals = digits(from: index + 1)
      guard decimals > 0, index + 1 + decimals == characters.count else { return nil }
      plain += "." + String(characters[(index + 1)...])
    }
    return sign + plain
  }

  /// Shortest round-trip spelling, without an exponent for ordinary coordinates.
  static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
  }
}

extension String {
  fileprivate var lowercasedFirst: String {
    guard let first else { return self }
    return first.lowercased() + dropFirst()
  }
}
