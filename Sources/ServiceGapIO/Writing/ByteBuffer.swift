import Foundation

/// A growable UTF-8 output buffer with allocation-free number formatting.
///
/// Numbers are written in plain decimal notation, never with an exponent, so every
/// GIS tool and spreadsheet reads them the same way. Rounding is half away from zero.
struct ByteBuffer {
  private(set) var bytes: [UInt8] = []

  private static let powersOfTen: [Int64] = (0...18).map { exponent in
    var value: Int64 = 1
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

  var data: Data { Data(bytes) }

  var count: Int { bytes.count }

  /// Hands the content to `sink` and empties the buffer (keeping its capacity).
  mutating func drain(into sink: AtomicFileWriter.ChunkSink) throws {
    try bytes.withUnsafeBytes { try sink.write($0) }
    bytes.removeAll(keepingCapacity: true)
  }

  mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

  /// Drops the first byte (the comma before a block's first feature, when it is the
  /// file's first).
  mutating func dropFirstByte() { if !bytes.isEmpty { bytes.removeFirst() } }

  /// Appends a literal without going through `String` (measurably faster in hot loops).
  mutating func appendLiteral(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func append(byte: UInt8) { bytes.append(byte) }

  mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

  mutating func append(_ value: Int64) {
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
      appendUnsigned(value.magnitude)
    } else {
      appendUnsigned(UInt64(value))
    }
  }

  private mutating func appendUnsigned(_ value: UInt64) {
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
        count += 1
      } while rest > 0
      for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
    }
  }

  /// Appends `value` rounded to `decimals` places; `trimZeros` drops trailing zeros
  /// (and the point), otherwise exactly `decimals` places are written.
  mutating func append(_ value: Double, decimals: Int, trimZeros: Bool) {
    precondition((0...9).contains(decimals), "decimals must be 0...9")
    let factor = Double(Self.powersOfTen[decimals])
    let scaledValue = (value * factor).rounded(.toNearestOrAwayFromZero)
    guard value.isFinite, abs(scaledValue) < 9e15 else {
      appendFallback(value, decimals: decimals, trimZeros: trimZeros)
      return
    }
    let scaled = Int64(scaledValue)
    if scaled < 0 { bytes.append(UInt8(ascii: "-")) }
    let magnitude = scaled.magnitude
    let unit = UInt64(Self.powersOfTen[decimals])
    appendUnsigned(magnitude / unit)
    guard decimals > 0 else { return }
    var fraction = magnitude % unit
    var places = decimals
    if trimZeros {
      while places > 0, fraction % 10 == 0 {
        fraction /= 10
        places -= 1
      }
      if places == 0 { return }
    }
    bytes.append(UInt8(ascii: "."))
    var divisor = UInt64(Self.powersOfTen[places - 1])
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8((fraction / divisor) % 10))
      divisor /= 10
    }
  }

  /// Appends `value / 10^decimals` exactly, without trailing zeros (for pre-rounded
  /// fixed-point coordinates).
  mutating func appendScaled(_ value: Int64, decimals: Int) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    let magnitude = value.magnitude
    let unit = UInt64(Self.powersOfTen[decimals])
    appendUnsigned(magnitude / unit)
    var fraction = magnitude % unit
    var places = decimals
    while places > 0, fraction % 10 == 0 {
      fraction /= 10
      places -= 1
    }
    guard places > 0 else { return }
    bytes.append(UInt8(ascii: "."))
    var divisor = UInt64(Self.powersOfTen[places - 1])
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8((fraction / divisor) % 10))
      divisor /= 10
    }
  }

  private mutating func appendFallback(_ value: Double, decimals: Int, trimZeros: Bool) {
    guard value.isFinite else {
      append("null")
      return
    }
    var text = String(format: "%.\(decimals)f", value)
    if trimZeros, text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    append(text)
  }

  /// Appends a JSON string literal with the required escapes.
  mutating func appendJSONString(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    if !text.utf8.contains(where: {
      $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
    }) {
      bytes.append(contentsOf: text.utf8)
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): append("\\\"")
      case UInt8(ascii: "\\"): append("\\\\")
      case 0x0A: append("\\n")
      case 0x0D: append("\\r")
      case 0x09: append("\\t")
      case 0x00..<0x20:
        append("\\u00")
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(hex[Int(byte >> 4)])
        bytes.append(hex[Int(byte & 0x0F)])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}

/// Number and string formatting shared by the text writers.
enum JSONText {
  /// Appends a JSON string literal to `out`.
  static func appendString(_ text: String, to out: inout String) {
    var buffer = ByteBuffer()
    buffer.appendJSONString(text)
    out += String(decoding: buffer.bytes, as: UTF8.self)
  }

  /// `value` rounded to `decimals` places as text, with or without trailing zeros.
  static func format(_ value: Double, decimals: Int, trimZeros: Bool) -> String {
    var buffer = ByteBuffer()
    buffer.append(value, decimals: decimals, trimZeros: trimZeros)
    return String(decoding: buffer.bytes, as: UTF8.self)
  }
}
