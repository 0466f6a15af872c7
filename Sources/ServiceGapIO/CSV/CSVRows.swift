import Foundation

/// A CSV file read row by row, a chunk at a time.
///
/// Memory holds one chunk (4 MiB) and one row, not the file, so the loaders can read
/// millions of rows into what the analysis keeps. Opening reads the header, detects the
/// delimiter and encoding (the rules of ``CSVReader``) and checks there is a data row;
/// each ``forEachRow(_:)`` then reads the rows from the file again.
///
/// Two things need the whole file before the first row, and get it from an extra pass
/// rather than from memory: whether it is valid UTF-8 (else every field is read as ISO
/// 8859-1), and, for the population loader, a grid-id column recognised by its values.
/// A UTF-16 file is converted to UTF-8 in memory first (Excel's "Unicode Text" exports
/// are small).
public struct CSVRows: Sendable {
  /// The file name used in messages.
  public let file: String
  /// Column names from the header line, trimmed of spaces.
  public let header: [String]
  /// The field separator detected from the header: `,`, `;` or tab.
  public let delimiter: UInt8
  /// Whether the file is valid UTF-8; when not, fields are read as ISO 8859-1 (Latin-1).
  public let isUTF8: Bool

  private let origin: ChunkReader.Origin
  /// Offset and line of the first byte after the header.
  private let dataOffset: Int
  private let dataLine: Int
  private let chunkSize: Int
  /// About how many data rows there are, from the line breaks in the first chunk and the
  /// content's size; loaders reserve their arrays with it, as growing a 5-million-element
  /// array by doubling holds up to three times its final size at the moment of a copy.
  public let estimatedRowCount: Int

  /// Bytes read at a time from a file.
  static let defaultChunkSize = 4 << 20

  /// Opens the CSV file at `path` and reads its header.
  ///
  /// - Throws: ``InputError`` when the file is missing or unreadable, is something else
  ///   than delimited text (``ForeignContent``), has no data row, or its header has an
  ///   unterminated quoted field.
  public init(file path: String) throws(InputError) {
    try self.init(origin: .file(path), file: path, chunkSize: Self.defaultChunkSize)
  }

  /// Reads CSV content already in memory.
  ///
  /// - Parameters:
  ///   - content: The file's bytes.
  ///   - file: The file name used in messages.
  /// - Throws: ``InputError`` when there is no data row or the header has an unterminated
  ///   quoted field.
  public init(content: [UInt8], file: String) throws(InputError) {
    try self.init(origin: .memory(content), file: file, chunkSize: Self.defaultChunkSize)
  }

  /// Reads CSV content in memory handed over `chunkSize` bytes at a time, as a file is
  /// read: tests and the fuzzer cut content at every byte with it.
  ///
  /// - Throws: ``InputError`` as ``init(content:file:)``.
  public init(content: [UInt8], file: String, chunkSize: Int) throws(InputError) {
    try self.init(origin: .memory(content), file: file, chunkSize: chunkSize)
  }

  init(file path: String, chunkSize: Int) throws(InputError) {
    try self.init(origin: .file(path), file: path, chunkSize: chunkSize)
  }

  /// Opens a file whose header line may be its only line (a list of ids without a header).
  init(fileWithoutRows path: String) throws(InputError) {
    try self.init(
      origin: .file(path), file: path, chunkSize: Self.defaultChunkSize, requireRows: false)
  }

  private init(
    origin: ChunkReader.Origin, file: String, chunkSize: Int, requireRows: Bool = true
  ) throws(InputError) {
    var origin = origin
    var start = 0
    var opening: [UInt8] = []
    let firstChunk = try ChunkReader(origin, offset: 0, file: file)
    try firstChunk.read(into: &opening, count: 1024)
    if let (what, fix) = ForeignContent.recognise(opening) {
      throw .notDelimitedText(file: file, looksLike: what, fix: fix)
    }
    if opening.starts(with: [0xFF, 0xFE]) || opening.starts(with: [0xFE, 0xFF]) {
      var content: [UInt8] = opening
      while try firstChunk.read(into: &content, count: max(content.count, 1 << 20)) > 0 {}
      origin = .memory(CSVReader.utf8(fromUTF16: content) ?? content)
    } else if opening.starts(with: [0xEF, 0xBB, 0xBF]) {
      start = 3
    }
    let isUTF8 = try ChunkedUTF8.isValid(origin, offset: start, file: file, chunkSize: chunkSize)

    let rowsReader = try ChunkReader(origin, offset: start, file: file)
    var scanner = CSVRowScanner(
      reader: rowsReader, offset: start, line: 1,
      delimiter: UInt8(ascii: ","), chunkSize: chunkSize, file: file)
    let delimiter = CSVReader.detectDelimiter(try scanner.firstLine())
    scanner.delimiter = delimiter
    var fields = CSVRowFields()
    guard try scanner.next(into: &fields) != nil else {
      throw .emptyFile(file: file, format: .csv)
    }
    header = fields.starts.indices.map { field in
      fields.bytes[fields.starts[field]..<fields.ends[field]].withUnsafeBufferPointer {
        CSVField.text($0, isUTF8: isUTF8).trimmingCharacters(in: .whitespaces)
      }
    }
    dataOffset = scanner.offset
    dataLine = scanner.line
    let sample = scanner.lineBreaksBuffered()
    let contentSize = rowsReader.size
    // At most one row per 6 bytes (`1,2,3` and a line break) and 50 million rows: a first
    // chunk of blank or tiny lines must not make a loader reserve gigabytes up front.
    let rowsPerByte = min(
      Double(max(sample.lineBreaks, 1)) / Double(max(sample.bytes, 1)), 1.0 / 6)
    let estimate = Double(max(contentSize - dataOffset, 0)) * rowsPerByte * 1.02
    estimatedRowCount = Int(min(estimate, 50_000_000)) + 1
    if requireRows, try !scanner.hasMoreText() { throw .emptyFile(file: file, format: .csv) }
    self.origin = origin
    self.file = file
    self.delimiter = delimiter
    self.isUTF8 = isUTF8
    self.chunkSize = chunkSize
  }

