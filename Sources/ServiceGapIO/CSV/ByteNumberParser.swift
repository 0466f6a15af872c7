import Foundation

/// Parses decimal numbers straight from UTF-8 bytes, without making a `String`.
///
/// The fast path handles `[+-]digits[.digits]` with at most 15 significant digits and at
/// most 22 decimals: the digits fit a `Double` exactly and so does the power of ten, so
/// one division gives the correctly rounded result (Clinger's fast path). Anything else
/// (exponents, longer mantissas) goes to the standard library's `Double(_:)`. Leading and
/// trailing spaces are ignored. NaN and infinities are rejected.
enum ByteNumberParser {
  private static let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// The number in `bytes`, or nil when it is not a finite decimal number.
  ///
  /// - Parameters:
  ///   - bytes: The field's bytes.
  ///   - decimalComma: Also accept `,` as the decimal separator (for `;`-separated files).
  /// - Returns: The value, or nil for anything but a finite decimal number.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, decimalComma: Bool = false) -> Double? {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    guard start < end else { return nil }
    var index = start
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    var mantissa: UInt64 = 0
    var significant = 0
    var digits = 0
    var decimals = 0
    var seenPoint = false
    while index < end {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        digits += 1
        if seenPoint { decimals += 1 }
        if mantissa != 0 || byte != 0x30 { significant += 1 }
        if significant > 15 { return slowParse(bytes, start, end, decimalComma) }
        mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
      } else if !seenPoint
        && (byte == UInt8(ascii: ".") || (decimalComma && byte == UInt8(ascii: ",")))
      {
        seenPoint = true
      } else {
        return slowParse(bytes, start, end, decimalComma)
      }
      index += 1
    }
    guard digits > 0 else { return nil }
    if decimals > 22 { return slowParse(bytes, start, end, decimalComma) }
    let magnitude = Double(mantissa) / powersOfTen[decimals]
    return negative ? -magnitude : magnitude
  }

  private static func slowParse(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ decimalComma: Bool
  ) -> Double? {
    var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    if decimalComma, !text.contains("."), text.utf8.filter({ $0 == UInt8(ascii: ",") }).count == 1 {
      text = text.replacingOccurrences(of: ",", with: ".")
    }
    // Double(_:) also accepts "nan", "inf" and hexadecimal; only finite decimals are numbers.
    guard let value = Double(text), value.isFinite,
      !text.contains(where: { $0 == "x" || $0 == "X" })
    else { return nil }
    return value
  }

  /// Convenience for tests and small inputs.
  static func parse(_ text: String, decimalComma: Bool = false) -> Double? {
    var copy = text
    return copy.withUTF8 { parse($0, decimalComma: decimalComma) }
  }
}
