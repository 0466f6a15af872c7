import Foundation
import Testing

@testable import ServiceGapIO

/// The streamed CSV reader (``CSVRows``) reads the same rows wherever its chunks end.
@Suite("CSV streaming")
struct CSVStreamingTests {
  /// Everything a table says about its rows, or the error it ended with.
  private func snapshot(_ read: () throws -> CSVTable) -> String {
    do {
      let table = try read()
      var lines = [
        "header \(table.header) delimiter \(table.delimiter) utf8 \(table.isUTF8)"
      ]
      for row in 0..<table.rowCount {
        let fields = (0..<table.fieldCount(ofRow: row)).map { table.string(row: row, column: $0) }
        lines.append("line \(table.lineNumber(ofRow: row)): \(fields)")
      }
      return lines.joined(separator: "\n")
    } catch {
      return "error: \(error)"
    }
  }

  private func whole(_ content: [UInt8]) -> String {
    snapshot { try CSVReader.parse(content, file: "t.csv") }
  }

  private func chunked(_ content: [UInt8], _ size: Int) -> String {
    snapshot { try CSVReader.table(CSVRows(content: content, file: "t.csv", chunkSize: size)) }
  }

  /// Content that puts every tricky byte sequence next to a possible chunk end.
  static let tricky: [String] = [
    "a,b\r\n1,2\r\n3,4",
    "a,b\r1,2\r\r\n\n3,4\r",
    "id,name,note\n1,\"Malå, centrum\",\"line one\nline two\"\n2,\"He said \"\"hej\"\"\",x\n",
    "a;b\n\"x\"\"\";\"\"\n\"a\"b;c\n",
    "a,b\n1,\"never closed\n2,3\n",
    "a,b\n\n\n",
    "\n\na\tb\n1\t2\n",
    "namn;befolkning\nÖrträsk;1,5\nMalå;\"2 000\"\n",
    "a,b,\n1,2,\n,,\n",
  ]

  @Test(arguments: tricky)
  func everyChunkSizeReadsTheSameRows(text: String) {
    let content = Array(text.utf8)
    let expected = whole(content)
    for size in 1...content.count + 1 {
      #expect(chunked(content, size) == expected, "chunks of \(size) bytes")
    }
  }

  @Test func everyFixtureReadsTheSameInSmallChunks() throws {
    let folders = ["bad_inputs", "demo_arjeplog_skelleftea", "roads", "demo_umea"]
    var checked = 0
    for folder in folders {
      let path = IOTestPaths.fixture(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted()
      where name.hasSuffix(".csv") || name.hasSuffix(".tsv") || name.hasSuffix(".txt") {
        let content = Array(try Data(contentsOf: URL(fileURLWithPath: "\(path)/\(name)")))
        let expected = whole(content)
        for size in [1, 2, 3, 7, 64, 4099] {
          #expect(chunked(content, size) == expected, "\(folder)/\(name) in \(size)-byte chunks")
        }
        checked += 1
      }
    }
    #expect(checked >= 20)
  }

  @Test func aCharacterCutByAChunkEndIsStillUTF8() throws {
    // 'ö' is two bytes (C3 B6) and '€' three; every cut falls inside one of them somewhere.
    let content = Array("namn,x\nÖrträsk €,1\n".utf8)
    for size in 1...8 {
      let rows = try CSVRows(content: content, file: "t.csv", chunkSize: size)
      #expect(rows.isUTF8, "chunks of \(size)")
    }
    let latin1: [UInt8] = Array("namn,x\n".utf8) + [0x4D, 0x61, 0x6C, 0xE5] + Array(",1\n".utf8)
    for size in 1...8 {
      let rows = try CSVRows(content: latin1, file: "t.csv", chunkSize: size)
      #expect(!rows.isUTF8, "chunks of \(size)")
      #expect(ChunkedUTF8.completeLength(Array(latin1.prefix(size))) <= size)
    }
  }

  @Test func aFileStreamsTheSameRowsAsMemory() throws {
    // Read in 4 KiB chunks, rows cross chunk ends at many places in the file.
    var text = "id,name,population,lon,lat\n"
    var row = 0
    while text.utf8.count < 200_000 {
      row += 1
      text += "\(row),\"Ort \(row), by\",\(row % 977),\(17 + Double(row % 1000) / 1000),64.5\n"
    }
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("big.csv").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))

    let streamed = try CSVRows(file: path, chunkSize: 4096)
    var count = 0
    var lastLine = 0
    var lastName = ""
    try streamed.forEachRow { row in
      count += 1
      lastLine = row.line
      lastName = row.string(column: 1)
    }
    #expect(count == row)
    #expect(lastLine == row + 1)
    #expect(lastName == "Ort \(row), by")

    let fromFile = try PopulationLoader.load(file: path).items
    let fromMemory = try PopulationLoader.load(content: Array(text.utf8), file: path).items
    #expect(fromFile == fromMemory)
    #expect(fromFile.count == row)
  }

  @Test func theRowEstimateIsCloseAndBounded() throws {
    var text = "id,population,lon,lat\n"
    for row in 1...20_000 { text += "u\(row),\(row % 300),\(17 + Double(row % 97) / 100),64.5\n" }
    let rows = try CSVRows(content: Array(text.utf8), file: "t.csv", chunkSize: 64 << 10)
    // The first chunk's ids are shorter than the last ones', so it guesses a little high.
    #expect(abs(rows.estimatedRowCount - 20_000) < 20_000 / 10, "\(rows.estimatedRowCount)")
    // A first chunk of blank lines: at most one row per 6 bytes, not one per byte.
    let blank = "a,b\n" + String(repeating: "\n", count: 100_000) + "1,2\n"
    let sparse = try CSVRows(content: Array(blank.utf8), file: "t.csv", chunkSize: 4096)
    #expect(Double(sparse.estimatedRowCount) <= Double(blank.utf8.count) / 6 * 1.02 + 1)
  }

  @Test func aRowLongerThanManyChunksIsReadInLinearTime() throws {
    // Each refill grows the buffer by half, so an 8 MB field in 64-byte chunks is scanned
    // about three times, not 130,000 times (which would not finish).
    let field = String(repeating: "x", count: 8 << 20)
    let content = Array("name,b\n\"\(field)\",1\n".utf8)
    let rows = try CSVRows(content: content, file: "t.csv", chunkSize: 64)
    var length = 0
    try rows.forEachRow { length = $0.string(column: 0).utf8.count }
    #expect(length == field.utf8.count)
  }

  @Test func headerOnlyAndEmptyFilesStillSaySo() {
    for text in ["", "a,b", "a,b\n", "a,b\r\n\r\n\n"] {
      for size in [1, 2, 4096] {
        let expected = "error: \(InputError.emptyFile(file: "t.csv", format: .csv))"
        #expect(
          chunked(Array(text.utf8), size) == expected,
          "\(text.debugDescription) in chunks of \(size)")
      }
    }
  }
}
