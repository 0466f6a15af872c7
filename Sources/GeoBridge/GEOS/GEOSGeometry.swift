internal import CGEOS

/// Owns one GEOS geometry (`GEOSGeometry*`) and the context that made it.
///
/// Coordinates are plain `(x, y)` doubles in whatever CRS the caller uses;
/// GeoBridge knows nothing about degrees or metres.
package final class GEOSGeometry {
  /// The context that created the geometry; kept alive by this reference.
  package let context: GEOSContext
  let pointer: OpaquePointer

  /// Takes ownership of `pointer`, which must come from `context`.
  init(context: GEOSContext, owning pointer: OpaquePointer) {
    self.context = context
    self.pointer = pointer
  }

  deinit { GEOSGeom_destroy_r(context.handle, pointer) }

  // MARK: - Construction

  /// Makes a polygon from rings of interleaved `x, y` values (outer ring first).
  ///
  /// Rings are closed if their first and last points differ.
  /// Wraps `GEOSGeom_createPolygon_r`.
  package static func polygon(
    rings: [[Double]], context: GEOSContext
  ) throws(GEOSError) -> GEOSGeometry {
    GEOSGeometry(context: context, owning: try makePolygon(rings: rings, context: context))
  }

  /// Makes a multipolygon from polygons given as rings of interleaved `x, y` values.
  ///
  /// Wraps `GEOSGeom_createCollection_r` with `GEOS_MULTIPOLYGON`.
  package static func multiPolygon(
    polygons: [[[Double]]], context: GEOSContext
  ) throws(GEOSError) -> GEOSGeometry {
    var parts: [OpaquePointer?] = []
    parts.reserveCapacity(polygons.count)
    do {
      for rings in polygons { parts.append(try makePolygon(rings: rings, context: context)) }
    } catch {
      for part in parts { GEOSGeom_destroy_r(context.handle, part) }
      throw error
    }
    return try collection(type: GEOS_MULTIPOLYGON, taking: parts, context: context)
  }

  /// Unions discs of `radius` around every point: the buffers are built and
  /// merged inside GEOS without a Swift object per disc.
  ///
  /// Wraps `GEOSBuffer_r` per point and `GEOSUnaryUnion_r` on their collection.
  /// Returns an empty polygon when `points` is empty.
  package static func unionOfDiscs(
    centres points: [(x: Double, y: Double)], radius: Double, quadrantSegments: Int32,
    context: GEOSContext
  ) throws(GEOSError) -> GEOSGeometry {
    let handle = context.handle
    var discs: [OpaquePointer?] = []
    discs.reserveCapacity(points.count)
    func destroyAll() { for disc in discs { GEOSGeom_destroy_r(handle, disc) } }
    for point in points {
      context.clearError()
      // NULL on exception; we own the new point and destroy it right after buffering.
      guard let centre = GEOSGeom_createPointFromXY_r(handle, point.x, point.y) else {
        destroyAll()
        throw context.error("createPointFromXY")
      }
      // NULL on exception; we own the returned polygon.
      let disc = GEOSBuffer_r(handle, centre, radius, quadrantSegments)
      GEOSGeom_destroy_r(handle, centre)
      guard let disc else {
        destroyAll()
        throw context.error("buffer")
      }
      discs.append(disc)
    }
    let all = try collection(type: GEOS_MULTIPOLYGON, taking: discs, context: context)
    return try all.unaryUnion()
  }

  /// An empty polygon.
  ///
  /// Wraps `GEOSGeom_createEmptyPolygon_r`.
  package static func emptyPolygon(context: GEOSContext) throws(GEOSError) -> GEOSGeometry {
    context.clearError()
    // NULL on exception; ownership passes to the returned object.
    guard let empty = GEOSGeom_createEmptyPolygon_r(context.handle) else {
      throw context.error("createEmptyPolygon")
    }
    return GEOSGeometry(context: context, owning: empty)
  }

  /// Builds a raw polygon; on failure everything allocated here is freed.
  private static func makePolygon(
    rings: [[Double]], context: GEOSContext
  ) throws(GEOSError) -> OpaquePointer {
    let handle = context.handle
    var made: [OpaquePointer?] = []
    for ring in rings {
      var values = ring
      let count = values.count / 2
      if count > 0, values[0] != values[2 * count - 2] || values[1] != values[2 * count - 1] {
        values.append(values[0])
        values.append(values[1])
      }
      context.clearError()
      // NULL on exception; the sequence is ours until the ring takes it.
      let sequence = values.withUnsafeBufferPointer { buffer in
        GEOSCoordSeq_copyFromBuffer_r(handle, buffer.baseAddress, UInt32(values.count / 2), 0, 0)
      }
      guard let sequence else {
        for ring in made { GEOSGeom_destroy_r(handle, ring) }
        throw context.error("copyFromBuffer")
      }
      // NULL on exception (e.g. fewer than 4 points); the ring now owns the sequence,
      // and GEOS frees the sequence itself when ring creation fails.
      guard let linearRing = GEOSGeom_createLinearRing_r(handle, sequence) else {
        for ring in made { GEOSGeom_destroy_r(handle, ring) }
        throw context.error("createLinearRing")
      }
      made.append(linearRing)
    }
    guard let shell = made.first, let shell else {
      throw GEOSError.library(operation: "createPolygon", message: "a polygon needs a ring")
    }
    var holes = Array(made.dropFirst())
    context.clearError()
    // NULL on exception; on success the polygon owns the shell and holes.
    let polygon = holes.withUnsafeMutableBufferPointer { buffer in
      GEOSGeom_createPolygon_r(handle, shell, buffer.baseAddress, UInt32(buffer.count))
    }
    guard let polygon else {
      for ring in made { GEOSGeom_destroy_r(handle, ring) }
      throw context.error("createPolygon")
    }
    return polygon
  }

  /// Builds a collection that takes ownership of `parts` (freed here on failure).
  private static func collection(
    type: GEOSGeomTypes, taking parts: [OpaquePointer?], context: GEOSContext
  ) throws(GEOSError) -> GEOSGeometry {
    var parts = parts
    context.clearError()
    // NULL on exception; on success the collection owns every part (not the array).
    let made = parts.withUnsafeMutableBufferPointer { buffer in
      GEOSGeom_createCollection_r(
        context.handle, Int32(type.rawValue), buffer.baseAddress, UInt32(buffer.count))
    }
    guard let made else {
      for part in parts { GEOSGeom_destroy_r(context.handle, part) }
      throw context.error("createCollection")
    }
    return GEOSGeometry(context: context, owning: made)
  }

  // MARK: - Operations

  /// Wraps a GEOS call returning a new geometry (NULL on exception) in an owner.
  private func derived(
    _ operation: String, _ call: (GEOSContextHandle_t, OpaquePointer) -> OpaquePointer?
  ) throws(GEOSError) -> GEOSGeometry {
    context.clearError()
    guard let result = call(context.handle, pointer) else { throw context.error(operation) }
    return GEOSGeometry(context: context, owning: result)
  }

  /// Binary operation helper; both geometries must share a context.
  private func derived(
    _ operation: String, with other: GEOSGeometry,
    _ call: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> OpaquePointer?
  ) throws(GEOSError) -> GEOSGeometry {
    precondition(other.context === context, "GEOS geometries from different contexts")
    context.clearError()
    guard let result = call(context.handle, pointer, other.pointer) else {
      throw context.error(operation)
    }
    return GEOSGeometry(context: context, owning: result)
  }

  /// Union of all parts of this geometry.
  ///
  /// Wraps `GEOSUnaryUnion_r`.
  package func unaryUnion() throws(GEOSError) -> GEOSGeometry {
    try derived("unaryUnion") { GEOSUnaryUnion_r($0, $1) }
  }

  /// This geometry minus `other`.
  ///
  /// Wraps `GEOSDifference_r`.
  package func difference(_ other: GEOSGeometry) throws(GEOSError) -> GEOSGeometry {
    try derived("difference", with: other) { GEOSDifference_r($0, $1, $2) }
  }

  /// The part shared with `other`.
  ///
  /// Wraps `GEOSIntersection_r`.
  package func intersection(_ other: GEOSGeometry) throws(GEOSError) -> GEOSGeometry {
    try derived("intersection", with: other) { GEOSIntersection_r($0, $1, $2) }
  }

  /// The part shared with `other`, its vertices snapped to a grid of `gridSize`
  /// (the result is valid on that grid).
  ///
  /// Wraps `GEOSIntersectionPrec_r`.
  package func intersection(
    _ other: GEOSGeometry, gridSize: Double
  ) throws(GEOSError) -> GEOSGeometry {
    try derived("intersection", with: other) { GEOSIntersectionPrec_r($0, $1, $2, gridSize) }
  }

  /// This geometry minus `other`, its vertices snapped to a grid of `gridSize`.
  ///
  /// Wraps `GEOSDifferencePrec_r`.
  package func difference(
    _ other: GEOSGeometry, gridSize: Double
  ) throws(GEOSError) -> GEOSGeometry {
    try derived("difference", with: other) { GEOSDifferencePrec_r($0, $1, $2, gridSize) }
  }

  /// The union with `other`.
  ///
  /// Wraps `GEOSUnion_r`.
  package func union(_ other: GEOSGeometry) throws(GEOSError) -> GEOSGeometry {
    try derived("union", with: other) { GEOSUnion_r($0, $1, $2) }
  }

  /// A valid version of an invalid geometry.
  ///
  /// Wraps `GEOSMakeValid_r`.
  package func makeValid() throws(GEOSError) -> GEOSGeometry {
    try derived("makeValid") { GEOSMakeValid_r($0, $1) }
  }

  /// The centroid.
  ///
  /// Wraps `GEOSGetCentroid_r`.
  package func centroid() throws(GEOSError) -> GEOSGeometry {
    try derived("centroid") { GEOSGetCentroid_r($0, $1) }
  }

  /// A point guaranteed to lie in the interior.
  ///
  /// Wraps `GEOSPointOnSurface_r`.
  package func pointOnSurface() throws(GEOSError) -> GEOSGeometry {
    try derived("pointOnSurface") { GEOSPointOnSurface_r($0, $1) }
  }

  /// The envelope of all points within `width`.
  ///
  /// Wraps `GEOSBuffer_r`.
  package func buffer(width: Double, quadrantSegments: Int32) throws(GEOSError) -> GEOSGeometry {
    try derived("buffer") { GEOSBuffer_r($0, $1, width, quadrantSegments) }
  }

  // MARK: - Measures and predicates

  /// Planar area in squared CRS units.
  ///
  /// Wraps `GEOSArea_r` (0 on exception).
  package func area() throws(GEOSError) -> Double {
    var value = 0.0
    context.clearError()
    guard GEOSArea_r(context.handle, pointer, &value) == 1 else { throw context.error("area") }
    return value
  }

  /// Whether the geometry is valid per OGC rules.
  ///
  /// Wraps `GEOSisValid_r` (2 on exception).
  package func isValid() throws(GEOSError) -> Bool {
    context.clearError()
    switch GEOSisValid_r(context.handle, pointer) {
    case 1: return true
    case 0: return false
    default: throw context.error("isValid")
    }
  }

  /// GEOS's explanation of why the geometry is invalid.
  ///
  /// Wraps `GEOSisValidReason_r`.
  package func validityReason() throws(GEOSError) -> String {
    context.clearError()
    // NULL on exception; the returned C string is ours to free with GEOSFree_r.
    guard let reason = GEOSisValidReason_r(context.handle, pointer) else {
      throw context.error("isValidReason")
    }
    defer { GEOSFree_r(context.handle, reason) }
    return String(cString: reason)
  }

  /// Whether the geometry has no points.
  ///
  /// Wraps `GEOSisEmpty_r` (2 on exception).
  package func isEmpty() throws(GEOSError) -> Bool {
    context.clearError()
    switch GEOSisEmpty_r(context.handle, pointer) {
    case 1: return true
    case 0: return false
    default: throw context.error("isEmpty")
    }
  }

  /// Whether `x, y` lies in the interior of this geometry.
  ///
  /// Wraps `GEOSContains_r`.
  package func contains(x: Double, y: Double) throws(GEOSError) -> Bool {
    context.clearError()
    // NULL on exception; the point is ours and destroyed before returning.
    guard let point = GEOSGeom_createPointFromXY_r(context.handle, x, y) else {
      throw context.error("createPointFromXY")
    }
    defer { GEOSGeom_destroy_r(context.handle, point) }
    switch GEOSContains_r(context.handle, pointer, point) {
    case 1: return true
    case 0: return false
    default: throw context.error("contains")
    }
  }

  // MARK: - Parts

  /// Number of parts of a collection (1 for a single geometry).
  ///
  /// Wraps `GEOSGetNumGeometries_r` (-1 on exception).
  package func partCount() throws(GEOSError) -> Int {
    context.clearError()
    let count = GEOSGetNumGeometries_r(context.handle, pointer)
    guard count >= 0 else { throw context.error("getNumGeometries") }
    return Int(count)
  }

  /// The bounding box of each part, in part order.
  ///
  /// Wraps `GEOSGetGeometryN_r` and `GEOSGeom_getXMin_r` … `GEOSGeom_getYMax_r`.
  package func partEnvelopes() throws(GEOSError) -> [(
    minX: Double, minY: Double, maxX: Double, maxY: Double
  )] {
    let handle = context.handle
    var result: [(minX: Double, minY: Double, maxX: Double, maxY: Double)] = []
    for index in 0..<(try partCount()) {
      // Borrowed: owned by this geometry.
      guard let part = GEOSGetGeometryN_r(handle, pointer, Int32(index)) else {
        throw context.error("getGeometryN")
      }
      var box = (minX: 0.0, minY: 0.0, maxX: 0.0, maxY: 0.0)
      // Each returns 0 on exception (or for an empty part, which has no box).
      guard GEOSGeom_getXMin_r(handle, part, &box.minX) == 1,
        GEOSGeom_getYMin_r(handle, part, &box.minY) == 1,
        GEOSGeom_getXMax_r(handle, part, &box.maxX) == 1,
        GEOSGeom_getYMax_r(handle, part, &box.maxY) == 1
      else {
        result.append((.infinity, .infinity, -.infinity, -.infinity))
        continue
      }
      result.append(box)
    }
    return result
  }

  /// A new multipolygon holding copies of the chosen parts of this (multi)polygon.
  ///
  /// Wraps `GEOSGeom_clone_r` per part and `GEOSGeom_createCollection_r`.
  package func polygonalSubset(parts indices: [Int]) throws(GEOSError) -> GEOSGeometry {
    let handle = context.handle
    var copies: [OpaquePointer?] = []
    for index in indices {
      context.clearError()
      // Borrowed part; the clone is ours until the collection takes it.
      guard let part = GEOSGetGeometryN_r(handle, pointer, Int32(index)),
        let copy = GEOSGeom_clone_r(handle, part)
      else {
        for copy in copies { GEOSGeom_destroy_r(handle, copy) }
        throw context.error("clone")
      }
      copies.append(copy)
    }
    return try Self.collection(type: GEOS_MULTIPOLYGON, taking: copies, context: context)
  }

  // MARK: - Reading coordinates back

  /// The `x, y` of a point geometry.
  ///
  /// Wraps `GEOSGeomGetX_r` / `GEOSGeomGetY_r`.
  package func pointCoordinates() throws(GEOSError) -> (x: Double, y: Double) {
    var x = 0.0
    var y = 0.0
    context.clearError()
    guard GEOSGeomGetX_r(context.handle, pointer, &x) == 1,
      GEOSGeomGetY_r(context.handle, pointer, &y) == 1
    else { throw context.error("getXY") }
    return (x, y)
  }

  /// Every polygon inside this geometry (recursing into collections), each as
  /// rings of interleaved `x, y` values, outer ring first.
  ///
  /// Non-polygonal parts (points and lines left over from overlay operations)
  /// are skipped.
  package func polygons() throws(GEOSError) -> [[[Double]]] {
    var result: [[[Double]]] = []
    try Self.collectPolygons(pointer, context: context, into: &result)
    return result
  }

  private static func collectPolygons(
    _ geometry: OpaquePointer, context: GEOSContext, into result: inout [[[Double]]]
  ) throws(GEOSError) {
    let handle = context.handle
    context.clearError()
    let type = GEOSGeomTypeId_r(handle, geometry)
    switch type {
    case -1:
      throw context.error("geomTypeId")
    case Int32(GEOS_POLYGON.rawValue):
      if GEOSisEmpty_r(handle, geometry) == 1 { return }
      var rings: [[Double]] = []
      // Borrowed pointers: owned by the polygon, never freed here.
      guard let shell = GEOSGetExteriorRing_r(handle, geometry) else {
        throw context.error("getExteriorRing")
      }
      rings.append(try ringCoordinates(shell, context: context))
      let holeCount = GEOSGetNumInteriorRings_r(handle, geometry)
      guard holeCount >= 0 else { throw context.error("getNumInteriorRings") }
      for index in 0..<holeCount {
        guard let hole = GEOSGetInteriorRingN_r(handle, geometry, index) else {
          throw context.error("getInteriorRingN")
        }
        rings.append(try ringCoordinates(hole, context: context))
      }
      result.append(rings)
    case Int32(GEOS_MULTIPOLYGON.rawValue), Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
      let count = GEOSGetNumGeometries_r(handle, geometry)
      guard count >= 0 else { throw context.error("getNumGeometries") }
      for index in 0..<count {
        // Borrowed: owned by the collection.
        guard let part = GEOSGetGeometryN_r(handle, geometry, index) else {
          throw context.error("getGeometryN")
        }
        try collectPolygons(part, context: context, into: &result)
      }
    default:
      return
    }
  }

  private static func ringCoordinates(
    _ ring: OpaquePointer, context: GEOSContext
  ) throws(GEOSError) -> [Double] {
    let handle = context.handle
    // Borrowed: the sequence belongs to the ring.
    guard let sequence = GEOSGeom_getCoordSeq_r(handle, ring) else {
      throw context.error("getCoordSeq")
    }
    var size: UInt32 = 0
    guard GEOSCoordSeq_getSize_r(handle, sequence, &size) == 1 else {
      throw context.error("coordSeqGetSize")
    }
    var values = [Double](repeating: 0, count: Int(size) * 2)
    let status = values.withUnsafeMutableBufferPointer { buffer in
      GEOSCoordSeq_copyToBuffer_r(handle, sequence, buffer.baseAddress, 0, 0)
    }
    guard status == 1 else { throw context.error("copyToBuffer") }
    return values
  }
}