  /// Whether numbers may use a decimal comma (`3,5`): true unless the delimiter is a comma.
  public var allowsDecimalComma: Bool { delimiter != UInt8(ascii: ",") }

  /// The delimiter as text: `,`, `;` or a tab character.
  public var delimiterText: String { String(UnicodeScalar(delimiter)) }

  /// Calls `body` with every data row in file order (blank lines are not rows).
  ///
  /// The row is only valid during the call: its buffers are reused for the next one.
  ///
  /// - Throws: ``InputError/unterminatedQuote(file:line:)``, a read failure, or what
  ///   `body` throws (which ends the pass).
  public func forEachRow(_ body: (CSVRow) throws(InputError) -> Void) throws(InputError) {
    var scanner = CSVRowScanner(
      reader: try ChunkReader(origin, offset: dataOffset, file: file), offset: dataOffset,
      line: dataLine, delimiter: delimiter, chunkSize: chunkSize, file: file)
    var fields = CSVRowFields()
    var index = 0
    while let line = try scanner.next(into: &fields) {
      try body(
        CSVRow(
          line: line, index: index, fields: fields, isUTF8: isUTF8,
          allowsDecimalComma: allowsDecimalComma))
      index += 1
    }
  }
}

/// One data row of a ``CSVRows`` pass.
public struct CSVRow {
  /// The 1-based line on which the row starts (the header is line 1).
  public let line: Int
  /// The 0-based number of the row among the data rows.
  public let index: Int
  let fields: CSVRowFields
  let isUTF8: Bool
  let allowsDecimalComma: Bool

  /// The number of fields (may differ from the header's in a malformed file).
  public var fieldCount: Int { fields.starts.count }

  /// Calls `body` with the bytes of one field (empty when the row is too short).
  public func withBytes<R>(column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R)
    rethrows -> R
  {
    guard column < fieldCount else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    return try fields.bytes[fields.starts[column]..<fields.ends[column]]
      .withUnsafeBufferPointer(body)
  }

  /// The field as text; empty when the row has fewer fields.
  public func string(column: Int) -> String {
    withBytes(column: column) { CSVField.text($0, isUTF8: isUTF8) }
  }

  /// The field without surrounding spaces and tabs; nil when that leaves nothing.
  public func trimmedString(column: Int) -> String? {
    withBytes(column: column) { CSVField.trimmedText($0, isUTF8: isUTF8) }
  }

  /// The field as a finite number, or nil (``CSVTable/double(row:column:)``).
  public func double(column: Int) -> Double? {
    withBytes(column: column) { ByteNumberParser.parse($0, decimalComma: allowsDecimalComma) }
  }

  /// Whether the field is empty or only spaces.
  public func isBlank(column: Int) -> Bool { withBytes(column: column, CSVField.isBlank) }
}

/// Turning one field's bytes into text, shared by ``CSVRow`` and ``CSVTable``.
enum CSVField {
  /// The bytes as UTF-8, or as ISO 8859-1 (each byte one character) when not `isUTF8`.
  static func text(_ bytes: UnsafeBufferPointer<UInt8>, isUTF8: Bool) -> String {
    if isUTF8 { return String(decoding: bytes, as: UTF8.self) }
    var scalars = String.UnicodeScalarView()
    for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
    return String(scalars)
  }

  /// The text without surrounding spaces and tabs; nil when that leaves nothing.
  static func trimmedText(_ bytes: UnsafeBufferPointer<UInt8>, isUTF8: Bool) -> String? {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    guard start < end else { return nil }
    return text(UnsafeBufferPointer(rebasing: bytes[start..<end]), isUTF8: isUTF8)
  }

  /// Whether the field is empty or only spaces and tabs.
  static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }
}
