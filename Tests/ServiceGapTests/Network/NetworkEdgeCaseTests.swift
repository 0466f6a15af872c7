import Foundation
import ServiceGap
import ServiceGapTestSupport
import Testing

/// Numeric edge cases along the roads (issue 6, item 7): a unit on a service, exactly at
/// a threshold, services on one spot, a category without services and a region without
/// units, on one straight road north of Umeå.
@Suite("Road network: numeric edge cases")
struct NetworkEdgeCaseTests {
  /// A tertiary road (60 km/h) due north along 20° E, 63.80–63.90° N (about 11 km).
  static let road = RoadSegment(
    coordinates: [
      LonLat(lon: 20.0, lat: 63.80), LonLat(lon: 20.0, lat: 63.85), LonLat(lon: 20.0, lat: 63.90),
    ], highway: "tertiary")
  /// The square around the road, and an empty square east of it.
  static let regions = [
    Region(id: "R", name: "Road", polygons: [[square(19.98, 63.79, 20.03, 63.91)]]),
    Region(id: "E", name: "Empty", polygons: [[square(20.03, 63.79, 20.08, 63.91)]]),
  ]

  static func analyse(
    units: [PopulationUnit], services: [ServicePoint], categories: [String],
    thresholds: [Threshold] = [Threshold(value: 5, unit: .km)]
  ) throws -> AnalysisResult {
    try Analysis.run(
      AnalysisInput(
        units: units, services: services, regions: regions, categories: categories,
        thresholds: Dictionary(uniqueKeysWithValues: categories.map { ($0, thresholds) })),
      options: AnalysisOptions(network: NetworkOptions(roads: [road])))
  }

  /// A unit on a service: 0 on the road, twice the access leg off it.
  ///
  /// On the road a unit on a service is 0 m and 0 min from it. Off the road, unit and
  /// service snap to the same point, so the trip is the access leg there and back: twice
  /// the leg, all at the access speed (BRIEF: access leg + road path + egress leg). The
  /// detour is null, since the straight line is 0.
  @Test func unitOnAService() throws {
    let onRoad = LonLat(lon: 20.0, lat: 63.85)
    let offRoad = LonLat(lon: 20.01, lat: 63.82)
    let result = try Self.analyse(
      units: [
        PopulationUnit(id: "on", population: 10, location: onRoad),
        PopulationUnit(id: "off", population: 20, location: offRoad),
      ],
      services: [
        ServicePoint(id: "s-on", category: "grocery", location: onRoad),
        ServicePoint(id: "s-off", category: "fuel", location: offRoad),
      ], categories: ["grocery", "fuel"])
    let on = try #require(result["grocery"]?.nearest[0])
    #expect(result.serviceID(of: on) == "s-on" && on.distanceMeters == 0)
    #expect(result["grocery"]?.minutes?[0] == 0)
    let groceryDetour = try #require(result["grocery"]?.detour)
    #expect(groceryDetour.count == 2)
    #expect(groceryDetour.first == .some(nil), "no detour for a unit on its service")

    let off = try #require(result["fuel"]?.nearest[1])
    // The leg: about 0.01° of longitude at 63.82° N, 491 m (planar, in SWEREF99 TM).
    let leg = geodesicDistanceMeters(from: offRoad, to: LonLat(lon: 20.0, lat: 63.82))
    #expect(result.serviceID(of: off) == "s-off")
    #expect(abs(off.distanceMeters - 2 * leg) < 0.5, "\(off.distanceMeters) vs 2 × \(leg)")
    let minutes = try #require(result["fuel"]?.minutes?[1])
    #expect(abs(minutes - off.distanceMeters / (20 / 3.6) / 60) < 1e-9, "all at 20 km/h")
    let fuelDetour = try #require(result["fuel"]?.detour)
    #expect(fuelDetour.count == 2)
    #expect(fuelDetour.last == .some(nil), "no detour for a unit on its service")
  }

