internal import GeoBridge

/// The road network as a compact graph in the working CRS.
///
/// Every road vertex is a node; vertices whose projected coordinates agree to
/// 1 cm are the same node, wherever they lie in a line (OpenStreetMap style).
/// Each pair of consecutive vertices is a *piece*, kept in drawn order for
/// snapping, and contributes one directed arc per allowed direction. Searches
/// run on its ``ChainGraph``. Plain arrays throughout: no object per node; the
/// graph itself is a class so that passing it around copies no arrays.
final class RoadGraph: Sendable {
  /// Projected node coordinates.
  let nodeX: [Double]
  let nodeY: [Double]
  /// Pieces in input order: first and second node in drawn order.
  let pieceFrom: [Int32]
  let pieceTo: [Int32]
  /// Piece length in metres (geodesic, scaled by the road's true length when given).
  let pieceLength: [Double]
  /// Piece speed in metres per second.
  let pieceSpeed: [Double]
  /// Whether the piece may be driven first → second, and second → first.
  let pieceForward: [Bool]
  let pieceBackward: [Bool]
  /// Directed arcs: a two-way piece counts twice.
  let arcCount: Int

  var nodeCount: Int { nodeX.count }
  var pieceCount: Int { pieceFrom.count }

  /// Builds the graph of the roads `profile` may use.
  ///
  /// Roads the profile may not use are left out altogether (their vertices make no
  /// nodes); the others get the profile's directions and speeds (``TravelProfile``).
  ///
  /// - Parameters:
  ///   - roads: The roads in WGS 84.
  ///   - projection: Into the working CRS, where nodes are matched.
  ///   - speeds: Speeds for roads without a usable `maxspeed` (by car).
  ///   - profile: Who travels: by car every road, on foot or by bicycle those they may use.
  ///   - workers: Threads for measuring the pieces' geodesic lengths.
  /// - Complexity: O(*v*) expected for *v* road vertices (hashed node keys).
  init(
    roads: [RoadSegment], projection: Projection, speeds: SpeedTable,
    profile: TravelProfile = .car, workers: Int = 1
  ) {
    // By car every road is used: no copy.
    let roads = profile == .car ? roads : roads.filter(profile.allows)
    var allLonLat: [Double] = []
    for road in roads {
      for point in road.coordinates {
        allLonLat.append(point.lon)
        allLonLat.append(point.lat)
      }
    }
    let projected = projection.project(interleaved: allLonLat)
    struct Key: Hashable {
      var x: Int64
      var y: Int64
    }
    var nodeOf: [Key: Int32] = [:]
    nodeOf.reserveCapacity(allLonLat.count / 2)
    var nodeX: [Double] = []
    var nodeY: [Double] = []
    var from: [Int32] = []
    var to: [Int32] = []
    var speed: [Double] = []
    var forward: [Bool] = []
    var backward: [Bool] = []
    // Per piece, the index of its first vertex among all roads' vertices; per road,
    // its first piece (the lengths are measured afterwards, in parallel).
    var pieceVertex: [Int] = []
    var roadFirstPiece: [Int] = []
    var vertex = 0
    for road in roads {
      roadFirstPiece.append(from.count)
      let first = vertex
      var nodes: [Int32] = []
      for _ in road.coordinates {
        let x = projected[2 * vertex]
        let y = projected[2 * vertex + 1]
        vertex += 1
        guard x.isFinite, y.isFinite else {
          nodes.append(-1)
          continue
        }
        // Rounded to 1 cm: vertices this close are one junction.
        let key = Key(x: Int64((x * 100).rounded()), y: Int64((y * 100).rounded()))
        if let node = nodeOf[key] {
          nodes.append(node)
        } else {
          let node = Int32(nodeX.count)
          nodeOf[key] = node
          nodeX.append(x)
          nodeY.append(y)
          nodes.append(node)
        }
      }
      let metresPerSecond = profile.speedKmh(of: road, speeds: speeds) / 3.6
      let direction = profile.direction(of: road)
      for index in 0..<max(0, road.coordinates.count - 1) {
        let a = nodes[index]
        let b = nodes[index + 1]
        guard a >= 0, b >= 0, a != b else { continue }
        from.append(a)
        to.append(b)
        pieceVertex.append(first + index)
        speed.append(metresPerSecond)
        forward.append(direction != .backward)
        backward.append(direction != .forward)
      }
    }
    roadFirstPiece.append(from.count)

    // Geodesic length of every piece, in parallel blocks (the body cannot throw).
    let lonLat = allLonLat
    let starts = pieceVertex
    let block = 65_536
    let blocks = (starts.count + block - 1) / block
    let measured: [[Double]] =
      (try? parallelMap(blocks, workers: workers) { part -> [Double] in
        let geodesic = Geodesic.wgs84
        return (part * block..<min(starts.count, (part + 1) * block)).map { piece -> Double in
          let at = 2 * starts[piece]
          return geodesic.distanceMeters(
            lon1: lonLat[at], lat1: lonLat[at + 1], lon2: lonLat[at + 2], lat2: lonLat[at + 3])
        }
      }) ?? []
    var length = measured.flatMap { $0 }
    // Data drawn straight between junctions carries its true length: scale the pieces.
    for (road, segment) in roads.enumerated() {
      guard let target = segment.lengthMeters else { continue }
      let pieces = roadFirstPiece[road]..<roadFirstPiece[road + 1]
      let drawn = pieces.reduce(0) { $0 + length[$1] }
      let scale = drawn > 0 ? target / drawn : 1
      for piece in pieces { length[piece] *= scale }
    }
    self.nodeX = nodeX
    self.nodeY = nodeY
    pieceFrom = from
    pieceTo = to
    pieceLength = length
    pieceSpeed = speed
    pieceForward = forward
    pieceBackward = backward

    arcCount = zip(forward, backward).reduce(0) { $0 + ($1.0 ? 1 : 0) + ($1.1 ? 1 : 0) }
  }

