/// Which way traffic may drive along a road, relative to its drawn direction.
public enum TravelDirection: String, Hashable, Sendable, CaseIterable {
  /// Both ways.
  case both
  /// Only from the first coordinate towards the last (`oneway=yes/true/1`).
  case forward
  /// Only from the last coordinate towards the first (`oneway=-1`).
  case backward
}

/// One road of the input network: a polyline with what is needed to drive it.
public struct RoadSegment: Hashable, Sendable {
  /// The road's vertices in WGS 84, in drawn order.
  public var coordinates: [LonLat]
  /// OpenStreetMap `highway` class, such as `tertiary`; nil when unknown.
  public var highway: String?
  /// Speed limit in km/h (`maxspeed`), when the data has a usable one.
  public var maxSpeedKmh: Double?
  /// Allowed direction of travel.
  public var direction: TravelDirection
  /// True length in metres (`--length-field`); nil uses the geometry.
  ///
  /// For data drawn straight between junctions: it scales the pieces' geodesic lengths.
  public var lengthMeters: Double?

  /// Creates a road segment.
  public init(
    coordinates: [LonLat], highway: String? = nil, maxSpeedKmh: Double? = nil,
    direction: TravelDirection = .both, lengthMeters: Double? = nil
  ) {
    self.coordinates = coordinates
    self.highway = highway
    self.maxSpeedKmh = maxSpeedKmh
    self.direction = direction
    self.lengthMeters = lengthMeters
  }
}
