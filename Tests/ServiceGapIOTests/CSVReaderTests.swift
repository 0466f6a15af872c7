import Testing

@testable import ServiceGapIO

@Suite("CSVReader")
struct CSVReaderTests {
  private func rows(_ table: CSVTable) -> [[String]] {
    (0..<table.rowCount).map { row in
      (0..<table.fieldCount(ofRow: row)).map { table.string(row: row, column: $0) }
    }
  }

  @Test func plainCommaFile() throws {
    let table = try CSVReader.parse("a,b,c\n1,2,3\n4,5,6\n".bytes, file: "t.csv")
    #expect(table.header == ["a", "b", "c"])
    #expect(table.delimiter == UInt8(ascii: ","))
    #expect(rows(table) == [["1", "2", "3"], ["4", "5", "6"]])
    #expect(table.lineNumber(ofRow: 0) == 2)
    #expect(table.lineNumber(ofRow: 1) == 3)
  }

  @Test func byteOrderMarkIsStripped() throws {
    let table = try CSVReader.parse([0xEF, 0xBB, 0xBF] + "lon,lat\n1,2\n".bytes, file: "t.csv")
    #expect(table.header == ["lon", "lat"])
    #expect(table.columnIndex(named: "LON") == 0)
  }

  @Test func crlfLineEndingsAndNoFinalNewline() throws {
    let table = try CSVReader.parse("a,b\r\n1,2\r\n3,4".bytes, file: "t.csv")
    #expect(rows(table) == [["1", "2"], ["3", "4"]])
    #expect(table.lineNumber(ofRow: 1) == 3)
  }

  @Test func loneCarriageReturnEndsALine() throws {
    let table = try CSVReader.parse("a,b\r1,2\r".bytes, file: "t.csv")
    #expect(rows(table) == [["1", "2"]])
  }

