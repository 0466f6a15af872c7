/// Where `--out` sends the outputs.
public enum OutputTarget: Hashable, Sendable {
  /// A folder of GeoJSON, CSV and JSON files.
  case directory(String)
  /// One GeoPackage file holding every layer and table.
  case geoPackage(String)
  /// A PostgreSQL/PostGIS database, given as a `postgresql://` URL (or GDAL's `PG:` form).
  case postGIS(String)

  /// Reads `--out`: `*.gpkg` is a GeoPackage, `postgresql://…`, `postgres://…` or `PG:…`
  /// a database, anything else a folder.
  public init(_ text: String) {
    let lower = text.lowercased()
    if lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
      || lower.hasPrefix("pg:")
    {
      self = .postGIS(text)
    } else if lower.hasSuffix(".gpkg") {
      self = .geoPackage(text)
    } else {
      self = .directory(text)
    }
  }

  /// The target as shown in messages, without a database password.
  public var displayName: String {
    switch self {
    case .directory(let path), .geoPackage(let path): return path
    case .postGIS(let url):
      // postgresql://user:secret@host/db → postgresql://user:***@host/db
      guard let scheme = url.range(of: "://"), let at = url.range(of: "@"),
        let colon = url[scheme.upperBound..<at.lowerBound].firstIndex(of: ":")
      else { return url }
      return String(url[..<url.index(after: colon)]) + "***" + String(url[at.lowerBound...])
    }
  }
}
