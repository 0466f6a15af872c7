/// The road graph with every run of pass-through vertices collapsed into one arc.
///
/// Most road vertices only bend a road: exactly two pieces meet there and they
/// allow the same directions. Searching over such vertices costs time and buys
/// nothing, so the searches run on *junctions* (every other vertex) joined by
/// *chains* (the runs of pieces between two junctions), typically a sixth of
/// the nodes. A point on a chain is priced from its offset along the chain, so
/// the answers are those of the full graph. A class: it is shared, never copied,
/// by every search and every pricing of a point.
final class ChainGraph: Sendable {
  /// Junction at the start and end of each chain (indices into the junctions).
  let chainStart: [Int32]
  let chainEnd: [Int32]
  /// Length in metres and travel time in seconds of the whole chain.
  let chainLength: [Double]
  let chainSeconds: [Double]
  /// Whether the chain may be driven start → end, and end → start.
  let chainForward: [Bool]
  let chainBackward: [Bool]
  /// Per piece: its chain, whether it is drawn against the chain's direction, and
  /// the offset (metres, seconds) along the chain of its end nearer the chain's start.
  let pieceChain: [Int32]
  let pieceReversed: [Bool]
  let pieceOffsetMeters: [Double]
  let pieceOffsetSeconds: [Double]
  /// Whether the piece begins or ends its chain (a snap there may sit on a junction).
  let pieceStartsChain: [Bool]
  let pieceEndsChain: [Bool]
  /// Incoming arcs per junction (CSR), one per drivable direction of a chain.
  let incomingStart: [Int32]
  let incomingFrom: [Int32]
  let incomingLength: [Double]
  let incomingSeconds: [Double]

  var junctionCount: Int { incomingStart.count - 1 }
  var chainCount: Int { chainStart.count }

  /// Collapses `graph`.
  ///
  /// - Complexity: O(*pieces*).
  init(graph: RoadGraph) {
    var nodes = NodeRoles(graph: graph)
    var walked = ChainWalk(pieceCount: graph.pieceCount)
    for piece in 0..<graph.pieceCount where walked.chainOf[piece] < 0 {
      let from = Int(graph.pieceFrom[piece])
      let to = Int(graph.pieceTo[piece])
      if nodes.isJunction[from] {
        walked.walk(graph, nodes, from: from, along: piece)
      } else if nodes.isJunction[to] {
        walked.walk(graph, nodes, from: to, along: piece)
      }
    }
    // What is left are closed loops of pass-through vertices: cut each at one vertex.
    for piece in 0..<graph.pieceCount where walked.chainOf[piece] < 0 {
      let from = Int(graph.pieceFrom[piece])
      nodes.isJunction[from] = true
      walked.walk(graph, nodes, from: from, along: piece)
    }

    // Junction numbering and the reversed CSR over chains.
    var junctionOf = [Int32](repeating: -1, count: graph.nodeCount)
    var junctions = 0
    for node in 0..<graph.nodeCount where nodes.isJunction[node] {
      junctionOf[node] = Int32(junctions)
      junctions += 1
    }
    chainStart = walked.startNode.map { junctionOf[Int($0)] }
    chainEnd = walked.endNode.map { junctionOf[Int($0)] }
    chainLength = walked.lengths
    chainSeconds = walked.seconds
    chainForward = walked.forward
    chainBackward = walked.backward
    pieceChain = walked.chainOf
    pieceReversed = walked.reversed
    pieceOffsetMeters = walked.offsetMeters
    pieceOffsetSeconds = walked.offsetSeconds
    pieceStartsChain = walked.startsChain
    pieceEndsChain = walked.endsChain
    let incoming = Self.incomingArcs(
      junctions: junctions, start: chainStart, end: chainEnd, walked: walked)
    incomingStart = incoming.start
    incomingFrom = incoming.from
    incomingLength = incoming.length
    incomingSeconds = incoming.seconds
  }

  /// The arcs into every junction (CSR): one per drivable direction of a chain.
  private static func incomingArcs(
    junctions: Int, start chainStart: [Int32], end chainEnd: [Int32], walked: ChainWalk
  ) -> (start: [Int32], from: [Int32], length: [Double], seconds: [Double]) {
    var counts = [Int32](repeating: 0, count: junctions + 1)
    for chain in chainStart.indices {
      if walked.forward[chain] { counts[Int(chainEnd[chain]) + 1] += 1 }
      if walked.backward[chain] { counts[Int(chainStart[chain]) + 1] += 1 }
    }
    for junction in 0..<junctions { counts[junction + 1] += counts[junction] }
    var fill = counts
    let arcs = Int(counts[junctions])
    var from = [Int32](repeating: 0, count: arcs)
    var length = [Double](repeating: 0, count: arcs)
    var seconds = [Double](repeating: 0, count: arcs)
    func add(from source: Int32, to target: Int32, chain: Int) {
      let slot = Int(fill[Int(target)])
      fill[Int(target)] += 1
      from[slot] = source
      length[slot] = walked.lengths[chain]
      seconds[slot] = walked.seconds[chain]
    }
    for chain in chainStart.indices {
      if walked.forward[chain] { add(from: chainStart[chain], to: chainEnd[chain], chain: chain) }
      if walked.backward[chain] { add(from: chainEnd[chain], to: chainStart[chain], chain: chain) }
    }
    return (counts, from, length, seconds)
  }
}

