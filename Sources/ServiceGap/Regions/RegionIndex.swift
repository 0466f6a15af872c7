/// The regions projected into the working CRS, for point-in-polygon and
/// nearest-region lookups.
struct RegionIndex: Sendable {
  /// One indexed polygon per region (all its parts, as separate polygons).
  let parts: [[PlanarPolygon]]
  /// The regions' polygons in the working CRS (rings of interleaved x, y).
  let projectedPolygons: [[[[Double]]]]

  init(regions: [Region], projection: Projection) {
    var parts: [[PlanarPolygon]] = []
    var projected: [[[[Double]]]] = []
    for region in regions {
      let polygons = region.polygons.map { polygon in
        polygon.map { projection.project(interleaved: PolygonTools.interleaved(ring: $0)) }
      }
      projected.append(polygons)
      parts.append(polygons.map { PlanarPolygon(rings: $0) })
    }
    self.parts = parts
    self.projectedPolygons = projected
  }

  /// The first region (in input order) whose polygon contains the point.
  func containing(x: Double, y: Double) -> Int? {
    guard x.isFinite, y.isFinite else { return nil }
    for (region, polygons) in parts.enumerated()
    where polygons.contains(where: { $0.contains(x: x, y: y) }) {
      return region
    }
    return nil
  }

  /// The region nearest to the point within `tolerance` metres (first on ties).
  func nearest(x: Double, y: Double, tolerance: Double) -> Int? {
    guard x.isFinite, y.isFinite, tolerance > 0 else { return nil }
    var best: (region: Int, distance: Double)?
    for (region, polygons) in parts.enumerated() {
      for polygon in polygons
      where x >= polygon.minX - tolerance && x <= polygon.maxX + tolerance
        && y >= polygon.minY - tolerance && y <= polygon.maxY + tolerance
      {
        let distance = polygon.distance(x: x, y: y)
        if distance <= tolerance, distance < best?.distance ?? .infinity {
          best = (region, distance)
        }
      }
    }
    return best?.region
  }
}
