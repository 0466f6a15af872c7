import Foundation
import Testing

@testable import ServiceGap

/// Zones across the antimeridian are cut into pieces that each stay within ±180° (RFC 7946
/// §3.1.9), and the pieces together cover exactly what the polygon did.
@Suite("Cutting polygons at the antimeridian")
struct AntimeridianCutTests {
  /// The area in square degrees, with each piece's longitudes as written.
  static func area(_ polygon: PolygonRings) -> Double {
    polygon.enumerated().reduce(0.0) { sum, item in
      let ring = item.element
      var twice = 0.0
      for (a, b) in zip(ring, ring.dropFirst() + [ring[0]]) {
        twice += a.lon * b.lat - b.lon * a.lat
      }
      return sum + (item.offset == 0 ? abs(twice) / 2 : -abs(twice) / 2)
    }
  }

  static func ring(_ points: [(Double, Double)]) -> Ring {
    points.map { LonLat(lon: $0.0, lat: $0.1) }
  }

  static func expectWithinRange(_ parts: [PolygonRings], _ label: String) {
    for part in parts {
      for ring in part {
        #expect(ring.allSatisfy { $0.lon >= -180 && $0.lon <= 180 }, "\(label): \(ring)")
        // Only an edge along a pole may span the whole circle.
        #expect(
          zip(ring, ring.dropFirst()).allSatisfy {
            abs($0.lon - $1.lon) <= 180 || (abs($0.lat) == 90 && $0.lat == $1.lat)
          }, "\(label)")
      }
    }
  }

  @Test("a polygon that does not cross comes back as it was")
  func untouched() throws {
    let polygon = [Self.ring([(10, 60), (11, 60), (11, 61), (10, 61), (10, 60)])]
    #expect(!AntimeridianCut.crosses(polygon))
    #expect(try AntimeridianCut.parts(of: polygon) == [polygon])
  }

  @Test("a square across the antimeridian: two pieces meeting at ±180°, the same area")
  func square() throws {
    let polygon = [
      Self.ring([(179.5, -10), (-179.5, -10), (-179.5, -9), (179.5, -9), (179.5, -10)])
    ]
    #expect(AntimeridianCut.crosses(polygon))
    let parts = try AntimeridianCut.parts(of: polygon)
    #expect(parts.count == 2)
    Self.expectWithinRange(parts, "square")
    let east = try #require(parts.first { $0[0].contains { $0.lon > 0 } })
    let west = try #require(parts.first { $0[0].contains { $0.lon < 0 } })
    #expect(east[0].map(\.lon).max() == 180 && east[0].map(\.lon).min() == 179.5)
    #expect(west[0].map(\.lon).min() == -180 && west[0].map(\.lon).max() == -179.5)
    #expect(abs(parts.map(Self.area).reduce(0, +) - 1.0) < 1e-9)
    #expect(abs(Self.area(east) - 0.5) < 1e-9)
  }

  @Test("a hole across the antimeridian stays a hole in each piece")
  func hole() throws {
    let polygon = [
      Self.ring([(178, -20), (-178, -20), (-178, -16), (178, -16), (178, -20)]),
      Self.ring([(179, -19), (179, -17), (-179, -17), (-179, -19), (179, -19)]),
    ]
    let parts = try AntimeridianCut.parts(of: polygon)
    Self.expectWithinRange(parts, "hole")
    // 4 × 4 degrees less the 2 × 2 hole.
    #expect(abs(parts.map(Self.area).reduce(0, +) - 12) < 1e-9, "\(parts)")
    #expect(parts.count == 2 && parts.allSatisfy { $0.count == 1 }, "the hole opens into notches")
  }

  @Test("a ring around the North Pole is closed along the pole")
  func poleCap() throws {
    let longitudes = stride(from: -170.0, through: 180.0, by: 10).map { $0 }
    let ring = Self.ring(longitudes.map { ($0, 85) } + [(-170, 85)])
    let polygon = [ring]
    #expect(AntimeridianCut.crosses(polygon))
    let parts = try AntimeridianCut.parts(of: polygon)
    Self.expectWithinRange(parts, "pole")
    #expect(parts.allSatisfy { $0[0].contains { $0.lat == 90 } }, "reaches the pole")
    // Every longitude from 85° to the pole: 360 × 5 square degrees.
    #expect(abs(parts.map(Self.area).reduce(0, +) - 1800) < 1e-6, "\(parts)")
  }

  @Test("a ring around the South Pole goes to the South Pole")
  func southPole() throws {
    let longitudes = stride(from: 180.0, through: -170.0, by: -10).map { $0 }
    let polygon = [Self.ring(longitudes.map { ($0, -80) } + [(180, -80)])]
    let parts = try AntimeridianCut.parts(of: polygon)
    Self.expectWithinRange(parts, "south")
    #expect(parts.allSatisfy { $0[0].contains { $0.lat == -90 } })
    #expect(abs(parts.map(Self.area).reduce(0, +) - 3600) < 1e-6, "\(parts)")
  }
}
