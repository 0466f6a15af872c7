/// Errors in what was asked of an analysis.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A time threshold was given in straight-line mode.
  case minutesNeedNetwork(category: String, threshold: String)
  /// A road-network setting is out of range (zero, negative or not a number).
  case invalidNetworkSetting(name: String, value: Double)
  /// The zone grid of one region would be too large to hold.
  case zoneGridTooLarge(region: String, cells: Int, cellMeters: Double)
  /// A distance threshold in public transport mode, which measures travel time only.
  case transitNeedsMinutes(category: String, threshold: String)
  /// Something public transport mode does not do (closure criticality, a road network).
  case notInTransitMode(what: String)
  /// A public transport setting is out of range.
  case invalidTransitSetting(name: String, value: String)

  public var description: String {
    switch self {
    case .invalidNetworkSetting(let name, let value):
      return "\(name) must be a positive number, not \(value)."
    case .zoneGridTooLarge(let region, let cells, let cellMeters):
      return "the zone grid of region '\(region)' would have \(cells) cells of "
        + "\(Int(cellMeters)) m; use larger cells or no zones."
    case .transitNeedsMinutes(let category, let threshold):
      return
        "threshold '\(threshold)' for '\(category)' is a distance, but public transport is "
        + "measured in travel time; use minutes such as 30min,60min."
    case .notInTransitMode(let what):
      return "public transport mode does not measure \(what)."
    case .invalidTransitSetting(let name, let value):
      return "\(name) cannot be \(value)."
    case .minutesNeedNetwork(let category, let threshold):
      return
        "threshold '\(threshold)' for '\(category)' is a travel time, which needs road-network "
        + "mode; use distances such as 5km,10km in straight-line mode."
    }
  }
}
