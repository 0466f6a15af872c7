import Foundation
internal import GeoBridge

/// Builds straight-line service-sparse zones: region minus the union of discs
/// of radius *t* around every service of the category, in the working CRS.
///
/// Discs have 16 segments per quarter circle (GEOS `quadsegs`), so the drawn
/// edge stays within 1 − cos(π/64) ≈ 0.12 % of the radius from the true circle.
/// Only services within *t* of the region's bounding box can cut it, so each
/// region unions just those discs; regions run in parallel, each job on its
/// own GEOS context.
struct ZoneBuilder {
  static let quadrantSegments: Int32 = 16
  /// Discs are inscribed polygons: every point nearer than this fraction of the
  /// radius to a service is inside the disc polygon.
  static let inscribedFraction = cos(Double.pi / 64)

  /// One connected part of a zone, in the working CRS.
  struct Part: Sendable {
    var rings: [[Double]]
    var areaSquareMeters: Double
    var polygon: PlanarPolygon
  }

  /// Services of one category in the working CRS, indexed.
  struct ProjectedServices: Sendable {
    var xs: [Double]
    var ys: [Double]
    var tree: KDTree

    init(xs: [Double], ys: [Double]) {
      self.xs = xs
      self.ys = ys
      var coordinates: [Double] = []
      var indices: [Int] = []
      for index in xs.indices where xs[index].isFinite && ys[index].isFinite {
        coordinates += [xs[index], ys[index]]
        indices.append(index)
      }
      tree = KDTree(dimensions: 2, coordinates: coordinates, indices: indices)
    }

    /// Planar distance from the point to the nearest service; nil when none.
    func nearestDistance(x: Double, y: Double) -> Double? {
      tree.nearest(to: (x, y, 0)).map { $0.squaredDistance.squareRoot() }
    }
  }

  /// The zone parts of every region beyond `radius` metres of the services.
  ///
  /// The discs are unioned once (GEOS cascaded union), then each region is
  /// differenced against that union; regions the union misses or covers
  /// entirely are settled by a prepared-geometry test without an overlay.
  ///
  /// - Returns: Parts per region, parallel to `regionPolygons`.
  static func parts(
    regionPolygons: [[[[Double]]]], services: ProjectedServices, radius: Double
  ) throws -> [[Part]] {
    let context = GEOSContext()
    // Coincident services (several ATMs at one site) add nothing to the union.
    var seen: Set<ProjectedPoint> = []
    var centres: [(x: Double, y: Double)] = []
    for (x, y) in zip(services.xs, services.ys)
    where x.isFinite && y.isFinite && seen.insert(ProjectedPoint(x: x, y: y)).inserted {
      centres.append((x, y))
    }
    // Sorted centres make the union (and so the output) independent of input order.
    centres.sort { ($0.x, $0.y) < ($1.x, $1.y) }
    let needed = CoveredDiscs.needed(
      centres: centres, radius: radius, innerRadius: radius * inscribedFraction)
    let discs = try GEOSGeometry.unionOfDiscs(
      centres: needed.map { centres[$0] }, radius: radius, quadrantSegments: quadrantSegments,
      context: context)
    // Each region is differenced only against the union parts near it, so
    // GEOS does not clip the whole national union once per region.
    let partBoxes = try discs.partEnvelopes()
    // Each part prepared once, when a region first needs it, for the covers tests.
    var prepared: [Int: GEOSPreparedGeometry] = [:]
    func preparedPart(_ index: Int) throws -> GEOSPreparedGeometry {
      if let known = prepared[index] { return known }
      let part = try GEOSPreparedGeometry(discs.polygonalSubset(parts: [index]))
      prepared[index] = part
      return part
    }
    return try regionPolygons.map { polygons in
      var region = try GEOSGeometry.multiPolygon(polygons: polygons, context: context)
      if !(try region.isValid()) { region = try region.makeValid() }
      let box = boundingBox(polygons)
      let near = partBoxes.indices.filter { index in
        let part = partBoxes[index]
        return part.minX <= box.maxX && part.maxX >= box.minX && part.minY <= box.maxY
          && part.maxY >= box.minY
      }
      let zone: GEOSGeometry
      if near.isEmpty {
        zone = region
      } else if try near.contains(where: { try preparedPart($0).covers(region) }) {
        // Wholly within reach (a third of the national cases): no overlay needed.
        return []
      } else {
        let cutters = near.count == partBoxes.count ? discs : try discs.polygonalSubset(parts: near)
        // A plain overlay is cheaper than preparing the cutters for a
        // covers/intersects test first: the index would be built per region.
        zone = try region.difference(cutters)
      }
      return try zone.polygons().compactMap { rings in
        let area = polygonArea(rings)
        guard area > 0 else { return nil }
        return Part(rings: rings, areaSquareMeters: area, polygon: PlanarPolygon(rings: rings))
      }
    }
  }

  static func boundingBox(_ polygons: [[[Double]]]) -> (
    minX: Double, minY: Double, maxX: Double, maxY: Double
  ) {
    var box = (
      minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity
    )
    for polygon in polygons {
      for ring in polygon {
        for index in stride(from: 0, to: ring.count - 1, by: 2) {
          box.minX = min(box.minX, ring[index])
          box.maxX = max(box.maxX, ring[index])
          box.minY = min(box.minY, ring[index + 1])
          box.maxY = max(box.maxY, ring[index + 1])
        }
      }
    }
    return box
  }

  /// Planar area of a polygon with holes (shoelace), in squared CRS units.
  static func polygonArea(_ rings: [[Double]]) -> Double {
    var total = 0.0
    for (index, ring) in rings.enumerated() {
      let area = abs(signedArea(ring))
      total += index == 0 ? area : -area
    }
    return max(0, total)
  }

  static func signedArea(_ ring: [Double]) -> Double {
    let count = ring.count / 2
    guard count >= 3 else { return 0 }
    var sum = 0.0
    for index in 0..<count {
      let next = (index + 1) % count
      sum += ring[2 * index] * ring[2 * next + 1] - ring[2 * next] * ring[2 * index + 1]
    }
    return sum / 2
  }
}
