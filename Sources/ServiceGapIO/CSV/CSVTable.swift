/// A parsed CSV file: the header and the rows, kept as byte ranges into one buffer.
///
/// Fields are not turned into `String`s until asked for, and numbers are parsed from
/// the bytes directly, so loading half a million rows stays well under a second.
/// Rows are numbered from 0 (the first data row); ``lineNumber(ofRow:)`` gives the
/// 1-based line for messages (the header is line 1).
public struct CSVTable: Sendable {
  /// The file name used in messages.
  public let file: String
  /// Column names from the header line, trimmed of spaces.
  public let header: [String]
  /// The field separator detected from the header: `,`, `;` or tab.
  public let delimiter: UInt8
  /// Whether the file is valid UTF-8; when not, fields are read as ISO 8859-1 (Latin-1).
  public let isUTF8: Bool

  let bytes: [UInt8]
  let fieldStarts: [UInt32]
  let fieldEnds: [UInt32]
  /// Index of each row's first field in `fieldStarts`; one extra entry at the end.
  let rowFieldOffsets: [Int]
  let rowLines: [Int]

  /// The number of data rows (blank lines are not rows).
  public var rowCount: Int { rowLines.count }

  /// The delimiter as text: `,`, `;` or a tab character.
  public var delimiterText: String { String(UnicodeScalar(delimiter)) }

  /// Whether numbers may use a decimal comma (`3,5`): true unless the delimiter is a comma.
  public var allowsDecimalComma: Bool { delimiter != UInt8(ascii: ",") }

  /// The 1-based line on which the row starts (the header is line 1).
  public func lineNumber(ofRow row: Int) -> Int { rowLines[row] }

  /// The number of fields in the row (may differ from the header's in a malformed file).
  public func fieldCount(ofRow row: Int) -> Int {
    rowFieldOffsets[row + 1] - rowFieldOffsets[row]
  }

  /// The index of the column named `name`, compared case-insensitively; nil if absent.
  public func columnIndex(named name: String) -> Int? {
    let wanted = name.lowercased()
    return header.firstIndex { $0.lowercased() == wanted }
  }

  /// Calls `body` with the raw bytes of one field (empty when the row is too short).
  ///
  /// Quotes are already removed and doubled quotes undone.
  public func withBytes<R>(
    row: Int, column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R {
    let field = rowFieldOffsets[row] + column
    guard column < fieldCount(ofRow: row) else {
      return try body(UnsafeBufferPointer(start: nil, count: 0))
    }
    let start = Int(fieldStarts[field])
    let end = Int(fieldEnds[field])
    return try bytes.withUnsafeBufferPointer { buffer in
      try body(UnsafeBufferPointer(rebasing: buffer[start..<end]))
    }
  }

  /// The field as text; empty when the row has fewer fields.
  public func string(row: Int, column: Int) -> String {
    withBytes(row: row, column: column) { CSVField.text($0, isUTF8: isUTF8) }
  }

  /// The field as text without surrounding spaces and tabs; nil when that leaves nothing.
  public func trimmedString(row: Int, column: Int) -> String? {
    withBytes(row: row, column: column) { CSVField.trimmedText($0, isUTF8: isUTF8) }
  }

  /// The field as a number, or nil when it is empty or not a finite decimal number.
  ///
  /// Accepts a decimal comma when the delimiter is not a comma (``allowsDecimalComma``).
  public func double(row: Int, column: Int) -> Double? {
    let comma = allowsDecimalComma
    return withBytes(row: row, column: column) { ByteNumberParser.parse($0, decimalComma: comma) }
  }

  /// Whether the field is empty or only spaces.
  public func isBlank(row: Int, column: Int) -> Bool {
    withBytes(row: row, column: column, CSVField.isBlank)
  }
}
