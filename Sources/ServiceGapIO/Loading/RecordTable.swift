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
  var file: String { get }
  var recordCount: Int { get }
  /// Column or property names, in file order.
  var fieldNames: [String] { get }
  /// Where record `record` (0-based) is in the file.
  func location(of record: Int) -> InputLocation
  /// The value as trimmed text; nil when empty, null or absent.
  func text(_ record: Int, _ field: FieldRef) -> String?
  /// The value as a number; nil when it is not one.
  func number(_ record: Int, _ field: FieldRef) -> Double?
  /// The value as shown in messages (`""` for an empty CSV field, `null` in GeoJSON).
  func displayText(_ record: Int, _ field: FieldRef) -> String
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

/// CSV rows as records.
struct CSVRecords: RecordTable {
  let table: CSVTable
  var file: String { table.file }
  var recordCount: Int { table.rowCount }
  var fieldNames: [String] { table.header }

  func location(of record: Int) -> InputLocation { .line(table.lineNumber(ofRow: record)) }

  func text(_ record: Int, _ field: FieldRef) -> String? {
    table.trimmedString(row: record, column: field.index)
  }

  func number(_ record: Int, _ field: FieldRef) -> Double? {
    table.double(row: record, column: field.index)
  }

  func displayText(_ record: Int, _ field: FieldRef) -> String {
    table.string(row: record, column: field.index)
  }
}

/// GeoJSON features as records.
struct GeoJSONRecords: RecordTable {
  let document: GeoJSONDocument
  var file: String { document.file }
  var recordCount: Int { document.features.count }
  var fieldNames: [String] { document.propertyNames }

  func location(of record: Int) -> InputLocation { .feature(document.features[record].number) }

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

/// Parsed input before the loader interprets it: CSV rows, or features (GeoJSON, and
/// GeoPackage layers or OpenStreetMap extracts read through GDAL).
enum LoadSource {
  case csv(CSVTable)
  case document(GeoJSONDocument)

  /// Parses file content as CSV or GeoJSON (``InputFormat/detect(path:bytes:)``).
  init(content: consuming [UInt8], file: String) throws {
    if InputFormat.detect(path: file, bytes: content) == .csv {
      self = .csv(try CSVReader.parse(consume content, file: file))
    } else {
      self = .document(try GeoJSONReader.parse(content, file: file))
    }
  }
}
