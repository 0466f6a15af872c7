import ServiceGapTestSupport
import Testing

@testable import ServiceGap

/// Properties of the group counts, the travel burden and the closure burden on seeded
/// random inputs, through the whole straight-line pipeline.
@Suite("Groups, person-km and closure burden: properties")
struct GroupsAndBurdenPropertyTests {
  /// Two square regions side by side near 64° N, units in and around them (some outside),
  /// two population groups per unit, services of one category.
  static func input(_ random: inout SeededRandom, services count: Int) throws -> AnalysisInput {
    func square(_ west: Double) -> [PolygonRings] {
      [
        [
          [
            LonLat(lon: west, lat: 64), LonLat(lon: west + 0.5, lat: 64),
            LonLat(lon: west + 0.5, lat: 64.3), LonLat(lon: west, lat: 64.3),
            LonLat(lon: west, lat: 64),
          ]
        ]
      ]
    }
    let regions = [
      Region(id: "a", name: "A", polygons: square(18)),
      Region(id: "b", name: "B", polygons: square(18.5)),
    ]
    let units = (0..<120).map { index in
      let population = Double(Int.random(in: 0...40, using: &random))
      let women = Double(Int.random(in: 0...Int(population), using: &random))
      let old = Double(Int.random(in: 0...Int(population), using: &random))
      return PopulationUnit(
        id: "u\(index)", population: population,
        location: LonLat(
          lon: Double.random(in: 17.9...19.1, using: &random),
          lat: Double.random(in: 63.95...64.35, using: &random)),
        groups: [women, old])
    }
    let services = (0..<count).map { index in
      ServicePoint(
        id: "s\(index)", category: "grocery",
        location: LonLat(
          lon: Double.random(in: 18...19, using: &random),
          lat: Double.random(in: 64...64.3, using: &random)))
    }
    let plan = try CategoryPlan(
      name: "grocery",
      thresholds: [Threshold(value: 5, unit: .km), Threshold(value: 10, unit: .km)])
    return AnalysisInput(
      units: units, services: services, regions: regions, plans: [plan],
      groups: ["kvinna", "age_65_plus"])
  }

  static let options = AnalysisOptions(computeZones: false, workers: 1, criticality: true)

  @Test("every group person is counted once: regions and outside add up to ALL and the units")
  func groupsAddUp() throws {
    try withEvery(seed: 0..<12) { seed, random in
      let input = try Self.input(&random, services: Int.random(in: 1...6, using: &random))
      let result = try Analysis.run(input, options: Self.options)
      let all = try #require(result.summary.last)
      let parts = result.summary.dropLast()
      for (group, name) in input.groups.enumerated() {
        let units = input.units.reduce(0) { $0 + $1.groups[group] }
        #expect(all.groups[group].name == name)
        #expect(all.groups[group].population == units, "seed \(seed) \(name)")
        #expect(parts.reduce(0) { $0 + $1.groups[group].population } == units, "seed \(seed)")
        for threshold in 0..<2 {
          let beyond = parts.reduce(0) { $0 + $1.groups[group].beyond[threshold].population }
          #expect(beyond == all.groups[group].beyond[threshold].population, "seed \(seed)")
          // Recount from the units' own distances.
          let limit = input.plans[0].thresholds[threshold].value
          let expected = input.units.indices.filter { unit in
            result.perCategory[0].nearest[unit].map { $0.distanceMeters / 1000 > limit } ?? true
          }.reduce(0) { $0 + input.units[$1].groups[group] }
          #expect(all.groups[group].beyond[threshold].population == expected, "seed \(seed)")
        }
      }
    }
  }

  @Test("adding a service never increases person-km; closing one adds its closure burden")
  func burden() throws {
    try withEvery(seed: 20..<32) { seed, random in
      var input = try Self.input(&random, services: Int.random(in: 2...6, using: &random))
      let before = try Analysis.run(input, options: Self.options)
      let personKm = try #require(before.summary.last).personDistance

      // Closing each service in turn raises person-km by exactly its added_person_km
      // (the orphans leave the sum: there is always another service here).
      let category = before.perCategory[0]
      for (position, serviceIndex) in category.serviceIndices.enumerated() {
        var closed = input
        closed.services.remove(at: serviceIndex)
        let after = try Analysis.run(closed, options: Self.options)
        let burden = try #require(category.closureBurden?[position])
        #expect(burden.orphaned == 0)
        let change = try #require(after.summary.last).personDistance - personKm
        #expect(abs(change - burden.added) <= 1e-6 * max(1, burden.added), "seed \(seed)")
      }

      input.services.append(
        ServicePoint(
          id: "new", category: "grocery",
          location: LonLat(
            lon: Double.random(in: 18...19, using: &random),
            lat: Double.random(in: 64...64.3, using: &random))))
      let opened = try Analysis.run(input, options: Self.options)
      #expect(try #require(opened.summary.last).personDistance <= personKm + 1e-9, "seed \(seed)")
    }
  }

  @Test("a single service orphans everyone who uses it and adds no person-km")
  func singleServiceOrphans() throws {
    var random = SeededRandom(seed: 7)
    let input = try Self.input(&random, services: 1)
    let result = try Analysis.run(input, options: Self.options)
    let burden = try #require(result.perCategory[0].closureBurden?.first)
    #expect(burden.added == 0)
    #expect(burden.orphaned == input.units.reduce(0) { $0 + $1.population })
  }
}
