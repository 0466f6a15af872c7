/// A coordinate reference system that cannot be used.
public enum CRSError: Error, Equatable, Sendable, CustomStringConvertible {
  /// PROJ does not know the CRS; `message` is PROJ's explanation.
  case unknown(crs: String, message: String)
  /// The working CRS must be projected (metres), but this one is in degrees.
  case workCRSNotProjected(crs: String)
  /// PROJ does not know the working CRS.
  case unknownWorkCRS(crs: String, message: String)

  public var description: String {
    switch self {
    case .unknown(let crs, let message):
      return
        "unknown CRS '\(crs)'\(Self.detail(message)). Give it as EPSG:<code>, e.g. --crs "
        + "EPSG:3006 for SWEREF99 TM or --crs EPSG:4326 for longitude/latitude degrees."
    case .workCRSNotProjected(let crs):
      return
        "the working CRS '\(crs)' is in degrees, but zones and areas need metres. Pass a "
        + "projected CRS such as --work-crs EPSG:3006 (SWEREF99 TM), or --work-crs auto."
    case .unknownWorkCRS(let crs, let message):
      return
        "unknown working CRS '\(crs)'\(Self.detail(message)). Pass a projected CRS such as "
        + "--work-crs EPSG:3006 (SWEREF99 TM), or --work-crs auto."
    }
  }

  /// PROJ's explanation in parentheses, unless it says nothing useful.
  private static func detail(_ message: String) -> String {
    message.isEmpty || message.lowercased().hasPrefix("unknown error") ? "" : " (\(message))"
  }
}
