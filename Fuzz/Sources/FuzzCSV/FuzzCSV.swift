import FuzzSupport
import ServiceGapIO

/// Fuzzes `CSVReader.parse(_:file:)` and every way the loaders read a field, and checks
/// that the streamed reader (`CSVRows`) reads the same rows when the content comes in
/// chunks of 1 to 8 bytes, so every row, quote and line break is cut somewhere.
@main
enum FuzzCSV {
  static func main() { Fuzzer.run(testOneInput) }
}

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let file = "fuzz.csv"
  let whole = rows(Fuzzer.bytes(data, size), chunkSize: 1 << 22)
  let chunked = rows(Fuzzer.bytes(data, size), chunkSize: 1 + size % 8)
  Fuzzer.check(whole == chunked, "chunks of \(1 + size % 8) bytes read \(chunked), not \(whole)")

  let table: CSVTable
  do {
    table = try CSVReader.parse(Fuzzer.bytes(data, size), file: file)
  } catch {
    Fuzzer.checkInputError(error, file: file)
    return 0
  }
  Fuzzer.check(table.rowCount > 0, "a table without rows was returned")
  Fuzzer.check(
    [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09].contains(table.delimiter),
    "delimiter \(table.delimiter)")
  var previousLine = 1
  for row in 0..<table.rowCount {
    let line = table.lineNumber(ofRow: row)
    Fuzzer.check(line > previousLine, "row \(row) starts on line \(line), after \(previousLine)")
    previousLine = line
    // One column past both the header and the row: short rows read as empty fields.
    let columns = max(table.fieldCount(ofRow: row), table.header.count) + 1
    for column in 0..<columns {
      let text = table.string(row: row, column: column)
      let trimmed = table.trimmedString(row: row, column: column)
      Fuzzer.check(
        (trimmed == nil) == table.isBlank(row: row, column: column),
        "trimmed '\(trimmed ?? "nil")' disagrees with isBlank for '\(text)'")
      if let value = table.double(row: row, column: column) {
        Fuzzer.check(value.isFinite, "'\(text)' read as \(value)")
      }
      _ = GridCellID.system(of: text)
    }
  }
  for name in table.header { _ = table.columnIndex(named: name) }
  return 0
}

/// Every row's line and fields, or the error, as the streamed reader gives them.
private func rows(_ content: [UInt8], chunkSize: Int) -> String {
  do {
    let rows = try CSVRows(content: content, file: "fuzz.csv", chunkSize: chunkSize)
    var text = "\(rows.header) \(rows.delimiter) \(rows.isUTF8)"
    try rows.forEachRow { row in
      text += "\n\(row.line):"
      for column in 0..<row.fieldCount { text += " [\(row.string(column: column))]" }
    }
    return text
  } catch {
    return "\(error)"
  }
}
