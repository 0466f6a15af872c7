/// Prices points of the analysis grid for zones drawn on a grid: what each category's plan
/// classifies (road distance or travel time), in the plan's unit.
///
/// The road network and public transport each price cell centres their own way; the grid,
/// the tracing and the clipping (``GridZoneBuilder``) are shared.
protocol GridCellPricing: Sendable {
  /// Side of the grid's cells in metres.
  var cellMeters: Double { get }
  /// The plans priced (their positions in the run's plans), in the order of ``values``.
  var plans: [Int] { get }
  /// Calls `body` once per priced plan, in order, with its position in ``plans`` and its
  /// value at every point (projected x and y in the working CRS) in the plan's unit, nil
  /// where no service can be reached.
  ///
  /// One plan at a time: a large region has a million cells, and holding every plan's
  /// values at once would cost 16 bytes a cell for each.
  func values(xs: [Double], ys: [Double], _ body: (Int, [Double?]) -> Void)
}

/// Road-network pricing: each point snapped to the roads once, placed on its chain once
/// per measure, and read from every category's settled search.
struct RoadCellPricing: GridCellPricing {
  let network: RoadNetwork
  let plans: [Int]
  let categories: [CategoryPlan]
  let searches: [NetworkDistances.Evaluator]

  var cellMeters: Double { network.options.cellMeters }

  /// The categories with a search and thresholds: the others draw no zones.
  init(network: RoadNetwork, plans all: [CategoryPlan], searches: [NetworkDistances.Evaluator?]) {
    self.network = network
    let priced = all.indices.filter { searches[$0] != nil && !all[$0].thresholds.isEmpty }
    plans = priced
    categories = priced.map { all[$0] }
    self.searches = priced.compactMap { searches[$0] }
  }

  func values(xs: [Double], ys: [Double], _ body: (Int, [Double?]) -> Void) {
    let snaps = zip(xs, ys).map { network.snap(x: $0, y: $1) }
    var placesByMeasure: [Measure: [NetworkDistances.Pricing.Place?]] = [:]
    for search in searches where placesByMeasure[search.pricing.measure] == nil {
      let pricing = search.pricing
      placesByMeasure[pricing.measure] = snaps.map { $0.map(pricing.place) }
    }
    for (position, (plan, search)) in zip(categories, searches).enumerated() {
      body(
        position,
        (placesByMeasure[search.pricing.measure] ?? []).map { place in
          place.flatMap { search.best(at: $0) }.map { $0.cost / plan.rawPerUnit }
        })
    }
  }
}
