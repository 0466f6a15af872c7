import Foundation

/// A resolved column (CSV) or property (GeoJSON): its name as written and its index.
struct FieldRef: Hashable {
  /// The name as it appears in the file.
  var name: String
  /// The CSV column index, or the index in the GeoJSON document's property names.
  var index: Int
}

extension String {
  /// The text without leading and trailing spaces and tabs; nil when nothing is left.
  /// (Cheaper than Foundation's `trimmingCharacters(in:)` in the common untrimmed case.)
  var trimmedOfSpaces: String? {
    let utf8 = self.utf8
    guard let first = utf8.first, let last = utf8.last else { return nil }
    if first != 0x20, first != 0x09, last != 0x20, last != 0x09 { return self }
    let trimmed = unicodeScalars.drop { $0 == " " || $0 == "\t" }
    let kept = trimmed.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
    guard !kept.isEmpty else { return nil }
    return String(String.UnicodeScalarView(kept))
  }
}

/// Uniform access to the attributes of CSV rows and GeoJSON features.
protocol RecordTable {
  /// How one record is named: a streamed CSV row, or a feature's index.
  associatedtype Record
  var file: String { get }
  /// Column or property names, in file order.
  var fieldNames: [String] { get }
  /// Where the record is in the file.
  func location(of record: Record) -> InputLocation
  /// The record's 1-based number among the records (the id when there is no id field).
  func ordinal(of record: Record) -> Int
  /// The value as trimmed text; nil when empty, null or absent.
  func text(_ record: Record, _ field: FieldRef) -> String?
  /// The value as a number; nil when it is not one.
  func number(_ record: Record, _ field: FieldRef) -> Double?
  /// The value as shown in messages (`""` for an empty CSV field, `null` in GeoJSON).
  func displayText(_ record: Record, _ field: FieldRef) -> String
}

extension RecordTable {
  /// Finds the field for `role`: the `requested` name, else the first of `candidates`.
  ///
  /// - Throws: ``InputError/missingColumn(file:role:requested:lookedFor:available:)`` when a
  ///   requested name is absent, or when `required` and no candidate matches.
  func resolve(
    _ role: FieldRole, requested: String?, candidates: [String]? = nil, required: Bool
  ) throws(InputError) -> FieldRef? {
    let lowered = fieldNames.map { $0.lowercased() }
    let lookedFor = candidates ?? role.candidates
    if let requested {
      if let index = fieldNames.firstIndex(of: requested)
        ?? lowered.firstIndex(of: requested.lowercased())
      {
        return FieldRef(name: fieldNames[index], index: index)
      }
      throw .missingColumn(
        file: file, role: role, requested: requested, lookedFor: lookedFor, available: fieldNames)
    }
    for candidate in lookedFor {
      if let index = lowered.firstIndex(of: candidate) {
        return FieldRef(name: fieldNames[index], index: index)
      }
    }
    if required {
      throw .missingColumn(
        file: file, role: role, requested: nil, lookedFor: lookedFor, available: fieldNames)
    }
    return nil
  }
}

extension RecordTable {
  /// Finds a required field (see ``resolve(_:requested:candidates:required:)``).
  func require(_ role: FieldRole, requested: String?, candidates: [String]? = nil)
    throws(InputError) -> FieldRef
  {
    if let ref = try resolve(role, requested: requested, candidates: candidates, required: false) {
      return ref
    }
    throw .missingColumn(
      file: file, role: role, requested: nil, lookedFor: candidates ?? role.candidates,
      available: fieldNames)
  }
}

/// Streamed CSV rows as records.
struct CSVRecords: RecordTable {
  let file: String
  let fieldNames: [String]

  init(_ rows: CSVRows) {
    file = rows.file
    fieldNames = rows.header
  }

  func location(of row: CSVRow) -> InputLocation { .line(row.line) }
  func ordinal(of row: CSVRow) -> Int { row.index + 1 }
  func text(_ row: CSVRow, _ field: FieldRef) -> String? { row.trimmedString(column: field.index) }
  func number(_ row: CSVRow, _ field: FieldRef) -> Double? { row.double(column: field.index) }
  func displayText(_ row: CSVRow, _ field: FieldRef) -> String { row.string(column: field.index) }
}

/// GeoJSON features as records.
struct GeoJSONRecords: RecordTable {
  let document: GeoJSONDocument
  var file: String { document.file }
  var fieldNames: [String] { document.propertyNames }

  func location(of record: Int) -> InputLocation { .feature(document.features[record].number) }
  func ordinal(of record: Int) -> Int { record + 1 }

  func value(_ record: Int, _ field: FieldRef) -> JSONValue? {
    document.features[record].properties[field.name]
  }

  func text(_ record: Int, _ field: FieldRef) -> String? {
    guard let text = value(record, field)?.text else { return nil }
    return text.trimmedOfSpaces
  }

  func number(_ record: Int, _ field: FieldRef) -> Double? { value(record, field)?.number }

  func displayText(_ record: Int, _ field: FieldRef) -> String {
    value(record, field)?.displayText ?? "null"
  }
}

/// Input before the loader interprets it: CSV rows (streamed from the file), or features
/// (GeoJSON, and GeoPackage layers or OpenStreetMap extracts read through GDAL).
enum LoadSource {
  case csv(CSVRows)
  case document(GeoJSONDocument)

  /// Opens a CSV or GeoJSON file; CSV is streamed, GeoJSON read whole.
  ///
  /// The format comes from ``InputFormat/detect(path:bytes:)``, sniffing the first bytes
  /// when the extension says nothing.
  init(file: String) throws {
    if InputFormat.detect(path: file, bytes: try InputFile.opening(of: file)) == .csv {
      self = .csv(try CSVRows(file: file))
    } else {
      self = .document(try GeoJSONReader.parse(InputFile.bytes(of: file), file: file))
    }
  }

  /// Parses file content already in memory as CSV or GeoJSON.
  init(content: consuming [UInt8], file: String) throws {
    if InputFormat.detect(path: file, bytes: content) == .csv {
      self = .csv(try CSVRows(content: content, file: file))
    } else {
      self = .document(try GeoJSONReader.parse(content, file: file))
    }
  }
}
