internal import CPROJ

/// Geodesic distances on the WGS 84 ellipsoid with PROJ's `geod_inverse` (Karney 2013).
///
/// A plain value with no context or handle: `geod_geodesic` is an immutable
/// struct after `geod_init`, so one instance can be shared by every thread.
package struct Geodesic: Sendable {
  private var geodesic = geod_geodesic()

  /// WGS 84: a = 6378137 m, f = 1/298.257223563. Wraps `geod_init`.
  package init() {
    geod_init(&geodesic, 6_378_137, 1 / 298.257223563)
  }

  /// The shortest distance in metres between two points given in degrees.
  ///
  /// Wraps `geod_inverse`; accurate to about 15 nm for any pair of points.
  package func distanceMeters(
    lon1: Double, lat1: Double, lon2: Double, lat2: Double
  ) -> Double {
    var s12 = 0.0
    withUnsafePointer(to: geodesic) { pointer in
      geod_inverse(pointer, lat1, lon1, lat2, lon2, &s12, nil, nil)
    }
    return s12
  }
}
