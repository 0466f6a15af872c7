/// Road-network mode: the roads, how they are travelled and how points join them.
public struct NetworkOptions: Sendable {
  /// The road network (any roads; one-way ones are driven one way only).
  public var roads: [RoadSegment]
  /// Speeds for roads without a usable `maxspeed` (by car).
  public var speeds: SpeedTable
  /// Speed of the legs between a point and its snap point on the road by car, km/h
  /// (walking and cycling cover them at their own speed: ``accessLegSpeedKmh``).
  public var accessSpeedKmh: Double
  /// A point farther than this from every road cannot reach any service.
  public var maxSnapMeters: Double
  /// Side of the analysis grid's cells for network zones, metres.
  public var cellMeters: Double
  /// Who travels: by car (the default), on foot or by bicycle — which roads they may use,
  /// which way and how fast (``TravelProfile``).
  public var profile: TravelProfile

  /// Creates network options; the defaults follow BRIEF (by car, 20 km/h, 5 km, 250 m
  /// cells).
  public init(
    roads: [RoadSegment], speeds: SpeedTable = .defaults, accessSpeedKmh: Double = 20,
    maxSnapMeters: Double = 5000, cellMeters: Double = 250, profile: TravelProfile = .car
  ) {
    self.roads = roads
    self.speeds = speeds
    self.accessSpeedKmh = accessSpeedKmh
    self.maxSnapMeters = maxSnapMeters
    self.cellMeters = cellMeters
    self.profile = profile
  }

  /// The speed of the legs between a point and the road, km/h: ``accessSpeedKmh`` by car,
  /// the walking or cycling speed on foot or by bicycle.
  public var accessLegSpeedKmh: Double { profile.speedKmh ?? accessSpeedKmh }
}

/// What the road network looked like to the analysis: the checks the national
/// platform otherwise does by hand.
public struct NetworkDiagnostics: Hashable, Sendable {
  /// Graph nodes and directed arcs.
  public var nodes: Int
  /// Directed arcs (a two-way road piece counts twice).
  public var arcs: Int
  /// Sizes of the weakly connected components, largest first.
  public var componentSizes: [Int]
  /// Ids of units farther than the snapping limit from every road (unreachable).
  public var unitsBeyondMaxSnap: [String]
  /// Ids of services farther than the snapping limit from every road (they serve nobody).
  public var servicesBeyondMaxSnap: [String]
  /// Ids of units snapped more than 1 km from their point.
  public var unitsSnappedOver1km: [String]
  /// Ids of services on a component of the network that no unit reaches
  /// (islands without a road link to where people live).
  public var servicesOnIslands: [String]
}
