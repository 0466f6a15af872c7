/// Chooses the metric working CRS used for indexing, buffering and areas.
public enum WorkCRS {
  /// SWEREF99 TM when most points lie in Sweden, else the UTM zone of the
  /// centre of the points' bounding box (north or south by the centre's latitude).
  ///
  /// The box is taken on the shorter side of the globe: points at 179.9° E and 179.9° W
  /// span 0.2° across the antimeridian, not 359.8° across Greenwich, so their centre is
  /// 180° and their zone 60. Near a pole the zone of the centre's longitude still
  /// serves: the pole lies on every zone's central meridian.
  ///
  /// - Parameter points: The population units' points (services may be added).
  /// - Returns: An `EPSG:` code; `EPSG:3006` for data in Sweden.
  public static func automatic(for points: [LonLat]) -> String {
    let valid = points.filter(\.isValid)
    guard !valid.isEmpty else { return "EPSG:3006" }
    let inSweden = valid.lazy.filter { SwedenOutline.contains($0) }.count
    if inSweden * 2 > valid.count { return "EPSG:3006" }
    var minLon = valid.map(\.lon).min() ?? 0
    var maxLon = valid.map(\.lon).max() ?? 0
    // The same longitudes on 0…360: narrower when the data straddles the antimeridian.
    let eastward = valid.map { $0.lon < 0 ? $0.lon + 360 : $0.lon }
    if let low = eastward.min(), let high = eastward.max(), high - low < maxLon - minLon {
      (minLon, maxLon) = (low, high)
    }
    var centreLon = (minLon + maxLon) / 2
    if centreLon > 180 { centreLon -= 360 }
    let minLat = valid.map(\.lat).min() ?? 0
    let maxLat = valid.map(\.lat).max() ?? 0
    return utm(for: LonLat(lon: centreLon, lat: (minLat + maxLat) / 2))
  }

  /// The WGS 84 UTM zone containing `point`: EPSG:326zz north, EPSG:327zz south.
  ///
  /// Latitude 0 counts as north. A point on a zone boundary belongs to the zone east of
  /// it; longitude 180 is in zone 60, −180 in zone 1.
  public static func utm(for point: LonLat) -> String {
    let zone = min(60, max(1, Int(((point.lon + 180) / 6).rounded(.down)) + 1))
    let base = point.lat >= 0 ? 32600 : 32700
    return "EPSG:\(base + zone)"
  }
}

/// A coarse outline of Sweden (about 40 km accuracy, islands included), only
/// used to decide whether data is Swedish and SWEREF99 TM fits.
enum SwedenOutline {
  static let vertices: [(Double, Double)] = [
    (11.0, 58.9), (11.4, 59.3), (11.9, 59.9), (12.5, 60.4), (12.4, 61.0), (12.9, 61.5),
    (12.1, 61.8), (12.2, 62.6), (11.9, 63.3), (12.8, 64.1), (13.9, 64.6), (14.2, 65.3),
    (15.2, 66.1), (16.2, 66.9), (17.4, 67.6), (18.1, 68.3), (19.8, 68.6), (20.6, 69.2),
    (21.6, 68.8), (23.2, 68.3), (23.9, 67.3), (23.8, 66.6), (24.4, 65.8), (22.6, 65.4),
    (21.6, 64.5), (20.6, 63.6), (19.0, 62.9), (17.8, 62.1), (17.5, 61.0), (17.6, 60.5),
    (19.3, 60.1), (19.4, 59.2), (19.5, 57.9), (18.9, 56.8), (16.9, 56.1), (15.9, 55.9),
    (14.5, 55.3), (12.7, 55.2), (12.3, 56.2), (12.6, 56.6), (11.6, 57.4), (11.0, 58.2),
  ]

  static func contains(_ point: LonLat) -> Bool {
    var inside = false
    var previous = vertices[vertices.count - 1]
    for vertex in vertices {
      if (vertex.1 > point.lat) != (previous.1 > point.lat) {
        let crossLon =
          vertex.0 + (point.lat - vertex.1) / (previous.1 - vertex.1) * (previous.0 - vertex.0)
        if point.lon < crossLon { inside.toggle() }
      }
      previous = vertex
    }
    return inside
  }
}
