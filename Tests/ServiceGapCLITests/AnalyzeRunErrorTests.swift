import Foundation
import ServiceGapTestSupport
import Testing

/// Problems found while running (not argument misuse): exit 1 with the message only.
@Suite("analyze: errors found while running", .timeLimit(.minutes(10)))
struct AnalyzeRunErrorTests {
  @Test("an unknown category is an input error (exit 1), not a usage error of `servicegap`")
  func unknownCategoryIsNotAUsageError() async throws {
    let folder = try TemporaryFolder("known")
    defer { folder.remove() }
    try folder.write("good.csv", SmallInputs.good)
    try folder.copyFixture(Demo.services, as: "services.geojson")
    let result = try await runServiceGap(
      [
        "analyze", "--population", "good.csv", "--services", "services.geojson",
        "--categories", "bakery",
      ],
      in: folder.url)
    #expect(!result.stderr.contains("Usage: servicegap"))
    #expect(result.status == 1)
    #expect(result.stderr.contains("has no services of category 'bakery'; categories present:"))
  }

  @Test("--work-crs must be a metric projected CRS")
  func geographicWorkCRSIsRejected() async throws {
    let folder = try TemporaryFolder("known")
    defer { folder.remove() }
    let result = try await runServiceGap(
      Demo.analyzeArguments() + ["--work-crs", "EPSG:4326", "--format", "csv"], in: folder.url)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains(
        "the working CRS 'EPSG:4326' is in degrees, but zones and areas need metres. Pass a "
          + "projected CRS such as --work-crs EPSG:3006 (SWEREF99 TM), or --work-crs auto."))
  }
}
