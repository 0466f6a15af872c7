import ServiceGap
import ServiceGapIO
import Testing

/// The README's library example runs as printed and gives what it says.
@Suite("README example")
struct ReadmeExampleTests {
  @Test func groceryBeyondTenKilometres() throws {
    // From README.md, "The same analysis from Swift", with the demo folder's paths.
    let inputs = try InputSet.load(
      InputFiles(
        population: IOTestPaths.demo("population_tatorter_2020.csv"),
        services: IOTestPaths.demo("services.geojson"),
        regions: IOTestPaths.demo("kommuner.geojson")))
    let grocery = try CategoryPlan(name: "grocery", thresholds: [Threshold(value: 10, unit: .km)])
    let session = AnalysisSession(inputs: inputs, plans: [grocery], options: AnalysisOptions())
    let result = try session.run()

    #expect(result.summary.last?.region == "ALL")
    #expect(result.summary.last?.beyond.first?.population == 322)
  }
}
