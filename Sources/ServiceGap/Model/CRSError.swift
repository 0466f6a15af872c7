/// A coordinate reference system that cannot be used.
public enum CRSError: Error, Equatable, Sendable, CustomStringConvertible {
  /// PROJ does not know the CRS; `message` is PROJ's explanation.
  case unknown(crs: String, message: String)
  /// The working CRS must be projected (metres), but this one is in degrees.
  case workCRSNotProjected(crs: String)
  /// PROJ does not know the working CRS.
  case unknownWorkCRS(crs: String, message: String)

  /// The message, with what to do; it names no command-line option (the command line adds
  /// the option to set).
  public var description: String {
    switch self {
    case .unknown(let crs, let message):
      return
        "unknown CRS '\(crs)'\(Self.detail(message)). Give it as EPSG:<code>, e.g. EPSG:3006 "
        + "for SWEREF99 TM or EPSG:4326 for longitude/latitude degrees."
    case .workCRSNotProjected(let crs):
      return
        "the working CRS '\(crs)' is in degrees, but zones and areas need metres; use a "
        + "projected CRS such as EPSG:3006 (SWEREF99 TM), or let one be chosen from the data."
    case .unknownWorkCRS(let crs, let message):
      return
        "unknown working CRS '\(crs)'\(Self.detail(message)); use a projected CRS such as "
        + "EPSG:3006 (SWEREF99 TM), or let one be chosen from the data."
    }
  }

  /// PROJ's explanation in parentheses (with a leading space), unless it says nothing
  /// useful; empty then.
  public static func detail(_ message: String) -> String {
    message.isEmpty || message.lowercased().hasPrefix("unknown error") ? "" : " (\(message))"
  }
}
