/// The meaning of an input column or property that a loader looks for.
///
/// Each role has a command-line flag to name the column explicitly and a list of
/// names recognised automatically (case-insensitive, first match wins, in the
/// order listed).
public enum FieldRole: String, Hashable, Sendable, CaseIterable {
  /// Identifier of a unit, service or region.
  case id
  /// Human-readable name.
  case name
  /// Number of inhabitants.
  case population
  /// Service category.
  case category
  /// Service capacity (for 2SFCA).
  case capacity
  /// Longitude or easting.
  case x
  /// Latitude or northing.
  case y
  /// Attribute joining a unit or service to a region (`--region-field`).
  case region
  /// Date a service opened (`compare --before DATE`).
  case opened
  /// Date a service closed.
  case closed
  /// Year the data describes (to warn when two situations are of different vintages).
  case year
  /// A population group's count, such as women or people 65 and over (`--groups`).
  case group

  /// The command-line option that names this column, such as `--x-field`.
  public var flag: String { self == .group ? "--groups" : "--\(rawValue)-field" }

  /// A short description used in messages, such as `x (longitude/easting)`.
  public var label: String {
    switch self {
    case .x: return "x (longitude/easting)"
    case .y: return "y (latitude/northing)"
    default: return rawValue
    }
  }

  /// Column names recognised without a flag, in order of preference (lower case).
  public var candidates: [String] {
    switch self {
    case .id:
      return ["id", "fid", "tatortskod", "geonameid", "objectid", "gid", "code", "kod"]
    case .name: return ["name", "namn", "ortnamn", "tatort", "place"]
    case .population:
      return [
        "population", "pop", "befolkning", "pop_tot", "folkmangd", "folkmängd", "invanare",
        "invånare", "inhabitants", "beftotalt", "tot_p", "obs_value_t",
      ]
    case .category: return ["category", "kategori", "type", "amenity"]
    case .capacity: return ["capacity", "kapacitet"]
    case .x: return ["lon", "lng", "long", "longitude", "x", "easting", "e"]
    case .y: return ["lat", "latitude", "y", "northing", "n"]
    case .region, .group: return []
    case .opened: return ["opened", "open_date", "opening_date", "start_date", "oppnad", "öppnad"]
    case .closed: return ["closed", "close_date", "closing_date", "end_date", "stangd", "stängd"]
    case .year: return ["year", "ar", "år", "vintage"]
    }
  }
}
