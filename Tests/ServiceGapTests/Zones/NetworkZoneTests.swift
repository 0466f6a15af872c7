import Foundation
import GeoBridge
import ServiceGapTestSupport
import Testing

@testable import ServiceGap

/// Network zones against a reference built cell by cell: on seeded random road
/// networks, every cell of the analysis grid that touches the region is priced
/// with Floyd–Warshall, and the zones must hold exactly the centres of the cells
/// beyond each threshold, with the area of those cells clipped to the region.
@Suite("Road-network zones")
struct NetworkZoneTests {
  static let region = Region(
    id: "r", name: "R",
    polygons: [
      [
        [
          LonLat(lon: 20.012, lat: 63.806), LonLat(lon: 20.091, lat: 63.811),
          LonLat(lon: 20.083, lat: 63.846), LonLat(lon: 20.05, lat: 63.83),
          LonLat(lon: 20.006, lat: 63.842), LonLat(lon: 20.012, lat: 63.806),
        ]
      ]
    ])
  static let cell = 400.0

  @Test("zones hold exactly the cells beyond each threshold, clipped to the region")
  func zonesMatchCellByCellReference() throws {
    let projection = try Projection(workCRS: "EPSG:3006")
    let context = GEOSContext()
    let regionRing = projection.project(
      interleaved: Self.region.polygons[0][0].flatMap { [$0.lon, $0.lat] })
    let regionGeometry = try GEOSGeometry.polygon(rings: [regionRing], context: context)
    try withEvery(seed: 300..<312) { seed, random in
      let roads = NetworkDistancesTests.randomNetwork(&random)
      func randomPoint() -> LonLat {
        LonLat(
          lon: Double.random(in: 20.0...20.1, using: &random),
          lat: Double.random(in: 63.8...63.85, using: &random))
      }
      let units = (0..<25).map {
        PopulationUnit(id: "u\($0)", population: Double($0 + 1), location: randomPoint())
      }
      let services = (0..<3).map {
        ServicePoint(id: "s\($0)", category: "x", location: randomPoint())
      }
      let thresholds = [Threshold(value: 1, unit: .km), Threshold(value: 2.5, unit: .km)]
      let maxSnap = 800.0
      let result = try Analysis.run(
        AnalysisInput(
          units: units, services: services, regions: [Self.region], categories: ["x"],
          thresholds: ["x": thresholds]),
        options: AnalysisOptions(
          workCRS: "EPSG:3006", workers: 2,
          network: NetworkOptions(roads: roads, maxSnapMeters: maxSnap, cellMeters: Self.cell)))

      // Reference: price every cell touching the region by brute force.
      let graph = RoadGraph(roads: roads, projection: projection, speeds: .defaults)
      let raster = PolygonRaster(polygons: [[regionRing]], cellSize: Self.cell)
      let window = raster.window
      var cells: [(column: Int, row: Int, clippedArea: Double)] = []
      for row in 0..<window.rows {
        for column in 0..<window.columns {
          let (x0, y0) = window.corner(column: column, row: row)
          let square = try GEOSGeometry.polygon(
            rings: [
              [x0, y0, x0 + Self.cell, y0, x0 + Self.cell, y0 + Self.cell, x0, y0 + Self.cell]
            ],
            context: context)
          let area = try square.intersection(regionGeometry).area()
          if area > 0 { cells.append((column, row, area)) }
        }
      }
      let centres = cells.map { window.centre(column: $0.column, row: $0.row) }
      let (serviceXs, serviceYs) = projection.project(services.map(\.location))
      let ranked = services.indices.sorted { services[$0].id < services[$1].id }
      let expected = BruteForceNetwork.best(
        graph: graph,
        units: centres.map {
          BruteForceNetwork.snap(graph: graph, x: $0.x, y: $0.y, maxMeters: maxSnap)
        },
        services: ranked.map {
          BruteForceNetwork.snap(
            graph: graph, x: serviceXs[$0], y: serviceYs[$0], maxMeters: maxSnap)
        },
        measure: .meters, accessMetresPerSecond: 20 / 3.6)

      for threshold in thresholds {
        let zones = result.zones.filter { $0.threshold == threshold }
        let parts = zones.map { zone in
          PlanarPolygon(
            rings: zone.polygon.map { ring in
              projection.project(interleaved: ring.flatMap { [$0.lon, $0.lat] })
            })
        }
        var expectedArea = 0.0
        for (index, centre) in centres.enumerated() {
          let meters = expected[index]?.cost ?? .infinity
          // Too close to call between two implementations: skip.
          if abs(meters - threshold.value * 1000) < 1e-6 { continue }
          let beyond = meters > threshold.value * 1000
          if beyond { expectedArea += cells[index].clippedArea }
          if try regionGeometry.contains(x: centre.x, y: centre.y) {
            let inZone = parts.contains { $0.contains(x: centre.x, y: centre.y) }
            #expect(inZone == beyond, "seed \(seed) \(threshold.label) cell \(cells[index])")
          }
        }
        let area = zones.reduce(0) { $0 + $1.areaKm2 } * 1e6
        #expect(abs(area - expectedArea) < 1, "seed \(seed) \(threshold.label)")
        let row = try #require(result.summary.first { $0.region == "R" })
        let summaryArea = row.beyond.first { $0.threshold == threshold }?.areaKm2 ?? -1
        #expect(abs(summaryArea * 1e6 - expectedArea) < 1, "seed \(seed)")

        // People in zones: exactly the units whose point lies in a part.
        let (unitXs, unitYs) = projection.project(units.map(\.location))
        let inside = units.indices.filter { unit in
          parts.contains { $0.contains(x: unitXs[unit], y: unitYs[unit]) }
        }
        let people = inside.reduce(0) { $0 + units[$1].population }
        #expect(zones.reduce(0) { $0 + $1.population } == people, "seed \(seed)")
      }
    }
  }

