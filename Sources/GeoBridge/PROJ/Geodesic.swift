internal import CPROJ

/// Geodesic distances on the WGS 84 ellipsoid with PROJ's `geod_inverse` (Karney 2013).
///
/// A plain value with no context or handle: `geod_geodesic` is an immutable
/// struct after `geod_init`, so one instance can be shared by every thread.
package final class Geodesic: @unchecked Sendable {
  // Safety: the struct is written once by geod_init and only read afterwards;
  // geod_inverse takes it as `const`, so concurrent calls are safe.
  private let geodesic: UnsafeMutablePointer<geod_geodesic>

  /// Shared WGS 84 instance.
  package static let wgs84 = Geodesic()

  /// Creates a geodesic for WGS 84: a = 6378137 m, f = 1/298.257223563.
  ///
  /// Wraps `geod_init`.
  package init() {
    geodesic = .allocate(capacity: 1)
    geod_init(geodesic, 6_378_137, 1 / 298.257223563)
  }

  deinit { geodesic.deallocate() }

  /// The shortest distance in metres between two points given in degrees.
  ///
  /// Wraps `geod_inverse`; accurate to about 15 nm for any pair of points.
  @inline(__always)
  package func distanceMeters(
    lon1: Double, lat1: Double, lon2: Double, lat2: Double
  ) -> Double {
    var s12 = 0.0
    geod_inverse(geodesic, lat1, lon1, lat2, lon2, &s12, nil, nil)
    return s12
  }
}
