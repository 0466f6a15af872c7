/// The walking legs of public transport journeys: from a point to the stops within the
/// access limit, between stops (transfers), and from a stop to the nearest service.
///
/// Walking distance is the geodesic distance × the detour factor, walked at the walking
/// speed (BRIEF: "Walking legs as in walk mode … else geodesic × 1.3 at 5 km/h"). Stops are
/// found through square buckets in the working CRS, then measured exactly.
struct TransitWalks: Sendable {
  /// A stop reachable on foot and the seconds it takes.
  struct Leg: Sendable {
    var stop: Int32
    var seconds: Double
  }

  let options: TransitOptions
  /// Stops that the day's kept trips serve, with their projected points.
  private let stops: [Int]
  private let locations: [LonLat]
  private let buckets: PlanarBuckets
  /// Per stop of the feed: where to board after arriving there by a ride (itself, or
  /// another stop within the transfer limit), and the seconds the transfer takes.
  let transfers: [[Leg]]
  /// Transfer rules naming trips, which are not applied (``TransitFeed/TransferRule``).
  let tripRulesIgnored: Int

  /// Indexes the served stops and works out every transfer.
  init(options: TransitOptions, servedStops: [Bool], projection: Projection) {
    self.options = options
    let feed = options.feed
    stops = feed.stops.indices.filter { servedStops[$0] }
    locations = feed.stops.map(\.location)
    let (xs, ys) = projection.project(stops.map { feed.stops[$0].location })
    // Buckets as large as the longest walk searched, so a search looks at 3 × 3 of them.
    let reach = max(options.maxWalkMeters, options.maxTransferMeters) / options.detourFactor
    buckets = PlanarBuckets(xs: xs, ys: ys, cellSize: max(reach, 1))
    var rules: [Int: [Int: TransitFeed.TransferRule.Kind]] = [:]
    var tripRules = 0
    for rule in feed.transfers {
      guard rule.fromTrip == nil, rule.toTrip == nil else {
        if rule.kind != .allowed { tripRules += 1 }
        continue
      }
      rules[rule.from, default: [:]][rule.to] = rule.kind
    }
    tripRulesIgnored = tripRules
    func rule(_ a: Int, _ b: Int) -> TransitFeed.TransferRule.Kind? {
      let parentA = feed.stops[a].parent
      let parentB = feed.stops[b].parent
      // The most specific rule wins: stop to stop, then a stop and a station, then stations.
      for (from, to) in [(a, b), (parentA, b), (a, parentB), (parentA, parentB)] {
        if let from, let to, let kind = rules[from]?[to] { return kind }
      }
      return nil
    }
    var transfers = [[Leg]](repeating: [], count: feed.stops.count)
    let limit = options.maxTransferMeters
    for (position, stop) in stops.enumerated() {
      var legs: [Leg] = []
      switch rule(stop, stop) {
      case .forbidden?: break
      case .minimum(let seconds)?: legs.append(Leg(stop: Int32(stop), seconds: Double(seconds)))
      default: legs.append(Leg(stop: Int32(stop), seconds: 0))
      }
      for other in buckets.near(
        x: xs[position], y: ys[position], radius: limit / options.detourFactor * 1.01 + 1)
      where stops[other] != stop {
        let target = stops[other]
        let geodesic = geodesicDistanceMeters(from: locations[stop], to: locations[target])
        guard geodesic * options.detourFactor <= limit else { continue }
        let walk = options.walkSeconds(geodesicMeters: geodesic)
        switch rule(stop, target) {
        case .forbidden?: continue
        case .minimum(let seconds)?:
          legs.append(Leg(stop: Int32(target), seconds: max(walk, Double(seconds))))
        default: legs.append(Leg(stop: Int32(target), seconds: walk))
        }
      }
      transfers[stop] = legs
    }
    self.transfers = transfers
  }

  /// The served stops within the access limit of a point, and the walk to each.
  ///
  /// - Parameters:
  ///   - location: The point in lon/lat.
  ///   - x: Its easting in the working CRS.
  ///   - y: Its northing in the working CRS.
  /// - Returns: One leg per stop within the limit, in no particular order.
  func access(from location: LonLat, x: Double, y: Double) -> [Leg] {
    let limit = options.maxWalkMeters
    var legs: [Leg] = []
    for position in buckets.near(x: x, y: y, radius: limit / options.detourFactor * 1.01 + 1) {
      let stop = stops[position]
      let geodesic = geodesicDistanceMeters(from: location, to: locations[stop])
      guard geodesic * options.detourFactor <= limit else { continue }
      legs.append(Leg(stop: Int32(stop), seconds: options.walkSeconds(geodesicMeters: geodesic)))
    }
    return legs
  }

