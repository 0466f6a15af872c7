internal import CPROJ

/// Transforms coordinates between two CRSs, always in x/y = lon/lat or easting/northing order.
///
/// Wraps `proj_create_crs_to_crs` followed by `proj_normalize_for_visualization`
/// (pyproj's `always_xy`), so geographic coordinates go in and come out as longitude, latitude.
package final class Transformer {
  /// The context that owns `pj`; kept alive as long as the transformer.
  package let context: ProjContext
  let pj: OpaquePointer
  /// Source CRS as given.
  package let source: String
  /// Target CRS as given.
  package let target: String

  /// Creates a transformer from `source` to `target` (any definition PROJ accepts:
  /// `EPSG:3006`, a PROJ string, WKT, `urn:ogc:def:crs:EPSG::3006`).
  package init(from source: String, to target: String, context: ProjContext) throws(PROJError) {
    self.context = context
    self.source = source
    self.target = target
    try CRSInfo.checkText(source)
    try CRSInfo.checkText(target)
    // NULL on error; the raw transformation is destroyed once normalized.
    guard let raw = proj_create_crs_to_crs(context.handle, source, target, nil) else {
      throw PROJError.crs(
        definition: Transformer.failedDefinition(source, target, context),
        message: context.lastErrorMessage())
    }
    // NULL on error; returns a new object, so the raw one is freed either way.
    let normalized = proj_normalize_for_visualization(context.handle, raw)
    proj_destroy(raw)
    guard let normalized else {
      throw PROJError.crs(definition: source, message: context.lastErrorMessage())
    }
    self.pj = normalized
  }

  deinit { proj_destroy(pj) }

  /// Which of the two definitions PROJ rejected, for a precise message.
  private static func failedDefinition(
    _ source: String, _ target: String, _ context: ProjContext
  ) -> String {
    for definition in [source, target] {
      // NULL when PROJ cannot parse the definition; otherwise freed right away.
      if let crs = proj_create(context.handle, definition) {
        proj_destroy(crs)
      } else {
        return definition
      }
    }
    return source
  }

  /// Transforms `xs, ys` in place.
  ///
  /// Points PROJ cannot transform become NaN and their indices are returned,
  /// so one bad point does not poison the rest.
  ///
  /// Wraps `proj_trans_generic` for the batch, then `proj_trans` per failed point
  /// (PROJ marks failed points with `HUGE_VAL`).
  @discardableResult
  package func transform(xs: inout [Double], ys: inout [Double]) -> [Int] {
    precondition(xs.count == ys.count, "x and y arrays must have the same length")
    let count = xs.count
    guard count > 0 else { return [] }
    proj_errno_reset(pj)
    xs.withUnsafeMutableBufferPointer { xBuffer in
      ys.withUnsafeMutableBufferPointer { yBuffer in
        _ = proj_trans_generic(
          pj, PJ_FWD,
          xBuffer.baseAddress, MemoryLayout<Double>.stride, count,
          yBuffer.baseAddress, MemoryLayout<Double>.stride, count,
          nil, 0, 0, nil, 0, 0)
      }
    }
    var failed: [Int] = []
    for index in 0..<count
    where !xs[index].isFinite || !ys[index].isFinite
      || abs(xs[index]) == .greatestFiniteMagnitude || xs[index] == Double.infinity
      || abs(xs[index]) >= 1e300 || abs(ys[index]) >= 1e300
    {
      xs[index] = .nan
      ys[index] = .nan
      failed.append(index)
    }
    return failed
  }

  /// Transforms one point; throws when PROJ cannot transform it.
  package func transform(x: Double, y: Double) throws(PROJError) -> (x: Double, y: Double) {
    proj_errno_reset(pj)
    let output = proj_trans(pj, PJ_FWD, proj_coord(x, y, 0, 0))
    let (outX, outY) = (output.xy.x, output.xy.y)
    guard outX.isFinite, outY.isFinite, abs(outX) < 1e300, abs(outY) < 1e300 else {
      let code = proj_errno(pj)
      let message = code != 0 ? String(cString: proj_errno_string(code)) : "outside the CRS area"
      throw PROJError.transform(index: 0, message: message)
    }
    return (outX, outY)
  }
}

/// Facts about a CRS definition.
package enum CRSInfo {
  /// Refuses a definition with a NUL character.
  ///
  /// PROJ reads C strings, so it would see only the text before it (`+pr\0oj=tmerc…` as the name `+pr`, which sends PROJ searching
  /// its whole database). Found by fuzzing; a GeoJSON `crs` member can hold `\u0000`.
  static func checkText(_ definition: String) throws(PROJError) {
    if definition.utf8.contains(0) {
      throw PROJError.crs(
        definition: definition.split(separator: "\0", omittingEmptySubsequences: false)
          .joined(separator: "\\0"),
        message: "it contains a NUL character")
    }
  }

  /// Whether the CRS's coordinates are angles (degrees), not lengths.
  ///
  /// Wraps `proj_create` and `proj_get_type`.
  package static func isGeographic(_ definition: String, context: ProjContext) throws(PROJError)
    -> Bool
  {
    try checkText(definition)
    // NULL when the definition is not understood; freed before returning.
    guard let crs = proj_create(context.handle, definition) else {
      throw PROJError.crs(definition: definition, message: context.lastErrorMessage())
    }
    defer { proj_destroy(crs) }
    switch proj_get_type(crs) {
    case PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS, PJ_TYPE_GEOGRAPHIC_CRS:
      return true
    case PJ_TYPE_COMPOUND_CRS, PJ_TYPE_BOUND_CRS:
      // Look at the horizontal part of a compound CRS or the base of a bound CRS.
      let isCompound = proj_get_type(crs) == PJ_TYPE_COMPOUND_CRS
      let sub =
        isCompound
        ? proj_crs_get_sub_crs(context.handle, crs, 0) : proj_get_source_crs(context.handle, crs)
      guard let sub else { return false }
      defer { proj_destroy(sub) }
      let type = proj_get_type(sub)
      return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS
    default:
      return false
    }
  }
}
