import Foundation
import Testing

@testable import GeoBridge

@Suite("GEOS wrapper")
struct GEOSGeometryTests {
  let square: [[Double]] = [[0, 0, 10, 0, 10, 10, 0, 10, 0, 0]]

  @Test func polygonAreaAndValidity() throws {
    let context = GEOSContext()
    let polygon = try GEOSGeometry.polygon(rings: square, context: context)
    #expect(try polygon.area() == 100)
    #expect(try polygon.isValid())
    #expect(try polygon.contains(x: 5, y: 5))
    #expect(try !polygon.contains(x: 15, y: 5))
  }

  @Test func unclosedRingIsClosed() throws {
    let context = GEOSContext()
    let polygon = try GEOSGeometry.polygon(rings: [[0, 0, 4, 0, 4, 4, 0, 4]], context: context)
    #expect(try polygon.area() == 16)
  }

  @Test func bowtieIsInvalidAndRepaired() throws {
    let context = GEOSContext()
    let bowtie = try GEOSGeometry.polygon(
      rings: [[0, 0, 10, 10, 10, 0, 0, 10, 0, 0]], context: context)
    #expect(try !bowtie.isValid())
    #expect(try bowtie.validityReason().hasPrefix("Self-intersection"))
    let repaired = try bowtie.makeValid()
    #expect(try repaired.isValid())
    #expect(abs(try repaired.area() - 50) < 1e-9)
    #expect(try repaired.polygons().count == 2)
  }

  @Test func libraryErrorCarriesGEOSMessage() throws {
    let context = GEOSContext()
    let polygon = try GEOSGeometry.polygon(rings: square, context: context)
    #expect {
      _ = try polygon.pointCoordinates()
    } throws: { error in
      guard case GEOSError.library(let operation, let message) = error else { return false }
      return operation == "getXY" && message.contains("Point")
    }
  }

  @Test func discUnionHasSixteenSegmentsPerQuadrant() throws {
    let context = GEOSContext()
    let disc = try GEOSGeometry.unionOfDiscs(
      centres: [(0, 0)], radius: 1000, quadrantSegments: 16, context: context)
    let rings = try disc.polygons()
    #expect(rings.count == 1)
    #expect(rings[0][0].count / 2 == 65)  // 64 vertices plus the closing one
    // Inscribed 64-gon: area = 64/2 · r² · sin(2π/64).
    let expected = 32 * 1000 * 1000 * sin(2 * Double.pi / 64)
    #expect(abs(try disc.area() - expected) < 1e-6)
  }

  @Test func differenceSplitsIntoParts() throws {
    let context = GEOSContext()
    let strip = try GEOSGeometry.polygon(rings: [[0, 0, 100, 0, 100, 10, 0, 10]], context: context)
    let cut = try GEOSGeometry.polygon(rings: [[40, -5, 60, -5, 60, 15, 40, 15]], context: context)
    let parts = try strip.difference(cut).polygons()
    #expect(parts.count == 2)
  }

  @Test func emptyUnionOfNoDiscs() throws {
    let context = GEOSContext()
    let none = try GEOSGeometry.unionOfDiscs(
      centres: [], radius: 1, quadrantSegments: 16, context: context)
    #expect(try none.isEmpty())
    #expect(try none.polygons().isEmpty)
  }

  /// Creates and drops many handles, each answering right; run under valgrind or LSan to see
  /// no leaks (`HandleChurnTests` checks resident memory).
  @Test func createAndDropManyHandles() throws {
    // The square, its sides pushed out by 1 (40), and its corners rounded by four quarters
    // of a 16-gon inscribed in the unit circle: 8 sin(π/8).
    let expected = 100 + 40 + 8 * sin(Double.pi / 8)
    for _ in 0..<2_000 {
      let context = GEOSContext()
      let polygon = try GEOSGeometry.polygon(rings: square, context: context)
      let area = try polygon.buffer(width: 1, quadrantSegments: 4).area()
      #expect(abs(area - expected) < 1e-9)
    }
  }
}
