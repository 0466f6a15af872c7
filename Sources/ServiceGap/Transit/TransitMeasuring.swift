/// Public transport measuring: per unit and category, the travel time by walking and
/// riding over every departure of the window, reported as the median and the other
/// percentiles asked for, with the share of departures that reach a service at all.
///
/// One backward profile scan per category over the day's connections (``TransitProfiles``)
/// gives every stop's earliest arrival at a service for any boarding time; a unit then
/// combines the stops within its walking limit and the direct walk for each departure.
/// No search runs per unit or per departure.
struct TransitMeasuring: MeasuringMode {
  var options: TransitOptions

  func measure(_ run: AnalysisRun) throws -> Measurements {
    // The nearest service as the crow flies: the unit's direct walk, and C_dist_m.
    let straight = try StraightLineMeasuring(secondNearest: false).measure(run)
    let options = self.options
    let (timetable, walks) = run.stage("transit: timetable and walks") {
      let timetable = TransitTimetable(options: options)
      let walks = TransitWalks(
        options: options, servedStops: timetable.servedStops, projection: run.projection)
      return (timetable, walks)
    }
    let units = run.input.units
    let points = run.coordinates
    let access = try run.stage("transit: access walks") {
      try parallelMap(units.count, workers: run.workers) {
        walks.access(from: units[$0].location, x: points.unitXs[$0], y: points.unitYs[$0])
      }
    }
    var categories: [MeasuredCategory] = []
    var searches: [TransitSearch] = []
    let done = ProgressCounter(
      total: run.input.plans.count, stage: "transit", progress: run.progress)
    try run.stage("transit: profiles and travel times") {
      for (position, plan) in run.input.plans.enumerated() {
        defer { done.increment() }
        let members = run.services(of: plan.name)
        let index = NearestServiceIndex(
          services: members.map { run.input.services[$0] }, indices: members)
        let profiles = TransitProfiles(
          timetable: timetable, walks: walks, egress: walks.egress(to: index))
        let nearest = straight.categories[position].nearest
        let times = try parallelMap(units.count, workers: run.workers) { unit in
          TransitTimes(
            access: access[unit],
            direct: nearest[unit].map { options.walkSeconds(geodesicMeters: $0.distanceMeters) }
              ?? .infinity,
            profiles: profiles, departures: options.departures, cap: options.maxTravelSeconds)
        }
        let travel = TransitTravelTimes(times, percentiles: options.reportedPercentiles)
        categories.append(
          MeasuredCategory(
            nearest: nearest, minutes: travel.minutes(percentile: 50), transit: travel))
        searches.append(TransitSearch(index: index, profiles: profiles))
      }
    }
    let diagnostics = TransitDiagnostics(
      options: options, timetable: timetable, walks: walks, access: access,
      units: units, categories: categories.map { $0.transit?.reachedShare ?? [] },
      plans: run.input.plans)
    return Measurements(
      categories: categories,
      zones: .grid(
        TransitCellPricing(
          options: options, walks: walks, searches: searches, plans: run.input.plans,
          workCRS: run.projection.workCRS),
        stage: "zones: transit grid"),
      transitDiagnostics: diagnostics)
  }
}

/// One category's profiles and its services, to price any point (zone cells).
struct TransitSearch: Sendable {
  let index: NearestServiceIndex
  let profiles: TransitProfiles
}

/// Prices zone-cell centres by the median travel time, as units are priced.
struct TransitCellPricing: GridCellPricing {
  let options: TransitOptions
  let walks: TransitWalks
  let searches: [TransitSearch]
  let plans: [Int]
  let workCRS: String

  var cellMeters: Double { options.cellMeters }

  init(
    options: TransitOptions, walks: TransitWalks, searches: [TransitSearch],
    plans all: [CategoryPlan], workCRS: String
  ) {
    self.options = options
    self.walks = walks
    plans = all.indices.filter { !all[$0].thresholds.isEmpty }
    self.searches = plans.map { searches[$0] }
    self.workCRS = workCRS
  }

  func values(xs: [Double], ys: [Double], _ body: (Int, [Double?]) -> Void) {
    // Each call has its own PROJ objects: regions are priced on several threads.
    guard let projection = try? Projection(workCRS: workCRS) else {
      for position in searches.indices { body(position, xs.map { _ in nil }) }
      return
    }
    var interleaved: [Double] = []
    interleaved.reserveCapacity(xs.count * 2)
    for (x, y) in zip(xs, ys) { interleaved += [x, y] }
    let locations = projection.unproject(interleaved: interleaved)
    let access = xs.indices.map { walks.access(from: locations[$0], x: xs[$0], y: ys[$0]) }
    // The longest direct walk within the cap, as geodesic metres.
    let reach = options.maxTravelSeconds / options.walkSeconds(geodesicMeters: 1)
    let departures = options.departures
    for (position, search) in searches.enumerated() {
      body(
        position,
        xs.indices.map { point -> Double? in
          let direct =
            search.index.nearestMeters(to: locations[point], within: reach).map {
              options.walkSeconds(geodesicMeters: $0)
            } ?? .infinity
          // Most cells have no stop in reach: every departure is the same walk.
          guard !access[point].isEmpty else {
            return direct <= options.maxTravelSeconds ? direct / 60 : nil
          }
          let times = TransitTimes(
            access: access[point], direct: direct, profiles: search.profiles,
            departures: departures, cap: options.maxTravelSeconds)
          return times.percentile(50).map { $0 / 60 }
        })
    }
  }
}

/// Travel times by public transport of one category: percentiles in minutes per unit,
/// and the share of departures that reach a service.
public struct TransitTravelTimes: Sendable {
  /// The percentiles reported, ascending; 50 (the median) is always one.
  public var percentiles: [Int]
  /// Per percentile (same order), per unit: minutes, or nil when that share of the
  /// departures reaches no service within the cap.
  public var minutes: [[Double?]]
  /// Per unit: the share of the window's departures that reach a service within the cap
  /// (0 to 1): a bus twice a day is not "15 minutes".
  public var reachedShare: [Double]

  init(_ times: [TransitTimes], percentiles: [Int]) {
    self.percentiles = percentiles
    minutes = percentiles.map { p in times.map { $0.percentile(p).map { $0 / 60 } } }
    reachedShare = times.map(\.reachedShare)
  }

  /// The minutes of percentile `p` per unit; nil when `p` was not reported.
  public func minutes(percentile p: Int) -> [Double?]? {
    percentiles.firstIndex(of: p).map { minutes[$0] }
  }
}
