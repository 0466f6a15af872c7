/// Cost of reaching the nearest service from every junction, in one search.
///
/// Dijkstra's algorithm run backwards (over incoming arcs of the ``ChainGraph``)
/// from every service at once: each service seeds the two ends of the chain it
/// is snapped to with the cost of driving from that end to it plus its egress
/// leg. The cost of a search therefore does not grow with the number of units.
/// Each junction also records which service it reached (the smallest rank wins
/// exact ties), so the nearest service comes out of the same search.
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
  init(chains graph: ChainGraph, seeds: [Seed], measure: Measure) {
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
