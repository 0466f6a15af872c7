/// The most people a set of capacitated sites can serve together: a maximum flow from the
/// sites (at most `capacity` each) to the units they reach (at most their people each),
/// found with Dinic's algorithm.
enum CapacitatedFlow {
  static func served(problem: SitingProblem, sites: [Int], capacity: Double) -> Double {
    guard !sites.isEmpty else { return 0 }
    var graph = FlowGraph()
    let source = graph.addNode()
    let sink = graph.addNode()
    var unitNode: [Int32: Int] = [:]
    for site in Set(sites).sorted() {
      let node = graph.addNode()
      graph.addEdge(source, node, capacity)
      for position in problem.pairs(site) {
        let unit = problem.unit[position]
        let target: Int
        if let existing = unitNode[unit] {
          target = existing
        } else {
          target = graph.addNode()
          unitNode[unit] = target
          graph.addEdge(target, sink, problem.population[Int(unit)])
        }
        graph.addEdge(node, target, .infinity)
      }
    }
    return graph.maximumFlow(from: source, to: sink)
  }
}

/// A small flow network with residual edges stored in pairs (edge e's reverse is e ^ 1).
struct FlowGraph {
  private var head: [[Int]] = []
  private var target: [Int] = []
  private var room: [Double] = []

  mutating func addNode() -> Int {
    head.append([])
    return head.count - 1
  }

  mutating func addEdge(_ from: Int, _ to: Int, _ capacity: Double) {
    head[from].append(target.count)
    target.append(to)
    room.append(capacity)
    head[to].append(target.count)
    target.append(from)
    room.append(0)
  }

  /// Dinic's maximum flow.
  ///
  /// Breadth-first levels, then blocking flows along them, until the sink is cut off.
  /// Amounts below a millionth of a person count as nothing.
  mutating func maximumFlow(from source: Int, to sink: Int) -> Double {
    let epsilon = 1e-9
    var total = 0.0
    while true {
      var level = [Int](repeating: -1, count: head.count)
      level[source] = 0
      var queue = [source]
      var front = 0
      while front < queue.count {
        let node = queue[front]
        front += 1
        for edge in head[node] where room[edge] > epsilon && level[target[edge]] < 0 {
          level[target[edge]] = level[node] + 1
          queue.append(target[edge])
        }
      }
      guard level[sink] >= 0 else { return total }
      var next = [Int](repeating: 0, count: head.count)
      func push(_ node: Int, _ limit: Double) -> Double {
        if node == sink { return limit }
        while next[node] < head[node].count {
          let edge = head[node][next[node]]
          let to = target[edge]
          if room[edge] > epsilon && level[to] == level[node] + 1 {
            let pushed = push(to, min(limit, room[edge]))
            if pushed > epsilon {
              room[edge] -= pushed
              room[edge ^ 1] += pushed
              return pushed
            }
          }
          next[node] += 1
        }
        return 0
      }
      while true {
        let pushed = push(source, .infinity)
        if pushed <= epsilon { break }
        total += pushed
      }
    }
  }
}