  /// A threshold equal to a unit's road distance (or time) leaves it within: beyond is
  /// strictly greater, in km and in minutes.
  @Test func beyondIsStrictlyGreaterAlongTheRoads() throws {
    let units = [
      PopulationUnit(id: "u", population: 7, location: LonLat(lon: 20.0, lat: 63.80))
    ]
    let services = [
      ServicePoint(id: "s", category: "grocery", location: LonLat(lon: 20.0, lat: 63.85))
    ]
    let first = try Self.analyse(units: units, services: services, categories: ["grocery"])
    let metres = try #require(first["grocery"]?.nearest[0]?.distanceMeters)
    let minutes = try #require(first["grocery"]?.minutes?[0] ?? nil)
    #expect(metres > 5000 && metres < 6000)
    for threshold in [
      Threshold(value: metres / 1000, unit: .km), Threshold(value: minutes, unit: .min),
    ] {
      let result = try Self.analyse(
        units: units, services: services, categories: ["grocery"], thresholds: [threshold])
      let all = try #require(result.summary.last)
      #expect(all.beyond.map(\.population) == [0], "\(threshold.unit)")
      let justBelow = Threshold(value: threshold.value.nextDown, unit: threshold.unit)
      let below = try Self.analyse(
        units: units, services: services, categories: ["grocery"], thresholds: [justBelow])
      #expect(below.summary.last?.beyond.map(\.population) == [7], "\(threshold.unit)")
    }
  }

  /// Two services on one spot: the smaller id, whatever the input order.
  @Test func servicesOnOneSpot() throws {
    let spot = LonLat(lon: 20.005, lat: 63.87)
    let twins = [
      ServicePoint(id: "g-b", category: "grocery", location: spot),
      ServicePoint(id: "g-a", category: "grocery", location: spot),
    ]
    let units = [
      PopulationUnit(id: "u", population: 5, location: LonLat(lon: 20.0, lat: 63.81))
    ]
    for services in [twins, twins.reversed()] {
      let result = try Self.analyse(units: units, services: services, categories: ["grocery"])
      #expect(result["grocery"]?.nearest[0].map(result.serviceID(of:)) == "g-a")
    }
  }

  /// A category without services: everyone unreachable (null, counted in
  /// unreachable_pop and beyond every threshold) and the whole region a zone; a region
  /// without units keeps its rows, with population 0 and null shares and statistics.
  @Test func emptyCategoryAndRegionWithoutUnits() throws {
    let result = try Self.analyse(
      units: [
        PopulationUnit(id: "a", population: 30, location: LonLat(lon: 20.0, lat: 63.83)),
        PopulationUnit(id: "z", population: 0, location: LonLat(lon: 20.02, lat: 63.88)),
      ],
      services: [
        ServicePoint(id: "g", category: "grocery", location: LonLat(lon: 20.0, lat: 63.84))
      ], categories: ["grocery", "pharmacy"],
      thresholds: [Threshold(value: 5, unit: .min), Threshold(value: 10, unit: .min)])
    #expect(result["pharmacy"]?.nearest.allSatisfy { $0 == nil } == true)
    #expect(result["pharmacy"]?.minutes?.allSatisfy { $0 == nil } == true)
    let row = try #require(
      result.summary.first { $0.region == "Road" && $0.category == "pharmacy" })
    #expect(row.unreachablePopulation == 30 && row.median == nil && row.mean == nil)
    #expect(row.beyond.map(\.population) == [30, 30] && row.beyond.map(\.share) == [1, 1])
    let regionArea = try #require(
      result.summary.first { $0.region == "Road" && $0.category == "grocery" })
    // The pharmacy zone is the whole region, as large as any grocery zone can be.
    #expect(
      (row.beyond.first?.areaKm2 ?? 0) >= (regionArea.beyond.first?.areaKm2 ?? .infinity))
    let emptyRows = result.summary.filter { $0.region == "Empty" }
    #expect(emptyRows.map(\.category).sorted() == ["grocery", "pharmacy"])
    for empty in emptyRows {
      #expect(empty.population == 0 && empty.servicesPer1000 == nil && empty.mean == nil)
      #expect(empty.max == nil && empty.beyond.allSatisfy { $0.share == nil })
      #expect(empty.beyond.allSatisfy { ($0.areaKm2 ?? 0) > 0 })
    }
    // The unit without people lies alone in a zone: it names no zone.
    #expect(result.zones.allSatisfy { $0.population > 0 || $0.largestPlace.isEmpty })
  }
}

/// A closed lon/lat rectangle.
private func square(_ west: Double, _ south: Double, _ east: Double, _ north: Double) -> Ring {
  [
    LonLat(lon: west, lat: south), LonLat(lon: east, lat: south), LonLat(lon: east, lat: north),
    LonLat(lon: west, lat: north), LonLat(lon: west, lat: south),
  ]
}
