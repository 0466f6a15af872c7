/// One connected service-sparse zone: territory of a region beyond a threshold.
public struct Zone: Hashable, Sendable {
  /// Name of the region the zone lies in.
  public var region: String
  /// Service category.
  public var category: String
  /// The threshold the zone lies beyond.
  public var threshold: Threshold
  /// People whose unit point lies inside the zone, whatever region they were assigned to.
  public var population: Double
  /// Area in km², measured in the working CRS.
  public var areaKm2: Double
  /// Name of the most populous unit inside the zone; empty when nobody lives there.
  public var largestPlace: String
  /// The zone's polygon in WGS 84 (outer ring first, then holes).
  public var polygon: PolygonRings

  /// Creates a zone.
  public init(
    region: String, category: String, threshold: Threshold, population: Double,
    areaKm2: Double, largestPlace: String, polygon: PolygonRings
  ) {
    self.region = region
    self.category = category
    self.threshold = threshold
    self.population = population
    self.areaKm2 = areaKm2
    self.largestPlace = largestPlace
    self.polygon = polygon
  }
}
