import Foundation
import ServiceGapTestSupport
import Testing

@testable import ServiceGap

/// The multi-source search against an exhaustive reference: on seeded random road
/// networks (lattice streets, some one-way, some pieces unreachable), every
/// unit–service pair is solved with Floyd–Warshall on an explicitly split graph,
/// and the minimum over services must equal the search's answer.
@Suite("Road-network distances")
struct NetworkDistancesTests {
  /// Random streets on a 6 × 6 lattice of ~1 km near Umeå, and random points.
  static func randomNetwork(_ random: inout SeededRandom) -> [RoadSegment] {
    func vertex(_ column: Int, _ row: Int) -> LonLat {
      LonLat(lon: 20.0 + Double(column) * 0.018, lat: 63.8 + Double(row) * 0.009)
    }
    var roads: [RoadSegment] = []
    for _ in 0..<Int.random(in: 6...16, using: &random) {
      var column = Int.random(in: 0..<6, using: &random)
      var row = Int.random(in: 0..<6, using: &random)
      var points = [vertex(column, row)]
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        if Bool.random(using: &random) {
          column = min(5, max(0, column + (Bool.random(using: &random) ? 1 : -1)))
        } else {
          row = min(5, max(0, row + (Bool.random(using: &random) ? 1 : -1)))
        }
        if points.last != vertex(column, row) { points.append(vertex(column, row)) }
      }
      guard points.count >= 2 else { continue }
      let direction: TravelDirection =
        [.both, .both, .forward, .backward].randomElement(
          using: &random) ?? .both
      let speed: Double? =
        Bool.random(using: &random) ? [30, 50, 70].randomElement(using: &random) : nil
      roads.append(
        RoadSegment(
          coordinates: points,
          highway: ["tertiary", "residential", "unknown"].randomElement(
            using: &random), maxSpeedKmh: speed, direction: direction))
    }
    return roads
  }

  @Test func multiSourceSearchMatchesFloydWarshall() throws {
    let projection = try Projection(workCRS: "EPSG:3006")
    var compared = 0
    try withEvery(seed: 0..<40) { seed, random in
      let roads = Self.randomNetwork(&random)
      let graph = RoadGraph(roads: roads, projection: projection, speeds: .defaults)
      guard graph.pieceCount > 0 else { return }
      let index = PieceIndex(graph: graph)
      func randomPoint() -> (Double, Double) {
        (
          Double.random(in: 20.0...20.1, using: &random),
          Double.random(in: 63.8...63.85, using: &random)
        )
      }
      let points = (0..<14).map { _ in randomPoint() }
      let projected = projection.project(points.map { LonLat(lon: $0.0, lat: $0.1) })
      let maxSnap = 800.0
      let snaps = points.indices.map {
        index.snap(x: projected.xs[$0], y: projected.ys[$0], maxMeters: maxSnap)
      }
      // Brute-force snapping: a linear scan, ties by RoadGraph.piecePrecedes.
      for (point, snap) in snaps.enumerated() {
        let expected = BruteForceNetwork.snap(
          graph: graph, x: projected.xs[point], y: projected.ys[point], maxMeters: maxSnap)
        #expect(snap?.piece == expected?.piece, "seed \(seed)")
        #expect(abs((snap?.legMeters ?? -1) - (expected?.legMeters ?? -1)) < 1e-9, "seed \(seed)")
      }
      let units = Array(snaps.prefix(9))
      let services = Array(snaps.suffix(5))
      for measure in [Measure.meters, .seconds] {
        let found = NetworkDistances.best(
          graph: graph, chains: ChainGraph(graph: graph), units: units, services: services,
          measure: measure,
          accessMetresPerSecond: 20 / 3.6)
        let expected = BruteForceNetwork.best(
          graph: graph, units: units, services: services, measure: measure,
          accessMetresPerSecond: 20 / 3.6)
        for unit in units.indices {
          switch (found[unit], expected[unit]) {
          case (nil, nil): break
          case (let a?, let b?):
            compared += 1
            #expect(abs(a.cost - b.cost) < 1e-6, "seed \(seed) unit \(unit) \(measure)")
            #expect(a.rank == b.rank, "seed \(seed) unit \(unit) \(measure)")
          default:
            Issue.record(
              "seed \(seed) unit \(unit) \(measure): \(String(describing: found[unit])) vs \(String(describing: expected[unit]))"
            )
          }
        }
      }
    }
    #expect(compared >= 200, "too few reachable unit–service pairs compared: \(compared)")
  }
}

/// Properties of the whole network-mode analysis on seeded random networks.
@Suite("Road-network properties")
struct NetworkPropertyTests {
  static func run(
    _ units: [PopulationUnit], _ services: [ServicePoint], _ roads: [RoadSegment]
  ) throws -> AnalysisResult {
    try Analysis.run(
      AnalysisInput(
        units: units, services: services, categories: ["x"],
        thresholds: ["x": [Threshold(value: 5, unit: .min)]]),
      options: AnalysisOptions(
        workCRS: "EPSG:3006", computeZones: false, workers: 1,
        network: NetworkOptions(roads: roads, maxSnapMeters: 800)))
  }

