/// Statistics Norway's (SSB) 14-digit grid cell ids.
///
/// The first 7 digits are the cell's lower-left x + 2,000,000 and the last 7 its y, in
/// ETRS89 / UTM zone 33N (EPSG:25833), in metres. Example: `19250006618000` is the cell
/// whose lower-left corner is x = −75,000, y = 6,618,000.
public enum GridCellID {
  /// The CRS the ids are in.
  public static let crs = "EPSG:25833"

  /// Column names that hold grid ids, lower case; the cell size follows from the name.
  public static let columnNames = [
    "ru250m", "ru1000m", "ssbid", "ssbid250m", "ssbid_250m", "ssbid1000m", "ssbid_1000m",
  ]

  /// The cell size a column name implies: 1000 for names containing `1000`, 250 for `250`.
  ///
  /// - Parameter column: The column name.
  /// - Returns: The size in metres, or nil when the name does not say.
  public static func cellSize(forColumn column: String) -> Double? {
    let lower = column.lowercased()
    if lower.contains("1000") || lower.hasSuffix("1km") { return 1000 }
    if lower.contains("250") { return 250 }
    return nil
  }

  /// The lower-left corner encoded by a 14-digit id.
  ///
  /// - Parameter id: The id's text; spaces around it are ignored.
  /// - Returns: The corner in EPSG:25833 metres, or nil when `id` is not 14 digits.
  public static func corner(of id: String) -> ProjectedCorner? {
    var copy = id
    return copy.withUTF8 { corner(ofBytes: $0) }
  }

  /// A grid cell's lower-left corner in EPSG:25833 metres.
  public struct ProjectedCorner: Hashable, Sendable {
    /// Easting of the corner.
    public var x: Double
    /// Northing of the corner.
    public var y: Double
  }

  static func corner(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> ProjectedCorner? {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 { end -= 1 }
    guard end - start == 14 else { return nil }
    var x = 0
    var y = 0
    for offset in 0..<14 {
      let byte = bytes[start + offset]
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      if offset < 7 { x = x * 10 + Int(byte - 0x30) } else { y = y * 10 + Int(byte - 0x30) }
    }
    return ProjectedCorner(x: Double(x - 2_000_000), y: Double(y))
  }

  static func isGridID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    corner(ofBytes: bytes) != nil
  }
}
