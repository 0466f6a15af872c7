/// Warnings about coordinates that are valid but probably wrong.
///
/// Two rules, both only warnings (the data is still loaded as declared):
///
/// 1. **Swapped axes** (geographic CRS only). With an expected area (the regions'
///    bounding box): fewer than half the points lie in the box grown by 0.5°, but at
///    least 90 % would lie in it with x and y exchanged. Without one, a Nordic rule: at
///    least 90 % of points have x between 54 and 72 and y between −25 and 32 — latitudes
///    and longitudes of the Nordic countries in the wrong columns. (Genuine data with
///    such values, from Arabia or Pakistan, gets a harmless warning.)
/// 2. **Degrees declared as metres**. A projected CRS, but every |x| ≤ 180 and |y| ≤ 90:
///    the file almost certainly holds longitude/latitude.
enum CoordinateHeuristics {
  /// A warning when the points look like latitude/longitude in x/y order; nil otherwise.
  ///
  /// `hint` says how to fix it, such as `pass --x-field lat --y-field lon if the columns are
  /// swapped`.
  static func swappedWarning(
    xs: [Double], ys: [Double], expectedArea: LonLatBox?, hint: String
  ) -> String? {
    guard !xs.isEmpty else { return nil }
    let count = Double(xs.count)
    if let area = expectedArea {
      var inside = 0
      var swappedInside = 0
      for (x, y) in zip(xs, ys) {
        if area.contains(lon: x, lat: y, margin: 0.5) { inside += 1 }
        if area.contains(lon: y, lat: x, margin: 0.5) { swappedInside += 1 }
      }
      if Double(inside) < 0.5 * count, Double(swappedInside) >= 0.9 * count {
        return "\(xs.count - inside) of \(xs.count) points lie outside the regions but would "
          + "lie inside with longitude and latitude exchanged; \(hint)"
      }
      return nil
    }
    var nordicSwapped = 0
    for (x, y) in zip(xs, ys) where (54...72).contains(x) && (-25...32).contains(y) {
      nordicSwapped += 1
    }
    if Double(nordicSwapped) >= 0.9 * count {
      return "x values (longitudes) are between 54 and 72 and y values (latitudes) between "
        + "-25 and 32: that is Nordic data with longitude and latitude swapped, or data from "
        + "Arabia or Pakistan; \(hint)"
    }
    return nil
  }

  static func degreesWarning(xs: [Double], ys: [Double], input: CoordinateInput) -> String? {
    guard !xs.isEmpty else { return nil }
    for (x, y) in zip(xs, ys) where abs(x) > 180 || abs(y) > 90 { return nil }
    // A CRS named by a GeoJSON crs member is fixed in the file: --crs does not apply there.
    let fix =
      input.fromFile
      ? "remove the file's crs member (GeoJSON without one is longitude/latitude)"
      : "pass --crs EPSG:4326"
    return "every coordinate is within ±180/±90, which looks like longitude/latitude degrees, "
      + "but the CRS is \(input.crs) (metres); if the file holds degrees, \(fix)"
  }
}
