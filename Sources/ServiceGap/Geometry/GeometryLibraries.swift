internal import GeoBridge

/// The versions of the C libraries servicegap measures with, as linked at run time.
///
/// Recorded in run manifests (`run.json`) because a new PROJ can move a transformed
/// coordinate and a new GEOS can change a buffer's vertices, and so a zone's area.
public enum GeometryLibraries {
  /// The PROJ version, such as `9.1.1` (wraps `proj_info`).
  public static var projVersion: String { ProjContext.version }

  /// The GEOS version, such as `3.11.1-CAPI-1.17.1` (wraps `GEOSversion`).
  public static var geosVersion: String { GEOSContext.version }
}
