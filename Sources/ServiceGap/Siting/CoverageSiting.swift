import Foundation
internal import GeoBridge

/// One chosen site, in the order that adds the most people first.
public struct SiteChoice: Hashable, Sendable {
  /// Index into the candidates.
  public var candidate: Int
  /// People newly within the threshold thanks to this site (given the earlier ones).
  public var gain: Double
  /// People newly within the threshold with this site and the earlier ones.
  public var cumulative: Double
}

/// Where new service points would bring the most people within a threshold: the
/// maximal covering location problem, solved by greedy selection and then swaps.
public enum CoverageSiting {
  /// The answer, with the plain greedy one for comparison.
  public struct Result: Sendable {
    /// Greedy, then improved by swapping a chosen site for another while that gains.
    public var sites: [SiteChoice]
    /// Plain greedy (each step the largest gain; ties to the earlier candidate).
    public var greedy: [SiteChoice]
    /// People beyond the threshold from every existing service before any new site.
    public var uncoveredPopulation: Double
    /// No choice of as many sites brings more people within the threshold than this
    /// (a Lagrangian bound on the maximal covering problem, ``CoverageBound``).
    public var upperBound: Double

    /// People the answer brings within the threshold.
    public var covered: Double { sites.last?.cumulative ?? 0 }

    /// How far the answer may be from the best possible, as a share of the bound: 0 when
    /// the answer is proven optimal.
    public var gap: Double { upperBound > 0 ? max(0, upperBound - covered) / upperBound : 0 }
  }

  /// Chooses `count` of `candidates`.
  ///
  /// A unit is uncovered when every existing service is farther than `thresholdMeters`
  /// (geodesic); a candidate covers the uncovered units within the threshold.
  public static func choose(
    units: [PopulationUnit], services: [ServicePoint], candidates: [LonLat],
    thresholdMeters: Double, count: Int
  ) -> Result {
    let geodesic = Geodesic.wgs84
    let index = NearestServiceIndex(services: services)
    let uncovered = units.indices.filter { unit in
      units[unit].population > 0
        && (index.nearest(to: units[unit].location)?.distanceMeters ?? .infinity)
          > thresholdMeters
    }
    let uncoveredPopulation = uncovered.reduce(0) { $0 + units[$1].population }
    var coordinates: [Double] = []
    for unit in uncovered {
      let (x, y, z) = EarthCentred.position(units[unit].location)
      coordinates += [x, y, z]
    }
    let tree = KDTree(dimensions: 3, coordinates: coordinates, indices: Array(uncovered.indices))
    let population = uncovered.map { units[$0].population }
    // Which uncovered units (positions in `uncovered`) each candidate covers.
    let covers: [[Int32]] = candidates.map { site in
      var found: [Int32] = []
      tree.forEach(
        within: thresholdMeters * (1 + 1e-12) + 1e-6, of: EarthCentred.position(site)
      ) { position, _ in
        let location = units[uncovered[position]].location
        if geodesic.distanceMeters(
          lon1: site.lon, lat1: site.lat, lon2: location.lon, lat2: location.lat)
          <= thresholdMeters
        {
          found.append(Int32(position))
        }
      }
      return found.sorted()
    }
    return solve(
      covers: covers, population: population, count: count,
      uncoveredPopulation: uncoveredPopulation)
  }

