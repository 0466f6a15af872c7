import Foundation
import ServiceGap
import Testing

@testable import ServiceGapIO

/// `run.json`: a fixed key order with sorted free-form objects, valid JSON, and inputs
/// described by their size and SHA-256.
@Suite("RunManifest")
struct RunManifestTests {
  static func sample(parameters: [String: RunManifest.Value]) -> RunManifest {
    RunManifest(
      version: "0.1.0", command: "analyze",
      arguments: ["analyze", "--population", "p \"q\".csv", "--out", "out"],
      workingDirectory: "/data", started: Date(timeIntervalSince1970: 1_764_213_300.25),
      finished: Date(timeIntervalSince1970: 1_764_213_304.5),
      inputs: [
        .init(
          role: "population", path: "p \"q\".csv", absolutePath: "/data/p \"q\".csv",
          sizeBytes: 1834, sha256: String(repeating: "ab", count: 32))
      ],
      parameters: parameters, versions: ["proj": "9.1.1", "geos": "3.11.1", "os": "Linux"],
      timings: [
        .init(stage: "load inputs", seconds: 0.123_456_78),
        .init(
          stage: "analysis", seconds: 2,
          stages: [StageTiming(stage: "nearest services", seconds: 1.5)]),
      ],
      totalSeconds: 2.5, outputs: ["summary.csv", "run.json"])
  }

  @Test("the whole text: fixed order, sorted parameters, escapes, UTC times, rounded seconds")
  func wholeText() {
    let manifest = Self.sample(parameters: [
      "zones": .bool(true), "mode": .string("straight"), "threads": .integer(2),
      "thresholds": .object(["grocery": .strings(["5km", "10km"]), "atm": .strings(["25km"])]),
      "network": .null, "region_tolerance_m": .number(1000), "check": .array([]),
    ])
    let text = String(decoding: manifest.json(), as: UTF8.self)
    #expect(
      text == """
        {
          "servicegap": {
            "version": "0.1.0",
            "command": "analyze",
            "arguments": ["analyze", "--population", "p \\"q\\".csv", "--out", "out"],
            "working_directory": "/data"
          },
          "started": "2025-11-27T03:15:00.250Z",
          "finished": "2025-11-27T03:15:04.500Z",
          "inputs": [
            {
              "role": "population",
              "path": "p \\"q\\".csv",
              "absolute_path": "/data/p \\"q\\".csv",
              "size_bytes": 1834,
              "sha256": "abababababababababababababababababababababababababababababababab"
            }
          ],
          "parameters": {
            "check": [],
            "mode": "straight",
            "network": null,
            "region_tolerance_m": 1000,
            "threads": 2,
            "thresholds": {
              "atm": ["25km"],
              "grocery": ["5km", "10km"]
            },
            "zones": true
          },
          "versions": {"geos": "3.11.1", "os": "Linux", "proj": "9.1.1"},
          "timings": {
            "stages": [
              {"stage": "load inputs", "seconds": 0.123457},
              {
                "stage": "analysis",
                "seconds": 2,
                "stages": [
                  {"stage": "nearest services", "seconds": 1.5}
                ]
              }
            ],
            "total_seconds": 2.5
          },
          "outputs": ["summary.csv", "run.json"]
        }

        """)
  }

  @Test("the text is JSON that JSONSerialization reads back, the same for equal manifests")
  func parsesAndIsDeterministic() throws {
    let parameters: [String: RunManifest.Value] = Dictionary(
      uniqueKeysWithValues: (0..<40).map { ("key\($0)", .integer($0)) })
    let first = Self.sample(parameters: parameters).json()
    #expect(first == Self.sample(parameters: parameters).json())
    let object = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
    #expect((object["parameters"] as? [String: Any])?.count == 40)
    let keys = String(decoding: first, as: UTF8.self).split(separator: "\n")
      .filter { $0.hasPrefix("    \"key") }.map { $0.split(separator: "\"")[1] }
    #expect(keys == keys.sorted())
  }

  @Test("an input file is described by its absolute path, size and SHA-256")
  func inputFile() throws {
    let path = IOTestPaths.demo("kommuner.geojson")
    let file = try RunManifest.InputFile(role: "regions", path: path)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(file.role == "regions")
    #expect(file.path == path)
    #expect(file.absolutePath == path)
    #expect(file.sizeBytes == UInt64(data.count))
    #expect(file.sha256 == "1df12921e74e9445a2f94022920f13f45460b379b7e924914cb60039ebaf92df")
  }

  @Test("a GeoPackage layer path hashes the GeoPackage file and keeps the layer in path")
  func geoPackageLayer() throws {
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let gpkg = folder.appendingPathComponent("inputs.gpkg")
    try Data("not really a GeoPackage".utf8).write(to: gpkg)
    let file = try RunManifest.InputFile(role: "population", path: gpkg.path + ":population")
    #expect(file.path == gpkg.path + ":population")
    #expect(file.absolutePath == gpkg.path)
    #expect(file.sha256 == SHA256.hex(SHA256.hash(Array("not really a GeoPackage".utf8))))
  }

  @Test("PROJ and GEOS report their versions")
  func libraryVersions() {
    #expect(GeometryLibraries.projVersion.split(separator: ".").count == 3)
    #expect(GeometryLibraries.geosVersion.contains("CAPI"))
  }
}
