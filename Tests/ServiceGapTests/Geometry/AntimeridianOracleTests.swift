import CPROJ
import Foundation
import ServiceGapTestSupport
import Testing

@testable import ServiceGap

/// `AntimeridianCut.parts(of:)` against the PyPI package `antimeridian` (gadomski), which
/// cuts at the antimeridian by the same RFC 7946 §3.1.9 rule.
///
/// The expectations are in `fixtures/oracle/antimeridian.json`, written by
/// `Scripts/oracle/antimeridian_oracle.py` (crossings interpolated linearly in degrees,
/// rings around a pole closed along the pole on their side of the equator).
@Suite("Antimeridian cut against the antimeridian package")
struct AntimeridianOracleTests {
  /// The oracle file.
  struct Oracle: Decodable {
    let versions: [String: String]
    let cases: [Case]
  }

  /// One polygon and the pieces the package cut it into.
  struct Case: Decodable {
    let name: String
    let rings: [[[Double]]]
    let crosses: Bool
    let pieceCount: Int
    let pieces: [Piece]
    let totalPlanarAreaDeg2: Double
    let totalGeodesicAreaKm2: Double
    let unchanged: Bool?
  }

  /// A piece: its bounds [min lon, min lat, max lon, max lat], holes and areas.
  struct Piece: Decodable {
    let bounds: [Double]
    let holes: Int
    let planarAreaDeg2: Double
    let geodesicAreaKm2: Double
  }

  /// Every case the oracle holds, in its order.
  static let names = [
    "square_small", "thin_rectangle_long", "hole_crossing", "hole_west_side",
    "hole_east_side", "c_shape_two_arms", "fiji_circle_50km", "north_pole_85",
    "south_pole_80", "not_crossing", "pentagon_ccw", "pentagon_cw",
  ]

  /// Reads and decodes the oracle file.
  static func oracle() throws -> Oracle {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(
      Oracle.self, from: Data(contentsOf: Fixtures.url("oracle/antimeridian.json")))
  }

  /// The oracle's case of that name.
  static func oracleCase(_ name: String) throws -> Case {
    try #require(try oracle().cases.first { $0.name == name }, "no case \(name)")
  }

  /// The rings as servicegap takes them.
  static func polygon(_ rings: [[[Double]]]) throws -> PolygonRings {
    try rings.map { ring in
      try ring.map { point in
        try #require(point.count == 2, "a point is [lon, lat]")
        return LonLat(lon: point[0], lat: point[1])
      }
    }
  }

  /// Twice the signed shoelace area of a ring, in square degrees.
  static func twiceSignedArea(_ ring: Ring) -> Double {
    zip(ring, ring.dropFirst() + ring.prefix(1)).reduce(0.0) { sum, edge in
      sum + edge.0.lon * edge.1.lat - edge.1.lon * edge.0.lat
    }
  }

  /// The planar area in square degrees: the outer ring less the holes.
  static func planarArea(_ polygon: PolygonRings) -> Double {
    polygon.enumerated().reduce(0.0) { sum, item in
      let area = abs(twiceSignedArea(item.element)) / 2
      return sum + (item.offset == 0 ? area : -area)
    }
  }

  /// The geodesic area in km² on WGS 84 (Karney's `geod_polygonarea`, as pyproj uses): the
  /// outer ring less the holes, each edge a geodesic between its vertices.
  static func geodesicAreaKm2(_ polygon: PolygonRings) -> Double {
    var geodesic = geod_geodesic()
    geod_init(&geodesic, 6_378_137, 1 / 298.257223563)
    return polygon.enumerated().reduce(0.0) { sum, item in
      var lats = item.element.map(\.lat)
      var lons = item.element.map(\.lon)
      var area = 0.0
      var perimeter = 0.0
      geod_polygonarea(&geodesic, &lats, &lons, Int32(lats.count), &area, &perimeter)
      let km2 = abs(area) / 1e6
      return sum + (item.offset == 0 ? km2 : -km2)
    }
  }

  /// [min lon, min lat, max lon, max lat] of a polygon's vertices.
  static func bounds(_ polygon: PolygonRings) -> [Double] {
    let points = polygon.flatMap { $0 }
    let lons = points.map(\.lon)
    let lats = points.map(\.lat)
    return [
      lons.min() ?? .nan, lats.min() ?? .nan, lons.max() ?? .nan, lats.max() ?? .nan,
    ]
  }

