/// A point where a service is offered, such as a grocery store, fuel station or pharmacy.
public struct ServicePoint: Hashable, Sendable {
  /// Identifier from the input (or the 1-based row/feature number when there is none).
  public var id: String
  /// Human-readable name; empty when the input has none.
  public var name: String
  /// Category such as `grocery`, `fuel`, `pharmacy`, `atm`: any string.
  public var category: String
  /// Position in WGS 84.
  public var location: LonLat
  /// Value of the `--region-field` attribute, when regions are joined by attribute.
  public var regionKey: String?
  /// Capacity for accessibility indices (default 1 when absent).
  public var capacity: Double?
  /// When the service opened and closed, as `YYYY-MM-DD` (nil when not given).
  public var opened: String?
  public var closed: String?
  /// The year the record describes, when the file says.
  public var year: String?

  /// Creates a service point.
  public init(
    id: String, name: String = "", category: String, location: LonLat,
    regionKey: String? = nil, capacity: Double? = nil
  ) {
    self.id = id
    self.name = name
    self.category = category
    self.location = location
    self.regionKey = regionKey
    self.capacity = capacity
  }
}
