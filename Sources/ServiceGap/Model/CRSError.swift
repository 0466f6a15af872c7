/// A coordinate reference system that cannot be used.
public enum CRSError: Error, Equatable, Sendable, CustomStringConvertible {
  /// PROJ does not know the CRS; `message` is PROJ's explanation.
  case unknown(crs: String, message: String)

  public var description: String {
    switch self {
    case .unknown(let crs, let message):
      return
        "unknown CRS '\(crs)' (\(message)). Give it as EPSG:<code>, e.g. --crs EPSG:3006 "
        + "for SWEREF99 TM or --crs EPSG:4326 for longitude/latitude degrees."
    }
  }
}
