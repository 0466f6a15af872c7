/// What a planner should know about a public transport analysis: how much of the
/// timetable ran, who has no stop within walking distance, which stops only an on-demand
/// service (to be booked) serves, and how often a departure reaches nothing.
public struct TransitDiagnostics: Sendable {
  /// The service day analysed.
  public var date: ServiceDay
  /// The departure window, seconds after midnight (end excluded).
  public var windowStart: Int
  public var windowEnd: Int
  /// Trip instances that run in the window (after the route filter), their connections,
  /// and the stops they serve.
  public var activeTrips: Int
  public var connections: Int
  public var servedStops: Int
  /// Units (and their people) with no served stop within the walking limit: only the
  /// direct walk is open to them.
  public var unitsWithoutStop: [String]
  public var peopleWithoutStop: Double
  /// Stops that only on-demand routes serve on the day, whatever the route filter.
  public var onDemandOnlyStops: [TransitFeed.Stop]
  /// `transfers.txt` rules of type 2 or 3 naming trips, which are not applied.
  public var tripRulesIgnored: Int
  /// Per category (the plans' order): the population-weighted share of departures in the
  /// window that reach no service within the cap.
  public var missedDepartureShare: [(category: String, share: Double)]

  init(
    options: TransitOptions, timetable: TransitTimetable, walks: TransitWalks,
    access: [[TransitWalks.Leg]], units: [PopulationUnit], categories: [[Double]],
    plans: [CategoryPlan]
  ) {
    date = options.date
    windowStart = options.windowStart
    windowEnd = options.windowEnd
    activeTrips = timetable.tripCount
    connections = timetable.connections.count
    servedStops = timetable.servedStops.count { $0 }
    let without = access.indices.filter { access[$0].isEmpty }
    unitsWithoutStop = without.map { units[$0].id }
    peopleWithoutStop = without.reduce(0) { $0 + units[$1].population }
    onDemandOnlyStops = timetable.onDemandOnlyStops.map { options.feed.stops[$0] }
    tripRulesIgnored = walks.tripRulesIgnored
    let people = units.reduce(0) { $0 + $1.population }
    missedDepartureShare = zip(plans, categories).map { plan, reached in
      let missed = zip(units, reached).reduce(0) { $0 + $1.0.population * (1 - $1.1) }
      return (plan.name, people > 0 ? missed / people : 0)
    }
  }
}
