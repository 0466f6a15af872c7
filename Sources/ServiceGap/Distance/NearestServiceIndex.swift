internal import GeoBridge

/// Finds the geodesically nearest service of one category, exactly.
///
/// Services are indexed by their Earth-centred coordinates. A query takes the
/// chord-nearest service, measures its geodesic distance *g* with PROJ's
/// `geod_inverse`, then re-examines every service whose chord is at most *g*:
/// since a chord never exceeds the geodesic, no closer service can hide
/// outside that ball. Usually the ball holds only the first candidate, so a
/// query costs two tree walks and one geodesic.
///
/// Ties (distances within 1 µm) go to the service with the smallest id
/// (string order), so the answer does not depend on input order.
public struct NearestServiceIndex: Sendable {
  private let tree: KDTree
  private let services: [ServicePoint]
  private let geodesic = Geodesic()

  /// Indexes `services` (all of them: callers filter by category first).
  ///
  /// - Parameter services: The services; results refer to positions in this array
  ///   through ``NearestService/serviceIndex`` only when `indices` is nil.
  /// - Parameter indices: Index to report for each service (defaults to its position).
  /// - Complexity: O(*n* log² *n*).
  public init(services: [ServicePoint], indices: [Int]? = nil) {
    self.services = services
    var coordinates: [Double] = []
    coordinates.reserveCapacity(services.count * 3)
    for service in services {
      let (x, y, z) = EarthCentred.position(service.location)
      coordinates += [x, y, z]
    }
    tree = KDTree(dimensions: 3, coordinates: coordinates, indices: Array(services.indices))
    reportedIndices = indices ?? Array(services.indices)
  }

  private let reportedIndices: [Int]

  /// Whether there are no services to search.
  public var isEmpty: Bool { services.isEmpty }

  /// The nearest service to `point` by geodesic distance; nil when there are no services.
  ///
  /// - Complexity: O(log *n*) on average.
  public func nearest(to point: LonLat) -> NearestService? {
    let query = EarthCentred.position(point)
    guard let first = tree.nearest(to: query) else { return nil }
    var bestLocal = first.index
    var bestDistance = distance(point, services[bestLocal].location)
    // Re-examine the ball of chord radius g (slightly widened for rounding).
    let radius = bestDistance * (1 + 1e-12) + 1e-6
    tree.forEach(within: radius, of: query) { candidate, _ in
      guard candidate != bestLocal else { return }
      let candidateDistance = distance(point, services[candidate].location)
      if candidateDistance < bestDistance - 1e-6
        || (abs(candidateDistance - bestDistance) <= 1e-6
          && services[candidate].id < services[bestLocal].id)
      {
        bestLocal = candidate
        bestDistance = candidateDistance
      }
    }
    return NearestService(
      serviceIndex: reportedIndices[bestLocal], serviceID: services[bestLocal].id,
      distanceMeters: bestDistance)
  }

  @inline(__always)
  private func distance(_ a: LonLat, _ b: LonLat) -> Double {
    geodesic.distanceMeters(lon1: a.lon, lat1: a.lat, lon2: b.lon, lat2: b.lat)
  }
}

/// Geodesic distance on WGS 84 between two positions, in metres (PROJ's `geod_inverse`).
public func geodesicDistanceMeters(from a: LonLat, to b: LonLat) -> Double {
  Geodesic().distanceMeters(lon1: a.lon, lat1: a.lat, lon2: b.lon, lat2: b.lat)
}
