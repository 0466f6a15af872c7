/// Which way traffic may drive along a road, relative to its drawn direction.
public enum TravelDirection: String, Hashable, Sendable, CaseIterable {
  /// Both ways.
  case both
  /// Only from the first coordinate towards the last (`oneway=yes/true/1`).
  case forward
  /// Only from the last coordinate towards the first (`oneway=-1`).
  case backward
}

/// One road of the input network: a polyline with what is needed to drive, walk or cycle it.
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
  /// The tags walking and cycling read (``TravelProfile``), by OpenStreetMap key.
  ///
  /// Only those present. One dictionary rather than a stored property per tag: most roads
  /// carry none, and an empty dictionary costs a word, where five optional strings would
  /// add 80 bytes to every road of a national network.
  private var tags: [String: String]

  /// Creates a road segment.
  ///
  /// - Parameters:
  ///   - coordinates: The vertices in WGS 84, in drawn order.
  ///   - highway: The OpenStreetMap `highway` class.
  ///   - maxSpeedKmh: The speed limit, km/h.
  ///   - direction: The direction cars may travel.
  ///   - lengthMeters: The true length, metres.
  ///   - foot: OpenStreetMap `foot`, such as `no` or `designated`.
  ///   - bicycle: OpenStreetMap `bicycle`.
  ///   - access: OpenStreetMap `access`, such as `private`.
  ///   - onewayBicycle: OpenStreetMap `oneway:bicycle` (`no`: cyclists ride both ways).
  ///   - motorroad: OpenStreetMap `motorroad` (`yes`: closed to pedestrians and cyclists).
  public init(
    coordinates: [LonLat], highway: String? = nil, maxSpeedKmh: Double? = nil,
    direction: TravelDirection = .both, lengthMeters: Double? = nil, foot: String? = nil,
    bicycle: String? = nil, access: String? = nil, onewayBicycle: String? = nil,
    motorroad: String? = nil
  ) {
    self.coordinates = coordinates
    self.highway = highway
    self.maxSpeedKmh = maxSpeedKmh
    self.direction = direction
    self.lengthMeters = lengthMeters
    tags = [:]
    self.foot = foot
    self.bicycle = bicycle
    self.access = access
    self.onewayBicycle = onewayBicycle
    self.motorroad = motorroad
  }

  /// OpenStreetMap `foot`: whether pedestrians may use the way (`no`, `yes`, …).
  public var foot: String? {
    get { tags["foot"] }
    set { tags["foot"] = newValue }
  }

  /// OpenStreetMap `bicycle`: whether cyclists may use the way.
  public var bicycle: String? {
    get { tags["bicycle"] }
    set { tags["bicycle"] = newValue }
  }

  /// OpenStreetMap `access`: who may use the way at all (`no`, `private`, …).
  public var access: String? {
    get { tags["access"] }
    set { tags["access"] = newValue }
  }

  /// OpenStreetMap `oneway:bicycle`: `no` opens a one-way street to cyclists both ways.
  public var onewayBicycle: String? {
    get { tags["oneway:bicycle"] }
    set { tags["oneway:bicycle"] = newValue }
  }

  /// OpenStreetMap `motorroad`: `yes` for a road closed to pedestrians and cyclists.
  public var motorroad: String? {
    get { tags["motorroad"] }
    set { tags["motorroad"] = newValue }
  }
}
