import Foundation
import Testing

@testable import GeoBridge

@Suite("PROJ wrapper")
struct PROJTests {
  @Test func transformsToSWEREF99TMInLonLatOrder() throws {
    let context = ProjContext()
    let transformer = try Transformer(from: "EPSG:4326", to: "EPSG:3006", context: context)
    // Central meridian 15°E at the equator-origin TM: x = 500000 on the meridian.
    let (x, y) = try transformer.transform(x: 15, y: 60)
    #expect(abs(x - 500_000) < 1e-6)
    #expect(abs(y - 6_651_411.190_24) < 1e-4)
  }

  @Test func batchTransformMarksOnlyFailedPoints() throws {
    let context = ProjContext()
    let transformer = try Transformer(from: "EPSG:4326", to: "EPSG:3006", context: context)
    var xs = [15.0, 15.0, 16.0]
    var ys = [60.0, 95.0, 61.0]  // latitude 95 cannot be projected
    let failed = transformer.transform(xs: &xs, ys: &ys)
    #expect(failed == [1])
    #expect(xs[0].isFinite && xs[2].isFinite)
    #expect(xs[1].isNaN)
  }

  @Test func unknownCRSIsAnError() {
    let context = ProjContext()
    #expect(throws: PROJError.self) {
      _ = try Transformer(from: "EPSG:999999", to: "EPSG:4326", context: context)
    }
  }

  @Test func geographicDetection() throws {
    let context = ProjContext()
    #expect(try CRSInfo.isGeographic("EPSG:4326", context: context))
    #expect(try !CRSInfo.isGeographic("EPSG:3006", context: context))
  }

  /// geodesic.h's example pair (JFK to Singapore Changi), value from pyproj's `Geod.inv`.
  @Test func geodesicMatchesPyproj() {
    let distance = Geodesic().distanceMeters(lon1: -73.78, lat1: 40.64, lon2: 103.99, lat2: 1.36)
    #expect(abs(distance - 15_347_512.940_512_94) < 1e-6)
  }

  @Test func createAndDropManyTransformers() throws {
    for _ in 0..<200 {
      let context = ProjContext()
      let transformer = try Transformer(from: "EPSG:4326", to: "EPSG:3006", context: context)
      // Each new transformer answers as the first one (transformsToSWEREF99TMInLonLatOrder).
      let (x, y) = try transformer.transform(x: 15, y: 60)
      #expect(abs(x - 500_000) < 1e-6 && abs(y - 6_651_411.190_24) < 1e-4)
    }
  }
}
