import Foundation
import ServiceGapTestSupport
import Testing

@testable import ServiceGap

/// Greedy-plus-swap siting against every subset of candidates on small seeded instances.
@Suite("Maximal covering siting")
struct CoverageSitingTests {
  @Test("within 1 % of the exhaustive optimum, never above it, bounded above; gains add up")
  func againstExhaustiveSearch() throws {
    var worst = 1.0
    var proven = 0
    try withEvery(seed: 0..<12) { seed, random in
      func point() -> LonLat {
        LonLat(
          lon: Double.random(in: 19.8...20.4, using: &random),
          lat: Double.random(in: 64.6...64.9, using: &random))
      }
      let units = (0..<70).map {
        PopulationUnit(
          id: "u\($0)", population: Double(Int.random(in: 0...400, using: &random)),
          location: point())
      }
      let services = (0..<3).map { ServicePoint(id: "s\($0)", category: "x", location: point()) }
      let candidates = (0..<14).map { _ in point() }
      let threshold = 4000.0
      let k = 3
      let result = CoverageSiting.choose(
        units: units, services: services, candidates: candidates, thresholdMeters: threshold,
        count: k)
      // Exhaustive: population of uncovered units within reach of any chosen candidate.
      let uncovered = units.filter { unit in
        unit.population > 0
          && services.allSatisfy {
            geodesicDistanceMeters(from: unit.location, to: $0.location) > threshold
          }
      }
      let reach = candidates.map { site in
        Set(
          uncovered.indices.filter {
            geodesicDistanceMeters(from: uncovered[$0].location, to: site) <= threshold
          })
      }
      func value(_ chosen: [Int]) -> Double {
        chosen.reduce(into: Set<Int>()) { $0.formUnion(reach[$1]) }.reduce(0) {
          $0 + uncovered[$1].population
        }
      }
      var best = 0.0
      for a in 0..<candidates.count {
        for b in (a + 1)..<candidates.count {
          for c in (b + 1)..<candidates.count { best = max(best, value([a, b, c])) }
        }
      }
      let found = result.sites.last?.cumulative ?? 0
      #expect(result.sites.count == k)
      #expect(abs(found - value(result.sites.map(\.candidate))) < 1e-9, "seed \(seed)")
      #expect(found <= best + 1e-9, "seed \(seed)")
      #expect(found >= 0.99 * best, "seed \(seed): \(found) vs optimum \(best)")
      #expect((result.greedy.last?.cumulative ?? 0) <= found + 1e-9, "seed \(seed)")
      #expect(
        abs(result.uncoveredPopulation - uncovered.reduce(0) { $0 + $1.population }) < 1e-9)
      // The Lagrangian bound is a true bound, and says how far the answer may be.
      #expect(result.upperBound >= best - 1e-6, "seed \(seed): bound below the optimum")
      #expect(result.upperBound >= found && result.covered == found, "seed \(seed)")
      if result.upperBound < best + 0.5 { proven += 1 }
      if best > 0 { worst = min(worst, found / best) }
    }
    #expect(worst >= 0.99)
    // The bound is tight enough to prove most of these optima (it is the LP bound): here all of them.
    #expect(proven == 12, "the bound proved \(proven) of 12 optima")
  }
}