  /// Whether two bounds are in the oracle's order (lexicographic).
  static func precedes(_ a: [Double], _ b: [Double]) -> Bool {
    a.lexicographicallyPrecedes(b)
  }

  /// Whether `actual` is within `relative` of `expected`.
  static func close(_ actual: Double, _ expected: Double, relative: Double) -> Bool {
    abs(actual - expected) <= relative * max(abs(expected), 1e-300)
  }

  @Test("the fixture holds every case, written by the antimeridian package")
  func fixture() throws {
    let oracle = try Self.oracle()
    #expect(oracle.cases.map(\.name) == Self.names)
    #expect(oracle.versions["antimeridian"] != nil)
  }

  @Test("pieces, bounds and areas agree with the antimeridian package", arguments: names)
  func agrees(name: String) throws {
    let expected = try Self.oracleCase(name)
    let input = try Self.polygon(expected.rings)
    #expect(AntimeridianCut.crosses(input) == expected.crosses, "\(name): crosses")
    let parts = try AntimeridianCut.parts(of: input)
    if expected.unchanged == true {
      #expect(parts == [input], "\(name): a polygon that does not cross comes back as it was")
    }

    // Every longitude within ±180°; only an edge along a pole may span more than 180°.
    for ring in parts.flatMap({ $0 }) {
      #expect(ring.allSatisfy { $0.lon >= -180 && $0.lon <= 180 }, "\(name): \(ring)")
      #expect(
        zip(ring, ring.dropFirst()).allSatisfy {
          abs($0.lon - $1.lon) <= 180 || (abs($0.lat) == 90 && $0.lat == $1.lat)
        }, "\(name): an edge spans more than 180°: \(ring)")
    }

    // Total areas.
    let planar = parts.map(Self.planarArea).reduce(0, +)
    #expect(
      Self.close(planar, expected.totalPlanarAreaDeg2, relative: 1e-6),
      "\(name): planar area \(planar) deg², oracle \(expected.totalPlanarAreaDeg2)")
    let geodesic = parts.map(Self.geodesicAreaKm2).reduce(0, +)
    #expect(
      Self.close(geodesic, expected.totalGeodesicAreaKm2, relative: 1e-6),
      "\(name): geodesic area \(geodesic) km², oracle \(expected.totalGeodesicAreaKm2)")

    // The pieces together span what the oracle's do.
    let all = parts.map(Self.bounds)
    let union = [
      all.map { $0[0] }.min(), all.map { $0[1] }.min(), all.map { $0[2] }.max(),
      all.map { $0[3] }.max(),
    ].map { $0 ?? .nan }
    let oracleUnion = [
      expected.pieces.map { $0.bounds[0] }.min(), expected.pieces.map { $0.bounds[1] }.min(),
      expected.pieces.map { $0.bounds[2] }.max(), expected.pieces.map { $0.bounds[3] }.max(),
    ].map { $0 ?? .nan }
    #expect(
      zip(union, oracleUnion).allSatisfy { abs($0 - $1) <= 1e-9 },
      "\(name): all pieces within \(union), oracle \(oracleUnion)")

    Self.expectSamePieces(parts, expected, name)
  }

  /// The pieces, matched in the oracle's order (by bounds), have the oracle's bounds, holes
  /// and planar areas.
  static func expectSamePieces(_ parts: [PolygonRings], _ expected: Case, _ name: String) {
    let pieces = parts.map { (bounds: Self.bounds($0), polygon: $0) }
      .sorted { Self.precedes($0.bounds, $1.bounds) }
    #expect(
      pieces.count == expected.pieceCount,
      "\(name): \(pieces.count) pieces \(pieces.map(\.bounds)), oracle \(expected.pieceCount)"
    )
    for (piece, oracle) in zip(pieces, expected.pieces) {
      #expect(
        zip(piece.bounds, oracle.bounds).allSatisfy { abs($0 - $1) <= 1e-9 },
        "\(name): bounds \(piece.bounds), oracle \(oracle.bounds)")
      #expect(piece.polygon.count - 1 == oracle.holes, "\(name): holes of \(oracle.bounds)")
      let area = Self.planarArea(piece.polygon)
      #expect(
        Self.close(area, oracle.planarAreaDeg2, relative: 1e-6),
        "\(name): area \(area) deg² of \(piece.bounds), oracle \(oracle.planarAreaDeg2)")
    }
  }
}
