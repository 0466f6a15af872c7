/// A static k-d tree over points in two or three dimensions.
///
/// Built once (median splits, O(n log n)) and queried many times; a value
/// type of plain arrays, so it is `Sendable` and safe to query from many
/// threads at once. Each point carries an index back into the caller's array.
struct KDTree: Sendable {
  /// Number of dimensions: 2 (planar) or 3 (Earth-centred Cartesian).
  let dimensions: Int
  /// Coordinates in tree order, `dimensions` values per point.
  private var coordinates: [Double]
  /// Caller's index of each point, in tree order.
  private(set) var indices: [Int]
  /// Split axis per node (tree order); the node at `mid` of a range splits it.
  private var axes: [UInt8]

  var count: Int { indices.count }

  /// Ranges this small are scanned linearly by the nearest-neighbour search.
  static let leafSize = 12

  /// Builds the tree; `coordinates` holds `dimensions` values per point.
  init(dimensions: Int, coordinates input: [Double], indices inputIndices: [Int]) {
    precondition(dimensions == 2 || dimensions == 3, "KDTree supports 2 or 3 dimensions")
    precondition(input.count == inputIndices.count * dimensions, "coordinate count mismatch")
    self.dimensions = dimensions
    var order = Array(0..<inputIndices.count)
    var axes = [UInt8](repeating: 0, count: inputIndices.count)
    Self.build(&order, &axes, 0, order.count, input, dimensions)
    var coordinates = [Double]()
    coordinates.reserveCapacity(input.count)
    for position in order {
      for axis in 0..<dimensions { coordinates.append(input[position * dimensions + axis]) }
    }
    self.coordinates = coordinates
    self.indices = order.map { inputIndices[$0] }
    self.axes = axes
  }

  private static func build(
    _ order: inout [Int], _ axes: inout [UInt8], _ low: Int, _ high: Int,
    _ input: [Double], _ dimensions: Int
  ) {
    guard high - low > 1 else { return }
    // Split on the axis with the largest spread.
    var minimum = [Double](repeating: .infinity, count: dimensions)
    var maximum = [Double](repeating: -.infinity, count: dimensions)
    for position in low..<high {
      for axis in 0..<dimensions {
        let value = input[order[position] * dimensions + axis]
        minimum[axis] = Swift.min(minimum[axis], value)
        maximum[axis] = Swift.max(maximum[axis], value)
      }
    }
    var axis = 0
    for candidate in 1..<dimensions
    where maximum[candidate] - minimum[candidate] > maximum[axis] - minimum[axis] {
      axis = candidate
    }
    let mid = (low + high) / 2
    order[low..<high].sort { input[$0 * dimensions + axis] < input[$1 * dimensions + axis] }
    axes[mid] = UInt8(axis)
    build(&order, &axes, low, mid, input, dimensions)
    build(&order, &axes, mid + 1, high, input, dimensions)
  }

  @inline(__always)
  private func squaredDistance(_ position: Int, _ query: (Double, Double, Double)) -> Double {
    let base = position * dimensions
    let dx = coordinates[base] - query.0
    let dy = coordinates[base + 1] - query.1
    if dimensions == 2 { return dx * dx + dy * dy }
    let dz = coordinates[base + 2] - query.2
    return dx * dx + dy * dy + dz * dz
  }

  @inline(__always)
  private func component(_ query: (Double, Double, Double), _ axis: Int) -> Double {
    axis == 0 ? query.0 : (axis == 1 ? query.1 : query.2)
  }

  /// The point nearest to `query` and its squared Euclidean distance; nil when empty.
  ///
  /// Ties keep the point met first, which is arbitrary: callers that need a
  /// documented tie rule re-check candidates with ``forEach(within:of:_:)``.
  /// - Complexity: O(log *n*) on average.
  func nearest(to query: (Double, Double, Double)) -> (index: Int, squaredDistance: Double)? {
    guard !indices.isEmpty else { return nil }
    let search = walk(query, from: TwoNearest())
    return (indices[search.best], search.bestDistance)
  }

