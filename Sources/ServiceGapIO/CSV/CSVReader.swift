import Foundation

/// Reads delimited text files (CSV) into a ``CSVTable``.
///
/// What it accepts, following RFC 4180 but leniently:
/// - UTF-8 with or without a byte-order mark; a file that is not valid UTF-8 is read as
///   ISO 8859-1 (older Excel exports) and ``CSVTable/isUTF8`` is false. UTF-16 with a
///   byte-order mark (Excel's "Unicode Text", tab-separated) is converted to UTF-8 first.
/// - Line endings `\n`, `\r\n` or a lone `\r`; blank lines are ignored.
/// - The delimiter is detected from the header line: whichever of `,`, `;` and tab occurs
///   most often outside quotes (ties prefer `,`, then `;`); a one-column file uses `,`.
/// - Quoted fields may contain the delimiter, newlines and doubled quotes (`""` → `"`).
///   Text after a closing quote is kept (`"a"b` → `ab`); a quote inside an unquoted field
///   is an ordinary character.
///
/// Rows with a different number of fields than the header are kept; the loaders report
/// them (``InputError/wrongFieldCount(file:line:expected:found:delimiter:)``).
///
/// - Complexity: O(*n*) in the file size.
public enum CSVReader {
  /// Reads and parses the CSV file at `path`.
  ///
  /// - Parameter path: The file path; also used as the file name in messages.
  /// - Returns: The parsed table.
  /// - Throws: ``InputError`` when the file is missing, unreadable, has no data rows, or
  ///   has an unterminated quoted field.
  public static func read(file path: String) throws -> CSVTable {
    try table(CSVRows(file: path))
  }

  /// Parses CSV content into a table held in memory.
  ///
  /// The rows are read by ``CSVRows``; large inputs (population files) are streamed
  /// from it instead of kept whole.
  ///
  /// - Parameters:
  ///   - content: The file's bytes.
  ///   - file: The file name used in messages.
  /// - Returns: The parsed table.
  /// - Throws: ``InputError/emptyFile(file:format:)`` when there is no data row,
  ///   ``InputError/unterminatedQuote(file:line:)`` for a quoted field that never ends.
  public static func parse(_ content: consuming [UInt8], file: String) throws -> CSVTable {
    try table(CSVRows(content: content, file: file))
  }

  /// Collects every row of `rows` into a table.
  ///
  /// - Throws: What ``CSVRows/forEachRow(_:)`` throws, or
  ///   ``InputError/unreadable(file:reason:)`` past 4 GiB of field bytes.
  static func table(_ rows: CSVRows) throws(InputError) -> CSVTable {
    var bytes: [UInt8] = []
    var fieldStarts: [UInt32] = []
    var fieldEnds: [UInt32] = []
    var rowFieldOffsets = [0]
    var rowLines: [Int] = []
    try rows.forEachRow { row throws(InputError) in
      let base = bytes.count
      guard base + row.fields.bytes.count < Int(UInt32.max) else {
        throw .unreadable(file: rows.file, reason: "larger than 4 GiB")
      }
      bytes.append(contentsOf: row.fields.bytes)
      for field in row.fields.starts.indices {
        fieldStarts.append(UInt32(base + row.fields.starts[field]))
        fieldEnds.append(UInt32(base + row.fields.ends[field]))
      }
      rowFieldOffsets.append(fieldStarts.count)
      rowLines.append(row.line)
    }
    return CSVTable(
      file: rows.file, header: rows.header, delimiter: rows.delimiter, isUTF8: rows.isUTF8,
      bytes: bytes, fieldStarts: fieldStarts, fieldEnds: fieldEnds,
      rowFieldOffsets: rowFieldOffsets, rowLines: rowLines)
  }

  /// The content as UTF-8 when it starts with a UTF-16 byte-order mark; nil otherwise.
  ///
  /// `FF FE` is little-endian, `FE FF` big-endian. Read as ISO 8859-1, such a file would
  /// give column names like `ÿþt a t o r t s k o d`.
  static func utf8(fromUTF16 content: [UInt8]) -> [UInt8]? {
    let littleEndian: Bool
    if content.starts(with: [0xFF, 0xFE]) {
      littleEndian = true
    } else if content.starts(with: [0xFE, 0xFF]) {
      littleEndian = false
    } else {
      return nil
    }
    var units: [UInt16] = []
    units.reserveCapacity(content.count / 2)
    var index = 2
    while index + 1 < content.count {
      let (low, high) =
        littleEndian ? (content[index], content[index + 1]) : (content[index + 1], content[index])
      units.append(UInt16(high) << 8 | UInt16(low))
      index += 2
    }
    return Array(String(decoding: units, as: UTF16.self).utf8)
  }

  /// Counts `,`, `;` and tab outside quotes on the first line.
  static func detectDelimiter(_ bytes: some Collection<UInt8>) -> UInt8 {
    var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
    var inQuotes = false
    for byte in bytes {
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
      } else if !inQuotes {
        if byte == 0x0A || byte == 0x0D { break }
        if counts[byte] != nil { counts[byte, default: 0] += 1 }
      }
    }
    let order: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
    var best = order[0]
    for candidate in order where (counts[candidate] ?? 0) > (counts[best] ?? 0) {
      best = candidate
    }
    return best
  }
}
