internal import CGEOS

/// A GEOS prepared geometry (`GEOSPreparedGeometry*`): indexed for repeated predicates.
///
/// Keeps the geometry it was prepared from alive, since GEOS only borrows it.
package final class PreparedGeometry {
  /// The geometry the index was built on.
  package let base: GEOSGeometry
  let pointer: OpaquePointer

  /// Prepares `base`. Wraps `GEOSPrepare_r` (NULL on exception).
  package init(_ base: GEOSGeometry) throws(GEOSError) {
    self.base = base
    base.context.clearError()
    // The prepared geometry references (does not own) base; freed in deinit.
    guard let pointer = GEOSPrepare_r(base.context.handle, base.pointer) else {
      throw base.context.error("prepare")
    }
    self.pointer = pointer
  }

  deinit { GEOSPreparedGeom_destroy_r(base.context.handle, pointer) }

  private func predicate(
    _ operation: String, _ other: GEOSGeometry,
    _ call: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar
  ) throws(GEOSError) -> Bool {
    precondition(other.context === base.context, "GEOS geometries from different contexts")
    base.context.clearError()
    // 1 = true, 0 = false, 2 = exception.
    switch call(base.context.handle, pointer, other.pointer) {
    case 1: return true
    case 0: return false
    default: throw base.context.error(operation)
    }
  }

  /// Whether the geometries share any point. Wraps `GEOSPreparedIntersects_r`.
  package func intersects(_ other: GEOSGeometry) throws(GEOSError) -> Bool {
    try predicate("preparedIntersects", other) { GEOSPreparedIntersects_r($0, $1, $2) }
  }

  /// Whether `other` lies entirely inside. Wraps `GEOSPreparedCovers_r`.
  package func covers(_ other: GEOSGeometry) throws(GEOSError) -> Bool {
    try predicate("preparedCovers", other) { GEOSPreparedCovers_r($0, $1, $2) }
  }
}
