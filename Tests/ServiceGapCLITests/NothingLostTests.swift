import Foundation
import ServiceGapTestSupport
import Testing

/// A failed run never damages the outputs of a good one (BRIEF: output is written
/// atomically; a failed run never leaves a half-written file where a good one was).
@Suite("analyze: a failed run leaves earlier outputs intact", .timeLimit(.minutes(10)))
struct NothingLostTests {
  /// A second run that fails, and the stage where it fails.
  struct FailingRun: Sendable, CustomTestStringConvertible {
    var label: String
    /// Replaces `--population` (a file written into the working folder), if set.
    var population: (name: String, text: String)?
    var extraArguments: [String] = []
    var sentence: String
    var testDescription: String { label }
  }

  static let failingRuns: [FailingRun] = [
    FailingRun(
      label: "loading: a non-numeric coordinate",
      population: ("population.csv", SmallInputs.nonNumeric),
      sentence: "population.csv line 3: column 'lon' has '19.48O996', not a number."),
    FailingRun(
      label: "loading: a negative population",
      population: ("population.csv", SmallInputs.negative),
      sentence: "population.csv line 3: column 'befolkning' has '-2036', a negative population."),
    FailingRun(
      label: "analysis: an unknown working CRS", extraArguments: ["--work-crs", "EPSG:999999"],
      sentence: "unknown working CRS 'EPSG:999999'"),
    FailingRun(
      label: "after loading: a bad threshold", extraArguments: ["--thresholds", "pharmacy=10min"],
      sentence: "threshold '10min' for 'pharmacy' is a travel time"),
  ]

  @Test(
    "the files of the good run stay byte-identical, with no temporary files", arguments: failingRuns
  )
  func failedRunKeepsOutputs(_ failing: FailingRun) async throws {
    let folder = try TemporaryFolder("keep")
    defer { folder.remove() }
    try folder.copyFixture(Demo.population, as: "tatorter.csv")
    try folder.copyFixture(Demo.services, as: "services.geojson")
    try folder.copyFixture(Demo.regions, as: "kommuner.geojson")
    let out = folder.file("out")
    let goodArguments = Demo.analyzeArguments(
      population: "tatorter.csv", services: "services.geojson", regions: "kommuner.geojson")

    let good = try await runServiceGap(goodArguments + ["--out", "out"], in: folder.url)
    try #require(good.status == 0, "the first run must succeed: \(good.stderr)")
    let before = try folderContents(out)
    try #require(
      before.keys.sorted() == AnalyzeDemoTests.listing.sorted(),
      "first run wrote \(before.keys.sorted())")

    var arguments = goodArguments
    if let population = failing.population {
      try folder.write(population.name, population.text)
      let index = try #require(arguments.firstIndex(of: "--population"))
      arguments[index + 1] = population.name
    }
    let bad = try await runServiceGap(
      arguments + failing.extraArguments + ["--out", "out"], in: folder.url)
    #expect(bad.status != 0)
    #expect(bad.stderr.contains(failing.sentence), "stderr: \(bad.stderr)")

    let after = try folderContents(out)
    #expect(after.keys.sorted() == before.keys.sorted(), "files now: \(after.keys.sorted())")
    for (name, data) in before {
      #expect(after[name] == data, "\(name) changed after a failed run")
    }
  }
}
