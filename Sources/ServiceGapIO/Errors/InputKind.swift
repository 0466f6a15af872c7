/// Which of an analysis' inputs a file is, for messages that name the option to use.
public enum InputKind: String, Hashable, Sendable {
  case population
  case services
  case regions
  case roads

  /// The option that sets this input's CRS whatever the file declares; nil for roads,
  /// which are fixed in the file.
  public var crsOption: String? {
    switch self {
    case .population: return "--population-crs"
    case .services: return "--services-crs"
    case .regions: return "--regions-crs"
    case .roads: return nil
    }
  }
}
