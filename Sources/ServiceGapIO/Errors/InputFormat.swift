/// The two input formats servicegap reads.
public enum InputFormat: String, Hashable, Sendable, CaseIterable {
  /// Delimited text with a header row (`,`, `;` or tab).
  case csv
  /// GeoJSON: a FeatureCollection, a Feature or a bare geometry.
  case geojson

  /// Picks the format from the file name, then from the first byte of the content.
  ///
  /// `.geojson` and `.json` are GeoJSON; `.csv`, `.tsv` and `.txt` are CSV. Any other
  /// extension is GeoJSON when the first non-blank byte is `{`, else CSV.
  ///
  /// - Parameters:
  ///   - path: The file path (only its extension is used).
  ///   - bytes: The file content, to sniff when the extension says nothing.
  /// - Returns: The detected format.
  public static func detect(path: String, bytes: [UInt8]) -> InputFormat {
    let lower = path.lowercased()
    if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { return .geojson }
    if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") {
      return .csv
    }
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    return index < bytes.count && bytes[index] == UInt8(ascii: "{") ? .geojson : .csv
  }
}