/// Which graph nodes are junctions, and which only bend a road.
///
/// A junction is where more than two pieces meet, a road ends, or the two pieces allow
/// different directions.
private struct NodeRoles {
  /// The first and second piece at every node (-1: none).
  var firstPiece: [Int32]
  var secondPiece: [Int32]
  var isJunction: [Bool]

  init(graph: RoadGraph) {
    let nodeCount = graph.nodeCount
    // Up to two incident pieces per node; a third marks it as a junction.
    firstPiece = [Int32](repeating: -1, count: nodeCount)
    secondPiece = [Int32](repeating: -1, count: nodeCount)
    isJunction = [Bool](repeating: false, count: nodeCount)
    for piece in 0..<graph.pieceCount {
      attach(graph.pieceFrom[piece], Int32(piece))
      attach(graph.pieceTo[piece], Int32(piece))
    }
    for node in 0..<nodeCount where !isJunction[node] {
      let p = Int(firstPiece[node])
      let q = Int(secondPiece[node])
      guard p >= 0, q >= 0 else {
        isJunction[node] = true  // a dead end, or an isolated vertex
        continue
      }
      // Through p into the node and out along q: both must allow the same ways.
      let intoNode = Self.allows(graph, p, leaving: node)
      let outOfNode = Self.allows(graph, q, leaving: node)
      if intoNode.in != outOfNode.out || intoNode.out != outOfNode.in {
        isJunction[node] = true
      }
    }
  }

  private mutating func attach(_ node: Int32, _ piece: Int32) {
    let node = Int(node)
    if firstPiece[node] < 0 {
      firstPiece[node] = piece
    } else if secondPiece[node] < 0 {
      secondPiece[node] = piece
    } else {
      isJunction[node] = true
    }
  }

  /// Directions a piece allows when driven away from `node` (out) and towards it (in).
  static func allows(_ graph: RoadGraph, _ piece: Int, leaving node: Int) -> (out: Bool, in: Bool) {
    graph.pieceFrom[piece] == Int32(node)
      ? (graph.pieceForward[piece], graph.pieceBackward[piece])
      : (graph.pieceBackward[piece], graph.pieceForward[piece])
  }
}

/// The chains found so far, walked from junction to junction.
private struct ChainWalk {
  var chainOf: [Int32]
  var reversed: [Bool]
  var offsetMeters: [Double]
  var offsetSeconds: [Double]
  var startsChain: [Bool]
  var endsChain: [Bool]
  var startNode: [Int32] = []
  var endNode: [Int32] = []
  var lengths: [Double] = []
  var seconds: [Double] = []
  var forward: [Bool] = []
  var backward: [Bool] = []

  init(pieceCount: Int) {
    chainOf = [Int32](repeating: -1, count: pieceCount)
    reversed = [Bool](repeating: false, count: pieceCount)
    offsetMeters = [Double](repeating: 0, count: pieceCount)
    offsetSeconds = [Double](repeating: 0, count: pieceCount)
    startsChain = [Bool](repeating: false, count: pieceCount)
    endsChain = [Bool](repeating: false, count: pieceCount)
  }

  /// Walks from junction `start` along `piece` to the next junction: one new chain.
  mutating func walk(_ graph: RoadGraph, _ nodes: NodeRoles, from start: Int, along piece: Int) {
    let chain = Int32(startNode.count)
    var node = start
    var current = piece
    var meters = 0.0
    var time = 0.0
    let firstAllows = NodeRoles.allows(graph, piece, leaving: start)
    startsChain[piece] = true
    while true {
      chainOf[current] = chain
      let against = graph.pieceFrom[current] != Int32(node)
      reversed[current] = against
      offsetMeters[current] = meters
      offsetSeconds[current] = time
      meters += graph.pieceLength[current]
      time += graph.pieceLength[current] / graph.pieceSpeed[current]
      node = Int(against ? graph.pieceFrom[current] : graph.pieceTo[current])
      if nodes.isJunction[node] { break }
      let next =
        Int(nodes.firstPiece[node]) == current
        ? Int(nodes.secondPiece[node]) : Int(nodes.firstPiece[node])
      guard next >= 0, chainOf[next] < 0 else { break }
      current = next
    }
    endsChain[current] = true
    startNode.append(Int32(start))
    endNode.append(Int32(node))
    lengths.append(meters)
    seconds.append(time)
    forward.append(firstAllows.out)
    backward.append(firstAllows.in)
  }
}
