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
    func leg(_ snap: SnapPoint) -> Double {
      measure == .meters ? snap.legMeters : snap.legMeters / accessMetresPerSecond
    }
    /// Cost of driving `fraction` of a piece.
    func part(_ piece: Int, _ fraction: Double) -> Double {
      let meters = graph.pieceLength[piece] * fraction
      return measure == .meters ? meters : meters / graph.pieceSpeed[piece]
    }
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
            node: graph.pieceFrom[piece], cost: leg(snap) + part(piece, snap.fraction),
            rank: Int32(rank)))
      }
      if graph.pieceBackward[piece] || snap.fraction == 1 {
        seeds.append(
          .init(
            node: graph.pieceTo[piece], cost: leg(snap) + part(piece, 1 - snap.fraction),
            rank: Int32(rank)))
      }
    }
    let search = MultiSourceSearch(graph: graph, seeds: seeds, measure: measure)
    return units.map { snap -> Best? in
      guard let snap else { return nil }
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
      // Leave the snap point towards the first vertex (driving backwards) or the second.
      if graph.pieceBackward[piece] || snap.fraction == 0 {
        offer(leg(snap) + part(piece, snap.fraction) + search.cost[from], Int(search.reached[from]))
      }
      if graph.pieceForward[piece] || snap.fraction == 1 {
        offer(leg(snap) + part(piece, 1 - snap.fraction) + search.cost[to], Int(search.reached[to]))
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
          leg(snap) + part(piece, abs(service.fraction - snap.fraction)) + leg(service), rank)
      }
      return best
    }
  }
}
