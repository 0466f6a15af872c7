import Foundation
import ServiceGap
import Testing

@testable import ServiceGapIO

/// 2SFCA and E2SFCA against PySAL `access`.
///
/// Expectations come from `Scripts/oracle/access_oracle.py` (which also checks PySAL
/// against a plain numpy version), JSON in `fixtures/oracle/access_demo.json`. The oracle
/// rounds to 9 significant digits, so values must agree to 1e-8 relative.
@Suite("2SFCA and E2SFCA against PySAL access")
struct FloatingCatchmentOracleTests {
  static func cases() throws -> [[String: Any]] {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: IOTestPaths.fixture("oracle/access_demo.json")))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(root["cases"] as? [[String: Any]])
  }

  static func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-8 * max(abs(a), abs(b)) + 1e-15
  }

  @Test("every unit's index and every service's ratio, in all five cases")
  func everyCase() throws {
    let demoUnits = try PopulationLoader.load(
      file: IOTestPaths.fixture("demo_arjeplog_skelleftea/population_tatorter_2020.csv")
    ).items
    let demoServices = try ServiceLoader.load(
      file: IOTestPaths.fixture("demo_arjeplog_skelleftea/services.geojson")
    ).items
    let cases = try Self.cases()
    #expect(cases.count == 5)
    for testCase in cases {
      let name = testCase["name"] as? String ?? "?"
      let d0 = try #require(testCase["d0_km"] as? Double)
      let weightSpec = try #require(testCase["weights"] as? [String: Any])
      let weights: DecayWeights
      switch weightSpec["kind"] as? String {
      case "step":
        let bands = try #require(weightSpec["bands"] as? [[Double]])
        weights = .step(bands.map { .init(upToKm: $0[0], weight: $0[1]) })
      case "gaussian":
        weights = .gaussian(sigmaKm: try #require(weightSpec["sigma_km"] as? Double))
      default:
        weights = .none
      }
      var units = demoUnits
      var services: [ServicePoint]
      if let category = testCase["category"] as? String {
        services = demoServices.filter { $0.category == category }
      } else {
        let unitRows = try #require(testCase["units"] as? [[String: Any]])
        units = try unitRows.map { row in
          PopulationUnit(
            id: try #require(row["id"] as? String),
            population: try #require(row["population"] as? Double),
            location: LonLat(
              lon: try #require(row["lon"] as? Double), lat: try #require(row["lat"] as? Double)))
        }
        let serviceRows = try #require(testCase["services"] as? [[String: Any]])
        services = try serviceRows.map { row in
          ServicePoint(
            id: try #require(row["id"] as? String), category: "x",
            location: LonLat(
              lon: try #require(row["lon"] as? Double), lat: try #require(row["lat"] as? Double)),
            capacity: try #require(row["capacity"] as? Double))
        }
      }
      let result = FloatingCatchment.compute(
        units: units, services: services, catchmentKm: d0, weights: weights)
      let expected = try #require(testCase["expected"] as? [String: Double])
      #expect(expected.count == units.count, "\(name)")
      for (index, unit) in units.enumerated() {
        let value = try #require(expected[unit.id], "\(name) \(unit.id)")
        #expect(
          Self.close(result.index[index], value),
          "\(name) \(unit.id): \(result.index[index]) vs \(value)")
      }
      let ratios = try #require(testCase["service_ratios"] as? [String: Any])
      for (index, service) in services.enumerated() {
        let value = ratios[service.id] as? Double
        switch (result.ratios[index], value) {
        case (nil, nil): break
        case (let found?, let wanted?):
          #expect(Self.close(found, wanted), "\(name) \(service.id): \(found) vs \(wanted)")
        default:
          Issue.record(
            "\(name) \(service.id): \(String(describing: result.ratios[index])) vs \(String(describing: value))"
          )
        }
      }
    }
  }

  @Test("Gini: 0 when everyone has the same access, higher when it is concentrated")
  func gini() {
    let equal = FloatingCatchment.meanAndGini(
      index: [2, 2, 2], populations: [10, 20, 30], members: [0, 1, 2])
    #expect(equal.mean == 2)
    #expect(abs(equal.gini ?? -1) < 1e-12)
    // Two people with 0 and one with everything: G = 1 - 1/3·(0+0) - 1/3·(0+0) - 1/3·(0+1) = 2/3.
    let concentrated = FloatingCatchment.meanAndGini(
      index: [0, 0, 9], populations: [1, 1, 1], members: [0, 1, 2])
    #expect(abs((concentrated.gini ?? -1) - 2.0 / 3.0) < 1e-12)
    #expect(concentrated.mean == 3)
  }
}
