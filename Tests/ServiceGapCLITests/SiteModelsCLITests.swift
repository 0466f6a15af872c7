import Foundation
import ServiceGap
import ServiceGapTestSupport
import Testing

/// `servicegap site`'s models end to end: person-km, cover-all and capacities on the demo
/// and along Umeå's roads give the CBC optima of `fixtures/oracle/siting_models.json`, with
/// their proofs in the table, sites.geojson and run.json; options that do not belong
/// together are refused with what to do.
@Suite("site: p-median, set cover and capacities", .timeLimit(.minutes(10)))
struct SiteModelsCLITests {
  /// The oracle's optimum of one instance.
  static func optimum(_ name: String) throws -> Double {
    let document = try #require(Fixtures.json("oracle/siting_models.json") as? [String: Any])
    let instances = try #require(document["instances"] as? [[String: Any]])
    let instance = try #require(instances.first { $0["name"] as? String == name }, "\(name)")
    return try #require((instance["optimum"] as? [String: Any])?["value"] as? Double)
  }

  static let demo = [
    "--population", Fixtures.url(Demo.population).path, "--services",
    Fixtures.url(Demo.services).path, "--category", "grocery",
  ]
  static let umea = [
    "--population", Fixtures.url("roads/umea_units.csv").path, "--services",
    Fixtures.url("roads/umea_services.csv").path, "--category", "grocery", "--mode", "network",
    "--roads", Fixtures.url("roads/umea_region_roads.geojson").path, "--length-field",
    "length_m",
  ]

  /// Runs `site` and returns run.json's parameters and sites.geojson's features.
  func run(_ arguments: [String]) async throws -> (
    stdout: String, parameters: [String: Any], features: [[String: Any]]
  ) {
    let folder = try TemporaryFolder("site-models")
    defer { folder.remove() }
    let out = folder.file("out")
    let result = try await runServiceGap(
      ["site"] + arguments + ["--out", out.path], in: folder.url)
    try #require(result.status == 0, "\(result.stderr)")
    let manifest = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: out.appendingPathComponent("run.json"))) as? [String: Any])
    let collection = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: out.appendingPathComponent("sites.geojson"))) as? [String: Any])
    return (
      result.stdout, try #require(manifest["parameters"] as? [String: Any]),
      try #require(collection["features"] as? [[String: Any]])
    )
  }

  @Test(
    "each model gives the CBC optimum, proven, on the demo and along Umeå's roads",
    arguments: [
      ("demo_personkm_k2", demo + ["--objective", "person-km", "--count", "2"], "person_km"),
      ("demo_coverall_5km", demo + ["--cover-all", "--threshold", "5km"], "sites"),
      (
        "demo_capacity_5km_k3_n800",
        demo + ["--count", "3", "--threshold", "5km", "--capacity", "800"], "covered_pop"
      ),
      ("umea_coverage_5km_k3", umea + ["--count", "3", "--threshold", "5km"], "covered_pop"),
      ("umea_personkm_k3", umea + ["--objective", "person-km", "--count", "3"], "person_km"),
      ("umea_coverall_5km", umea + ["--cover-all", "--threshold", "5km"], "sites"),
      (
        "umea_capacity_5km_k3_n1000",
        umea + ["--count", "3", "--threshold", "5km", "--capacity", "1000"], "covered_pop"
      ),
    ])
  func everyModel(name: String, arguments: [String], valueName: String) async throws {
    let optimum = try Self.optimum(name)
    let (stdout, parameters, features) = try await run(arguments)
    let value = try #require(parameters[valueName] as? Double, "\(name): \(parameters)")
    // Person-km from distances rounded to the millimetre in the oracle: 0.1 person-km.
    #expect(abs(value - optimum) < 0.1, "\(name): \(value) vs \(optimum)")
    #expect(parameters["proven"] as? Bool == true, "\(name)")
    #expect(parameters["gap"] as? Double == 0, "\(name)")
    #expect(stdout.contains("(proven optimal)."), "\(name): \(stdout)")
    for feature in features {
      let properties = try #require(feature["properties"] as? [String: Any])
      // Written with 6 decimals.
      #expect(abs((properties[valueName] as? Double ?? .nan) - value) < 1e-6, "\(name)")
      #expect(properties["gap"] as? Double == 0, "\(name)")
    }
    if valueName == "sites" { #expect(Double(features.count) == value, "\(name)") }
  }

  @Test(
    "options that do not belong together are refused, saying what to do",
    arguments: [
      (["--objective", "person-km", "--count", "2", "--threshold", "5km"], "has no threshold"),
      (["--objective", "person-km", "--count", "2", "--capacity", "9"], "not to '--objective"),
      (["--cover-all", "--threshold", "5km", "--count", "3"], "leave out '--count'"),
      (["--cover-all", "--objective", "person-km"], "does not combine"),
      (["--threshold", "5km"], "Missing '--count <k>'"),
      (["--count", "3"], "Missing '--threshold <length>'"),
      (["--count", "3", "--threshold", "5km", "--capacity", "0"], "above 0"),
    ])
  func refused(extra: [String], message: String) async throws {
    let folder = try TemporaryFolder("site-models-refused")
    defer { folder.remove() }
    let result = try await runServiceGap(["site"] + Self.demo + extra, in: folder.url)
    #expect(result.status != 0)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  @Test("person-km with no existing service of the category says to place the first ones")
  func personKmWithoutServices() async throws {
    let folder = try TemporaryFolder("site-models-none")
    defer { folder.remove() }
    let result = try await runServiceGap(
      [
        "site", "--population", Fixtures.url(Demo.population).path, "--services",
        Fixtures.url(Demo.services).path, "--category", "observatory", "--objective",
        "person-km", "--count", "2",
      ], in: folder.url)
    #expect(result.status != 0)
    #expect(result.stderr.contains("has no services of category 'observatory'"))
    #expect(result.stderr.contains("--cover-all"), "\(result.stderr)")
  }
}