  /// Whether some point lies within `radius` of `query`: a descent that prunes every
  /// branch beyond the radius from the start, so a query far from every point ends early.
  func hasPoint(within radius: Double, of query: (Double, Double, Double)) -> Bool {
    guard !indices.isEmpty else { return false }
    let bound = radius * radius * (1 + 1e-9)
    return walk(query, from: TwoNearest(bestDistance: bound, secondDistance: bound)).best >= 0
  }

  /// The nearest point and the squared distance of the second nearest
  /// (infinity when there is only one point), in one walk of the tree.
  func nearestTwo(to query: (Double, Double, Double)) -> (
    index: Int, squaredDistance: Double, secondSquaredDistance: Double
  )? {
    guard !indices.isEmpty else { return nil }
    let search = walk(query, from: TwoNearest())
    return (indices[search.best], search.bestDistance, search.secondDistance)
  }

  /// One descent of the whole tree from `search`'s state (its distances prune from the
  /// start).
  private func walk(_ query: (Double, Double, Double), from start: TwoNearest) -> TwoNearest {
    var search = start
    coordinates.withUnsafeBufferPointer { coordinates in
      axes.withUnsafeBufferPointer { axes in
        descend(0, indices.count, query, coordinates, axes, &search)
      }
    }
    return search
  }

  /// Running state of a nearest-two search.
  private struct TwoNearest {
    var best = -1
    var bestDistance = Double.infinity
    var secondDistance = Double.infinity

    @inline(__always)
    mutating func offer(_ position: Int, _ distance: Double) {
      if distance < bestDistance {
        secondDistance = bestDistance
        bestDistance = distance
        best = position
      } else if distance < secondDistance {
        secondDistance = distance
      }
    }
  }

  /// Recursive descent: no heap allocation per query (the depth is O(log n)).
  private func descend(
    _ low: Int, _ high: Int, _ query: (Double, Double, Double),
    _ coordinates: UnsafeBufferPointer<Double>, _ axes: UnsafeBufferPointer<UInt8>,
    _ search: inout TwoNearest
  ) {
    guard high > low else { return }
    // Small ranges are scanned directly: cheaper than descending to single points.
    if high - low <= Self.leafSize {
      for position in low..<high {
        let base = position * dimensions
        let dx = coordinates[base] - query.0
        let dy = coordinates[base + 1] - query.1
        var distance = dx * dx + dy * dy
        if dimensions == 3 {
          let dz = coordinates[base + 2] - query.2
          distance += dz * dz
        }
        search.offer(position, distance)
      }
      return
    }
    let mid = (low + high) / 2
    let base = mid * dimensions
    let dx = coordinates[base] - query.0
    let dy = coordinates[base + 1] - query.1
    var distance = dx * dx + dy * dy
    if dimensions == 3 {
      let dz = coordinates[base + 2] - query.2
      distance += dz * dz
    }
    search.offer(mid, distance)
    guard high - low > 1 else { return }
    let axis = Int(axes[mid])
    let delta = component(query, axis) - coordinates[base + axis]
    if delta < 0 {
      descend(low, mid, query, coordinates, axes, &search)
      if delta * delta < search.secondDistance {
        descend(mid + 1, high, query, coordinates, axes, &search)
      }
    } else {
      descend(mid + 1, high, query, coordinates, axes, &search)
      if delta * delta < search.secondDistance {
        descend(low, mid, query, coordinates, axes, &search)
      }
    }
  }

  /// Calls `body` with the index and squared distance of every point within
  /// `radius` (inclusive) of `query`.
  func forEach(
    within radius: Double, of query: (Double, Double, Double),
    _ body: (_ index: Int, _ squaredDistance: Double) -> Void
  ) {
    guard !indices.isEmpty else { return }
    let limit = radius * radius
    var stack: [(Int, Int)] = [(0, indices.count)]
    while let (low, high) = stack.popLast() {
      guard high > low else { continue }
      let mid = (low + high) / 2
      let distance = squaredDistance(mid, query)
      if distance <= limit { body(indices[mid], distance) }
      guard high - low > 1 else { continue }
      let axis = Int(axes[mid])
      let delta = component(query, axis) - coordinates[mid * dimensions + axis]
      if delta <= radius { stack.append((low, mid)) }
      if delta >= -radius { stack.append((mid + 1, high)) }
    }
  }
}
