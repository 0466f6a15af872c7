import Foundation

@testable import ServiceGap

/// Exhaustive reference answers for road-network distances.
///
/// Every snap point becomes an explicit node that splits its piece, and
/// Floyd–Warshall solves every pair. Slow and obvious on purpose.
enum BruteForceNetwork {
  static func snap(graph: RoadGraph, x: Double, y: Double, maxMeters: Double) -> SnapPoint? {
    var best: SnapPoint?
    for piece in 0..<graph.pieceCount {
      let a = Int(graph.pieceFrom[piece])
      let b = Int(graph.pieceTo[piece])
      let dx = graph.nodeX[b] - graph.nodeX[a]
      let dy = graph.nodeY[b] - graph.nodeY[a]
      let squared = dx * dx + dy * dy
      let t =
        squared > 0
        ? min(1, max(0, ((x - graph.nodeX[a]) * dx + (y - graph.nodeY[a]) * dy) / squared)) : 0
      let distance = hypot(graph.nodeX[a] + t * dx - x, graph.nodeY[a] + t * dy - y)
      // Ties follow the documented rule (RoadGraph.piecePrecedes), not the file order.
      if distance < (best?.legMeters ?? .infinity)
        || (distance == best?.legMeters && graph.piecePrecedes(piece, best?.piece ?? 0))
      {
        best = SnapPoint(piece: piece, fraction: t, legMeters: distance)
      }
    }
    guard let best, best.legMeters <= maxMeters else { return nil }
    return best
  }

  static func best(
    graph: RoadGraph, units: [SnapPoint?], services: [SnapPoint?],
    measure: Measure, accessMetresPerSecond: Double
  ) -> [NetworkDistances.Best?] {
    // Nodes: graph nodes, then one per unit point, one per service point, and one
    // per snap point (units then services).
    let base = graph.nodeCount
    let unitPoint = { base + $0 }
    let servicePoint = { base + units.count + $0 }
    let unitSnap = { base + units.count + services.count + $0 }
    let serviceSnap = { base + 2 * units.count + services.count + $0 }
    let count = base + 2 * (units.count + services.count)
    var cost = [[Double]](
      repeating: [Double](repeating: .infinity, count: count), count: count)
    for node in 0..<count { cost[node][node] = 0 }
    func arc(_ a: Int, _ b: Int, _ value: Double) { cost[a][b] = min(cost[a][b], value) }
    func leg(_ snap: SnapPoint) -> Double {
      measure == .meters ? snap.legMeters : snap.legMeters / accessMetresPerSecond
    }
    // Split every piece at the snap points on it.
    for piece in 0..<graph.pieceCount {
      var stops: [(fraction: Double, node: Int)] = [
        (0, Int(graph.pieceFrom[piece])), (1, Int(graph.pieceTo[piece])),
      ]
      for (unit, snap) in units.enumerated() where snap?.piece == piece {
        stops.append((snap?.fraction ?? 0, unitSnap(unit)))
      }
      for (service, snap) in services.enumerated() where snap?.piece == piece {
        stops.append((snap?.fraction ?? 0, serviceSnap(service)))
      }
      stops.sort { $0.fraction < $1.fraction }
      for (first, second) in zip(stops, stops.dropFirst()) {
        let meters = graph.pieceLength[piece] * (second.fraction - first.fraction)
        let value = measure == .meters ? meters : meters / graph.pieceSpeed[piece]
        // Points at the same place along a piece are one place: both ways, free.
        if graph.pieceForward[piece] || value == 0 { arc(first.node, second.node, value) }
        if graph.pieceBackward[piece] || value == 0 { arc(second.node, first.node, value) }
      }
    }
    for (unit, snap) in units.enumerated() {
      if let snap { arc(unitPoint(unit), unitSnap(unit), leg(snap)) }
    }
    for (service, snap) in services.enumerated() {
      if let snap { arc(serviceSnap(service), servicePoint(service), leg(snap)) }
    }
    for middle in 0..<count {
      for from in 0..<count where cost[from][middle] < .infinity {
        for to in 0..<count where cost[from][middle] + cost[middle][to] < cost[from][to] {
          cost[from][to] = cost[from][middle] + cost[middle][to]
        }
      }
    }
    return units.indices.map { unit in
      var best: NetworkDistances.Best?
      for service in services.indices {
        let value = cost[unitPoint(unit)][servicePoint(service)]
        guard value.isFinite else { continue }
        if best == nil || value < (best?.cost ?? 0) - 1e-6 {
          best = .init(cost: value, rank: service)
        }
      }
      return best
    }
  }
}
