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
  }

  static func run(
    network: NetworkOptions, input: AnalysisInput, projection: Projection, unitXs: [Double],
    unitYs: [Double], serviceXs: [Double], serviceYs: [Double],
    servicesByCategory: [String: [Int]], workers: Int
  ) throws -> Output {
    let graph = RoadGraph(roads: network.roads, projection: projection, speeds: network.speeds)
    let index = PieceIndex(graph: graph)
    let maxSnap = network.maxSnapMeters
    let unitSnaps = try parallelMap(unitXs.count, workers: workers) { unit in
      index.snap(x: unitXs[unit], y: unitYs[unit], maxMeters: maxSnap)
    }
    let serviceSnaps = try parallelMap(serviceXs.count, workers: workers) { service in
      index.snap(x: serviceXs[service], y: serviceYs[service], maxMeters: maxSnap)
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
    let results = try parallelMap(categories.count * 2, workers: workers) { job in
      let members = ranked[job / 2]
      return NetworkDistances.best(
        graph: graph, units: unitSnaps, services: members.map { serviceSnaps[$0] },
        measure: job % 2 == 0 ? .meters : .seconds, accessMetresPerSecond: access)
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
    let diagnostics = NetworkDiagnostics(
      nodes: graph.nodeCount, arcs: graph.arcCount, componentSizes: sizes.sorted(by: >),
      unitsBeyondMaxSnap: unitSnaps.filter { $0 == nil }.count,
      servicesBeyondMaxSnap: serviceSnaps.filter { $0 == nil }.count,
      unitsSnappedOver1km: unitSnaps.indices.filter { (unitSnaps[$0]?.legMeters ?? 0) > 1000 }
        .map { input.units[$0].id },
      servicesOnIslands: islands)
    return Output(nearest: nearest, minutes: minutes, diagnostics: diagnostics)
  }
}