  @Test func roadDistanceIsNeverShorterThanTheStraightLine() throws {
    var compared = 0
    try withEvery(seed: 200..<220) { seed, random in
      let roads = NetworkDistancesTests.randomNetwork(&random)
      let units = (0..<10).map { index in
        PopulationUnit(
          id: "u\(index)", population: 1,
          location: LonLat(
            lon: Double.random(in: 20.0...20.1, using: &random),
            lat: Double.random(in: 63.8...63.85, using: &random)))
      }
      let services = (0..<4).map { index in
        ServicePoint(
          id: "s\(index)", category: "x",
          location: LonLat(
            lon: Double.random(in: 20.0...20.1, using: &random),
            lat: Double.random(in: 63.8...63.85, using: &random)))
      }
      let result = try Self.run(units, services, roads)
      let nearest = try #require(result["x"]?.nearest)
      #expect(nearest.count == units.count, "seed \(seed)")
      for (unit, road) in nearest.enumerated() {
        guard let road else { continue }
        compared += 1
        let straight =
          services.map {
            geodesicDistanceMeters(from: units[unit].location, to: $0.location)
          }.min() ?? 0
        // Legs are measured in SWEREF99 TM, whose scale here differs from 1 by < 0.1 %.
        #expect(road.distanceMeters >= straight * 0.999 - 0.01, "seed \(seed) unit \(unit)")
        if let ratio = result["x"]?.detour?[unit] { #expect(ratio >= 0.999) }
      }
    }
    #expect(compared >= 60, "too few units reached a service by road: \(compared)")
  }

  @Test func addingAServiceNeverIncreasesATime() throws {
    var compared = 0
    try withEvery(seed: 300..<315) { seed, random in
      let roads = NetworkDistancesTests.randomNetwork(&random)
      func point() -> LonLat {
        LonLat(
          lon: Double.random(in: 20.0...20.1, using: &random),
          lat: Double.random(in: 63.8...63.85, using: &random))
      }
      let units = (0..<10).map { PopulationUnit(id: "u\($0)", population: 1, location: point()) }
      let services = (0..<5).map { ServicePoint(id: "s\($0)", category: "x", location: point()) }
      let fewer = try Self.run(units, Array(services.dropLast()), roads)
      let more = try Self.run(units, services, roads)
      for unit in units.indices {
        let before = fewer["x"]?.minutes?[unit] ?? nil
        let after = more["x"]?.minutes?[unit] ?? nil
        if let before {
          compared += 1
          #expect((after ?? .infinity) <= before + 1e-9, "seed \(seed)")
        }
        let beforeMeters = fewer["x"]?.nearest[unit]?.distanceMeters
        let afterMeters = more["x"]?.nearest[unit]?.distanceMeters
        if let beforeMeters { #expect((afterMeters ?? .infinity) <= beforeMeters + 1e-9) }
      }
    }
    #expect(compared >= 35, "too few units reached a service before the new one: \(compared)")
  }

  /// A new road between two existing vertices only adds ways: wherever the points
  /// still join the network at the same place, no distance or time grows.
  @Test func addingARoadNeverIncreasesATime() throws {
    let projection = try Projection(workCRS: "EPSG:3006")
    var compared = 0
    try withEvery(seed: 400..<470) { seed, random in
      let roads = NetworkDistancesTests.randomNetwork(&random)
      let vertices = roads.flatMap(\.coordinates)
      guard let a = vertices.randomElement(using: &random),
        let b = vertices.randomElement(using: &random), a != b
      else { return }
      let extra = RoadSegment(
        coordinates: [a, b], highway: "primary",
        direction: Bool.random(using: &random) ? .both : .forward)
      func point() -> LonLat {
        LonLat(
          lon: Double.random(in: 20.0...20.1, using: &random),
          lat: Double.random(in: 63.8...63.85, using: &random))
      }
      let units = (0..<12).map { PopulationUnit(id: "u\($0)", population: 1, location: point()) }
      let services = (0..<4).map { ServicePoint(id: "s\($0)", category: "x", location: point()) }
      let before = try Self.run(units, services, roads)
      let after = try Self.run(units, services, roads + [extra])
      // Snaps on both networks: the new road is last, so old pieces keep their numbers.
      let old = RoadGraph(roads: roads, projection: projection, speeds: .defaults)
      let new = RoadGraph(roads: roads + [extra], projection: projection, speeds: .defaults)
      let (oldIndex, newIndex) = (PieceIndex(graph: old), PieceIndex(graph: new))
      let (xs, ys) = projection.project((units.map(\.location) + services.map(\.location)))
      let unchanged = xs.indices.allSatisfy { point in
        oldIndex.snap(x: xs[point], y: ys[point], maxMeters: 800)
          == newIndex.snap(x: xs[point], y: ys[point], maxMeters: 800)
      }
      guard unchanged else { return }
      for unit in units.indices {
        compared += 1
        if let minutes = before["x"]?.minutes?[unit] ?? nil {
          let now = after["x"]?.minutes?[unit] ?? nil
          #expect((now ?? .infinity) <= minutes + 1e-9, "seed \(seed) unit \(unit)")
        }
        if let meters = before["x"]?.nearest[unit]?.distanceMeters {
          let now = after["x"]?.nearest[unit]?.distanceMeters
          #expect((now ?? .infinity) <= meters + 1e-6, "seed \(seed) unit \(unit)")
        }
      }
    }
    #expect(compared >= 100, "too few networks where the new road left every snap alone")
  }
}
