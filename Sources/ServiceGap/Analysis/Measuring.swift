/// A way of measuring how far every unit lives from each category's services.
///
/// The measuring stage is the one place where a mode plugs in: straight line and roads
/// today (``StraightLineMeasuring``, ``RoadMeasuring``); walking, cycling and public
/// transport next. A mode measures every planned category and says how its zones are drawn;
/// the stages before (projection, regions) and after (zones, summary, criticality) are
/// the same for all modes.
protocol MeasuringMode {
  /// Measures every category of the run's plans, in their order.
  func measure(_ run: AnalysisRun) throws -> Measurements
}

/// What a mode measured.
struct Measurements {
  /// One per plan, in the plans' order.
  var categories: [MeasuredCategory]
  /// How the zones of this mode are drawn.
  var zones: ZoneMethod
  /// Road-network mode: the network and facts about it.
  var roadNetwork: RoadNetwork?
  var diagnostics: NetworkDiagnostics?
  /// Public transport mode: facts about the timetable and the walks.
  var transitDiagnostics: TransitDiagnostics?
}

/// One category's measurements.
struct MeasuredCategory {
  /// Per unit, the nearest service by distance; nil when none can be reached.
  var nearest: [NearestService?]
  /// Per unit, the fastest travel time in minutes, where the mode measures time.
  var minutes: [Double?]?
  /// Per unit, the measured distance over the straight line, where they differ.
  var detour: [Double?]?
  /// With criticality: per unit, its service in the plan's measure and what it would have
  /// without it.
  var alternatives: [ServiceAlternative?]?
  /// Public transport: every percentile's minutes and the share of departures reaching a
  /// service.
  var transit: TransitTravelTimes?
}

/// A unit's best service in one measure (metres or seconds), and the cost of the best other.
struct ServiceAlternative: Sendable {
  var serviceIndex: Int
  var cost: Double
  /// Nil when no other service of the category can be reached.
  var secondCost: Double?
}

/// How a mode's zones are drawn.
enum ZoneMethod {
  /// Each region minus discs around every service (straight line; BRIEF: "Zones,
  /// straight-line mode"), of each threshold's radius.
  case buffers(DiscRadius)
  /// Cells of the analysis grid classified by the value at their centre (BRIEF: "Zones,
  /// network mode"), priced as the mode prices points; `stage` names the timing.
  case grid(any GridCellPricing, stage: String)
}

/// The radius of straight-line zones' discs for each threshold.
///
/// By car a km threshold's own length (minutes have no disc). Walking or cycling without
/// roads, trips are the geodesic × a detour factor: a threshold of *t* km is a disc of
/// *t* / factor, one of *t* minutes a disc of *t* × speed / factor.
struct DiscRadius {
  /// Trip length over the geodesic distance (1 by car).
  var detourFactor: Double = 1
  /// The speed of trips, for minute thresholds; nil when the mode measures no time.
  var metresPerSecond: Double?

  /// The disc radius in metres of `threshold`; nil when it has none.
  func meters(of threshold: Threshold) -> Double? {
    switch threshold.unit {
    case .km:
      // By car exactly the threshold's metres.
      return detourFactor == 1 ? threshold.meters : threshold.value * 1000 / detourFactor
    case .min:
      return metresPerSecond.map { threshold.value * 60 * $0 / detourFactor }
    }
  }
}