  @Test("a region with no roads at all is one zone beyond every threshold")
  func noRoadsNearby() throws {
    let farRoad = RoadSegment(
      coordinates: [LonLat(lon: 21.0, lat: 64.5), LonLat(lon: 21.01, lat: 64.5)],
      highway: "primary",
      maxSpeedKmh: nil, direction: .both)
    let result = try Analysis.run(
      AnalysisInput(
        units: [PopulationUnit(id: "u", population: 7, location: LonLat(lon: 20.05, lat: 63.82))],
        services: [
          ServicePoint(id: "s", category: "x", location: LonLat(lon: 21.0, lat: 64.5))
        ],
        regions: [Self.region], categories: ["x"],
        thresholds: ["x": [Threshold(value: 10, unit: .min)]]),
      options: AnalysisOptions(
        workCRS: "EPSG:3006", workers: 1, network: NetworkOptions(roads: [farRoad])))
    #expect(result.zones.count == 1)
    let zone = try #require(result.zones.first)
    #expect(zone.population == 7)
    #expect(zone.largestPlace == "u")
    let row = try #require(result.summary.first { $0.region == "R" })
    #expect(abs((row.beyond[0].areaKm2 ?? 0) - zone.areaKm2) < 1e-9)
    // The whole region: clipping keeps its exact outline.
    let projection = try Projection(workCRS: "EPSG:3006")
    let ring = projection.project(
      interleaved: Self.region.polygons[0][0].flatMap { [$0.lon, $0.lat] })
    #expect(abs(zone.areaKm2 - ZoneBuilder.polygonArea([ring]) / 1e6) < 1e-6)
  }

  @Test("settings out of range and grids too large to hold are refused, not crashed on")
  func refusedSettings() throws {
    let road = RoadSegment(
      coordinates: [LonLat(lon: 20.0, lat: 63.82), LonLat(lon: 20.1, lat: 63.82)])
    let input = try AnalysisInput(
      units: [PopulationUnit(id: "u", population: 1, location: LonLat(lon: 20.05, lat: 63.82))],
      services: [ServicePoint(id: "s", category: "x", location: LonLat(lon: 20.02, lat: 63.82))],
      regions: [Self.region], categories: ["x"],
      thresholds: ["x": [Threshold(value: 5, unit: .min)]])
    for (access, snap, cell) in [(0.0, 5000.0, 250.0), (20, -1, 250), (20, 5000, .nan)] {
      #expect(throws: AnalysisError.self) {
        try Analysis.run(
          input,
          options: AnalysisOptions(
            workCRS: "EPSG:3006", workers: 1,
            network: NetworkOptions(
              roads: [road], accessSpeedKmh: access, maxSnapMeters: snap, cellMeters: cell)))
      }
    }
    // About 5 × 4 km at 0.1 m: 2 billion cells.
    #expect(throws: AnalysisError.self) {
      try Analysis.run(
        input,
        options: AnalysisOptions(
          workCRS: "EPSG:3006", workers: 1,
          network: NetworkOptions(roads: [road], cellMeters: 0.1)))
    }
  }
}
