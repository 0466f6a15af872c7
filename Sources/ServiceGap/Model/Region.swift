/// One ring of a polygon: a closed sequence of positions (first equals last).
public typealias Ring = [LonLat]

/// A polygon: the outer ring first, then any holes.
public typealias PolygonRings = [Ring]

/// An area such as a municipality, as a multipolygon in WGS 84.
public struct Region: Hashable, Sendable {
  /// Identifier used for `--region-id-field` joins and in outputs.
  public var id: String
  /// Name written in the `region` column of every output.
  public var name: String
  /// The polygons making up the region (one or more, each with optional holes).
  public var polygons: [PolygonRings]

  /// Creates a region.
  public init(id: String, name: String, polygons: [PolygonRings]) {
    self.id = id
    self.name = name
    self.polygons = polygons
  }
}
