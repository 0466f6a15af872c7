/// Which GTFS route types a transit analysis keeps (`--route-types exclude=715,1501` or
/// `only=700`): on-demand services that must be booked are one view, not the only one.
public enum RouteTypeFilter: Hashable, Sendable {
  /// Every route.
  case all
  /// Every route but these types.
  case exclude(Set<Int>)
  /// Only these types.
  case only(Set<Int>)

  /// Whether routes of `type` are kept.
  public func keeps(_ type: Int) -> Bool {
    switch self {
    case .all: return true
    case .exclude(let types): return !types.contains(type)
    case .only(let types): return types.contains(type)
    }
  }

  /// GTFS route types of services that must be booked: demand and response bus (715) and
  /// communal taxi (1501); also what the diagnostics call on-demand.
  public static let onDemandTypes: Set<Int> = [715, 1501]
}

/// How public transport is measured (`--mode transit`): the timetable, the day and the
/// departure window, and the walking legs.
public struct TransitOptions: Sendable {
  /// The timetable.
  public var feed: TransitFeed
  /// The service day analysed.
  public var date: ServiceDay
  /// First departure, seconds after midnight (included).
  public var windowStart: Int
  /// End of the window, seconds after midnight (excluded); one departure a minute.
  public var windowEnd: Int
  /// Percentiles reported besides the median, such as [90]; the median is always one.
  public var percentiles: [Int]
  /// Longest access and egress walk, in metres of walking distance.
  public var maxWalkMeters: Double
  /// Longest walk between two different stops in a transfer, in metres.
  public var maxTransferMeters: Double
  /// A departure that reaches no service within this many seconds counts as unreachable.
  public var maxTravelSeconds: Double
  /// Walking speed.
  public var walkSpeedKmh: Double
  /// Walking distance over the geodesic distance, without a road file.
  public var detourFactor: Double
  /// Which route types to keep.
  public var routeTypes: RouteTypeFilter
  /// Side of the zone grid's cells in metres.
  public var cellMeters: Double

  /// The brief's defaults: 1,500 m access and egress, 500 m transfers, 120 minutes, 5 km/h
  /// over geodesic × 1.3, every route, 250 m zone cells.
  public init(
    feed: TransitFeed, date: ServiceDay, windowStart: Int, windowEnd: Int,
    percentiles: [Int] = [], maxWalkMeters: Double = 1500, maxTransferMeters: Double = 500,
    maxTravelSeconds: Double = 7200, walkSpeedKmh: Double = 5, detourFactor: Double = 1.3,
    routeTypes: RouteTypeFilter = .all, cellMeters: Double = 250
  ) {
    self.feed = feed
    self.date = date
    self.windowStart = windowStart
    self.windowEnd = windowEnd
    self.percentiles = percentiles
    self.maxWalkMeters = maxWalkMeters
    self.maxTransferMeters = maxTransferMeters
    self.maxTravelSeconds = maxTravelSeconds
    self.walkSpeedKmh = walkSpeedKmh
    self.detourFactor = detourFactor
    self.routeTypes = routeTypes
    self.cellMeters = cellMeters
  }

  /// The percentiles reported, ascending, the median first among equals: 50 and the others.
  public var reportedPercentiles: [Int] { Array(Set([50] + percentiles)).sorted() }

  /// The departure times of the window: every minute from its start, its end excluded.
  public var departures: [Int] { Array(stride(from: windowStart, to: windowEnd, by: 60)) }

  /// Seconds to walk a geodesic distance (walking distance = geodesic × the detour factor).
  public func walkSeconds(geodesicMeters: Double) -> Double {
    geodesicMeters * detourFactor / (walkSpeedKmh / 3.6)
  }
}
