import ServiceGap

/// Reference answers by exhaustive search, to check the indexed ones against.
public enum BruteForce {
  /// The nearest service by geodesic distance, ties to the smallest id; nil when none.
  public static func nearest(to point: LonLat, among services: [ServicePoint]) -> (
    id: String, meters: Double
  )? {
    var best: (id: String, meters: Double)?
    for service in services {
      let meters = geodesicDistanceMeters(from: point, to: service.location)
      if let current = best {
        if meters < current.meters - 1e-6
          || (abs(meters - current.meters) <= 1e-6 && service.id < current.id)
        {
          best = (service.id, meters)
        }
      } else {
        best = (service.id, meters)
      }
    }
    return best
  }
}
