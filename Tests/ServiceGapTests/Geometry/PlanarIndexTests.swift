import Foundation
import ServiceGapTestSupport
import Testing

@testable import ServiceGap

@Suite("Planar indexes")
struct PlanarIndexTests {
  /// k-d tree nearest and range queries against a linear scan.
  @Test(arguments: [2, 3])
  func kdTreeMatchesLinearScan(dimensions: Int) {
    withEvery(seed: 0..<20) { seed, random in
      let count = Int.random(in: 1...200, using: &random)
      // A coarse lattice makes exact ties and duplicates common.
      let coordinates = (0..<count * dimensions).map { _ in
        Double(Int.random(in: 0...20, using: &random))
      }
      let tree = KDTree(dimensions: dimensions, coordinates: coordinates, indices: Array(0..<count))
      func squared(_ point: Int, _ query: [Double]) -> Double {
        (0..<dimensions).reduce(0) {
          $0 + pow(coordinates[point * dimensions + $1] - query[$1], 2)
        }
      }
      for _ in 0..<30 {
        let query = (0..<3).map { _ in Double.random(in: -2...22, using: &random) }
        let tuple = (query[0], query[1], dimensions == 3 ? query[2] : 0)
        let best = (0..<count).map { squared($0, query) }.min() ?? .nan
        let found = tree.nearestTwo(to: tuple)
        // Summation order differs from the tree's, so compare to the last bits.
        #expect(abs((found?.squaredDistance ?? .nan) - best) <= 1e-9 * max(1, best), "seed \(seed)")
        let sortedDistances = (0..<count).map { squared($0, query) }.sorted()
        let second = count > 1 ? sortedDistances[1] : .infinity
        let foundSecond = found?.secondSquaredDistance ?? .nan
        #expect(foundSecond == second || abs(foundSecond - second) <= 1e-9 * max(1, second))
        let radius = Double.random(in: 0...8, using: &random)
        var inRange: [Int] = []
        tree.forEach(within: radius, of: tuple) { index, _ in inRange.append(index) }
        let expected = (0..<count).filter { squared($0, query) <= radius * radius }
        #expect(inRange.sorted() == expected, "seed \(seed)")
      }
    }
  }

  /// Ray casting with band buckets against GEOS on a polygon with a hole.
  @Test func pointInPolygonMatchesGEOS() throws {
    let outer: [Double] = [0, 0, 10, 0, 10, 10, 5, 4, 0, 10, 0, 0]
    let hole: [Double] = [2, 1, 4, 1, 4, 3, 2, 3, 2, 1]
    let polygon = PlanarPolygon(rings: [outer, hole])
    let rings = [outer, hole].map { ring in
      stride(from: 0, to: ring.count, by: 2).map { LonLat(lon: ring[$0], lat: ring[$0 + 1]) }
    }
    var random = SeededRandom(seed: 7)
    for _ in 0..<2000 {
      let x = Double.random(in: -1...11, using: &random)
      let y = Double.random(in: -1...11, using: &random)
      let geos = try PolygonTools.contains(rings, point: LonLat(lon: x, lat: y))
      #expect(polygon.contains(x: x, y: y) == geos, "(\(x), \(y))")
    }
  }
}