  /// The delimiter detected from each header line; the text then parses with it, to this
  /// header and these rows, or (nil) is refused for having no data rows.
  @Test(
    arguments: [
      ("a;b;c\n1;2;3\n", UInt8(ascii: ";"), ["a", "b", "c"], [["1", "2", "3"]]),
      ("a\tb\tc\n1\t2\t3\n", UInt8(0x09), ["a", "b", "c"], [["1", "2", "3"]]),
      ("a,b;c\n", UInt8(ascii: ","), ["a", "b;c"], nil),
      ("\"x;y\",b,c\n1,2,3\n", UInt8(ascii: ","), ["x;y", "b", "c"], [["1", "2", "3"]]),
      ("single\n1\n", UInt8(ascii: ","), ["single"], [["1"]]),
    ] as [(String, UInt8, [String], [[String]]?)])
  func delimiterDetection(
    text: String, expected: UInt8, header: [String], expectedRows: [[String]]?
  ) throws {
    #expect(CSVReader.detectDelimiter(text.bytes) == expected)
    guard let expectedRows else {
      #expect(throws: InputError.emptyFile(file: "t.csv", format: .csv)) {
        try CSVReader.parse(text.bytes, file: "t.csv")
      }
      return
    }
    let table = try CSVReader.parse(text.bytes, file: "t.csv")
    #expect(table.delimiter == expected)
    #expect(table.header == header)
    #expect(rows(table) == expectedRows)
  }

  @Test func quotedFieldsWithDelimitersNewlinesAndDoubledQuotes() throws {
    let text =
      "id,name,note\n1,\"Malå, centrum\",\"line one\nline two\"\n2,\"He said \"\"hej\"\"\",x\n3,plain,\"\"\n"
    let table = try CSVReader.parse(text.bytes, file: "t.csv")
    #expect(
      rows(table) == [
        ["1", "Malå, centrum", "line one\nline two"],
        ["2", "He said \"hej\"", "x"],
        ["3", "plain", ""],
      ])
    // The record after a two-line field starts on line 4.
    #expect(table.lineNumber(ofRow: 1) == 4)
  }

  @Test func textAfterClosingQuoteIsKept() throws {
    let table = try CSVReader.parse("a,b\n\"ab\"c,5\" screen\n".bytes, file: "t.csv")
    #expect(rows(table) == [["abc", "5\" screen"]])
  }

  @Test func blankLinesAreSkippedButCounted() throws {
    let table = try CSVReader.parse("a,b\n\n1,2\n\r\n3,4\n\n".bytes, file: "t.csv")
    #expect(rows(table) == [["1", "2"], ["3", "4"]])
    #expect(table.lineNumber(ofRow: 0) == 3)
    #expect(table.lineNumber(ofRow: 1) == 5)
  }

  @Test func emptyTrailingFields() throws {
    let table = try CSVReader.parse("a,b,c\n1,,\n".bytes, file: "t.csv")
    #expect(rows(table) == [["1", "", ""]])
  }

  @Test func headerNamesAreTrimmed() throws {
    let table = try CSVReader.parse(" lon , lat \n1,2\n".bytes, file: "t.csv")
    #expect(table.header == ["lon", "lat"])
  }

  @Test func numbersFromBytes() throws {
    let table = try CSVReader.parse("a;b;c;d;e\n3,5;-12.25; 7 ;abc;1e3\n".bytes, file: "t.csv")
    #expect(table.double(row: 0, column: 0) == 3.5)  // decimal comma with ';'
    #expect(table.double(row: 0, column: 1) == -12.25)
    #expect(table.double(row: 0, column: 2) == 7)
    #expect(table.double(row: 0, column: 3) == nil)
    #expect(table.double(row: 0, column: 4) == 1000)
  }

  @Test func latin1FallbackForInvalidUTF8() throws {
    // "Malå" in ISO 8859-1: å = 0xE5.
    let bytes = "name\nMal".bytes + [0xE5] + "\n".bytes
    let table = try CSVReader.parse(bytes, file: "t.csv")
    #expect(!table.isUTF8)
    #expect(table.string(row: 0, column: 0) == "Malå")
  }

  @Test func unterminatedQuoteIsAnError() {
    #expect(throws: InputError.unterminatedQuote(file: "t.csv", line: 3)) {
      try CSVReader.parse("a,b\n1,2\n3,\"open\n4,5\n".bytes, file: "t.csv")
    }
  }

  @Test func headerOnlyIsEmpty() {
    #expect(throws: InputError.emptyFile(file: "t.csv", format: .csv)) {
      try CSVReader.parse("a,b\n".bytes, file: "t.csv")
    }
    #expect(throws: InputError.emptyFile(file: "t.csv", format: .csv)) {
      try CSVReader.parse([], file: "t.csv")
    }
  }

  @Test func missingFile() {
    #expect(throws: InputError.fileNotFound(file: "/nonexistent/x.csv")) {
      try CSVReader.read(file: "/nonexistent/x.csv")
    }
  }
}

@Suite("ByteNumberParser")
struct ByteNumberParserTests {
  @Test(arguments: [
    ("0", 0.0), ("42", 42), ("-3.25", -3.25), ("+7", 7), ("64.790201", 64.790201),
    ("20.040698", 20.040698), ("7194608.2", 7194608.2), (".5", 0.5), ("5.", 5),
    ("1e-3", 0.001), ("2.5E2", 250),
    ("0.1234567890123456789", 0.1234567890123456789), ("  12 ", 12),
  ])
  func parsesLikeTheStandardLibrary(text: String, expected: Double) {
    #expect(ByteNumberParser.parse(text) == expected)
  }

  @Test(arguments: [
    "", " ", "abc", "nan", "NaN", "inf", "-infinity", "1,5", "1.2.3", "0x1p3", "-", ".",
  ])
  func rejectsNonNumbers(text: String) {
    #expect(ByteNumberParser.parse(text) == nil)
  }

  @Test func decimalCommaOnlyWhenAllowed() {
    #expect(ByteNumberParser.parse("39,9", decimalComma: true) == 39.9)
    #expect(ByteNumberParser.parse("39,9", decimalComma: false) == nil)
  }

  @Test func fastPathMatchesStandardLibraryOnRandomDecimals() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<20_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let whole = Int(state >> 40) % 10_000_000
      let fraction = Int((state >> 8) & 0xFFFF_FF) % 10_000_000
      let text = "\(whole).\(String(fraction).leftPadded(to: 7))"
      #expect(ByteNumberParser.parse(text) == Double(text), "\(text)")
    }
  }
}

extension String {
  fileprivate func leftPadded(to length: Int) -> String {
    String(repeating: "0", count: Swift.max(0, length - count)) + self
  }
}
