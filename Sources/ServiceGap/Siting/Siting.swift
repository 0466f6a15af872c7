/// What `site` optimises.
public enum SitingObjective: String, Sendable, CaseIterable {
  /// The most people newly within the threshold with `count` sites (maximal covering).
  case coverage
  /// The least person-km to the nearest of the existing and new services (p-median).
  case personKm = "person-km"
  /// The fewest sites that bring everyone within the threshold whom any candidate can
  /// (set cover).
  case coverAll = "cover-all"
}

/// One siting question: the objective and its settings.
public struct SitingModel: Sendable {
  public var objective: SitingObjective
  /// The distance to bring people within (coverage and cover-all).
  public var thresholdMeters: Double?
  /// How many sites (coverage and person-km).
  public var count: Int
  /// The most people one new site may serve (coverage and cover-all).
  public var capacity: Double?
  /// The most branch-and-bound nodes per search while the gap is open; nil searches until
  /// the optimum is proven.
  public var nodeLimit: Int?

  public init(
    objective: SitingObjective, thresholdMeters: Double?, count: Int, capacity: Double? = nil,
    nodeLimit: Int? = 2000
  ) {
    self.objective = objective
    self.thresholdMeters = thresholdMeters
    self.count = count
    self.capacity = capacity
    self.nodeLimit = nodeLimit
  }
}

/// A siting answer with its proof.
public struct SitingResult: Sendable {
  public var objective: SitingObjective
  /// The chosen sites in greedy order; gains in people (coverage, cover-all) or person-km
  /// saved (person-km).
  public var sites: [SiteChoice]
  /// Plain greedy with the same count.
  public var greedy: [SiteChoice]
  /// The answer in the objective's terms: people newly within the threshold (or served,
  /// with a capacity), person-km, or the number of sites.
  public var value: Double
  /// The best any choice could do, proven: an upper bound on people, a lower bound on
  /// person-km or on the number of sites.
  public var bound: Double
  /// Whether the answer is proven optimal.
  public var proven: Bool
  /// Branch-and-bound nodes explored.
  public var nodes: Int
  /// People beyond the threshold from every existing service (coverage, cover-all).
  public var uncoveredPopulation: Double
  /// Of those, the people no candidate can bring within it (cover-all).
  public var unreachablePopulation: Double
  /// Person-km before any new site, and the people no existing service reaches, left out
  /// of person-km (person-km).
  public var basePersonKm: Double
  public var unservedPopulation: Double

  /// How far the answer may be from the best possible, as a share of the larger of the
  /// two: 0 when proven optimal.
  public var gap: Double {
    proven ? 0 : abs(value - bound) / max(abs(value), abs(bound), 1e-300)
  }

  /// People the answer brings within the threshold (coverage).
  public var covered: Double { value }
  /// The bound (coverage: no choice brings more people within the threshold).
  public var upperBound: Double { bound }
}

/// Where new service points would help most, for every ``SitingObjective``.
public enum Siting {
  /// Straight-line (geodesic) siting.
  ///
  /// - Parameters:
  ///   - units: The population units.
  ///   - services: The existing services of the category.
  ///   - candidates: Where a new service may go.
  ///   - model: The question.
  ///   - detourFactor: Trips as the geodesic times this (walking or cycling without
  ///     roads: ``TravelProfile/detourFactor``).
  /// - Returns: The answer and its bound.
  public static func solve(
    units: [PopulationUnit], services: [ServicePoint], candidates: [LonLat], model: SitingModel,
    detourFactor: Double = 1
  ) -> SitingResult {
    // The geodesic measure never throws.
    // swift-format-ignore: NeverUseForceTry
    try! solve(
      units: units, model: model,
      measure: GeodesicSitingMeasure(
        units: units, services: services, candidates: candidates, factor: detourFactor))
  }

  /// The same along the roads (legs included), one search per candidate bounded at the
  /// threshold (or, for person-km, at the farthest any unit is from an existing service).
  ///
  /// - Parameters:
  ///   - units: The population units.
  ///   - services: The existing services of the category.
  ///   - candidates: Where a new service may go.
  ///   - model: The question.
  ///   - network: The road network, built once in the units' working CRS.
  ///   - workers: Threads for the candidates' searches.
  /// - Returns: The answer and its bound.
  /// - Throws: ``CRSError`` for an unusable working CRS.
  public static func solve(
    units: [PopulationUnit], services: [ServicePoint], candidates: [LonLat], model: SitingModel,
    network: RoadNetwork, workers: Int = 2
  ) throws -> SitingResult {
    try solve(
      units: units, model: model,
      measure: RoadSitingMeasure(
        units: units, services: services, candidates: candidates, network: network,
        workers: workers))
  }

  static func solve(units: [PopulationUnit], model: SitingModel, measure: some SitingMeasure)
    throws -> SitingResult
  {
    let existing = measure.existing()
    let people = units.map(\.population)
    switch model.objective {
    case .coverage, .coverAll:
      let threshold = model.thresholdMeters ?? 0
      let uncovered = units.indices.filter { people[$0] > 0 && existing[$0] > threshold }
      let reach = try measure.reach(
        units: uncovered, limits: [Double](repeating: threshold, count: uncovered.count),
        inclusive: true)
      let population = uncovered.map { people[$0] }
      let covers = reach.map { $0.map { (unit: $0.unit, gain: 1.0) } }
      let uncoveredPopulation = population.reduce(0, +)
      if model.objective == .coverAll {
        return SetCoverSiting.solve(
          covers: covers, population: population, capacity: model.capacity,
          nodeLimit: model.nodeLimit, uncoveredPopulation: uncoveredPopulation)
      }
      let problem = SitingProblem(
        population: population, reach: covers, count: model.count, capacity: model.capacity)
      let outcome = SitingSearch.solve(problem, nodeLimit: model.nodeLimit)
      return SitingResult(
        objective: .coverage, sites: outcome.sites, greedy: outcome.greedy,
        value: outcome.value, bound: outcome.upperBound, proven: outcome.proven,
        nodes: outcome.nodes, uncoveredPopulation: uncoveredPopulation,
        unreachablePopulation: 0, basePersonKm: 0, unservedPopulation: 0)
    case .personKm:
      // Only units an existing service reaches have a person-km to lower.
      let served = units.indices.filter { people[$0] > 0 && existing[$0].isFinite }
      let unserved = units.indices.reduce(0.0) {
        people[$1] > 0 && !existing[$1].isFinite ? $0 + people[$1] : $0
      }
      let limits = served.map { existing[$0] }
      let reach = try measure.reach(units: served, limits: limits, inclusive: false)
      let savings = reach.map { pairs in
        pairs.map { (unit: $0.unit, gain: (limits[$0.unit] - $0.meters) / 1000) }
      }
      let base = served.reduce(0.0) { $0 + people[$1] * existing[$1] / 1000 }
      let problem = SitingProblem(
        population: served.map { people[$0] }, reach: savings, count: model.count)
      let outcome = SitingSearch.solve(problem, nodeLimit: model.nodeLimit)
      return SitingResult(
        objective: .personKm, sites: outcome.sites, greedy: outcome.greedy,
        value: base - outcome.value, bound: max(0, base - outcome.upperBound),
        proven: outcome.proven, nodes: outcome.nodes, uncoveredPopulation: 0,
        unreachablePopulation: 0, basePersonKm: base, unservedPopulation: unserved)
    }
  }
}
