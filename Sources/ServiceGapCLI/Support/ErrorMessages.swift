import ServiceGap

/// The command line's words for the library's errors.
///
/// The library's messages name no command-line option; where the fix is an option, the
/// message printed here names it.
enum ErrorMessages {
  /// The error to print for `error`: a ``CLIError`` naming the option to change, or
  /// `error` itself.
  static func forCommandLine(_ error: Error) -> Error {
    switch error {
    case CRSError.unknown(let crs, let message):
      return CLIError(
        "unknown CRS '\(crs)'\(CRSError.detail(message)). Give it as EPSG:<code>, e.g. --crs "
          + "EPSG:3006 for SWEREF99 TM or --crs EPSG:4326 for longitude/latitude degrees.")
    case CRSError.workCRSNotProjected(let crs):
      return CLIError(
        "the working CRS '\(crs)' is in degrees, but zones and areas need metres. Pass a "
          + "projected CRS such as --work-crs EPSG:3006 (SWEREF99 TM), or --work-crs auto.")
    case CRSError.unknownWorkCRS(let crs, let message):
      return CLIError(
        "unknown working CRS '\(crs)'\(CRSError.detail(message)). Pass a projected CRS such "
          + "as --work-crs EPSG:3006 (SWEREF99 TM), or --work-crs auto.")
    case AnalysisError.zoneGridTooLarge(let region, let cells, let cellMeters):
      return CLIError(
        "the zone grid of region '\(region)' would have \(cells) cells of "
          + "\(Int(cellMeters)) m; use a larger --cell or --no-zones.")
    case CombinedZonesError.notAnalysed(let category, let threshold):
      return CLIError(
        "the zones beyond \(threshold) from \(category) are not drawn: add \(threshold) "
          + "to \(category)'s thresholds (--thresholds \(category)=…) and keep zones on.")
    default:
      return error
    }
  }
}
