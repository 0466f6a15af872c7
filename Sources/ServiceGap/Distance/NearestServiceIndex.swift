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
  // Hot data kept free of strings: reference counting shared strings from
  // several threads at once would serialise the workers on cache lines.
  private let locations: [LonLat]
  private let idRanks: [Int]
  private let reportedIndices: [Int]
  private let geodesic = Geodesic.wgs84

  /// Indexes `services` (all of them: callers filter by category first).
  ///
  /// - Parameters:
  ///   - services: The services to search.
  ///   - indices: Index to report for each service in ``NearestService/serviceIndex``
  ///     (defaults to its position in `services`).
  /// - Complexity: O(*n* log² *n*).
  public init(services: [ServicePoint], indices: [Int]? = nil) {
    locations = services.map(\.location)
    var ranks = [Int](repeating: 0, count: services.count)
    for (rank, position) in services.indices.sorted(by: { services[$0].id < services[$1].id })
      .enumerated()
    {
      ranks[position] = rank
    }
    idRanks = ranks
    var coordinates: [Double] = []
    coordinates.reserveCapacity(services.count * 3)
    for location in locations {
      let (x, y, z) = EarthCentred.position(location)
      coordinates += [x, y, z]
    }
    tree = KDTree(dimensions: 3, coordinates: coordinates, indices: Array(services.indices))
    reportedIndices = indices ?? Array(services.indices)
  }

  /// Whether there are no services to search.
  public var isEmpty: Bool { locations.isEmpty }

  /// The nearest service to `point` by geodesic distance; nil when there are no services.
  ///
  /// - Complexity: O(log *n*) on average.
  public func nearest(to point: LonLat) -> NearestService? {
    nearestPosition(to: point).map(record)
  }

  /// The result record for a position found by ``nearestPosition(to:)``.
  func record(_ found: (position: Int, meters: Double)) -> NearestService {
    NearestService(serviceIndex: reportedIndices[found.position], distanceMeters: found.meters)
  }

  /// The geodesic metres to the nearest service within `limit` metres; nil when none is.
  ///
  /// The straight chord through the Earth is never longer than the geodesic, so a nearest
  /// chord beyond the limit settles it without a geodesic.
  func nearestMeters(to point: LonLat, within limit: Double) -> Double? {
    guard tree.hasPoint(within: limit, of: EarthCentred.position(point)) else { return nil }
    guard let found = nearestPosition(to: point), found.meters <= limit else { return nil }
    return found.meters
  }

  /// The hot path: position in this index and geodesic metres, touching no strings.
  func nearestPosition(to point: LonLat) -> (position: Int, meters: Double)? {
    let query = EarthCentred.position(point)
    guard let first = tree.nearestTwo(to: query) else { return nil }
    return nearestPosition(point, query: query, chordNearest: first)
  }

  /// ``nearestPosition(to:)`` from the chord-nearest two already found.
  private func nearestPosition(
    _ point: LonLat, query: (Double, Double, Double),
    chordNearest first: (index: Int, squaredDistance: Double, secondSquaredDistance: Double)
  ) -> (position: Int, meters: Double) {
    var best = first.index
    var bestDistance = distance(point, locations[best])
    // Re-examine the ball of chord radius g (slightly widened for rounding),
    // unless the second-nearest chord already lies outside it.
    let radius = bestDistance * (1 + 1e-12) + 1e-6
    guard first.secondSquaredDistance <= radius * radius else { return (best, bestDistance) }
    tree.forEach(within: radius, of: query) { candidate, _ in
      guard candidate != best else { return }
      let candidateDistance = distance(point, locations[candidate])
      if candidateDistance < bestDistance - 1e-6
        || (abs(candidateDistance - bestDistance) <= 1e-6 && idRanks[candidate] < idRanks[best])
      {
        best = candidate
        bestDistance = candidateDistance
      }
    }
    return (best, bestDistance)
  }

  /// The nearest service and the next nearest other service (a coincident one counts),
  /// both by geodesic distance; the second is nil when there is only one service.
  ///
  /// Exact by the same chord bound as ``nearestPosition(to:)``: a ball around the chord-
  /// nearest others gives an upper bound *g′* on the second distance, and every service
  /// within chord *g′* is measured.
  func nearestTwoPositions(to point: LonLat) -> (
    first: (position: Int, meters: Double), second: (position: Int, meters: Double)?
  )? {
    let query = EarthCentred.position(point)
    guard let two = tree.nearestTwo(to: query) else { return nil }
    let first = nearestPosition(point, query: query, chordNearest: two)
    guard locations.count > 1 else { return (first, nil) }
    var second: (position: Int, meters: Double)?
    // The two balls below mostly hold the same few services: each is measured once.
    var measured: [(position: Int, meters: Double)] = []
    func offer(_ candidate: Int) {
      guard candidate != first.position else { return }
      let meters: Double
      if let known = measured.first(where: { $0.position == candidate }) {
        meters = known.meters
      } else {
        meters = distance(point, locations[candidate])
        measured.append((candidate, meters))
      }
      if let current = second {
        if meters < current.meters - 1e-6
          || (abs(meters - current.meters) <= 1e-6
            && idRanks[candidate] < idRanks[current.position])
        {
          second = (candidate, meters)
        }
      } else {
        second = (candidate, meters)
      }
    }
    // Some service other than the nearest lies within the chord-second radius.
    let start = two.secondSquaredDistance.squareRoot() * (1 + 1e-12) + 1e-6
    tree.forEach(within: max(start, two.squaredDistance.squareRoot()), of: query) { candidate, _ in
      offer(candidate)
    }
    guard let bound = second else { return (first, nil) }
    let radius = bound.meters * (1 + 1e-12) + 1e-6
    tree.forEach(within: radius, of: query) { candidate, _ in offer(candidate) }
    return (first, second)
  }

  @inline(__always)
  private func distance(_ a: LonLat, _ b: LonLat) -> Double {
    geodesic.distanceMeters(lon1: a.lon, lat1: a.lat, lon2: b.lon, lat2: b.lat)
  }
}

/// Geodesic distance on WGS 84 between two positions, in metres (PROJ's `geod_inverse`).
public func geodesicDistanceMeters(from a: LonLat, to b: LonLat) -> Double {
  Geodesic.wgs84.distanceMeters(lon1: a.lon, lat1: a.lat, lon2: b.lon, lat2: b.lat)
}
