import Foundation
import ServiceGap
import ServiceGapTestSupport
import Testing

@testable import ServiceGapIO

/// Closure criticality against brute force: close each service in turn, rerun the
/// whole analysis, and count the people who moved from within a threshold to beyond it.
@Suite("Closure criticality")
struct CriticalityTests {
  static func bruteForce(
    input: AnalysisInput, options: AnalysisOptions, category: String
  ) throws -> [String: [Double]] {
    var plain = options
    plain.criticality = false
    let before = try Analysis.run(input, options: plain)
    let thresholds = (input.plans.first { $0.name == category }?.thresholds ?? []).sorted()
    let minutes = thresholds.first?.unit == .min
    func values(_ result: AnalysisResult) -> [Double?] {
      minutes
        ? result[category]?.minutes ?? []
        : (result[category]?.nearest ?? []).map { $0.map { $0.distanceMeters / 1000 } }
    }
    let old = values(before)
    var sole: [String: [Double]] = [:]
    for service in input.services where service.category == category {
      var without = input
      without.services.removeAll { $0.id == service.id }
      let after = try Analysis.run(without, options: plain)
      let new = values(after)
      sole[service.id] = thresholds.map { threshold in
        input.units.indices.reduce(0) { total, unit in
          let within = (old[unit] ?? .infinity) <= threshold.value
          let beyond = (new[unit] ?? .infinity) > threshold.value
          return total + (within && beyond ? input.units[unit].population : 0)
        }
      }
    }
    return sole
  }

  static func check(input: AnalysisInput, options: AnalysisOptions) throws {
    var critical = options
    critical.criticality = true
    let result = try Analysis.run(input, options: critical)
    #expect(result.solePopulationByService.count == input.services.count)
    var nonZero = 0
    for category in input.categories {
      let expected = try bruteForce(input: input, options: options, category: category)
      for (index, service) in input.services.enumerated() where service.category == category {
        let found = result.solePopulationByService[index]
        #expect(found == expected[service.id], "\(category) \(service.id)")
        nonZero += found.filter { $0 > 0 }.count
      }
    }
    #expect(nonZero > 0, "no service is critical: the comparison shows nothing")
  }

  @Test("straight line, demo area: equals closing each service and rerunning")
  func straightLine() throws {
    let units = try PopulationLoader.load(
      file: IOTestPaths.fixture("demo_arjeplog_skelleftea/population_tatorter_2020.csv"))
    let services = try ServiceLoader.load(
      file: IOTestPaths.fixture("demo_arjeplog_skelleftea/services.geojson"))
    let input = try AnalysisInput(
      units: units.items, services: services.items, categories: ["grocery", "pharmacy"],
      thresholds: [
        "grocery": [Threshold(value: 2, unit: .km), Threshold(value: 10, unit: .km)],
        "pharmacy": [Threshold(value: 10, unit: .km), Threshold(value: 30, unit: .km)],
      ])
    try Self.check(input: input, options: AnalysisOptions(computeZones: false, workers: 2))
  }

  @Test("road network, Samsø: equals closing each service and rerunning (km and min)")
  func network() throws {
    let units = try PopulationLoader.load(file: IOTestPaths.fixture("roads/samsoe_units.csv"))
    let services = try ServiceLoader.load(
      file: IOTestPaths.fixture("roads/samsoe_services.csv"))
    let roads = try RoadLoader.load(file: IOTestPaths.fixture("roads/samsoe_roads.geojson"))
    let input = try AnalysisInput(
      units: units.items, services: services.items, categories: ["grocery", "health"],
      thresholds: [
        "grocery": [Threshold(value: 2, unit: .km), Threshold(value: 5, unit: .km)],
        "health": [Threshold(value: 3, unit: .min), Threshold(value: 8, unit: .min)],
      ])
    try Self.check(
      input: input,
      options: AnalysisOptions(
        workCRS: "EPSG:32632", computeZones: false, workers: 2,
        network: NetworkOptions(roads: roads.items)))
  }
}
