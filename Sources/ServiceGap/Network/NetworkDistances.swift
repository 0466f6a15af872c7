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
  ///   - chains: The same graph with pass-through vertices collapsed (searched).
  ///   - units: Where each unit joins the network (nil beyond `--max-snap`).
  ///   - services: Where each service joins the network, indexed by rank (the
  ///     services sorted by id, so exact ties go to the smallest id).
  ///   - measure: Metres or seconds.
  ///   - accessMetresPerSecond: Speed of the legs between points and roads.
  /// - Returns: Per unit, the best cost (metres or seconds) and the service's rank.
  static func best(
    graph: RoadGraph, chains: ChainGraph, units: [SnapPoint?], services: [SnapPoint?],
    measure: Measure, accessMetresPerSecond: Double
  ) -> [Best?] {
    let evaluator = search(
      graph: graph, chains: chains, services: services, measure: measure,
      accessMetresPerSecond: accessMetresPerSecond)
    return units.map { $0.flatMap(evaluator.best) }
  }

  /// Runs one multi-source search from `services` (indexed by rank) and returns
  /// it ready to price any snap point.
  static func search(
    graph: RoadGraph, chains: ChainGraph, services: [SnapPoint?],
    measure: Measure, accessMetresPerSecond: Double,
    secondLabels: Bool = false, limit: Double = .infinity
  ) -> Evaluator {
    let pricing = Pricing(
      graph: graph, chains: chains, measure: measure, accessMetresPerSecond: accessMetresPerSecond)
    var seeds: [MultiSourceSearch.Seed] = []
    var onChain: [Int32: [Int]] = [:]
    var placed: [Pricing.Place?] = []
    for (rank, snap) in services.enumerated() {
      guard let snap else {
        placed.append(nil)
        continue
      }
      let place = pricing.place(snap)
      placed.append(place)
      onChain[place.chain, default: []].append(rank)
      // Drive from the chain's start forwards to the service, or from its end
      // backwards, as the chain allows. A service on a junction is that junction:
      // no direction is needed to get there.
      let chain = Int(place.chain)
      if chains.chainForward[chain] || place.atStart {
        seeds.append(
          .init(
            node: chains.chainStart[chain], cost: place.leg + place.fromStart, rank: Int32(rank)))
      }
      if chains.chainBackward[chain] || place.atEnd {
        seeds.append(
          .init(node: chains.chainEnd[chain], cost: place.leg + place.toEnd, rank: Int32(rank)))
      }
    }
    let search = MultiSourceSearch(
      chains: chains, seeds: seeds, measure: measure, secondLabels: secondLabels, limit: limit)
    var hasService = [Bool](repeating: false, count: chains.chainCount)
    for chain in onChain.keys { hasService[Int(chain)] = true }
    return Evaluator(
      pricing: pricing, cost: search.cost, reached: search.reached,
      secondCost: search.secondCost, secondReached: search.secondReached, services: placed,
      onChain: onChain, chainHasService: hasService)
  }

  /// Where points lie along the chains, and what their legs cost, in one measure.
  struct Pricing: Sendable {
    let graph: RoadGraph
    let chains: ChainGraph
    let measure: Measure
    let accessMetresPerSecond: Double

    /// A snap point as a position along its chain.
    struct Place: Sendable {
      var chain: Int32
      /// Cost of the leg between the point and the road.
      var leg: Double
      /// Cost along the chain from its start to the point, and from the point to its end.
      var fromStart: Double
      var toEnd: Double
      /// Whether the point sits on the chain's start or end junction.
      var atStart: Bool
      var atEnd: Bool
    }

    func place(_ snap: SnapPoint) -> Place {
      let piece = snap.piece
      let chain = Int(chains.pieceChain[piece])
      let along = chains.pieceReversed[piece] ? 1 - snap.fraction : snap.fraction
      let meters = measure == .meters
      let pieceCost =
        meters ? graph.pieceLength[piece] : graph.pieceLength[piece] / graph.pieceSpeed[piece]
      let offset =
        (meters ? chains.pieceOffsetMeters[piece] : chains.pieceOffsetSeconds[piece])
        + along * pieceCost
      let total = meters ? chains.chainLength[chain] : chains.chainSeconds[chain]
      let atStart = chains.pieceStartsChain[piece] && along == 0
      let atEnd = chains.pieceEndsChain[piece] && along == 1
      return Place(
        chain: Int32(chain),
        leg: meters ? snap.legMeters : snap.legMeters / accessMetresPerSecond,
        fromStart: atStart ? 0 : offset, toEnd: atEnd ? 0 : max(0, total - offset),
        atStart: atStart, atEnd: atEnd)
    }
  }

  /// The settled search of one category and measure, ready to price any snap
  /// point: units, and the centres of network-zone grid cells.
  struct Evaluator: Sendable {
    let pricing: Pricing
    /// Best cost per junction, and the rank of the service reached (−1 when none).
    let cost: [Double]
    let reached: [Int32]
    /// Second labels (another service than `reached`); empty unless searched for.
    let secondCost: [Double]
    let secondReached: [Int32]
    /// Each service's place (nil beyond `--max-snap`), by rank.
    let services: [Pricing.Place?]
    /// Ranks of the services on each chain.
    let onChain: [Int32: [Int]]
    /// Whether a chain has any service: most do not, and this spares a hash lookup.
    let chainHasService: [Bool]

    /// The best cost from `snap` to a service, and that service's rank; nil when
    /// none can be reached.
    func best(_ snap: SnapPoint) -> Best? { best(at: pricing.place(snap)) }

    /// The best cost from a point already placed on its chain (in this search's
    /// measure), so points priced by several searches are placed once.
    func best(at place: Pricing.Place) -> Best? {
      let chains = pricing.chains
      let chain = Int(place.chain)
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
      // Leave towards the chain's start (driving it backwards) or its end.
      if chains.chainBackward[chain] || place.atStart {
        let start = Int(chains.chainStart[chain])
        offer(place.leg + place.fromStart + cost[start], Int(reached[start]))
      }
      if chains.chainForward[chain] || place.atEnd {
        let end = Int(chains.chainEnd[chain])
        offer(place.leg + place.toEnd + cost[end], Int(reached[end]))
      }
      // Services on the same chain can be reached directly along it.
      guard chainHasService[chain] else { return best }
      for rank in onChain[place.chain] ?? [] {
        guard let service = services[rank] else { continue }
        let ahead = service.fromStart >= place.fromStart
        let direct =
          service.fromStart == place.fromStart
          || (ahead ? chains.chainForward[chain] : chains.chainBackward[chain])
        guard direct else { continue }
        offer(place.leg + abs(service.fromStart - place.fromStart) + service.leg, rank)
      }
      return best
    }

    /// The best two services from a placed point; nil when none can be reached.
    ///
    /// The second differs from the first: it is what the point would have if its nearest
    /// closed. Needs a search run with second labels.
    func bestTwo(at place: Pricing.Place) -> (first: Best, second: Best?)? {
      let chains = pricing.chains
      let chain = Int(place.chain)
      var first: Best?
      var second: Best?
      func precedes(_ cost: Double, _ rank: Int, _ other: Best?) -> Bool {
        guard let other else { return true }
        return cost < other.cost - 1e-6 || (abs(cost - other.cost) <= 1e-6 && rank < other.rank)
      }
      func offer(_ cost: Double, _ rank: Int) {
        guard cost.isFinite, rank >= 0 else { return }
        if rank == first?.rank {
          if cost < first?.cost ?? .infinity { first = Best(cost: cost, rank: rank) }
        } else if precedes(cost, rank, first) {
          second = first
          first = Best(cost: cost, rank: rank)
        } else if rank == second?.rank {
          if cost < second?.cost ?? .infinity { second = Best(cost: cost, rank: rank) }
        } else if precedes(cost, rank, second) {
          second = Best(cost: cost, rank: rank)
        }
      }
      func offerJunction(_ junction: Int, _ along: Double) {
        offer(place.leg + along + cost[junction], Int(reached[junction]))
        if !secondCost.isEmpty {
          offer(place.leg + along + secondCost[junction], Int(secondReached[junction]))
        }
      }
      if chains.chainBackward[chain] || place.atStart {
        offerJunction(Int(chains.chainStart[chain]), place.fromStart)
      }
      if chains.chainForward[chain] || place.atEnd {
        offerJunction(Int(chains.chainEnd[chain]), place.toEnd)
      }
      if chainHasService[chain] {
        for rank in onChain[place.chain] ?? [] {
          guard let service = services[rank] else { continue }
          let ahead = service.fromStart >= place.fromStart
          let direct =
            service.fromStart == place.fromStart
            || (ahead ? chains.chainForward[chain] : chains.chainBackward[chain])
          guard direct else { continue }
          offer(place.leg + abs(service.fromStart - place.fromStart) + service.leg, rank)
        }
      }
      return first.map { ($0, second) }
    }
  }
}