  /// Per stop of the feed, the walk to the nearest service of `index` within the egress
  /// limit; infinity where there is none.
  func egress(to index: NearestServiceIndex) -> [Double] {
    var seconds = [Double](repeating: .infinity, count: locations.count)
    for stop in stops {
      guard let nearest = index.nearest(to: locations[stop]),
        nearest.distanceMeters * options.detourFactor <= options.maxWalkMeters
      else { continue }
      seconds[stop] = options.walkSeconds(geodesicMeters: nearest.distanceMeters)
    }
    return seconds
  }
}

/// Points in square buckets of a planar CRS, for finding the points near another.
///
/// The buckets form one dense grid over the points' extent (compressed rows), so a
/// lookup is arithmetic and no hashing: zone grids ask it millions of times.
struct PlanarBuckets: Sendable {
  private let cellSize: Double
  private let xs: [Double]
  private let ys: [Double]
  private let minColumn: Int
  private let minRow: Int
  private let columns: Int
  private let rows: Int
  /// Per bucket (row-major), where its points start in ``members``; one more at the end.
  private let starts: [Int32]
  private let members: [Int32]

  /// The largest grid built; a wider extent gets larger buckets (lookups stay correct).
  private static let maximumBuckets = 1 << 24

  init(xs: [Double], ys: [Double], cellSize requested: Double) {
    self.xs = xs
    self.ys = ys
    let finite = xs.indices.filter { xs[$0].isFinite && ys[$0].isFinite }
    let minX = finite.map { xs[$0] }.min() ?? 0
    let maxX = finite.map { xs[$0] }.max() ?? 0
    let minY = finite.map { ys[$0] }.min() ?? 0
    let maxY = finite.map { ys[$0] }.max() ?? 0
    var size = max(requested, 1e-9)
    while ((maxX - minX) / size + 1) * ((maxY - minY) / size + 1) > Double(Self.maximumBuckets) {
      size *= 2
    }
    cellSize = size
    minColumn = Int((minX / size).rounded(.down))
    minRow = Int((minY / size).rounded(.down))
    columns = Int((maxX / size).rounded(.down)) - minColumn + 1
    rows = Int((maxY / size).rounded(.down)) - minRow + 1
    var counts = [Int32](repeating: 0, count: columns * rows + 1)
    var buckets = [Int](repeating: 0, count: xs.count)
    for index in finite {
      let bucket =
        (Int((ys[index] / size).rounded(.down)) - minRow) * columns
        + Int((xs[index] / size).rounded(.down)) - minColumn
      buckets[index] = bucket
      counts[bucket + 1] += 1
    }
    for bucket in 0..<(columns * rows) { counts[bucket + 1] += counts[bucket] }
    var next = counts
    var members = [Int32](repeating: 0, count: finite.count)
    for index in finite {
      members[Int(next[buckets[index]])] = Int32(index)
      next[buckets[index]] += 1
    }
    starts = counts
    self.members = members
  }

  /// Indices of the points within `radius` of (x, y), planar.
  func near(x: Double, y: Double, radius: Double) -> [Int] {
    guard x.isFinite, y.isFinite, !members.isEmpty else { return [] }
    let span = Int((radius / cellSize).rounded(.up))
    let column = Int((x / cellSize).rounded(.down)) - minColumn
    let row = Int((y / cellSize).rounded(.down)) - minRow
    let firstColumn = max(0, column - span)
    let lastColumn = min(columns - 1, column + span)
    let firstRow = max(0, row - span)
    let lastRow = min(rows - 1, row + span)
    guard firstColumn <= lastColumn, firstRow <= lastRow else { return [] }
    var found: [Int] = []
    let squared = radius * radius
    for bucketRow in firstRow...lastRow {
      let base = bucketRow * columns
      let first = Int(starts[base + firstColumn])
      let last = Int(starts[base + lastColumn + 1])
      // A row's buckets are contiguous in `members`.
      for position in first..<last {
        let index = Int(members[position])
        let (ex, ey) = (xs[index] - x, ys[index] - y)
        if ex * ex + ey * ey <= squared { found.append(index) }
      }
    }
    return found
  }
}
