/// A GeoJSON geometry with coordinates in the file's CRS.
///
/// Polygon rings are kept as written (either orientation, closed or not); loaders
/// close and check them.
public enum GeoJSONGeometry: Hashable, Sendable {
  /// One position.
  case point(GeoJSONPosition)
  /// Several positions.
  case multiPoint([GeoJSONPosition])
  /// A line through two or more positions.
  case lineString([GeoJSONPosition])
  /// Several lines.
  case multiLineString([[GeoJSONPosition]])
  /// An outer ring, then any holes.
  case polygon([[GeoJSONPosition]])
  /// Several polygons.
  case multiPolygon([[[GeoJSONPosition]]])
  /// A collection of geometries.
  case geometryCollection([GeoJSONGeometry])

  /// The GeoJSON type name, such as `MultiPolygon`.
  public var typeName: String {
    switch self {
    case .point: return "Point"
    case .multiPoint: return "MultiPoint"
    case .lineString: return "LineString"
    case .multiLineString: return "MultiLineString"
    case .polygon: return "Polygon"
    case .multiPolygon: return "MultiPolygon"
    case .geometryCollection: return "GeometryCollection"
    }
  }

  /// The polygons of a Polygon or MultiPolygon; nil for other types.
  public var polygons: [[[GeoJSONPosition]]]? {
    switch self {
    case .polygon(let rings): return [rings]
    case .multiPolygon(let polygons): return polygons
    default: return nil
    }
  }
}
