/// The nearest service of one category for one population unit.
public struct NearestService: Hashable, Sendable {
  /// Index of the service in the analysis input's `services` array.
  public var serviceIndex: Int
  /// Identifier of the service (`C_nearest` in `units.geojson`).
  public var serviceID: String
  /// Straight-line (geodesic) distance in metres, or the road distance in network mode.
  public var distanceMeters: Double

  /// Creates a nearest-service record.
  public init(serviceIndex: Int, serviceID: String, distanceMeters: Double) {
    self.serviceIndex = serviceIndex
    self.serviceID = serviceID
    self.distanceMeters = distanceMeters
  }
}
