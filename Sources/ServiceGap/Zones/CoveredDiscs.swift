import Foundation

/// The discs a union of discs cannot do without.
///
/// In a town with many services most discs lie wholly inside the others, yet each still
/// costs the union its 64 edges. A disc is left out when the other discs' inscribed circles
/// cover its whole circle: then the polygons of the discs kept cover its polygon, and the
/// union is the same set (the drawn disc lies inside its circle, each inscribed circle
/// inside its drawn disc). The circle is tested through a fan of 64 triangles around its
/// centre, drawn just outside it; a triangle lies in a circle when its three corners do.
/// Discs are tested in order against those not yet left out, which keeps the cover sound:
/// a disc left out later is itself covered by discs still kept.
enum CoveredDiscs {
  /// Triangles in the fan around each circle.
  static let fan = 64

  /// - Parameters:
  ///   - centres: The discs' centres (distinct).
  ///   - radius: The discs' radius.
  ///   - innerRadius: The radius of the circle inscribed in each drawn disc.
  /// - Returns: The positions of the discs to keep, in order.
  static func needed(centres: [(x: Double, y: Double)], radius: Double, innerRadius: Double)
    -> [Int]
  {
    guard centres.count > 1, radius > 0 else { return Array(centres.indices) }
    var coordinates: [Double] = []
    coordinates.reserveCapacity(centres.count * 2)
    for centre in centres { coordinates += [centre.x, centre.y] }
    let tree = KDTree(dimensions: 2, coordinates: coordinates, indices: Array(centres.indices))
    // The fan's outer corners lie on the circle circumscribing it about the true circle.
    let outer = radius / cos(Double.pi / Double(fan))
    let corners = (0..<fan).map { k -> (x: Double, y: Double) in
      let angle = 2 * Double.pi * Double(k) / Double(fan)
      return (outer * cos(angle), outer * sin(angle))
    }
    let reach = innerRadius * innerRadius
    var left = [Bool](repeating: false, count: centres.count)
    for (disc, centre) in centres.enumerated() {
      // Only a disc whose inscribed circle holds this centre can cover a fan triangle.
      var helpers: [Int] = []
      tree.forEach(within: innerRadius, of: (centre.x, centre.y, 0)) { other, _ in
        if other != disc && !left[other] { helpers.append(other) }
      }
      guard !helpers.isEmpty else { continue }
      var last = 0
      var covered = true
      for k in 0..<fan {
        let a = corners[k]
        let b = corners[(k + 1) % fan]
        func holds(_ helper: Int) -> Bool {
          let dx = centres[helper].x - centre.x
          let dy = centres[helper].y - centre.y
          return (a.x - dx) * (a.x - dx) + (a.y - dy) * (a.y - dy) <= reach
            && (b.x - dx) * (b.x - dx) + (b.y - dy) * (b.y - dy) <= reach
        }
        if holds(helpers[last]) { continue }
        guard let found = helpers.indices.first(where: { holds(helpers[$0]) }) else {
          covered = false
          break
        }
        last = found
      }
      if covered { left[disc] = true }
    }
    return centres.indices.filter { !left[$0] }
  }
}
