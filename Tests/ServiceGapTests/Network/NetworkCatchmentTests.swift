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
        weights: .gaussian(sigmaKm: 1.5), network: network, workCRS: "EPSG:3006", workers: 2)

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
}
