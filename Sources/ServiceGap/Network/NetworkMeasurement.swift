import Dispatch

/// Road distances and travel times for every unit and category.
///
/// Builds the graph once, snaps every unit and service once, then runs two
/// multi-source searches per category (one for metres, one for seconds):
/// the two are minimised separately, as BRIEF defines them.
enum NetworkMeasurement {
  struct Output {
    var nearest: [String: [NearestService?]]
    var minutes: [String: [Double?]]
    var diagnostics: NetworkDiagnostics
    /// The settled search per category in the measure of its thresholds (metres
    /// for km, seconds for minutes), kept for pricing zone cells; empty unless asked.
    var zoneSearches: [String: NetworkDistances.Evaluator]
    /// Snaps further points (zone cells) to the same roads.
    var pieceIndex: PieceIndex
    /// Time of each step, for `--timings`.
    var timings: [StageTiming]
    /// Per category asked for criticality, per unit: the best service in the measure of
    /// the category's thresholds, its cost and the best other service's cost (metres or
    /// seconds; nil when no other is reachable).
    var alternatives: [String: [Alternative?]] = [:]
  }

  /// A unit's best service and what it would have without it.
  struct Alternative: Sendable {
    var serviceIndex: Int
    var cost: Double
    var secondCost: Double?
  }

  static func run(
    network: NetworkOptions, input: AnalysisInput, projection: Projection, unitXs: [Double],
    unitYs: [Double], serviceXs: [Double], serviceYs: [Double],
    servicesByCategory: [String: [Int]], zoneMeasures: [String: MultiSourceSearch.Measure],
    criticalMeasures: [String: MultiSourceSearch.Measure] = [:], workers: Int
  ) throws -> Output {
    var timings: [StageTiming] = []
    func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
      let start = DispatchTime.now().uptimeNanoseconds
      defer {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        timings.append(
          StageTiming(
            stage: "road network: " + stage, seconds: seconds,
            peakResidentBytes: PeakMemory.bytes()))
      }
      return try body()
    }
    let graph = timed("graph") {
      RoadGraph(
        roads: network.roads, projection: projection, speeds: network.speeds, workers: workers)
    }
    let chains = timed("chains") { ChainGraph(graph: graph) }
    let index = timed("snap index") { PieceIndex(graph: graph) }
    let maxSnap = network.maxSnapMeters
    let (unitSnaps, serviceSnaps) = try timed("snap points") {
      let units = try parallelMap(unitXs.count, workers: workers) { unit in
        index.snap(x: unitXs[unit], y: unitYs[unit], maxMeters: maxSnap)
      }
      let services = try parallelMap(serviceXs.count, workers: workers) { service in
        index.snap(x: serviceXs[service], y: serviceYs[service], maxMeters: maxSnap)
      }
      return (units, services)
    }
    let access = network.accessSpeedKmh / 3.6
    var nearest: [String: [NearestService?]] = [:]
    var minutes: [String: [Double?]] = [:]
    let categories = input.categories
    // Per category, the services sorted by id: rank order decides exact ties.
    let ranked = categories.map { category in
      (servicesByCategory[category] ?? []).sorted {
        input.services[$0].id < input.services[$1].id
      }
    }
    // Every unit placed on its chain once per measure, for all the searches.
    let placed = try parallelMap(2, workers: workers) { job in
      let pricing = NetworkDistances.Pricing(
        graph: graph, chains: chains, measure: job == 0 ? .meters : .seconds,
        accessMetresPerSecond: access)
      return unitSnaps.map { $0.map(pricing.place) }
    }
    let unitPlaces = (meters: placed[0], seconds: placed[1])
    let searches = try timed("searches") {
      try parallelMap(categories.count * 2, workers: workers) {
        job -> (
          best: [NetworkDistances.Best?], kept: NetworkDistances.Evaluator?,
          alternatives: [Alternative?]?
        ) in
        let members = ranked[job / 2]
        let measure: MultiSourceSearch.Measure = job % 2 == 0 ? .meters : .seconds
        // Criticality keeps two labels per junction in the thresholds' measure.
        let critical = criticalMeasures[categories[job / 2]] == measure
        let evaluator = NetworkDistances.search(
          graph: graph, chains: chains, services: members.map { serviceSnaps[$0] },
          measure: measure, accessMetresPerSecond: access, secondLabels: critical)
        let places = job % 2 == 0 ? unitPlaces.meters : unitPlaces.seconds
        let best = places.map { $0.flatMap(evaluator.best(at:)) }
        let alternatives: [Alternative?]? =
          critical
          ? places.map { place in
            place.flatMap(evaluator.bestTwo(at:)).map {
              Alternative(
                serviceIndex: members[$0.first.rank], cost: $0.first.cost,
                secondCost: $0.second?.cost)
            }
          } : nil
        // Only the searches zones will price are kept: each holds two arrays per node.
        return (
          best, zoneMeasures[categories[job / 2]] == measure ? evaluator : nil, alternatives
        )
      }
    }
    let results = searches.map(\.best)
    var zoneSearches: [String: NetworkDistances.Evaluator] = [:]
    var alternatives: [String: [Alternative?]] = [:]
    for (job, search) in searches.enumerated() {
      if let kept = search.kept { zoneSearches[categories[job / 2]] = kept }
      if let found = search.alternatives { alternatives[categories[job / 2]] = found }
    }
    for (position, category) in categories.enumerated() {
      let members = ranked[position]
      nearest[category] = results[2 * position].map { best in
        best.map { best in
          let service = members[best.rank]
          return NearestService(
            serviceIndex: service, serviceID: input.services[service].id,
            distanceMeters: best.cost)
        }
      }
      minutes[category] = results[2 * position + 1].map { $0.map { $0.cost / 60 } }
    }

    let (component, sizes) = timed("components") { graph.components() }
    var populated = Set<Int32>()
    for snap in unitSnaps {
      if let snap { populated.insert(component[Int(graph.pieceFrom[snap.piece])]) }
    }
    var islands: [String] = []
    for (service, snap) in serviceSnaps.enumerated() {
      if let snap, !populated.contains(component[Int(graph.pieceFrom[snap.piece])]) {
        islands.append(input.services[service].id)
      }
    }
    let diagnostics = NetworkDiagnostics(
      nodes: graph.nodeCount, arcs: graph.arcCount, componentSizes: sizes.sorted(by: >),
      unitsBeyondMaxSnap: unitSnaps.indices.filter { unitSnaps[$0] == nil }.map {
        input.units[$0].id
      },
      servicesBeyondMaxSnap: serviceSnaps.indices.filter { serviceSnaps[$0] == nil }.map {
        input.services[$0].id
      },
      unitsSnappedOver1km: unitSnaps.indices.filter { (unitSnaps[$0]?.legMeters ?? 0) > 1000 }
        .map { input.units[$0].id },
      servicesOnIslands: islands)
    return Output(
      nearest: nearest, minutes: minutes, diagnostics: diagnostics, zoneSearches: zoneSearches,
      pieceIndex: index, timings: timings, alternatives: alternatives)
  }
}
