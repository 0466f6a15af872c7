/// Cost of reaching the nearest service from every junction, in one search.
///
/// Dijkstra's algorithm run backwards (over incoming arcs of the ``ChainGraph``)
/// from every service at once: each service seeds the two ends of the chain it
/// is snapped to with the cost of driving from that end to it plus its egress
/// leg. The cost of a search therefore does not grow with the number of units.
/// Each junction also records which service it reached (the smallest rank wins
/// exact ties), so the nearest service comes out of the same search.
struct MultiSourceSearch {
  /// A starting cost at a node for reaching service `rank`.
  struct Seed {
    var node: Int32
    var cost: Double
    var rank: Int32
  }

  /// Best cost per node (`.infinity` when no service can be reached) and the rank
  /// of the service reached (−1 when none).
  private(set) var cost: [Double]
  private(set) var reached: [Int32]
  /// With `secondLabels`: the best cost from a service other than `reached`, and that
  /// service (−1 when none): what a node would see if its nearest service closed.
  private(set) var secondCost: [Double] = []
  private(set) var secondReached: [Int32] = []

  /// Runs the search.
  ///
  /// - Complexity: O((*V* + *E*) log *V*).
  /// With a finite `limit`, junctions costlier than it are left unsettled (cost
  /// infinity): a search bounded to a catchment.
  init(
    chains graph: ChainGraph, seeds: [Seed], measure: Measure, secondLabels: Bool = false,
    limit: Double = .infinity
  ) {
    if secondLabels {
      (cost, reached, secondCost, secondReached) = Self.twoLabels(
        graph: graph, seeds: seeds, measure: measure)
      return
    }
    let count = graph.junctionCount
    var cost = [Double](repeating: .infinity, count: count)
    var reached = [Int32](repeating: -1, count: count)
    var heap = MinHeap()
    for seed in seeds {
      let node = Int(seed.node)
      if seed.cost < cost[node] || (seed.cost == cost[node] && seed.rank < reached[node]) {
        cost[node] = seed.cost
        reached[node] = seed.rank
        heap.push(.init(cost: seed.cost, rank: seed.rank, node: seed.node))
      }
    }
    let weights = measure == .meters ? graph.incomingLength : graph.incomingSeconds
    // Raw buffers in the hot loop: no bounds or uniqueness checks per arc.
    cost.withUnsafeMutableBufferPointer { cost in
      reached.withUnsafeMutableBufferPointer { reached in
        graph.incomingStart.withUnsafeBufferPointer { start in
          graph.incomingFrom.withUnsafeBufferPointer { from in
            weights.withUnsafeBufferPointer { weight in
              while let top = heap.pop() {
                if top.cost > limit { break }
                let index = Int(top.node)
                // Stale entry: the node was settled with a better label since.
                guard top.cost == cost[index], top.rank == reached[index] else { continue }
                for arc in Int(start[index])..<Int(start[index + 1]) {
                  let next = Int(from[arc])
                  let candidate = top.cost + weight[arc]
                  if candidate < cost[next] || (candidate == cost[next] && top.rank < reached[next])
                  {
                    cost[next] = candidate
                    reached[next] = top.rank
                    heap.push(.init(cost: candidate, rank: top.rank, node: Int32(next)))
                  }
                }
              }
            }
          }
        }
      }
    }
    self.cost = cost
    self.reached = reached
  }
}

extension MultiSourceSearch {
  /// Dijkstra keeping the two best labels from different services per junction.
  ///
  /// A junction's second label may only come from a service other than its first; a
  /// label is settled when popped while still one of the two. Each service's labels
  /// spread as in a plain search, so the two best distinct services are found: a
  /// service that is third best at some junction is beaten there, and so beyond it,
  /// by the two better ones. The first labels equal those of the plain search.
  fileprivate static func twoLabels(
    graph: ChainGraph, seeds: [Seed], measure: Measure
  ) -> ([Double], [Int32], [Double], [Int32]) {
    let count = graph.junctionCount
    var first = [Double](repeating: .infinity, count: count)
    var firstRank = [Int32](repeating: -1, count: count)
    var second = [Double](repeating: .infinity, count: count)
    var secondRank = [Int32](repeating: -1, count: count)
    var heap = MinHeap()
    /// Offers `candidate` from service `rank` to `node`; true when it became a label.
    func offer(_ node: Int, _ candidate: Double, _ rank: Int32) -> Bool {
      func precedes(_ cost: Double, _ other: Double, _ otherRank: Int32) -> Bool {
        cost < other || (cost == other && rank < otherRank)
      }
      if rank == firstRank[node] {
        guard candidate < first[node] else { return false }
        first[node] = candidate
      } else if precedes(candidate, first[node], firstRank[node]) {
        second[node] = first[node]
        secondRank[node] = firstRank[node]
        first[node] = candidate
        firstRank[node] = rank
      } else if rank == secondRank[node] {
        guard candidate < second[node] else { return false }
        second[node] = candidate
      } else if precedes(candidate, second[node], secondRank[node]) {
        second[node] = candidate
        secondRank[node] = rank
      } else {
        return false
      }
      return true
    }
    for seed in seeds where offer(Int(seed.node), seed.cost, seed.rank) {
      heap.push(.init(cost: seed.cost, rank: seed.rank, node: seed.node))
    }
    let weights = measure == .meters ? graph.incomingLength : graph.incomingSeconds
    while let top = heap.pop() {
      let index = Int(top.node)
      let current =
        (top.cost == first[index] && top.rank == firstRank[index])
        || (top.cost == second[index] && top.rank == secondRank[index])
      guard current else { continue }
      for arc in Int(graph.incomingStart[index])..<Int(graph.incomingStart[index + 1]) {
        let next = Int(graph.incomingFrom[arc])
        let candidate = top.cost + weights[arc]
        if offer(next, candidate, top.rank) {
          heap.push(.init(cost: candidate, rank: top.rank, node: Int32(next)))
        }
      }
    }
    return (first, firstRank, second, secondRank)
  }
}

/// A binary min-heap of labels, ordered by cost then rank.
struct MinHeap {
  struct Entry {
    var cost: Double
    var rank: Int32
    var node: Int32

    @inline(__always)
    func precedes(_ other: Entry) -> Bool {
      cost < other.cost || (cost == other.cost && rank < other.rank)
    }
  }

  private var entries: [Entry] = []

  mutating func push(_ entry: Entry) {
    entries.append(entry)
    entries.withUnsafeMutableBufferPointer { heap in
      // Move the hole up instead of swapping at every level.
      var child = heap.count - 1
      while child > 0 {
        let parent = (child - 1) / 2
        guard entry.precedes(heap[parent]) else { break }
        heap[child] = heap[parent]
        child = parent
      }
      heap[child] = entry
    }
  }

  mutating func pop() -> Entry? {
    guard let top = entries.first else { return nil }
    let last = entries.removeLast()
    guard !entries.isEmpty else { return top }
    entries.withUnsafeMutableBufferPointer { heap in
      var parent = 0
      let count = heap.count
      while true {
        let left = 2 * parent + 1
        guard left < count else { break }
        var smallest = left
        if left + 1 < count, heap[left + 1].precedes(heap[left]) { smallest = left + 1 }
        guard heap[smallest].precedes(last) else { break }
        heap[parent] = heap[smallest]
        parent = smallest
      }
      heap[parent] = last
    }
    return top
  }
}
