import ServiceGap
import ServiceGapTestSupport
import Testing

/// BRIEF's region rule: attribute join, else point in polygon, else the nearest
/// region within the tolerance, else `outside`.
@Suite("Region of a unit")
struct RegionAssignmentTests {
  /// Two square regions side by side near Umeå (about 11 km × 22 km each).
  let regions = [
    Region(id: "W", name: "West", polygons: [[square(lon: 20.0, lat: 63.8)]]),
    Region(id: "E", name: "East", polygons: [[square(lon: 20.2, lat: 63.8)]]),
  ]
  let services = [
    ServicePoint(id: "s1", category: "grocery", location: LonLat(lon: 20.1, lat: 63.85))
  ]

  static func run(
    _ units: [PopulationUnit], _ regions: [Region], _ services: [ServicePoint],
    byKey: Bool = false, tolerance: Double = 1000
  ) throws -> AnalysisResult {
    try Analysis.run(
      AnalysisInput(
        units: units, services: services, regions: regions, categories: ["grocery"],
        thresholds: ["grocery": [Threshold(value: 5, unit: .km)]]),
      options: AnalysisOptions(regionToleranceMeters: tolerance, joinRegionsByKey: byKey))
  }

  @Test func pointInPolygonToleranceAndOutside() throws {
    let units = [
      PopulationUnit(id: "in-west", population: 10, location: LonLat(lon: 20.05, lat: 63.85)),
      PopulationUnit(id: "in-east", population: 20, location: LonLat(lon: 20.25, lat: 63.85)),
      // 0.005° north of the northern edge (63.9): about 560 m outside.
      PopulationUnit(id: "near", population: 30, location: LonLat(lon: 20.05, lat: 63.905)),
      PopulationUnit(id: "far", population: 40, location: LonLat(lon: 20.05, lat: 64.0)),
    ]
    let result = try Self.run(units, regions, services)
    #expect(result.unitRegions == ["West", "East", "West", "outside"])
    #expect(result.summary.map(\.region) == ["West", "East", "outside", "ALL"])
    #expect(result.summary.map(\.population) == [40, 20, 40, 100])
    let strict = try Self.run(units, regions, services, tolerance: 100)
    #expect(strict.unitRegions == ["West", "East", "outside", "outside"])
  }

  @Test func attributeJoinWinsOverGeometry() throws {
    let units = [
      // Lies in West but says East: the attribute wins (generalised borders).
      PopulationUnit(
        id: "a", population: 5, location: LonLat(lon: 20.05, lat: 63.85), regionKey: "E"),
      // A region that is not analysed: outside, whatever the geometry.
      PopulationUnit(
        id: "b", population: 7, location: LonLat(lon: 20.05, lat: 63.85), regionKey: "X"),
      // No key: placed by its coordinates.
      PopulationUnit(id: "c", population: 9, location: LonLat(lon: 20.05, lat: 63.85)),
    ]
    let result = try Self.run(units, regions, services, byKey: true)
    #expect(result.unitRegions == ["East", "outside", "West"])
    #expect(result.warnings.contains { $0.contains("X") && $0.contains("outside") })
  }

  @Test func noRegionsMeansOneAllRowAndAllServicesCount() throws {
    let units = [PopulationUnit(id: "u", population: 3, location: LonLat(lon: 20.05, lat: 63.85))]
    let result = try Self.run(units, [], services)
    #expect(result.unitRegions == ["outside"])
    // Everybody is outside every region, and ALL says so once: no `outside` row repeating it.
    #expect(result.summary.map(\.region) == ["ALL"])
    #expect(result.summary.last?.population == 3)
    #expect(result.summary.last?.services == 1)
    #expect(result.zones.isEmpty)
  }
}

/// A closed lon/lat square of 0.2° × 0.2° starting at its south-west corner.
private func square(lon: Double, lat: Double) -> Ring {
  [
    LonLat(lon: lon, lat: lat), LonLat(lon: lon + 0.2, lat: lat),
    LonLat(lon: lon + 0.2, lat: lat + 0.1), LonLat(lon: lon, lat: lat + 0.1),
    LonLat(lon: lon, lat: lat),
  ]
}
