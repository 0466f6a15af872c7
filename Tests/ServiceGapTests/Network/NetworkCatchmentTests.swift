import Foundation
import ServiceGapTestSupport
import Testing

@testable import ServiceGap

/// 2SFCA along the roads: the bounded search per service against unbounded searches
/// pricing every unit, on seeded random networks.
@Suite("2SFCA along the roads")
struct NetworkCatchmentTests {
  @Test("bounded searches find exactly the pairs within the catchment")
  func againstUnboundedSearches() throws {
    let projection = try Projection(workCRS: "EPSG:3006")
    var compared = 0
    try withEvery(seed: 500..<520) { seed, random in
      let roads = NetworkDistancesTests.randomNetwork(&random)
      func point() -> LonLat {
        LonLat(
          lon: Double.random(in: 20.0...20.1, using: &random),
          lat: Double.random(in: 63.8...63.85, using: &random))
      }
      let units = (0..<25).map {
        PopulationUnit(
          id: "u\($0)", population: Double(Int.random(in: 0...300, using: &random)),
          location: point())
      }
      let services = (0..<5).map {
        ServicePoint(
          id: "s\($0)", category: "x", location: point(),
          capacity: Double(Int.random(in: 1...3, using: &random)))
      }
      let network = NetworkOptions(roads: roads, maxSnapMeters: 800)
      let catchment = 2.5
      let found = try FloatingCatchment.compute(
        units: units, services: services, catchmentKm: catchment,
        weights: .gaussian(sigmaKm: 1.5),
        network: try RoadNetwork(options: network, workCRS: "EPSG:3006"), workers: 2)

      // Reference: one unbounded search per service, every unit priced.
      let graph = RoadGraph(roads: roads, projection: projection, speeds: .defaults)
      let chains = ChainGraph(graph: graph)
      let index = PieceIndex(graph: graph)
      let (ux, uy) = projection.project(units.map(\.location))
      let (sx, sy) = projection.project(services.map(\.location))
      let unitSnaps = units.indices.map { index.snap(x: ux[$0], y: uy[$0], maxMeters: 800) }
      let pairs = services.indices.map { service -> [(unit: Int, meters: Double)] in
        let snap = index.snap(x: sx[service], y: sy[service], maxMeters: 800)
        let costs = NetworkDistances.best(
          graph: graph, chains: chains, units: unitSnaps, services: [snap], measure: .meters,
          accessMetresPerSecond: 20 / 3.6)
        return units.indices.compactMap { unit in
          guard let cost = costs[unit]?.cost, cost <= catchment * 1000 else { return nil }
          return (unit, cost)
        }
      }
      compared += pairs.joined().count
      let expected = FloatingCatchment.indices(
        units: units, services: services, pairs: pairs, weights: .gaussian(sigmaKm: 1.5))
      for unit in units.indices {
        #expect(abs(found.index[unit] - expected.index[unit]) < 1e-9, "seed \(seed) unit \(unit)")
      }
      for service in services.indices {
        #expect(found.ratios[service] == expected.ratios[service], "seed \(seed) \(service)")
      }
    }
    #expect(compared > 50, "too few pairs within the catchment to compare")
  }

  @Test("siting along the roads: within 1 % of exhaustive search on independent coverage")
  func sitingAgainstExhaustiveSearch() throws {
    let projection = try Projection(workCRS: "EPSG:3006")
    var checked = 0
    try withEvery(seed: 600..<615) { seed, random in
      let roads = NetworkDistancesTests.randomNetwork(&random)
      func point() -> LonLat {
        LonLat(
          lon: Double.random(in: 20.0...20.1, using: &random),
          lat: Double.random(in: 63.8...63.85, using: &random))
      }
      let units = (0..<30).map {
        PopulationUnit(
          id: "u\($0)", population: Double(Int.random(in: 0...300, using: &random)),
          location: point())
      }
      let services = [ServicePoint(id: "s", category: "x", location: point())]
      let candidates = (0..<10).map { _ in point() }
      let threshold = 1500.0
      let network = NetworkOptions(roads: roads, maxSnapMeters: 800)
      let result = try CoverageSiting.choose(
        units: units, services: services, candidates: candidates, thresholdMeters: threshold,
        count: 2, network: try RoadNetwork(options: network, workCRS: "EPSG:3006"), workers: 2)

      // Independent coverage: unbounded searches, every unit priced.
      let graph = RoadGraph(roads: roads, projection: projection, speeds: .defaults)
      let chains = ChainGraph(graph: graph)
      let index = PieceIndex(graph: graph)
      func snaps(_ points: [LonLat]) -> [SnapPoint?] {
        let (xs, ys) = projection.project(points)
        return points.indices.map { index.snap(x: xs[$0], y: ys[$0], maxMeters: 800) }
      }
      let unitSnaps = snaps(units.map(\.location))
      func costs(from sites: [SnapPoint?]) -> [Double] {
        NetworkDistances.best(
          graph: graph, chains: chains, units: unitSnaps, services: sites, measure: .meters,
          accessMetresPerSecond: 20 / 3.6
        ).map { $0?.cost ?? .infinity }
      }
      let existing = costs(from: snaps(services.map(\.location)))
      let uncovered = units.indices.filter {
        units[$0].population > 0 && existing[$0] > threshold
      }
      let candidateSnaps = snaps(candidates)
      let reach = candidateSnaps.map { site -> Set<Int> in
        let cost = costs(from: [site])
        return Set(uncovered.filter { cost[$0] <= threshold })
      }
      var best = 0.0
      for a in candidates.indices {
        for b in (a + 1)..<candidates.count {
          let covered = reach[a].union(reach[b])
          best = max(best, covered.reduce(0) { $0 + units[$1].population })
        }
      }
      let found = result.sites.last?.cumulative ?? 0
      #expect(
        result.uncoveredPopulation == uncovered.reduce(0) { $0 + units[$1].population },
        "seed \(seed)")
      #expect(found <= best + 1e-9 && found >= 0.99 * best, "seed \(seed): \(found) vs \(best)")
      if best > 0 { checked += 1 }
    }
    #expect(checked >= 5, "too few instances where a site helps anyone")
  }
}
