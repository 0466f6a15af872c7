/// A parsed JSON value, as produced by ``JSONParser``.
///
/// Objects keep their members in file order as an array of pairs: GeoJSON objects are
/// small, so a linear lookup is as fast as hashing and keeps the order for messages.
indirect enum JSONNode: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONNode])
  case object([(key: String, value: JSONNode)])
  /// A `coordinates` member's array, packed by the parser (``PackedCoordinates``).
  case coordinates(PackedCoordinates)

  static func == (lhs: JSONNode, rhs: JSONNode) -> Bool {
    switch (lhs, rhs) {
    case (.coordinates(let a), .coordinates(let b)): return a == b
    case (.coordinates(let packed), _): return packed.node == rhs
    case (_, .coordinates(let packed)): return lhs == packed.node
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }

  /// The member named `key` of an object; nil for a missing member or a non-object.
  subscript(key: String) -> JSONNode? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// The JSON type name used in messages (`an object`, `a string`, and so on).
  var kindDescription: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array, .coordinates: return "an array"
    case .object: return "an object"
    }
  }

  /// The node as a flat property value; arrays and objects become compact JSON text.
  var propertyValue: JSONValue {
    switch self {
    case .null: return .null
    case .bool(let value): return .bool(value)
    case .number(let value): return .number(value)
    case .string(let value): return .string(value)
    case .array, .object, .coordinates: return .other(compactText)
    }
  }

  /// Compact JSON text (used for nested property values).
  var compactText: String {
    switch self {
    case .null: return "null"
    case .bool(let value): return value ? "true" : "false"
    case .number(let value): return JSONValue.number(value).text ?? "null"
    case .string(let value):
      var out = ""
      JSONText.appendString(value, to: &out)
      return out
    case .array(let items): return "[" + items.map(\.compactText).joined(separator: ",") + "]"
    case .coordinates(let packed): return packed.node.compactText
    case .object(let members):
      return "{"
        + members.map { member in
          var key = ""
          JSONText.appendString(member.key, to: &key)
          return key + ":" + member.value.compactText
        }.joined(separator: ",") + "}"
    }
  }
}
