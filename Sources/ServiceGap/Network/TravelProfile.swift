import Foundation

/// How people travel: by car, on foot or by bicycle.
///
/// A profile decides which roads of the network a traveller may use, in which direction,
/// and how fast (BRIEF: "Walking and cycling"):
///
/// - **car**: every road of the file, one-way streets one way, at the road's speed
///   (``SpeedTable``); the legs between a point and the road at the access speed. Without
///   roads, the straight line.
/// - **walk**: every way a pedestrian may use — not `highway=motorway` or `motorway_link`,
///   not a way tagged `foot=no` or `foot=private`, not `motorroad=yes` (a Swedish
///   *motortrafikled*, closed to pedestrians and cyclists), not `access=no` or
///   `access=private` unless `foot` is `yes`, `designated` or `permissive`. Trunk roads
///   stay walkable unless the data closes them. Both ways along one-way streets. A constant
///   speed (5 km/h by default) whatever the road's `maxspeed`, the access leg included.
/// - **bike**: the same with `bicycle` in place of `foot`; also not the ways meant for
///   pedestrians (`footway`, `pedestrian`, `steps`, `bridleway`, `corridor`) unless
///   `bicycle` is `yes`, `designated` or `permissive`. One-way streets one way, unless
///   `oneway:bicycle=no`. 15 km/h by default.
///
/// Without a road file, walking and cycling trips are the geodesic distance times
/// ``detourFactor`` (1.3), at the profile's speed.
///
/// Tag values are compared ignoring case and surrounding spaces.
///
/// ```swift
/// let road = RoadSegment(coordinates: line, highway: "motorway")
/// TravelProfile.walking.allows(road)          // false
/// TravelProfile.car.allows(road)              // true
/// TravelProfile.cycling.speedKmh              // 15
/// ```
public enum TravelProfile: Hashable, Sendable {
  /// By car, along the roads at their speeds (or the straight line without roads).
  case car
  /// On foot at a constant speed in km/h.
  case walk(speedKmh: Double)
  /// By bicycle at a constant speed in km/h.
  case bike(speedKmh: Double)

  /// Walking at the default 5 km/h.
  public static let walking = TravelProfile.walk(speedKmh: 5)
  /// Cycling at the default 15 km/h.
  public static let cycling = TravelProfile.bike(speedKmh: 15)

  /// Walking or cycling distance over the geodesic distance, when there are no roads.
  ///
  /// Streets and paths seldom run straight to the door: 1.3 is the circuity of walking
  /// and cycling routes commonly measured in European and North American cities (road
  /// distance over straight line, typically 1.2–1.4), so a trip is the geodesic × 1.3.
  public static let detourFactor = 1.3

  /// `car`, `walk` or `bike`: the name the command line and `run.json` use.
  public var name: String {
    switch self {
    case .car: return "car"
    case .walk: return "walk"
    case .bike: return "bike"
    }
  }

  /// The constant speed of walking or cycling, km/h; nil by car (the roads' speeds).
  public var speedKmh: Double? {
    switch self {
    case .car: return nil
    case .walk(let speed), .bike(let speed): return speed
    }
  }

  /// Whether a traveller of this profile may use `road`; by car, every road.
  public func allows(_ road: RoadSegment) -> Bool {
    let key: String
    switch self {
    case .car: return true
    case .walk: key = "foot"
    case .bike: key = "bicycle"
    }
    let highway = Self.normalised(road.highway)
    if highway == "motorway" || highway == "motorway_link" { return false }
    if Self.normalised(road.motorroad) == "yes" { return false }
    let own = Self.normalised(key == "foot" ? road.foot : road.bicycle)
    if let own, Self.closed.contains(own) { return false }
    let opened = own.map(Self.opened.contains) ?? false
    if let access = Self.normalised(road.access), Self.closed.contains(access), !opened {
      return false
    }
    if case .bike = self, let highway, Self.pedestrianWays.contains(highway), !opened {
      return false
    }
    return true
  }

  /// The direction this profile may travel `road`: both ways on foot; by bicycle the
  /// road's own unless `oneway:bicycle=no`; by car the road's own.
  public func direction(of road: RoadSegment) -> TravelDirection {
    switch self {
    case .car: return road.direction
    case .walk: return .both
    case .bike: return Self.normalised(road.onewayBicycle) == "no" ? .both : road.direction
    }
  }

  /// The speed along `road`, km/h: the constant speed on foot or by bicycle, the road's
  /// own by car (`maxspeed`, else its class's from `speeds`).
  public func speedKmh(of road: RoadSegment, speeds: SpeedTable) -> Double {
    speedKmh ?? speeds.speedKmh(of: road)
  }

  /// Values of `access`, `foot` or `bicycle` that close a way.
  static let closed: Set<String> = ["no", "private"]
  /// Values of `foot` or `bicycle` that open a way whatever `access` says.
  static let opened: Set<String> = ["yes", "designated", "permissive"]
  /// Classes meant for pedestrians: cyclists only where `bicycle` opens them.
  static let pedestrianWays: Set<String> = [
    "footway", "pedestrian", "steps", "bridleway", "corridor",
  ]

  private static func normalised(_ value: String?) -> String? {
    guard let value else { return nil }
    return value.trimmingCharacters(in: .whitespaces).lowercased()
  }
}