  /// The same along the roads: a unit is uncovered when no existing service lies within
  /// `thresholdMeters` of road distance (legs included), and a candidate covers the
  /// uncovered units within that road distance of it — one search per candidate,
  /// bounded at the threshold.
  ///
  /// - Parameters:
  ///   - units: The population units.
  ///   - services: The existing services of the category.
  ///   - candidates: Where a new service may go.
  ///   - thresholdMeters: The road distance to bring people within.
  ///   - count: How many sites to choose.
  ///   - network: The road network, built once (in the working CRS of the units:
  ///     ``WorkCRS/automatic(for:)``).
  ///   - workers: Threads for the candidates' searches.
  /// - Returns: The chosen sites, and the plain greedy ones.
  /// - Throws: ``CRSError`` for an unusable working CRS.
  public static func choose(
    units: [PopulationUnit], services: [ServicePoint], candidates: [LonLat],
    thresholdMeters: Double, count: Int, network: RoadNetwork, workers: Int = 2
  ) throws -> Result {
    let projection = try Projection(workCRS: network.workCRS)
    let pricing = network.pricing(.meters)
    func snap(_ points: [LonLat]) -> [SnapPoint?] {
      let (xs, ys) = projection.project(points)
      return points.indices.map { network.snap(x: xs[$0], y: ys[$0]) }
    }
    let unitSnaps = snap(units.map(\.location))
    let existingSearch = network.search(from: snap(services.map(\.location)), measure: .meters)
    let existing = unitSnaps.map { $0.flatMap(existingSearch.best) }
    let uncovered = units.indices.filter { unit in
      units[unit].population > 0 && (existing[unit]?.cost ?? .infinity) > thresholdMeters
    }
    let uncoveredPopulation = uncovered.reduce(0) { $0 + units[$1].population }
    let population = uncovered.map { units[$0].population }
    let places = uncovered.map { unitSnaps[$0].map(pricing.place) }
    let (xs, ys) = projection.project(uncovered.map { units[$0].location })
    var coordinates: [Double] = []
    for position in uncovered.indices { coordinates += [xs[position], ys[position]] }
    let tree = KDTree(dimensions: 2, coordinates: coordinates, indices: Array(uncovered.indices))
    let (cx, cy) = projection.project(candidates)
    let candidateSnaps = snap(candidates)
    let covers = try parallelMap(candidates.count, workers: workers) { candidate -> [Int32] in
      guard let site = candidateSnaps[candidate], !uncovered.isEmpty else { return [] }
      let search = network.search(from: [site], measure: .meters, limit: thresholdMeters)
      var found: [Int32] = []
      // Road distance is never shorter than the straight line (within the working CRS's
      // 0.1 % scale): a slightly wider planar ball holds every unit in reach.
      tree.forEach(within: thresholdMeters * 1.001 + 1, of: (cx[candidate], cy[candidate], 0)) {
        position, _ in
        guard let place = places[position], let best = search.best(at: place),
          best.cost <= thresholdMeters
        else { return }
        found.append(Int32(position))
      }
      return found.sorted()
    }
    return solve(
      covers: covers, population: population, count: count,
      uncoveredPopulation: uncoveredPopulation)
  }

  /// Greedy, then swaps, then the chosen sites in greedy order.
  static func solve(
    covers: [[Int32]], population: [Double], count: Int, uncoveredPopulation: Double
  ) -> Result {
    let greedy = greedyOrder(
      covers: covers, population: population, allowed: Array(covers.indices), count: count)
    var chosen = greedy.map(\.candidate)
    improveBySwaps(&chosen, covers: covers, population: population)
    var ordered = greedyOrder(
      covers: covers, population: population, allowed: chosen.sorted(), count: chosen.count)
    let bound = CoverageBound(
      covers: covers, population: population, count: count,
      lowerBound: ordered.last?.cumulative ?? 0)
    // The bound's own steps may have met a better choice: improve that one by swaps too.
    if bound.bestValue > (ordered.last?.cumulative ?? 0) + 1e-9 {
      var steered = bound.bestChoice
      improveBySwaps(&steered, covers: covers, population: population)
      ordered = greedyOrder(
        covers: covers, population: population, allowed: steered.sorted(),
        count: steered.count)
    }
    return Result(
      sites: ordered, greedy: greedy, uncoveredPopulation: uncoveredPopulation,
      upperBound: bound.upper)
  }

