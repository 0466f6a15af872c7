/// The nearest service of one category for one population unit.
///
/// The service is an index, not its id: a national run keeps millions of these, and the
/// id is looked up only when written (``AnalysisResult/serviceID(of:)``). Stored as the
/// distance and a 32-bit index, an optional record takes 16 bytes rather than 24.
public struct NearestService: Hashable, Sendable {
  /// Straight-line (geodesic) distance in metres, or the road distance in network mode.
  public var distanceMeters: Double
  private var storedIndex: Int32

  /// Index of the service in the analysis input's `services` array.
  public var serviceIndex: Int {
    get { Int(storedIndex) }
    set { storedIndex = Int32(newValue) }
  }

  /// Creates a nearest-service record.
  public init(serviceIndex: Int, distanceMeters: Double) {
    self.distanceMeters = distanceMeters
    self.storedIndex = Int32(serviceIndex)
  }
}
