import ServiceGap

/// Escaping for text and attribute values in HTML and inline SVG.
enum HTMLText {
  /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }

  /// A whole number with thin groups of three digits: `66,540`.
  static func grouped(_ value: Double) -> String {
    let rounded = value.rounded(.toNearestOrAwayFromZero)
    guard rounded.isFinite, abs(rounded) < 1e15 else {
      return JSONText.format(value, decimals: 0, trimZeros: true)
    }
    let digits = String(Int64(abs(rounded)))
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return (rounded < 0 ? "-" : "") + out
  }

  /// A distance or time with its unit: `16.5 km`, `31.18 min`.
  static func measure(_ fieldValue: Double, unit: ThresholdUnit) -> String {
    switch unit {
    case .km: return JSONText.format(fieldValue / 1000, decimals: 1, trimZeros: false) + " km"
    case .min: return JSONText.format(fieldValue, decimals: 1, trimZeros: false) + " min"
    }
  }
}
