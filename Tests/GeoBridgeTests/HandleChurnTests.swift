import Foundation
import ServiceGapTestSupport
import Testing

@testable import GeoBridge

/// Creating and dropping many handles leaves resident memory flat (issue 6: no leaks).
///
/// Each test runs alone in its own process of the test binary (other suites allocate in
/// parallel), does a warm-up, then the churn, and reads `/proc/self/statm` before, after
/// the warm-up and at the end (``ResidentMemory/expectFlat(_:count:warmUp:toleranceBytes:sourceLocation:_:)``).
/// Removing any one destroy call of the wrappers makes its test fail: every run leaks
/// at least a few hundred bytes, tens of MB over the churn.
@Suite(
  "handles: creating and dropping many leaves memory flat", .serialized, .timeLimit(.minutes(10)))
struct HandleChurnTests {
  static let ring: [Double] = [0, 0, 10, 0, 10, 10, 0, 10]

  @Test("100,000 GEOS contexts, each with geometries; overlays and failures every 10th")
  func geosContextsAndGeometries() throws {
    try ResidentMemory.inOwnProcess(suite: "HandleChurnTests") { try geosChurn() }
  }

  func geosChurn() throws {
    try ResidentMemory.expectFlat("GEOS", count: 100_000, warmUp: 5_000) { index in
      let context = GEOSContext()
      let square = try GEOSGeometry.polygon(rings: [Self.ring], context: context)
      _ = try square.contains(x: 5, y: 5)
      _ = try square.centroid().pointCoordinates()
      guard index % 10 == 0 else { return }
      let discs = try GEOSGeometry.unionOfDiscs(
        centres: [(x: 0, y: 0), (x: 10, y: 10)], radius: 3, quadrantSegments: 2,
        context: context)
      let rest = try square.difference(discs)
      _ = try rest.area()
      _ = try rest.polygons()
      let parts = try GEOSGeometry.multiPolygon(
        polygons: [[Self.ring], [[20, 20, 21, 20, 21, 21]]], context: context)
      _ = try parts.polygonalSubset(parts: [1]).partEnvelopes()
      // The failure paths free what they made: a ring of 3 points is refused.
      _ = try? GEOSGeometry.polygon(rings: [Self.ring, [1, 1, 2, 1, 2, 2]], context: context)
      _ = try GEOSGeometry.polygon(rings: [[0, 0, 10, 10, 10, 0, 0, 10]], context: context)
        .validityReason()
    }
  }

  @Test("100,000 PROJ contexts, each with a CRS query and a failed transformer")
  func projContexts() throws {
    try ResidentMemory.inOwnProcess(suite: "HandleChurnTests") { try projContextChurn() }
  }

  func projContextChurn() throws {
    try ResidentMemory.expectFlat("PROJ contexts", count: 100_000, warmUp: 5_000) { index in
      let context = ProjContext()
      if index % 10 == 0 {
        _ = try CRSInfo.isGeographic("+proj=longlat +datum=WGS84 +no_defs", context: context)
        _ = try? Transformer(from: "+proj=nonsense", to: "EPSG:4326", context: context)
      }
    }
  }

  /// A transformer on a new context costs about 15 ms in a debug build (PROJ opens its
  /// database for each context and searches the operations between the two CRSs), and
  /// 0.6 ms on a shared context, so 100,000 would take half an hour or a minute: 1,000 on
  /// fresh contexts and 20,000 on a shared one, each leaking tens of MB if `proj_destroy`
  /// or `proj_context_destroy` were missing.
  @Test("1,000 PROJ transformers on fresh contexts, 20,000 on a shared one")
  func projTransformers() throws {
    try ResidentMemory.inOwnProcess(suite: "HandleChurnTests") { try projTransformerChurn() }
  }

  func projTransformerChurn() throws {
    try ResidentMemory.expectFlat("PROJ transformers", count: 1_000, warmUp: 100) { _ in
      let context = ProjContext()
      let transformer = try Transformer(
        from: "EPSG:4326", to: "+proj=utm +zone=33 +datum=WGS84", context: context)
      _ = try transformer.transform(x: 15, y: 60)
    }
    let shared = ProjContext()
    try ResidentMemory.expectFlat("PROJ transformers, shared", count: 20_000, warmUp: 1_000) {
      _ in
      let transformer = try Transformer(
        from: "+proj=longlat +datum=WGS84", to: "+proj=utm +zone=33 +datum=WGS84",
        context: shared)
      var xs = [15.0, 16.0]
      var ys = [60.0, 95.0]
      _ = transformer.transform(xs: &xs, ys: &ys)
    }
  }
}
