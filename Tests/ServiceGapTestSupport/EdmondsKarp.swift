/// An independent maximum flow (Edmonds–Karp on a dense matrix) for capacitated sites.
public enum EdmondsKarp {
  /// The most people `sites` (each reaching the units listed, at most `capacity` people
  /// each) can serve together.
  ///
  /// - Parameters:
  ///   - sites: Per site, the units (indices into `people`) it reaches.
  ///   - people: People per unit.
  ///   - capacity: The most people one site serves.
  /// - Returns: The maximum flow.
  public static func served(sites: [[Int]], people: [Double], capacity: Double) -> Double {
    // Nodes: source, sites, units, sink.
    let n = 2 + sites.count + people.count
    let source = 0
    let sink = n - 1
    var room = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for (site, units) in sites.enumerated() {
      room[source][1 + site] = capacity
      for unit in units { room[1 + site][1 + sites.count + unit] = .infinity }
    }
    for (unit, count) in people.enumerated() { room[1 + sites.count + unit][sink] = count }
    var total = 0.0
    while true {
      var parent = [Int](repeating: -1, count: n)
      parent[source] = source
      var queue = [source]
      var front = 0
      while front < queue.count, parent[sink] < 0 {
        let node = queue[front]
        front += 1
        for next in 0..<n where parent[next] < 0 && room[node][next] > 1e-9 {
          parent[next] = node
          queue.append(next)
        }
      }
      guard parent[sink] >= 0 else { return total }
      var amount = Double.infinity
      var node = sink
      while node != source {
        amount = min(amount, room[parent[node]][node])
        node = parent[node]
      }
      node = sink
      while node != source {
        room[parent[node]][node] -= amount
        room[node][parent[node]] += amount
        node = parent[node]
      }
      total += amount
    }
  }
}
