import Foundation

/// Normalises the many spellings of a CRS to the form PROJ and the outputs use.
public enum CRSName {
  /// The default CRS of GeoJSON and of CSV files without `--crs`.
  public static let wgs84 = "EPSG:4326"

  /// Returns `EPSG:<code>` for the common spellings of an EPSG CRS, else the text trimmed.
  ///
  /// Recognises `EPSG:3006`, `epsg:3006`, a bare `3006`, the OGC URNs
  /// `urn:ogc:def:crs:EPSG::3006` and `urn:ogc:def:crs:EPSG:6.6:3006`, and the
  /// longitude/latitude forms `urn:ogc:def:crs:OGC:1.3:CRS84`, `OGC:CRS84`, `CRS84` and
  /// `WGS84`, which all become `EPSG:4326` (servicegap always uses lon/lat order).
  /// Anything else (a PROJ string, WKT) is passed through for PROJ to interpret.
  ///
  /// - Parameter text: The CRS as written by the user or the file.
  /// - Returns: The normalised name.
  public static func normalize(_ text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    let upper = trimmed.uppercased()
    if [
      "CRS84", "OGC:CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84",
      "WGS84", "WGS 84",
    ].contains(upper) {
      return wgs84
    }
    if !upper.isEmpty, upper.allSatisfy(\.isASCIIDigitCharacter) { return "EPSG:\(upper)" }
    if upper.hasPrefix("EPSG:") {
      let code = upper.dropFirst(5)
      if !code.isEmpty, code.allSatisfy(\.isASCIIDigitCharacter) { return "EPSG:\(code)" }
    }
    if upper.hasPrefix("URN:OGC:DEF:CRS:EPSG:") {
      // The part after the last colon is the code; the one before it an optional version.
      if let code = upper.split(separator: ":", omittingEmptySubsequences: false).last,
        !code.isEmpty, code.allSatisfy(\.isASCIIDigitCharacter)
      {
        return "EPSG:\(code)"
      }
    }
    return trimmed
  }

  /// The CRS as a message shows it: a WKT definition by its quoted name
  /// (`"Undefined geographic SRS" (WKT)`), anything else as it is.
  public static func display(_ normalized: String) -> String {
    guard normalized.hasSuffix("]"), let open = normalized.firstIndex(of: "["),
      normalized[..<open].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
    else { return normalized }
    let afterBracket = normalized[normalized.index(after: open)...]
    guard afterBracket.first == "\"",
      let close = afterBracket.dropFirst().firstIndex(of: "\"")
    else { return normalized }
    return "\"\(afterBracket[afterBracket.index(after: afterBracket.startIndex)..<close])\" (WKT)"
  }

  /// Whether the normalised name is WGS 84 longitude/latitude, needing no transformation.
  static func isWGS84(_ normalized: String) -> Bool { normalized == wgs84 }
}

extension Character {
  fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
