/// A place where people live: a village, a locality, an address point or a grid cell.
///
/// The unit is reduced to one point (``location``) by the loader, following the
/// unit-point rule: a point's own coordinate, a polygon's centroid when it lies
/// inside the polygon (else a point on its surface), a grid cell's centre.
public struct PopulationUnit: Hashable, Sendable {
  /// Identifier from the input (or the 1-based row/feature number when there is none).
  public var id: String
  /// Human-readable name; empty when the input has none.
  public var name: String
  /// Number of inhabitants, ≥ 0.
  public var population: Double
  /// The unit point in WGS 84.
  public var location: LonLat
  /// Value of the `--region-field` attribute, when regions are joined by attribute.
  public var regionKey: String?
  /// The people of each population group (such as women, or people 65 and over), in the
  /// order of ``AnalysisInput/groups``; empty when the analysis has no groups.
  public var groups: [Double]
  /// The unit's own shape in lon/lat (a grid cell, an area), when the input gives one and
  /// the caller asked to keep it; nil otherwise.
  ///
  /// Measuring uses ``location`` only.
  public var outline: [PolygonRings]?

  /// Creates a population unit.
  public init(
    id: String, name: String = "", population: Double, location: LonLat,
    regionKey: String? = nil, groups: [Double] = [], outline: [PolygonRings]? = nil
  ) {
    self.id = id
    self.name = name
    self.population = population
    self.location = location
    self.regionKey = regionKey
    self.groups = groups
    self.outline = outline
  }
}