  /// Candidate sites on a square grid of `spacingMeters` in the working CRS: the cell
  /// centres within the threshold of some unit that no existing service covers (no
  /// other cell could bring anyone within reach), in row order.
  ///
  /// - Throws: ``CRSError`` when the automatic working CRS cannot be set up.
  public static func gridCandidates(
    units: [PopulationUnit], services: [ServicePoint], thresholdMeters: Double,
    spacingMeters: Double
  ) throws -> [LonLat] {
    let index = NearestServiceIndex(services: services)
    let uncovered = units.filter { unit in
      unit.population > 0
        && (index.nearest(to: unit.location)?.distanceMeters ?? .infinity) > thresholdMeters
    }
    guard !uncovered.isEmpty else { return [] }
    let projection = try Projection(workCRS: WorkCRS.automatic(for: uncovered.map(\.location)))
    let (xs, ys) = projection.project(uncovered.map(\.location))
    var cells = Set<ProjectedPoint>()
    let reach = Int((thresholdMeters / spacingMeters).rounded(.up))
    for (x, y) in zip(xs, ys) where x.isFinite && y.isFinite {
      let column = Int((x / spacingMeters).rounded(.down))
      let row = Int((y / spacingMeters).rounded(.down))
      for dy in -reach...reach {
        for dx in -reach...reach {
          let cx = (Double(column + dx) + 0.5) * spacingMeters
          let cy = (Double(row + dy) + 0.5) * spacingMeters
          // Planar distance in the working CRS is a close stand-in here: the geodesic
          // decides coverage afterwards; a little margin keeps borderline cells.
          if hypot(cx - x, cy - y) <= thresholdMeters * 1.01 {
            cells.insert(ProjectedPoint(x: cx, y: cy))
          }
        }
      }
    }
    let ordered = cells.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
    return projection.unproject(interleaved: ordered.flatMap { [$0.x, $0.y] })
  }

  /// Greedy selection among `allowed` with lazy gain updates (CELF); ties go to the
  /// smaller candidate index.
  static func greedyOrder(
    covers: [[Int32]], population: [Double], allowed: [Int], count: Int
  ) -> [SiteChoice] {
    var covered = [Bool](repeating: false, count: population.count)
    func gain(_ candidate: Int) -> Double {
      covers[candidate].reduce(0) { covered[Int($1)] ? $0 : $0 + population[Int($1)] }
    }
    // Upper bounds of each candidate's gain, best first (then smaller index).
    var bounds = allowed.map { (candidate: $0, bound: gain($0)) }
    bounds.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.candidate < $1.candidate }
    var choices: [SiteChoice] = []
    var total = 0.0
    while choices.count < count, !bounds.isEmpty {
      let top = bounds.removeFirst()
      let fresh = gain(top.candidate)
      if let next = bounds.first,
        fresh < next.bound || (fresh == next.bound && top.candidate > next.candidate)
      {
        // Stale bound: put it back in order and look again.
        let entry = (candidate: top.candidate, bound: fresh)
        let position =
          bounds.firstIndex {
            $0.bound < fresh || ($0.bound == fresh && $0.candidate > top.candidate)
          } ?? bounds.count
        bounds.insert(entry, at: position)
        continue
      }
      for unit in covers[top.candidate] { covered[Int(unit)] = true }
      total += fresh
      choices.append(SiteChoice(candidate: top.candidate, gain: fresh, cumulative: total))
    }
    return choices
  }

  /// Swaps a chosen site for an unchosen candidate while that covers more people
  /// (first improvement, at most 50 rounds).
  static func improveBySwaps(_ chosen: inout [Int], covers: [[Int32]], population: [Double]) {
    guard !chosen.isEmpty else { return }
    let useful = covers.indices.filter { !covers[$0].isEmpty }
    for _ in 0..<50 {
      var count = [Int](repeating: 0, count: population.count)
      for site in chosen { for unit in covers[site] { count[Int(unit)] += 1 } }
      var improved = false
      search: for (slot, site) in chosen.enumerated() {
        // People only this site covers, lost if it goes.
        var soleHere = [Bool](repeating: false, count: population.count)
        var loss = 0.0
        for unit in covers[site] where count[Int(unit)] == 1 {
          soleHere[Int(unit)] = true
          loss += population[Int(unit)]
        }
        for candidate in useful where !chosen.contains(candidate) {
          let gain = covers[candidate].reduce(0.0) { sum, unit in
            let unit = Int(unit)
            return count[unit] == 0 || soleHere[unit] ? sum + population[unit] : sum
          }
          if gain > loss + 1e-9 {
            chosen[slot] = candidate
            improved = true
            break search
          }
        }
      }
      if !improved { return }
    }
  }
}
