/// Speeds in km/h by OpenStreetMap `highway` class, for roads without a usable `maxspeed`.
///
/// The defaults are typical Swedish limits for each class outside built-up areas
/// (motorways 110, country roads 70–80, streets 40); replace them with
/// `--speeds FILE` (columns `highway,speed_kmh`). Any class not listed runs at
/// ``fallbackKmh``.
public struct SpeedTable: Hashable, Sendable {
  /// Speed per `highway` value.
  public var speeds: [String: Double]
  /// Speed of roads whose class is missing or not in ``speeds``: 50 km/h.
  public var fallbackKmh: Double

  /// The documented defaults.
  public static let defaults = SpeedTable(
    speeds: [
      "motorway": 110, "motorway_link": 70, "trunk": 90, "trunk_link": 60, "primary": 80,
      "primary_link": 60, "secondary": 70, "secondary_link": 50, "tertiary": 60,
      "tertiary_link": 40, "unclassified": 50, "road": 50, "residential": 40,
      "living_street": 10, "service": 20, "track": 20,
    ], fallbackKmh: 50)

  /// Creates a table.
  public init(speeds: [String: Double], fallbackKmh: Double = 50) {
    self.speeds = speeds
    self.fallbackKmh = fallbackKmh
  }

  /// The speed of a road: its `maxspeed` when positive, else its class's (when
  /// positive), else the fallback (50 km/h unless that is not positive either).
  public func speedKmh(of road: RoadSegment) -> Double {
    if let limit = road.maxSpeedKmh, limit.isFinite, limit > 0 { return limit }
    if let highway = road.highway, let speed = speeds[highway], speed.isFinite, speed > 0 {
      return speed
    }
    return fallbackKmh.isFinite && fallbackKmh > 0 ? fallbackKmh : 50
  }
}
