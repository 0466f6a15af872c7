internal import GeoBridge

/// Polygon checks used while loading input: validity, repair, and the unit point.
public enum PolygonTools {
  /// The point that stands for a polygon unit (BRIEF's unit-point rule).
  ///
  /// The centroid when it lies inside the polygon, else a point on its surface
  /// (an L-shaped or ring-shaped cell can have its centroid outside). Computed
  /// in degrees, which for cells of a few hundred metres differs from the
  /// projected centroid by far less than a metre.
  ///
  /// - Parameter polygons: One or more polygons in WGS 84.
  /// - Returns: The unit point.
  /// - Throws: An error with GEOS's message when the geometry cannot be built.
  public static func unitPoint(of polygons: [PolygonRings]) throws -> LonLat {
    let context = GEOSContext()
    let geometry = try makeGeometry(polygons, context: context)
    let centroid = try geometry.centroid()
    let (x, y) = try centroid.pointCoordinates()
    if try geometry.contains(x: x, y: y) { return LonLat(lon: x, lat: y) }
    let (sx, sy) = try geometry.pointOnSurface().pointCoordinates()
    return LonLat(lon: sx, lat: sy)
  }

  /// Checks the polygons with GEOS and repairs them with MakeValid when invalid.
  ///
  /// - Parameter polygons: Polygons in WGS 84; ring order may be either way.
  /// - Returns: The polygons (repaired if needed) and GEOS's reason when a repair was made.
  /// - Throws: An error when GEOS cannot even build the geometry (e.g. a ring of
  ///   fewer than four points).
  public static func validated(_ polygons: [PolygonRings]) throws -> (
    polygons: [PolygonRings], repairReason: String?
  ) {
    let context = GEOSContext()
    let geometry = try makeGeometry(polygons, context: context)
    if try geometry.isValid() { return (polygons, nil) }
    let reason = try geometry.validityReason()
    let repaired = try geometry.makeValid().polygons()
    return (repaired.map(rings(fromInterleaved:)), reason)
  }

  /// Whether GEOS finds `point` in the interior of `polygon` (a cross-check for
  /// the pure-Swift ``PlanarPolygon``).
  static func contains(_ polygon: PolygonRings, point: LonLat) throws -> Bool {
    let context = GEOSContext()
    return try makeGeometry([polygon], context: context).contains(x: point.lon, y: point.lat)
  }

  static func makeGeometry(_ polygons: [PolygonRings], context: GEOSContext) throws(GEOSError)
    -> GEOSGeometry
  {
    try GEOSGeometry.multiPolygon(
      polygons: polygons.map { $0.map(interleaved(ring:)) }, context: context)
  }

  static func interleaved(ring: Ring) -> [Double] {
    var values: [Double] = []
    values.reserveCapacity(ring.count * 2)
    for point in ring {
      values.append(point.lon)
      values.append(point.lat)
    }
    return values
  }

  static func rings(fromInterleaved polygon: [[Double]]) -> PolygonRings {
    polygon.map { values in
      stride(from: 0, to: values.count - 1, by: 2).map {
        LonLat(lon: values[$0], lat: values[$0 + 1])
      }
    }
  }
}
