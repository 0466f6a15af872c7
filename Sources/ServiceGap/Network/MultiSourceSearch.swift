/// Cost of reaching the nearest service from every node, in one search.
///
/// Dijkstra's algorithm run backwards (over incoming arcs) from every service
/// at once: each service seeds the two ends of the piece it is snapped to with
/// the cost of driving from that end to it plus its egress leg. The cost of a
/// search therefore does not grow with the number of units. Each node also
/// records which service it reached (the smallest rank wins exact ties), so the
/// nearest service comes out of the same search.
struct MultiSourceSearch {
  /// Which arc weight to minimise.
  enum Measure {
    case meters
    case seconds
  }

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

  /// Runs the search.
  ///
  /// - Complexity: O((*V* + *E*) log *V*).
  init(graph: RoadGraph, seeds: [Seed], measure: Measure) {
    let count = graph.nodeCount
    var cost = [Double](repeating: .infinity, count: count)
    var reached = [Int32](repeating: -1, count: count)
    var heap = MinHeap()
    for seed in seeds {
      let node = Int(seed.node)
      if seed.cost < cost[node] || (seed.cost == cost[node] && seed.rank < reached[node]) {
        cost[node] = seed.cost
        reached[node] = seed.rank
        heap.push(seed.cost, seed.rank, seed.node)
      }
    }
    let weights = measure == .meters ? graph.incomingLength : graph.incomingSeconds
    graph.incomingStart.withUnsafeBufferPointer { start in
      graph.incomingFrom.withUnsafeBufferPointer { from in
        weights.withUnsafeBufferPointer { weight in
          while let (nodeCost, rank, node) = heap.pop() {
            let index = Int(node)
            // Stale entry: the node was settled with a better label since.
            guard nodeCost == cost[index], rank == reached[index] else { continue }
            for arc in Int(start[index])..<Int(start[index + 1]) {
              let next = Int(from[arc])
              let candidate = nodeCost + weight[arc]
              if candidate < cost[next] || (candidate == cost[next] && rank < reached[next]) {
                cost[next] = candidate
                reached[next] = rank
                heap.push(candidate, rank, Int32(next))
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

/// A binary min-heap of (cost, rank, node), ordered by cost then rank.
struct MinHeap {
  private var costs: [Double] = []
  private var ranks: [Int32] = []
  private var nodes: [Int32] = []

  @inline(__always)
  private func less(_ a: Int, _ b: Int) -> Bool {
    costs[a] < costs[b] || (costs[a] == costs[b] && ranks[a] < ranks[b])
  }

  private mutating func swapAt(_ a: Int, _ b: Int) {
    costs.swapAt(a, b)
    ranks.swapAt(a, b)
    nodes.swapAt(a, b)
  }

  mutating func push(_ cost: Double, _ rank: Int32, _ node: Int32) {
    costs.append(cost)
    ranks.append(rank)
    nodes.append(node)
    var child = costs.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard less(child, parent) else { break }
      swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> (Double, Int32, Int32)? {
    guard let top = costs.first else { return nil }
    let result = (top, ranks[0], nodes[0])
    let last = costs.count - 1
    swapAt(0, last)
    costs.removeLast()
    ranks.removeLast()
    nodes.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      guard left < costs.count else { break }
      var smallest = left
      if left + 1 < costs.count, less(left + 1, left) { smallest = left + 1 }
      guard less(smallest, parent) else { break }
      swapAt(smallest, parent)
      parent = smallest
    }
    return result
  }
}
