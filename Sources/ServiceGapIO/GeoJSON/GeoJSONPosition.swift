/// A position as written in a GeoJSON file, in the file's CRS (x first, then y).
///
/// Longitude/latitude for RFC 7946 files; easting/northing when a legacy `crs` member
/// or `--crs` says so. A third (height) value is read and dropped.
public struct GeoJSONPosition: Hashable, Sendable {
  /// Longitude or easting.
  public var x: Double
  /// Latitude or northing.
  public var y: Double

  /// Creates a position.
  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }
}
