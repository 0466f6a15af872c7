/// A small, strict JSON parser (RFC 8259) working on UTF-8 bytes.
///
/// Written instead of using `JSONSerialization` so errors carry a line and column,
/// numbers stay `Double` (no `NSNumber` bool/number confusion on Linux) and objects keep
/// their member order. Nesting deeper than 512 levels is rejected rather than
/// overflowing the stack.
///
/// - Complexity: O(*n*) in the input size.
struct JSONParser {
  /// A syntax error at a byte offset.
  struct SyntaxError: Error, Equatable {
    var offset: Int
    var message: String
  }

  private static let maxDepth = 512

  /// Parses one JSON document (surrounding whitespace allowed, a UTF-8 BOM skipped).
  static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONNode {
    try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> JSONNode in
      var parser = JSONParser(buffer: buffer)
      if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
      parser.skipWhitespace()
      let value = try parser.parseValue(depth: 0)
      parser.skipWhitespace()
      guard parser.index == buffer.count else {
        throw SyntaxError(offset: parser.index, message: "unexpected text after the JSON value")
      }
      return value
    }
  }

  /// The 1-based line and column (in characters) of a byte offset.
  static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for byte in bytes.prefix(offset) {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {  // not a UTF-8 continuation byte
        column += 1
      }
    }
    return (line, column)
  }

  private let buffer: UnsafeBufferPointer<UInt8>
  private var index = 0

  private init(buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

  private mutating func skipWhitespace() {
    while index < buffer.count {
      switch buffer[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private func fail(_ message: String) -> SyntaxError {
    SyntaxError(offset: index, message: message)
  }

  private func describeCurrent() -> String {
    guard index < buffer.count else { return "the end of the file" }
    let byte = buffer[index]
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
    return "byte 0x\(String(byte, radix: 16))"
  }

  private mutating func parseValue(depth: Int) throws(SyntaxError) -> JSONNode {
    guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
    guard index < buffer.count else { throw fail("expected a value, found the end of the file") }
    switch buffer[index] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth)
    case UInt8(ascii: "["): return try parseArray(depth: depth)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectLiteral("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw fail("expected a value, found \(describeCurrent())")
    }
  }

  private mutating func expectLiteral(_ literal: StaticString) throws(SyntaxError) {
    let count = literal.utf8CodeUnitCount
    let matches =
      index + count <= buffer.count
      && (0..<count).allSatisfy { buffer[index + $0] == literal.utf8Start[$0] }
    guard matches else { throw fail("expected a value, found \(describeCurrent())") }
    index += count
  }

  private mutating func parseObject(depth: Int) throws(SyntaxError) -> JSONNode {
    index += 1  // {
    var members: [(key: String, value: JSONNode)] = []
    skipWhitespace()
    if index < buffer.count, buffer[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else {
        throw fail("expected a member name in double quotes, found \(describeCurrent())")
      }
      let key = try parseString()
      skipWhitespace()
      guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else {
        throw fail("expected ':' after member name \"\(key)\", found \(describeCurrent())")
      }
      index += 1
      skipWhitespace()
      if key == "coordinates", let packed = packedCoordinates() {
        members.append((key, .coordinates(packed)))
      } else {
        members.append((key, try parseValue(depth: depth + 1)))
      }
      skipWhitespace()
      guard index < buffer.count else {
        throw fail("expected ',' or '}', found the end of the file")
      }
      if buffer[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if buffer[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      throw fail("expected ',' or '}', found \(describeCurrent())")
    }
  }

  private mutating func parseArray(depth: Int) throws(SyntaxError) -> JSONNode {
    index += 1  // [
    var items: [JSONNode] = []
    skipWhitespace()
    if index < buffer.count, buffer[index] == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      guard index < buffer.count else {
        throw fail("expected ',' or ']', found the end of the file")
      }
      if buffer[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if buffer[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      throw fail("expected ',' or ']', found \(describeCurrent())")
    }
  }

  /// A regular `coordinates` array read straight into positions; nil (and nothing read)
  /// for anything else, which the generic parser then reads and, if need be, reports.
  private mutating func packedCoordinates() -> PackedCoordinates? {
    let start = index
    // The depth is the number of brackets before the first number.
    var depth = 0
    var probe = index
    scan: while probe < buffer.count {
      switch buffer[probe] {
      case UInt8(ascii: "["): depth += 1
      case 0x20, 0x09, 0x0A, 0x0D: break
      default: break scan
      }
      probe += 1
    }
    let packed: PackedCoordinates?
    switch depth {
    case 1: packed = packedPosition().map(PackedCoordinates.position)
    case 2: packed = packedList { $0.packedPosition() }.map(PackedCoordinates.positions)
    case 3:
      packed = packedList { $0.packedList { $0.packedPosition() } }.map(PackedCoordinates.lines)
    case 4:
      packed = packedList { $0.packedList { $0.packedList { $0.packedPosition() } } }
        .map(PackedCoordinates.polygons)
    default: packed = nil
    }
    if packed == nil { index = start }
    return packed
  }

  /// `[item, …]` with at least one item, each read by `item`; nil when anything differs.
  private mutating func packedList<Item>(
    _ item: (inout JSONParser) -> Item?
  ) -> [Item]? {
    guard index < buffer.count, buffer[index] == UInt8(ascii: "[") else { return nil }
    index += 1
    var items: [Item] = []
    while true {
      skipWhitespace()
      guard let next = item(&self) else { return nil }
      items.append(next)
      skipWhitespace()
      guard index < buffer.count else { return nil }
      if buffer[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard buffer[index] == UInt8(ascii: "]") else { return nil }
      index += 1
      return items
    }
  }

  /// `[x, y]` of exactly two numbers; nil when anything differs.
  private mutating func packedPosition() -> GeoJSONPosition? {
    guard index < buffer.count, buffer[index] == UInt8(ascii: "[") else { return nil }
    index += 1
    skipWhitespace()
    guard let x = packedNumber() else { return nil }
    skipWhitespace()
    guard index < buffer.count, buffer[index] == UInt8(ascii: ",") else { return nil }
    index += 1
    skipWhitespace()
    guard let y = packedNumber() else { return nil }
    skipWhitespace()
    guard index < buffer.count, buffer[index] == UInt8(ascii: "]") else { return nil }
    index += 1
    return GeoJSONPosition(x: x, y: y)
  }

  /// A number as ``parseNumber()`` reads it; nil where that would fail.
  private mutating func packedNumber() -> Double? {
    guard index < buffer.count else { return nil }
    switch buffer[index] {
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try? parseNumber()
    default: return nil
    }
  }

  private mutating func parseNumber() throws(SyntaxError) -> Double {
    let start = index
    while index < buffer.count {
      switch buffer[index] {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
        UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
        index += 1
      default:
        let value = ByteNumberParser.parse(UnsafeBufferPointer(rebasing: buffer[start..<index]))
        guard let value else { throw numberError(start: start) }
        return value
      }
    }
    guard let value = ByteNumberParser.parse(UnsafeBufferPointer(rebasing: buffer[start...])) else {
      throw numberError(start: start)
    }
    return value
  }

  /// The error for the number text from `start` to `index`, reported at `start`.
  ///
  /// A well-formed number beyond the range of a double (`1e400`) is valid JSON that `jq`
  /// accepts, so it gets its own message rather than "invalid number".
  private mutating func numberError(start: Int) -> SyntaxError {
    let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
    index = start
    if let value = Double(text), value.isInfinite {
      return fail("number \(text) is beyond the range of numbers (±1.8e308)")
    }
    return fail("invalid number")
  }

  private mutating func parseString() throws(SyntaxError) -> String {
    index += 1  // opening quote
    let start = index
    // Fast path: no escapes.
    while index < buffer.count {
      let byte = buffer[index]
      if byte == UInt8(ascii: "\"") {
        let text = String(
          decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw fail("control character in a string (escape it, e.g. \\n)") }
      index += 1
    }
    var bytes = Array(buffer[start..<index])
    while index < buffer.count {
      let byte = buffer[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return String(decoding: bytes, as: UTF8.self)
      }
      if byte < 0x20 { throw fail("control character in a string (escape it, e.g. \\n)") }
      if byte != UInt8(ascii: "\\") {
        bytes.append(byte)
        index += 1
        continue
      }
      index += 1
      guard index < buffer.count else { break }
      switch buffer[index] {
      case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
      case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
      case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "/"))
      case UInt8(ascii: "b"): bytes.append(0x08)
      case UInt8(ascii: "f"): bytes.append(0x0C)
      case UInt8(ascii: "n"): bytes.append(0x0A)
      case UInt8(ascii: "r"): bytes.append(0x0D)
      case UInt8(ascii: "t"): bytes.append(0x09)
      case UInt8(ascii: "u"):
        index += 1
        var scalarValue = try parseHex4()
        if (0xD800..<0xDC00).contains(scalarValue), index + 1 < buffer.count,
          buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u")
        {
          let save = index
          index += 2
          let low = try parseHex4()
          if (0xDC00..<0xE000).contains(low) {
            scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
          } else {
            index = save
          }
        }
        let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
        bytes.append(contentsOf: Array(String(scalar).utf8))
        continue
      default: throw fail("invalid escape \\\(describeCurrent())")
      }
      index += 1
    }
    throw SyntaxError(offset: start - 1, message: "string never ends (missing closing '\"')")
  }

  private mutating func parseHex4() throws(SyntaxError) -> UInt32 {
    guard index + 4 <= buffer.count else { throw fail("\\u needs four hex digits") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = buffer[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw fail("\\u needs four hex digits")
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }
}
