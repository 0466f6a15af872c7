/// A polygon (outer ring plus holes) in planar coordinates, indexed for fast
/// point-in-polygon tests.
///
/// Edges are bucketed into horizontal bands, so a test casts its ray only
/// across the edges of the point's band: O(edges / bands) instead of O(edges).
/// Pure Swift and immutable, so it can be shared across threads, unlike a GEOS
/// prepared geometry, which is tied to one context.
struct PlanarPolygon: Sendable {
  /// Edges as (x1, y1, x2, y2).
  private var edges: [(Double, Double, Double, Double)] = []
  private var bands: [[Int32]] = []
  let minX: Double
  let minY: Double
  let maxX: Double
  let maxY: Double
  private let bandHeight: Double

  /// Creates the index from rings of interleaved `x, y` values (outer ring first).
  init(rings: [[Double]]) {
    var minX = Double.infinity
    var minY = Double.infinity
    var maxX = -Double.infinity
    var maxY = -Double.infinity
    var edges: [(Double, Double, Double, Double)] = []
    for ring in rings {
      let count = ring.count / 2
      guard count >= 2 else { continue }
      for index in 0..<count {
        let x1 = ring[2 * index]
        let y1 = ring[2 * index + 1]
        let next = (index + 1) % count
        let x2 = ring[2 * next]
        let y2 = ring[2 * next + 1]
        minX = Swift.min(minX, x1)
        maxX = Swift.max(maxX, x1)
        minY = Swift.min(minY, y1)
        maxY = Swift.max(maxY, y1)
        if x1 != x2 || y1 != y2 { edges.append((x1, y1, x2, y2)) }
      }
    }
    self.minX = minX
    self.minY = minY
    self.maxX = maxX
    self.maxY = maxY
    self.edges = edges
    let bandCount = Swift.max(1, Swift.min(4096, edges.count / 4))
    let height = maxY > minY ? (maxY - minY) / Double(bandCount) : 1
    self.bandHeight = height
    var bands = [[Int32]](repeating: [], count: bandCount)
    for (index, edge) in edges.enumerated() {
      let low = Self.band(Swift.min(edge.1, edge.3), minY, height, bandCount)
      let high = Self.band(Swift.max(edge.1, edge.3), minY, height, bandCount)
      for band in low...high { bands[band].append(Int32(index)) }
    }
    self.bands = bands
  }

  @inline(__always)
  private static func band(_ y: Double, _ minY: Double, _ height: Double, _ count: Int) -> Int {
    let value = Int((y - minY) / height)
    return Swift.max(0, Swift.min(count - 1, value))
  }

  /// Whether the bounding box contains the point.
  @inline(__always)
  func boxContains(x: Double, y: Double) -> Bool {
    x >= minX && x <= maxX && y >= minY && y <= maxY
  }

  /// Whether the point lies inside (even-odd rule over all rings, so holes count out).
  ///
  /// Points exactly on an edge may go either way, as in any ray-casting test.
  func contains(x: Double, y: Double) -> Bool {
    guard boxContains(x: x, y: y), !edges.isEmpty else { return false }
    var inside = false
    for edgeIndex in bands[Self.band(y, minY, bandHeight, bands.count)] {
      let (x1, y1, x2, y2) = edges[Int(edgeIndex)]
      if (y1 > y) != (y2 > y) {
        let crossX = x1 + (y - y1) / (y2 - y1) * (x2 - x1)
        if x < crossX { inside.toggle() }
      }
    }
    return inside
  }

  /// Whether the point lies inside or within `tolerance` of an edge: the polygon with its
  /// border, which a crossing test alone leaves to rounding.
  ///
  /// Only the edges of the bands within `tolerance` of the point are measured.
  func covers(x: Double, y: Double, tolerance: Double) -> Bool {
    guard x >= minX - tolerance, x <= maxX + tolerance, y >= minY - tolerance,
      y <= maxY + tolerance, !edges.isEmpty
    else { return false }
    if contains(x: x, y: y) { return true }
    let count = bands.count
    let low = Self.band(y - tolerance, minY, bandHeight, count)
    let high = Self.band(y + tolerance, minY, bandHeight, count)
    let limit = tolerance * tolerance
    for band in low...high {
      for edgeIndex in bands[band] {
        let (x1, y1, x2, y2) = edges[Int(edgeIndex)]
        let dx = x2 - x1
        let dy = y2 - y1
        let lengthSquared = dx * dx + dy * dy
        let t = Swift.max(0, Swift.min(1, ((x - x1) * dx + (y - y1) * dy) / lengthSquared))
        let px = x1 + t * dx - x
        let py = y1 + t * dy - y
        if px * px + py * py <= limit { return true }
      }
    }
    return false
  }

  /// Distance from the point to the nearest edge (0 when inside).
  func distance(x: Double, y: Double) -> Double {
    if contains(x: x, y: y) { return 0 }
    var best = Double.infinity
    for (x1, y1, x2, y2) in edges {
      let dx = x2 - x1
      let dy = y2 - y1
      let lengthSquared = dx * dx + dy * dy
      var t = lengthSquared > 0 ? ((x - x1) * dx + (y - y1) * dy) / lengthSquared : 0
      t = Swift.max(0, Swift.min(1, t))
      let px = x1 + t * dx - x
      let py = y1 + t * dy - y
      best = Swift.min(best, (px * px + py * py).squareRoot())
    }
    return best
  }
}
