/// The fields of one CSV row, unquoted, in buffers reused from row to row.
struct CSVRowFields {
  /// The field bytes, one after another; quotes removed and doubled quotes undone.
  var bytes: [UInt8] = []
  /// Where each field starts and ends in `bytes`.
  var starts: [Int] = []
  var ends: [Int] = []

  mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
    starts.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
  }
}

/// Splits buffered CSV bytes into rows: the state machine behind ``CSVRows``.
///
/// The buffer holds part of the file. A row that runs past the buffer's end is reported as
/// incomplete (unless the buffer ends the file) and scanned again once more bytes are in,
/// so no state survives between calls and a row is never half-unquoted.
struct CSVRowScanner {
  /// The field separator; set once the header line has been looked at.
  var delimiter: UInt8
  let file: String
  /// Bytes to read ahead at a time; the buffer grows past it only for a longer row.
  let chunkSize: Int
  private let reader: ChunkReader
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEnd = false
  /// The 1-based line at `position`.
  private(set) var line: Int
  /// Bytes consumed before `buffer[0]`, so offsets can be given in the whole content.
  private var consumed = 0

  private static let quote = UInt8(ascii: "\"")
  private static let newline: UInt8 = 0x0A
  private static let carriageReturn: UInt8 = 0x0D

  init(reader: ChunkReader, offset: Int, line: Int, delimiter: UInt8, chunkSize: Int, file: String)
  {
    self.reader = reader
    self.consumed = offset
    self.line = line
    self.delimiter = delimiter
    self.chunkSize = max(1, chunkSize)
    self.file = file
  }

  /// The offset of the next unread byte in the whole content.
  var offset: Int { consumed + position }

  /// Reads the next row into `row`, skipping blank lines.
  ///
  /// - Returns: The 1-based line the row starts on, or nil at the end.
  /// - Throws: ``InputError/unterminatedQuote(file:line:)``, or a read failure.
  mutating func next(into row: inout CSVRowFields) throws(InputError) -> Int? {
    while true {
      let count = buffer.count
      if position == count {
        if atEnd { return nil }
        try refill()
        continue
      }
      let byte = buffer[position]
      if byte == Self.newline || byte == Self.carriageReturn {  // a blank line
        if byte == Self.carriageReturn {
          if position + 1 == count, !atEnd {
            try refill()
            continue
          }
          if position + 1 < count, buffer[position + 1] == Self.newline { position += 1 }
        }
        position += 1
        line += 1
        continue
      }
      let rowLine = line
      let outcome = try buffer.withUnsafeBufferPointer { bytes throws(InputError) in
        try scan(bytes, from: position, line: rowLine, into: &row)
      }
      guard let (next, newlines) = outcome else {
        try refill()
        continue
      }
      position = next
      line += newlines + 1
      return rowLine
    }
  }

  /// Makes sure the line ahead is in the buffer, up to its first line break outside
  /// quotes (or the end), and returns the buffered bytes from the current position.
  mutating func firstLine() throws(InputError) -> ArraySlice<UInt8> {
    while !atEnd {
      var inQuotes = false
      let found = buffer[position...].withUnsafeBufferPointer { bytes in
        bytes.contains { byte in
          if byte == Self.quote { inQuotes.toggle() }
          return !inQuotes && (byte == Self.newline || byte == Self.carriageReturn)
        }
      }
      if found { break }
      try refill()
    }
    return buffer[position...]
  }

  /// The line breaks (`\n`, else `\r`) among the buffered bytes ahead, and their count.
  func lineBreaksBuffered() -> (lineBreaks: Int, bytes: Int) {
    buffer[position...].withUnsafeBufferPointer { bytes in
      var newlines = 0
      var returns = 0
      for byte in bytes {
        if byte == Self.newline {
          newlines += 1
        } else if byte == Self.carriageReturn {
          returns += 1
        }
      }
      return (newlines > 0 ? newlines : returns, bytes.count)
    }
  }

  /// Whether anything but line breaks is left.
  mutating func hasMoreText() throws(InputError) -> Bool {
    while true {
      while position < buffer.count,
        buffer[position] == Self.newline || buffer[position] == Self.carriageReturn
      {
        position += 1
      }
      if position < buffer.count { return true }
      if atEnd { return false }
      try refill()
    }
  }

  /// Drops the consumed bytes and reads at least a chunk, or half as much again as is
  /// still buffered: growing by half keeps a long row from being scanned over and over
  /// (about three scans of it in all, linear in its length) without doubling its memory.
  private mutating func refill() throws(InputError) {
    let kept = buffer.count - position
    let got = try reader.read(
      into: &buffer, keepingFrom: position, count: max(chunkSize, kept / 2))
    consumed += position
    position = 0
    if got == 0 { atEnd = true }
  }

  /// Scans the row starting at `start`: the offset after it and the line breaks inside
  /// its quoted fields, or nil when the buffer ends before the row does.
  private func scan(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, into row: inout CSVRowFields
  ) throws(InputError) -> (Int, Int)? {
    row.removeAll()
    let n = b.count
    let quote = Self.quote
    let newline = Self.newline
    let carriageReturn = Self.carriageReturn
    var i = start
    var newlines = 0
    while true {
      let fieldStart = row.bytes.count
      if i < n, b[i] == quote {
        i += 1
        while true {
          // The run up to the next quote, copied at once.
          let run = i
          while i < n, b[i] != quote {
            if b[i] == newline { newlines += 1 }
            i += 1
          }
          row.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
          guard i < n else {
            if atEnd { throw .unterminatedQuote(file: file, line: line) }
            return nil
          }
          if i + 1 < n {
            if b[i + 1] == quote {  // a doubled quote stands for one
              row.bytes.append(quote)
              i += 2
              continue
            }
          } else if !atEnd {
            return nil  // a doubled quote may be cut in two
          }
          i += 1
          break
        }
        // Text after the closing quote is kept ("a"b is ab).
        let tail = i
        while i < n, b[i] != delimiter, b[i] != newline, b[i] != carriageReturn { i += 1 }
        row.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[tail..<i]))
      } else {
        let first = i
        while i < n, b[i] != delimiter, b[i] != newline, b[i] != carriageReturn { i += 1 }
        row.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[first..<i]))
      }
      if i == n, !atEnd { return nil }
      row.starts.append(fieldStart)
      row.ends.append(row.bytes.count)
      if i < n, b[i] == delimiter {
        i += 1
        continue
      }
      break
    }
    if i < n {
      if b[i] == carriageReturn {
        if i + 1 < n {
          if b[i + 1] == newline { i += 1 }
        } else if !atEnd {
          return nil  // \r\n may be cut in two
        }
      }
      i += 1
    }
    return (i, newlines)
  }
}