  /// Weakly connected components: a component index per node, and each component's size.
  func components() -> (component: [Int32], sizes: [Int]) {
    var parent = Array(0..<Int32(nodeCount))
    func find(_ node: Int32) -> Int32 {
      var root = node
      while parent[Int(root)] != root { root = parent[Int(root)] }
      var current = node
      while parent[Int(current)] != root {
        let next = parent[Int(current)]
        parent[Int(current)] = root
        current = next
      }
      return root
    }
    for piece in 0..<pieceCount {
      let a = find(pieceFrom[piece])
      let b = find(pieceTo[piece])
      if a != b { parent[Int(max(a, b))] = min(a, b) }
    }
    var index: [Int32: Int32] = [:]
    var sizes: [Int] = []
    var component = [Int32](repeating: 0, count: nodeCount)
    for node in 0..<nodeCount {
      let root = find(Int32(node))
      if let existing = index[root] {
        component[node] = existing
        sizes[Int(existing)] += 1
      } else {
        let new = Int32(sizes.count)
        index[root] = new
        sizes.append(1)
        component[node] = new
      }
    }
    return (component, sizes)
  }
}

extension RoadGraph {
  /// Whether piece `a` wins a tie against piece `b`: compared by the coordinates of their
  /// first and last nodes, then length, speed and directions; the index decides only
  /// between pieces equal in all of these, which are interchangeable.
  func piecePrecedes(_ a: Int, _ b: Int) -> Bool {
    let (fromA, fromB) = (Int(pieceFrom[a]), Int(pieceFrom[b]))
    let (toA, toB) = (Int(pieceTo[a]), Int(pieceTo[b]))
    // Key by key without building arrays: snapping meets such ties at every shared node.
    func key(_ index: Int, _ piece: Int, _ from: Int, _ to: Int) -> Double {
      switch index {
      case 0: return nodeX[from]
      case 1: return nodeY[from]
      case 2: return nodeX[to]
      case 3: return nodeY[to]
      case 4: return pieceLength[piece]
      case 5: return pieceSpeed[piece]
      case 6: return pieceForward[piece] ? 1 : 0
      default: return pieceBackward[piece] ? 1 : 0
      }
    }
    for index in 0..<8 {
      let (x, y) = (key(index, a, fromA, toA), key(index, b, fromB, toB))
      if x != y { return x < y }
    }
    return a < b
  }
}
