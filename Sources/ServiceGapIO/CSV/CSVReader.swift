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
/// - Complexity: O(*n*) in the file size, one pass over the bytes.
public enum CSVReader {
  /// Reads and parses the CSV file at `path`.
  ///
  /// - Parameter path: The file path; also used as the file name in messages.
  /// - Returns: The parsed table.
  /// - Throws: ``InputError`` when the file is missing, unreadable, has no data rows, or
  ///   has an unterminated quoted field.
  public static func read(file path: String) throws -> CSVTable {
    try parse(InputFile.bytes(of: path), file: path)
  }

  /// Parses CSV content.
  ///
  /// - Parameters:
  ///   - content: The file's bytes.
  ///   - file: The file name used in messages.
  /// - Returns: The parsed table.
  /// - Throws: ``InputError/emptyFile(file:format:)`` when there is no data row,
  ///   ``InputError/unterminatedQuote(file:line:)`` for a quoted field that never ends.
  public static func parse(_ content: consuming [UInt8], file: String) throws -> CSVTable {
    // Consumed, so the table takes over the caller's buffer: quotes are undone in place
    // without a second copy of the file.
    var bytes: [UInt8]
    if let converted = utf8(fromUTF16: content) {
      bytes = converted
    } else {
      bytes = consume content
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard bytes.count < Int(UInt32.max) else {
      throw InputError.unreadable(file: file, reason: "larger than 4 GiB")
    }
    let isUTF8 = validUTF8(bytes)
    let delimiter = detectDelimiter(bytes)
    var parser = Parser(delimiter: delimiter, file: file)
    try bytes.withUnsafeMutableBufferPointer { try parser.run($0) }
    guard parser.rowLines.count > 1 else { throw InputError.emptyFile(file: file, format: .csv) }

    // Row 0 is the header; turn it into names and drop it from the row tables.
    let headerCount = parser.rowFieldOffsets[1]
    let header: [String] = (0..<headerCount).map { field in
      let range = Int(parser.fieldStarts[field])..<Int(parser.fieldEnds[field])
      let name = bytes.withUnsafeBufferPointer { buffer in
        let slice = UnsafeBufferPointer(rebasing: buffer[range])
        return isUTF8 ? String(decoding: slice, as: UTF8.self) : CSVTable.latin1(slice)
      }
      return name.trimmingCharacters(in: .whitespaces)
    }
    parser.rowLines.removeFirst()
    parser.rowFieldOffsets.removeFirst()
    return CSVTable(
      file: file, header: header, delimiter: delimiter, isUTF8: isUTF8, bytes: bytes,
      fieldStarts: parser.fieldStarts, fieldEnds: parser.fieldEnds,
      rowFieldOffsets: parser.rowFieldOffsets, rowLines: parser.rowLines)
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
  static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
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

  static func validUTF8(_ bytes: [UInt8]) -> Bool {
    if !bytes.contains(where: { $0 >= 0x80 }) { return true }
    return String(validating: bytes, as: UTF8.self) != nil
  }

  /// The single-pass state machine; unescapes quoted fields in place.
  private struct Parser {
    let delimiter: UInt8
    let file: String
    var fieldStarts: [UInt32] = []
    var fieldEnds: [UInt32] = []
    var rowFieldOffsets: [Int] = [0]
    var rowLines: [Int] = []

    init(delimiter: UInt8, file: String) {
      self.delimiter = delimiter
      self.file = file
    }

    mutating func run(_ b: UnsafeMutableBufferPointer<UInt8>) throws {
      let n = b.count
      let quote = UInt8(ascii: "\"")
      let newline: UInt8 = 0x0A
      let carriageReturn: UInt8 = 0x0D
      var i = 0
      var line = 1
      // A rough guess (about 40 bytes per row) avoids most reallocations.
      fieldStarts.reserveCapacity(n / 8)
      fieldEnds.reserveCapacity(n / 8)
      while i < n {
        if b[i] == newline || b[i] == carriageReturn {  // blank line
          if b[i] == carriageReturn, i + 1 < n, b[i + 1] == newline { i += 1 }
          i += 1
          line += 1
          continue
        }
        let rowLine = line
        while true {
          var start = i
          var end: Int
          if i < n, b[i] == quote {
            i += 1
            start = i
            var write = i
            while true {
              guard i < n else { throw InputError.unterminatedQuote(file: file, line: rowLine) }
              let c = b[i]
              if c == quote {
                if i + 1 < n, b[i + 1] == quote {
                  b[write] = quote
                  write += 1
                  i += 2
                  continue
                }
                i += 1
                break
              }
              if c == newline { line += 1 }
              b[write] = c
              write += 1
              i += 1
            }
            while i < n, b[i] != delimiter, b[i] != newline, b[i] != carriageReturn {
              b[write] = b[i]
              write += 1
              i += 1
            }
            end = write
          } else {
            while i < n, b[i] != delimiter, b[i] != newline, b[i] != carriageReturn { i += 1 }
            end = i
          }
          fieldStarts.append(UInt32(truncatingIfNeeded: start))
          fieldEnds.append(UInt32(truncatingIfNeeded: end))
          if i < n, b[i] == delimiter {
            i += 1
            continue
          }
          break
        }
        rowLines.append(rowLine)
        rowFieldOffsets.append(fieldStarts.count)
        if i < n {
          if b[i] == carriageReturn, i + 1 < n, b[i + 1] == newline { i += 1 }
          i += 1
          line += 1
        }
      }
    }
  }
}
