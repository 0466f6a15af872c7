/// What an analysis found for one category.
public struct CategoryResult: Sendable {
  /// The category's plan: its name, thresholds and classes.
  public let plan: CategoryPlan
  /// Indices into ``AnalysisResult/services`` of the category's services, ascending.
  public let serviceIndices: [Int]
  /// Per unit (parallel to ``AnalysisResult/units``): the nearest service by distance,
  /// straight-line or along the roads; nil when none can be reached.
  public var nearest: [NearestService?]
  /// Per unit: the fastest travel time in minutes (nil = unreachable); nil when the mode
  /// measures no time (straight line).
  public var minutes: [Double?]?
  /// Per unit: the road distance over the straight-line distance to the nearest service
  /// (nil when either is missing or the latter is 0); nil in straight-line mode.
  public var detour: [Double?]?
  /// Closure criticality, with ``AnalysisOptions/criticality``: per service of
  /// ``serviceIndices`` (same order), per threshold (ascending), the people who would move
  /// beyond it if that service alone closed.
  public var solePopulation: [[Double]]?
  /// Closure criticality in person-km (or person-minutes), with
  /// ``AnalysisOptions/criticality``: per service of ``serviceIndices`` (same order).
  public var closureBurden: [ClosureBurden]?
  /// Public transport mode: per unit, the travel time at each percentile and the share of
  /// departures that reach a service (``minutes`` holds the median).
  public var transit: TransitTravelTimes?

  /// The category's name.
  public var name: String { plan.name }

  /// Per unit, its value in the plan's unit: km of distance, or minutes of travel time;
  /// nil when unreachable.
  public var values: [Double?] {
    switch plan.unit {
    case .km: return nearest.map { $0.map { $0.distanceMeters / 1000 } }
    case .min: return minutes ?? nearest.map { _ in nil }
    }
  }

  /// The criticality of the service at `serviceIndex` (an index into the result's
  /// services); nil when not measured or not of this category.
  public func solePopulation(ofService serviceIndex: Int) -> [Double]? {
    guard let solePopulation, let position = position(ofService: serviceIndex) else {
      return nil
    }
    return solePopulation[position]
  }

  /// The closure burden of the service at `serviceIndex` (an index into the result's
  /// services); nil when not measured or not of this category.
  public func closureBurden(ofService serviceIndex: Int) -> ClosureBurden? {
    guard let closureBurden, let position = position(ofService: serviceIndex) else {
      return nil
    }
    return closureBurden[position]
  }

  /// The position of a service in ``serviceIndices``; nil when it is not of this category.
  private func position(ofService serviceIndex: Int) -> Int? {
    // serviceIndices is ascending: a binary search.
    var low = 0
    var high = serviceIndices.count
    while low < high {
      let middle = (low + high) / 2
      if serviceIndices[middle] < serviceIndex { low = middle + 1 } else { high = middle }
    }
    return low < serviceIndices.count && serviceIndices[low] == serviceIndex ? low : nil
  }
}

/// Everything one analysis produces.
public struct AnalysisResult: Sendable {
  /// The population units, in input order.
  public var units: [PopulationUnit]
  /// The services, in input order.
  public var services: [ServicePoint]
  /// Region name per unit (parallel to ``units``): a region's name or `outside`.
  public var unitRegions: [String]
  /// Region name per service (parallel to ``services``).
  public var serviceRegions: [String]
  /// One result per category, in the order asked.
  public var perCategory: [CategoryResult]
  /// Service-sparse zones, in the order they are written: by category, threshold and
  /// region in straight-line mode, by region, category and threshold along the roads;
  /// within those, largest area first.
  public var zones: [Zone]
  /// Summary rows: each region (in input order), then `outside` if any, then `ALL`;
  /// within a region, categories in the requested order.
  public var summary: [SummaryRow]
  /// The working CRS used for indexing, buffering and areas, such as `EPSG:3006`.
  public var workCRS: String
  /// Non-fatal remarks worth showing the user (repaired polygons, empty categories, …).
  public var warnings: [String]
  /// Time per stage.
  public var timings: [StageTiming]
  /// Road-network mode: facts about the road graph and snapping.
  public var networkDiagnostics: NetworkDiagnostics?
  /// Road-network mode: the network measured along, for further measuring on the same
  /// roads (accessibility indices) without building it again.
  public var roadNetwork: RoadNetwork?
  /// Public transport mode: facts about the timetable, the walks and missed departures.
  public var transitDiagnostics: TransitDiagnostics?
  /// Who travelled: by car (straight line or roads), on foot or by bicycle.
  public var profile: TravelProfile = .car
  /// The units and services in the working CRS.
  let coordinates: ProjectedCoordinates

  /// The categories analysed, in the order asked.
  public var categories: [String] { perCategory.map(\.name) }

  /// Whether the outputs carry travel times (`C_time_min`) and detours: along the roads,
  /// or walking and cycling with or without roads; not the straight line by car, nor
  /// public transport (which writes its own columns).
  public var hasTravelTimes: Bool {
    networkDiagnostics != nil || profile.speedKmh != nil
  }

  /// The plans of the categories, in the order asked.
  public var plans: [CategoryPlan] { perCategory.map(\.plan) }

  /// The result of one category; nil when it was not analysed.
  public subscript(category: String) -> CategoryResult? {
    perCategory.first { $0.name == category }
  }

  /// The id of a unit's nearest service (`C_nearest`).
  public func serviceID(of nearest: NearestService) -> String {
    services[nearest.serviceIndex].id
  }
}
