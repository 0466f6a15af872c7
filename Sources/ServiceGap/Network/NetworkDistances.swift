/// Road distance or travel time from every unit to the nearest service of one category.
enum NetworkDistances {
  /// A unit's best cost and the rank of the service that gives it.
  struct Best: Sendable {
    var cost: Double
    var rank: Int
  }

  /// Costs per unit (nil when no service can be reached).
  ///
  /// - Parameters:
  ///   - graph: The road graph.
  ///   - units: Where each unit joins the network (nil beyond `--max-snap`).
  ///   - services: Where each service joins the network, indexed by rank (the
  ///     services sorted by id, so exact ties go to the smallest id).
  ///   - measure: Metres or seconds.
  ///   - accessMetresPerSecond: Speed of the legs between points and roads.
  /// - Returns: Per unit, the best cost (metres or seconds) and the service's rank.
  static func best(
    graph: RoadGraph, units: [SnapPoint?], services: [SnapPoint?],
    measure: MultiSourceSearch.Measure, accessMetresPerSecond: Double
  ) -> [Best?] {
    let evaluator = search(
      graph: graph, services: services, measure: measure,
      accessMetresPerSecond: accessMetresPerSecond)
    return units.map { $0.flatMap(evaluator.best) }
  }

  /// Runs one multi-source search from `services` (indexed by rank) and returns
  /// it ready to price any snap point.
  static func search(
    graph: RoadGraph, services: [SnapPoint?], measure: MultiSourceSearch.Measure,
    accessMetresPerSecond: Double
  ) -> Evaluator {
    let pricing = Pricing(
      graph: graph, measure: measure, accessMetresPerSecond: accessMetresPerSecond)
    var seeds: [MultiSourceSearch.Seed] = []
    var onPiece: [Int: [Int]] = [:]
    for (rank, snap) in services.enumerated() {
      guard let snap else { continue }
      let piece = snap.piece
      onPiece[piece, default: []].append(rank)
      // Drive from the piece's first vertex forwards to the service, or from its
      // second vertex backwards, as the piece's direction allows. A snap point on a
      // vertex is that vertex: no direction is needed to get there.
      if graph.pieceForward[piece] || snap.fraction == 0 {
        seeds.append(
          .init(
            node: graph.pieceFrom[piece],
            cost: pricing.leg(snap) + pricing.part(piece, snap.fraction), rank: Int32(rank)))
      }
      if graph.pieceBackward[piece] || snap.fraction == 1 {
        seeds.append(
          .init(
            node: graph.pieceTo[piece],
            cost: pricing.leg(snap) + pricing.part(piece, 1 - snap.fraction), rank: Int32(rank)))
      }
    }
    let search = MultiSourceSearch(graph: graph, seeds: seeds, measure: measure)
    return Evaluator(
      pricing: pricing, cost: search.cost, reached: search.reached, services: services,
      onPiece: onPiece)
  }

  /// Costs of legs and of driving along part of a piece, in one measure.
  struct Pricing: Sendable {
    let graph: RoadGraph
    let measure: MultiSourceSearch.Measure
    let accessMetresPerSecond: Double

    /// Cost of the leg between a point and its snap point.
    func leg(_ snap: SnapPoint) -> Double {
      measure == .meters ? snap.legMeters : snap.legMeters / accessMetresPerSecond
    }

    /// Cost of driving `fraction` of a piece.
    func part(_ piece: Int, _ fraction: Double) -> Double {
      let meters = graph.pieceLength[piece] * fraction
      return measure == .meters ? meters : meters / graph.pieceSpeed[piece]
    }
  }

  /// The settled search of one category and measure, ready to price any snap
  /// point: units, and the centres of network-zone grid cells.
  struct Evaluator: Sendable {
    let pricing: Pricing
    /// Best cost per node, and the rank of the service reached (−1 when none).
    let cost: [Double]
    let reached: [Int32]
    let services: [SnapPoint?]
    /// Ranks of the services snapped to each piece.
    let onPiece: [Int: [Int]]

    /// The best cost from `snap` to a service, and that service's rank; nil when
    /// none can be reached.
    func best(_ snap: SnapPoint) -> Best? {
      let graph = pricing.graph
      let piece = snap.piece
      var best: Best?
      func offer(_ cost: Double, _ rank: Int) {
        guard cost.isFinite, rank >= 0 else { return }
        if let current = best {
          // Within a micrometre (or microsecond) is a tie: the smaller rank wins.
          if cost < current.cost - 1e-6 || (abs(cost - current.cost) <= 1e-6 && rank < current.rank)
          {
            best = Best(cost: cost, rank: rank)
          }
        } else {
          best = Best(cost: cost, rank: rank)
        }
      }
      let from = Int(graph.pieceFrom[piece])
      let to = Int(graph.pieceTo[piece])
      let leg = pricing.leg(snap)
      // Leave the snap point towards the first vertex (driving backwards) or the second.
      if graph.pieceBackward[piece] || snap.fraction == 0 {
        offer(leg + pricing.part(piece, snap.fraction) + cost[from], Int(reached[from]))
      }
      if graph.pieceForward[piece] || snap.fraction == 1 {
        offer(leg + pricing.part(piece, 1 - snap.fraction) + cost[to], Int(reached[to]))
      }
      // Services on the same piece can be reached directly along it.
      for rank in onPiece[piece] ?? [] {
        guard let service = services[rank] else { continue }
        let ahead = service.fraction >= snap.fraction
        let direct =
          service.fraction == snap.fraction
          || (ahead ? graph.pieceForward[piece] : graph.pieceBackward[piece])
        guard direct else { continue }
        offer(
          leg + pricing.part(piece, abs(service.fraction - snap.fraction))
            + pricing.leg(service), rank)
      }
      return best
    }
  }
}
