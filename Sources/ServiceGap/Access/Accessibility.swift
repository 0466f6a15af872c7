/// Accessibility indices of an analysed population: 2SFCA, or E2SFCA with distance decay.
public struct AccessibilityResult: Sendable {
  /// One category's indices.
  public struct Category: Sendable {
    /// The category.
    public var name: String
    /// Per unit (parallel to the analysis' units): the index per 1,000 inhabitants.
    public var index: [Double]
  }

  /// One region's (or `ALL`'s) population-weighted mean and Gini coefficient of a
  /// category's index.
  public struct Row: Sendable {
    public var region: String
    public var category: String
    public var population: Double
    public var mean: Double?
    public var gini: Double?
  }

  /// `2sfca`, or `e2sfca` with distance decay: the suffix of the written columns.
  public var method: String
  /// Per category, in the analysis' order.
  public var categories: [Category]
  /// Per category, per region in the summary's order (`ALL` last).
  public var rows: [Row]
  /// Time per category, for `--timings`.
  public var timings: [StageTiming]
}

/// Computes accessibility indices on the units, services and distances of an analysis.
public enum Accessibility {
  /// The 2SFCA (or E2SFCA) index of every unit and category, with the mean and Gini per
  /// region.
  ///
  /// Straight-line (geodesic) distances, or, when `result` was measured along the roads,
  /// road distances on the same network, without building it again; walking and cycling
  /// without roads, the geodesic × ``TravelProfile/detourFactor``.
  ///
  /// - Parameters:
  ///   - result: The analysis (units, services, regions, and the road network if any).
  ///   - catchmentKm: Per category, the catchment size d0 in km.
  ///   - weights: Distance decay; `.none` for plain 2SFCA.
  ///   - workers: Threads for the road searches.
  /// - Returns: The indices and the per-region rows, in the analysis' category order.
  /// - Throws: ``AccessibilityError/noCatchment(category:)`` for a category without a
  ///   catchment.
  public static func compute(
    _ result: AnalysisResult, catchmentKm: [String: Double], weights: DecayWeights,
    workers: Int = 2
  ) throws -> AccessibilityResult {
    let timer = StageTimer()
    var categories: [AccessibilityResult.Category] = []
    var rows: [AccessibilityResult.Row] = []
    let populations = result.units.map(\.population)
    var regions: [String] = []
    for region in result.summary.map(\.region) where !regions.contains(region) {
      regions.append(region)
    }
    for category in result.perCategory {
      guard let kilometres = catchmentKm[category.name] else {
        throw AccessibilityError.noCatchment(category: category.name)
      }
      let services = category.serviceIndices
      let computed = try timer.time("access: \(category.name)") {
        try index(
          result, services: services, catchmentKm: kilometres, weights: weights,
          workers: workers)
      }
      categories.append(.init(name: category.name, index: computed.index))
      for region in regions {
        let members =
          region == Analysis.allRegions
          ? Array(result.units.indices)
          : result.units.indices.filter { result.unitRegions[$0] == region }
        let (mean, gini) = FloatingCatchment.meanAndGini(
          index: computed.index, populations: populations, members: members)
        rows.append(
          .init(
            region: region, category: category.name,
            population: members.reduce(0) { $0 + populations[$1] }, mean: mean, gini: gini))
      }
    }
    return AccessibilityResult(
      method: weights == .none ? "2sfca" : "e2sfca", categories: categories, rows: rows,
      timings: timer.timings)
  }

  /// One category's index: along the analysis' roads, or straight-line.
  private static func index(
    _ result: AnalysisResult, services: [Int], catchmentKm: Double, weights: DecayWeights,
    workers: Int
  ) throws -> FloatingCatchmentResult {
    let members = services.map { result.services[$0] }
    guard let network = result.roadNetwork else {
      // Walking and cycling without roads: trips are the geodesic × the detour factor.
      return FloatingCatchment.compute(
        units: result.units, services: members, catchmentKm: catchmentKm, weights: weights,
        detourFactor: result.profile == .car ? 1 : TravelProfile.detourFactor)
    }
    let points = result.coordinates
    return try FloatingCatchment.compute(
      units: result.units, unitXs: points.unitXs, unitYs: points.unitYs, services: members,
      serviceXs: services.map { points.serviceXs[$0] },
      serviceYs: services.map { points.serviceYs[$0] }, catchmentKm: catchmentKm,
      weights: weights, network: network, workers: workers)
  }
}

/// Why accessibility indices cannot be computed.
public enum AccessibilityError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No catchment size was given for an analysed category.
  case noCatchment(category: String)

  public var description: String {
    switch self {
    case .noCatchment(let category):
      return "no catchment distance for '\(category)'"
    }
  }
}
