/// Road-network measuring: the shortest road distance and the fastest travel time to the
/// nearest service of each category, and the detour over the straight line.
///
/// Builds the network once, snaps every unit and service once, then runs two
/// multi-source searches per category (one for metres, one for seconds): the two are
/// minimised separately, as BRIEF defines them.
struct RoadMeasuring: MeasuringMode {
  var options: NetworkOptions
  /// Keep two labels per junction in each plan's measure (criticality).
  var secondLabels: Bool
  /// Keep each category's search in its plan's measure, to price zone cells.
  var keepSearchesForZones: Bool

  func measure(_ run: AnalysisRun) throws -> Measurements {
    // The straight line first: the detour is the road distance over it.
    let straight = try StraightLineMeasuring(secondNearest: false).geodesicMetres(run)
    let steps = StageTimer()
    let (network, road) = try run.stage("road network") {
      let network = RoadNetwork(
        options: options, projection: run.projection, workers: run.workers, timer: steps)
      return (network, try measure(run, on: network, timer: steps))
    }
    run.timer.append(steps.timings)
    var categories = road.categories
    for (position, straightMetres) in straight.enumerated() {
      categories[position].detour = zip(categories[position].nearest, straightMetres)
        .map { road, straight in
          // NaN (no service) fails the comparison too.
          guard let road, straight > 0 else { return nil }
          return road.distanceMeters / straight
        }
    }
    return Measurements(
      categories: categories,
      zones: .grid(
        RoadCellPricing(network: network, plans: run.input.plans, searches: road.searches),
        stage: "zones: road grid"),
      roadNetwork: network, diagnostics: road.diagnostics)
  }

  /// What one search found: the nearest services (metres) or the minutes (seconds), the
  /// search itself when zones will price cells with it, and criticality's alternatives.
  private struct SearchAnswers {
    var nearest: [NearestService?]?
    var minutes: [Double?]?
    var kept: NetworkDistances.Evaluator?
    var alternatives: [ServiceAlternative?]?
  }

  /// What the searches found, per plan.
  private struct Found {
    var categories: [MeasuredCategory]
    var searches: [NetworkDistances.Evaluator?]
    var diagnostics: NetworkDiagnostics
  }

  private func measure(_ run: AnalysisRun, on network: RoadNetwork, timer: StageTimer) throws
    -> Found
  {
    let input = run.input
    let points = run.coordinates
    let workers = run.workers
    let (unitSnaps, serviceSnaps) = try timer.time("road network: snap points") {
      let units = try parallelMap(points.unitXs.count, workers: workers) {
        network.snap(x: points.unitXs[$0], y: points.unitYs[$0])
      }
      let services = try parallelMap(points.serviceXs.count, workers: workers) {
        network.snap(x: points.serviceXs[$0], y: points.serviceYs[$0])
      }
      return (units, services)
    }
    let plans = input.plans
    // Per category, the services sorted by id: rank order decides exact ties.
    let ranked = plans.map { plan in
      run.services(of: plan.name).sorted { input.services[$0].id < input.services[$1].id }
    }
    // Every unit placed on its chain once per measure, for all the searches.
    let placed = try parallelMap(2, workers: workers) { job in
      let pricing = network.pricing(job == 0 ? .meters : .seconds)
      return unitSnaps.map { $0.map(pricing.place) }
    }
    let secondLabels = self.secondLabels
    let keepSearches = keepSearchesForZones
    let searches = try timer.time("road network: searches") {
      try parallelMap(plans.count * 2, workers: workers) { job -> SearchAnswers in
        let plan = plans[job / 2]
        let members = ranked[job / 2]
        let measure: Measure = job % 2 == 0 ? .meters : .seconds
        // Criticality keeps two labels per junction in the plan's measure.
        let critical = secondLabels && plan.measure == measure
        let evaluator = network.search(
          from: members.map { serviceSnaps[$0] }, measure: measure, secondLabels: critical)
        let places = placed[job % 2]
        // Straight into the form the results keep: no per-unit array in between.
        var nearest: [NearestService?]?
        var minutes: [Double?]?
        if measure == .meters {
          nearest = places.map { place in
            place.flatMap(evaluator.best(at:)).map { best in
              NearestService(serviceIndex: members[best.rank], distanceMeters: best.cost)
            }
          }
        } else {
          minutes = places.map { place in place.flatMap(evaluator.best(at:)).map { $0.cost / 60 } }
        }
        let alternatives: [ServiceAlternative?]? =
          critical
          ? places.map { place in
            place.flatMap(evaluator.bestTwo(at:)).map {
              ServiceAlternative(
                serviceIndex: members[$0.first.rank], cost: $0.first.cost,
                secondCost: $0.second?.cost)
            }
          } : nil
        // Only the searches zones will price are kept: each holds two arrays per node.
        return SearchAnswers(
          nearest: nearest, minutes: minutes,
          kept: keepSearches && plan.measure == measure ? evaluator : nil,
          alternatives: alternatives)
      }
    }
    let categories = plans.indices.map { position -> MeasuredCategory in
      let meters = searches[2 * position]
      let seconds = searches[2 * position + 1]
      return MeasuredCategory(
        nearest: meters.nearest ?? [], minutes: seconds.minutes,
        alternatives: meters.alternatives ?? seconds.alternatives)
    }
    let kept = plans.indices.map { searches[2 * $0].kept ?? searches[2 * $0 + 1].kept }
    let diagnostics = timer.time("road network: components") {
      Self.diagnostics(
        network: network, input: input, unitSnaps: unitSnaps, serviceSnaps: serviceSnaps)
    }
    return Found(categories: categories, searches: kept, diagnostics: diagnostics)
  }

  /// Facts about the graph and the snapping that a planner should check by hand.
  private static func diagnostics(
    network: RoadNetwork, input: AnalysisInput, unitSnaps: [SnapPoint?],
    serviceSnaps: [SnapPoint?]
  ) -> NetworkDiagnostics {
    let graph = network.graph
    let (component, sizes) = graph.components()
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
    return NetworkDiagnostics(
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
  }
}
