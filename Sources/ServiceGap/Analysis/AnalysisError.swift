/// Errors in what was asked of an analysis.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A time threshold was given in straight-line mode.
  case minutesNeedNetwork(category: String, threshold: String)
  /// A road-network setting is out of range (zero, negative or not a number).
  case invalidNetworkSetting(name: String, value: Double)
  /// The zone grid of one region would be too large to hold.
  case zoneGridTooLarge(region: String, cells: Int, cellMeters: Double)

  public var description: String {
    switch self {
    case .invalidNetworkSetting(let name, let value):
      return "\(name) must be a positive number, not \(value)."
    case .zoneGridTooLarge(let region, let cells, let cellMeters):
      return "the zone grid of region '\(region)' would have \(cells) cells of "
        + "\(Int(cellMeters)) m; use larger cells or no zones."
    case .minutesNeedNetwork(let category, let threshold):
      return
        "threshold '\(threshold)' for '\(category)' is a travel time, which needs road-network "
        + "mode; use distances such as 5km,10km in straight-line mode."
    }
  }
}
