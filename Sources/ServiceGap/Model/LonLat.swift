/// A geographic position in degrees on WGS 84: longitude first, then latitude.
///
/// Axis order is always longitude, latitude (x, y), as in GeoJSON and PROJ's
/// normalized transformers, so degrees can never be mistaken for metres:
/// projected coordinates use ``ProjectedPoint``.
public struct LonLat: Hashable, Sendable, Codable {
  /// Longitude in degrees east of Greenwich, −180…180.
  public var lon: Double
  /// Latitude in degrees north of the equator, −90…90.
  public var lat: Double

  /// Creates a position from longitude and latitude in degrees.
  public init(lon: Double, lat: Double) {
    self.lon = lon
    self.lat = lat
  }

  /// Whether both coordinates are finite and inside the valid degree ranges.
  public var isValid: Bool {
    lon.isFinite && lat.isFinite && abs(lon) <= 180 && abs(lat) <= 90
  }
}

/// A position in a projected, metric coordinate reference system.
public struct ProjectedPoint: Hashable, Sendable, Codable {
  /// Easting in metres.
  public var x: Double
  /// Northing in metres.
  public var y: Double

  /// Creates a projected position from easting and northing in metres.
  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }
}
