internal import CGEOS

/// A geometry prepared for repeated predicates: GEOS indexes it on first use, so asking
/// many times whether it covers another geometry costs far less than an overlay each time.
package final class GEOSPreparedGeometry {
  /// The geometry, kept alive as long as its preparation.
  package let geometry: GEOSGeometry
  private let pointer: OpaquePointer

  /// Prepares `geometry`.
  ///
  /// Wraps `GEOSPrepare_r`.
  package init(_ geometry: GEOSGeometry) throws(GEOSError) {
    geometry.context.clearError()
    // NULL on exception; the preparation is ours and refers to `geometry`, kept above.
    guard let prepared = GEOSPrepare_r(geometry.context.handle, geometry.pointer) else {
      throw geometry.context.error("prepare")
    }
    self.geometry = geometry
    self.pointer = prepared
  }

  deinit { GEOSPreparedGeom_destroy_r(geometry.context.handle, pointer) }

  /// Whether no point of `other` lies outside this geometry.
  ///
  /// Wraps `GEOSPreparedCovers_r`; both geometries must share a context.
  package func covers(_ other: GEOSGeometry) throws(GEOSError) -> Bool {
    precondition(other.context === geometry.context, "GEOS geometries from different contexts")
    geometry.context.clearError()
    switch GEOSPreparedCovers_r(geometry.context.handle, pointer, other.pointer) {
    case 1: return true
    case 0: return false
    default: throw geometry.context.error("preparedCovers")
    }
  }
}
