import ServiceGap

/// Parses the OpenStreetMap-style attributes of roads: `maxspeed`, `oneway`, `junction`.
enum RoadAttributes {
  /// Kilometres per mile, for `maxspeed` values in mph.
  static let kilometresPerMile = 1.609344
  /// Kilometres per nautical mile, for `maxspeed` values in knots.
  static let kilometresPerNauticalMile = 1.852

  /// The speed limit in km/h; nil when the value gives no usable limit.
  ///
  /// A JSON number is km/h. Text is one or more limits separated by `;` (the lowest
  /// wins), each a number optionally followed by `km/h`, `kmh`, `kph`, `mph` or `knots`:
  /// `70`, `70 km/h`, `40 mph`, `50;70`. Zones and symbolic values such as `SE:urban`,
  /// `none`, `signals` and `walk` have no number and give nil, as do non-positive numbers.
  static func maxSpeedKmh(_ value: JSONValue) -> Double? {
    switch value {
    case .number(let number): return number.isFinite && number > 0 ? number : nil
    case .string(let text):
      var lowest: Double?
      for part in text.split(separator: ";") {
        if let speed = singleSpeedKmh(part), speed < (lowest ?? .infinity) { lowest = speed }
      }
      return lowest
    case .bool, .null, .other: return nil
    }
  }

  /// Whether a value is empty: JSON null or text of only spaces (an untagged road).
  static func isEmpty(_ value: JSONValue?) -> Bool {
    switch value {
    case nil, .null?: return true
    case .string(let text)?: return text.allSatisfy { $0 == " " || $0 == "\t" }
    default: return false
    }
  }

  private static func singleSpeedKmh(_ part: Substring) -> Double? {
    guard let text = String(part).trimmedOfSpaces?.lowercased() else { return nil }
    let numberEnd =
      text.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? text.endIndex
    guard numberEnd > text.startIndex, let number = Double(text[..<numberEnd]),
      number.isFinite, number > 0
    else { return nil }
    switch String(text[numberEnd...]).trimmedOfSpaces ?? "" {
    case "", "km/h", "kmh", "kph": return number
    case "mph": return number * kilometresPerMile
    case "knots": return number * kilometresPerNauticalMile
    default: return nil
    }
  }

  /// The direction a `oneway` value gives; nil when the value is not a recognised one.
  ///
  /// true, `yes`, `true`, `1` → forward; `-1`, `reverse` → backward; false, `no`, `false`,
  /// `0`, empty and null → both. Text is compared ignoring case and surrounding spaces.
  static func direction(oneway value: JSONValue) -> TravelDirection? {
    switch value {
    case .bool(let flag): return flag ? .forward : .both
    case .null: return .both
    case .number(let number):
      switch number {
      case 1: return .forward
      case -1: return .backward
      case 0: return .both
      default: return nil
      }
    case .string(let text):
      switch text.trimmedOfSpaces?.lowercased() ?? "" {
      case "yes", "true", "1": return .forward
      case "-1", "reverse": return .backward
      case "no", "false", "0", "": return .both
      default: return nil
      }
    case .other: return nil
    }
  }

  /// The text of a tag such as `foot` or `access`, trimmed; JSON true and false read as
  /// `yes` and `no`; nil for no value (absent, null, empty, a number or other JSON).
  static func tagText(_ value: JSONValue?) -> String? {
    switch value {
    case .string(let text)?: return text.trimmedOfSpaces
    case .bool(let flag)?: return flag ? "yes" : "no"
    default: return nil
    }
  }

  /// Whether a `junction` value makes the road one-way (`roundabout`, `circular`).
  static func isRoundabout(_ value: JSONValue?) -> Bool {
    guard case .string(let text)? = value else { return false }
    let lowered = text.trimmedOfSpaces?.lowercased()
    return lowered == "roundabout" || lowered == "circular"
  }
}
