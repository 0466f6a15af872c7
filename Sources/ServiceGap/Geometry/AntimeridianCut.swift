internal import GeoBridge

/// Cuts a polygon in WGS 84 at the antimeridian, as RFC 7946 §3.1.9 asks.
///
/// A zone drawn in a projected CRS comes back to longitude and latitude with an edge that
/// jumps from 179.9° to −179.9° where it crosses the antimeridian. Its rings are first made
/// continuous in longitude (each vertex moved by whole turns to within 180° of the one
/// before; holes to within 180° of the outer ring), a ring that winds once around a pole
/// is closed along the pole, and the result is cut into the pieces between −540°, −180°,
/// 180° and 540°, each moved back by whole turns into [−180°, 180°]. Cuts run along a
/// meridian, so working in plain degrees is exact there.
public enum AntimeridianCut {
  /// Whether an edge of `polygon` spans more than 180° of longitude: it crosses the
  /// antimeridian (or winds around a pole).
  ///
  /// - Parameter polygon: Rings in WGS 84.
  /// - Returns: True when the polygon needs cutting.
  public static func crosses(_ polygon: PolygonRings) -> Bool {
    polygon.contains { ring in
      zip(ring, ring.dropFirst()).contains { abs($0.lon - $1.lon) > 180 }
    }
  }

  /// The polygon's pieces on either side of the antimeridian (the polygon itself when it
  /// does not cross it).
  ///
  /// - Parameter polygon: Outer ring first, then holes, in WGS 84.
  /// - Returns: One or more polygons, every longitude in [−180°, 180°].
  /// - Throws: ``GEOSError`` when the pieces cannot be cut.
  public static func parts(of polygon: PolygonRings) throws -> [PolygonRings] {
    guard crosses(polygon), let outer = polygon.first else { return [polygon] }
    let outerRing = continuous(outer)
    let centre = outerRing.reduce(0) { $0 + $1.lon } / Double(max(1, outerRing.count))
    var rings = [outerRing]
    for hole in polygon.dropFirst() {
      var ring = continuous(hole)
      let middle = ring.reduce(0) { $0 + $1.lon } / Double(max(1, ring.count))
      let turns = ((centre - middle) / 360).rounded()
      if turns != 0 { ring = ring.map { LonLat(lon: $0.lon + turns * 360, lat: $0.lat) } }
      rings.append(ring)
    }
    let context = GEOSContext()
    var shape = try GEOSGeometry.polygon(
      rings: rings.map(PolygonTools.interleaved(ring:)), context: context)
    if try !shape.isValid() { shape = try shape.makeValid() }
    var pieces: [PolygonRings] = []
    for turn in [-1.0, 0, 1] {
      let west = -180 + turn * 360
      let box = try GEOSGeometry.polygon(
        rings: [[west, -90, west + 360, -90, west + 360, 90, west, 90, west, -90]],
        context: context)
      for piece in try shape.intersection(box).polygons() {
        pieces.append(
          PolygonTools.rings(fromInterleaved: piece).map { ring in
            ring.map { LonLat(lon: $0.lon - turn * 360, lat: $0.lat) }
          })
      }
    }
    return pieces
  }

  /// The pieces to write: ``parts(of:)``, or the polygon as drawn when GEOS cannot cut
  /// it (its longitudes then jump, as every zone's did before cutting).
  ///
  /// - Parameter polygon: Outer ring first, then holes, in WGS 84.
  /// - Returns: One or more polygons.
  public static func writableParts(of polygon: PolygonRings) -> [PolygonRings] {
    (try? parts(of: polygon)) ?? [polygon]
  }

  /// The ring with every vertex moved by whole turns to within 180° of the one before.
  ///
  /// A ring that ends a turn away from where it began goes around a pole: it is started
  /// and ended where it crosses the antimeridian (so it spans exactly −180° to 180° and
  /// stays one piece) and closed along that pole (the one on its side of the equator).
  static func continuous(_ ring: Ring) -> Ring {
    let result = unwrapped(ring)
    guard let first = result.first, let last = result.last, abs(last.lon - first.lon) > 180
    else { return result }
    // Around a pole: begin at the first crossing of the antimeridian.
    var points = Array(ring.dropLast())
    guard
      let crossing = points.indices.first(where: {
        abs(points[$0].lon - points[($0 + 1) % points.count].lon) > 180
      })
    else { return result }
    let a = points[crossing]
    let b = points[(crossing + 1) % points.count]
    let eastward = a.lon > b.lon
    let bLon = b.lon + (eastward ? 360 : -360)
    let meridian: Double = eastward ? 180 : -180
    let t = (meridian - a.lon) / (bLon - a.lon)
    let lat = a.lat + t * (b.lat - a.lat)
    points = Array(points[(crossing + 1)...] + points[...crossing])
    let around = unwrapped(
      [LonLat(lon: -meridian, lat: lat)] + points + [LonLat(lon: -meridian, lat: lat)])
    guard let start = around.first, let end = around.last else { return result }
    let pole: Double = points.reduce(0) { $0 + $1.lat } >= 0 ? 90 : -90
    return around + [
      LonLat(lon: end.lon, lat: pole), LonLat(lon: start.lon, lat: pole), start,
    ]
  }

  /// Each vertex moved by whole turns to within 180° of the one before.
  private static func unwrapped(_ ring: Ring) -> Ring {
    guard var previous = ring.first else { return ring }
    var result = [previous]
    for point in ring.dropFirst() {
      var lon = point.lon
      while lon - previous.lon > 180 { lon -= 360 }
      while lon - previous.lon < -180 { lon += 360 }
      previous = LonLat(lon: lon, lat: point.lat)
      result.append(previous)
    }
    return result
  }
}
