/// A GeoJSON property value: a string, a number, a boolean, null, or anything else.
///
/// Arrays and objects are kept as their compact JSON text in ``other(_:)``: servicegap
/// reads flat attributes only, but keeps nested ones visible in messages.
public enum JSONValue: Hashable, Sendable {
  /// A JSON string.
  case string(String)
  /// A JSON number.
  case number(Double)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null
  /// An array or object, as compact JSON text.
  case other(String)

  /// The value as text for ids, names and categories; nil for `null`.
  ///
  /// Numbers are written without a fractional part when they are integral
  /// (`2482`, not `2482.0`), so numeric ids read the same as in CSV files.
  public var text: String? {
    switch self {
    case .string(let value): return value
    case .number(let value):
      if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
      return String(value)
    case .bool(let value): return value ? "true" : "false"
    case .null: return nil
    case .other(let json): return json
    }
  }

  /// The value as a number: a JSON number, or a string holding a decimal number.
  ///
  /// Strings are accepted because many exports quote every attribute; `"3,5"` (decimal
  /// comma) is accepted too. NaN and infinities are not numbers.
  public var number: Double? {
    switch self {
    case .number(let value): return value
    case .string(let value): return ByteNumberParser.parse(value, decimalComma: true)
    case .bool, .null, .other: return nil
    }
  }

  /// How the value appears in messages: strings bare, others as JSON (`null`, `true`).
  var displayText: String {
    switch self {
    case .null: return "null"
    default: return text ?? "null"
    }
  }
}
