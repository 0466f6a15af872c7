import Foundation
import ServiceGapTestSupport
import Testing

/// The same inputs give byte-identical outputs: run after run, with 1 or 2 worker
/// threads, and whatever the order of the rows and features in the input files (units,
/// services and regions are put in ``CanonicalOrder`` when loaded; ties between
/// services follow the smallest id).
@Suite("determinism", .timeLimit(.minutes(10)))
struct DeterminismTests {
  /// Every output but run.json, which records times, paths and hashes of the run.
  static func outputs(_ folder: URL) throws -> [String: Data] {
    try folderContents(folder).filter { $0.key != "run.json" }
  }

  @Test("straight line: reruns, 1 or 2 threads, shuffled units, services and regions")
  func straightLine() async throws {
    let folder = try TemporaryFolder("determinism")
    defer { folder.remove() }
    var random = SeededRandom(seed: 42)
    let population = try folder.write(
      "population.csv",
      Shuffle.csvRows(try String(contentsOf: Fixtures.url(Demo.population)), &random))
    let services = try folder.write(
      "services.geojson",
      Shuffle.features(try String(contentsOf: Fixtures.url(Demo.services)), &random))
    let regions = try folder.write(
      "regions.geojson",
      Shuffle.features(try String(contentsOf: Fixtures.url(Demo.regions)), &random))
    let extra = [
      "--criticality", "--curves", "--combined", "grocery:10km,atm:25km", "--threads",
    ]
    var runs: [[String: Data]] = []
    for (index, arguments) in [
      Demo.analyzeArguments() + extra + ["2"],
      Demo.analyzeArguments() + extra + ["2"],
      Demo.analyzeArguments() + extra + ["1"],
      Demo.analyzeArguments(
        population: population.path, services: services.path, regions: regions.path)
        + extra + ["2"],
    ].enumerated() {
      let out = folder.file("out\(index)")
      let result = try await runServiceGap(arguments + ["--out", out.path], in: folder.url)
      try #require(result.status == 0, "stderr: \(result.stderr)")
      runs.append(try Self.outputs(out))
    }
    #expect(runs[0].count >= 8, "\(runs[0].keys.sorted())")
    for (index, label) in [(1, "a rerun"), (2, "1 thread"), (3, "shuffled inputs")] {
      #expect(
        runs[index].keys.sorted() == runs[0].keys.sorted(), "the files differ with \(label)")
      for (name, data) in runs[0] {
        #expect(runs[index][name] == data, "\(name) differs with \(label)")
      }
    }
  }

  @Test("along the roads: shuffled units, services, regions and road features")
  func network() async throws {
    let folder = try TemporaryFolder("determinism-network")
    defer { folder.remove() }
    var random = SeededRandom(seed: 7)
    let units = try folder.write(
      "units.csv",
      Shuffle.csvRows(try String(contentsOf: Fixtures.url(UmeaNetwork.units)), &random))
    let services = try folder.write(
      "services.csv",
      Shuffle.csvRows(try String(contentsOf: Fixtures.url(UmeaNetwork.services)), &random))
    let regions = try folder.write(
      "regions.geojson",
      Shuffle.features(try String(contentsOf: Fixtures.url(UmeaNetwork.regions)), &random))
    let roads = try folder.write(
      "roads.geojson",
      Shuffle.features(try String(contentsOf: Fixtures.url(UmeaNetwork.roads)), &random))
    let original = UmeaNetwork.analyzeArguments().filter { $0 != "--no-zones" }
    let shuffled = original.map { argument -> String in
      switch argument {
      case Fixtures.url(UmeaNetwork.units).path: return units.path
      case Fixtures.url(UmeaNetwork.services).path: return services.path
      case Fixtures.url(UmeaNetwork.regions).path: return regions.path
      case Fixtures.url(UmeaNetwork.roads).path: return roads.path
      default: return argument
      }
    }
    #expect(shuffled != original)
    var runs: [[String: Data]] = []
    for (index, arguments) in [original, shuffled].enumerated() {
      let out = folder.file("out\(index)")
      let result = try await runServiceGap(
        arguments + ["--criticality", "--cell", "1km", "--out", out.path], in: folder.url)
      try #require(result.status == 0, "stderr: \(result.stderr)")
      runs.append(try Self.outputs(out))
    }
    #expect(runs[0].keys.contains("zones.geojson"))
    #expect(
      runs[1].keys.sorted() == runs[0].keys.sorted(), "the files differ with shuffled inputs")
    for (name, data) in runs[0] {
      #expect(runs[1][name] == data, "\(name) differs with shuffled inputs")
    }
  }
}

/// Reorders input files without touching a byte of their records.
enum Shuffle {
  /// The data rows in a random order; the header stays first.
  static func csvRows(_ text: String, _ random: inout SeededRandom) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let header = lines.removeFirst()
    return ([header] + lines.shuffled(using: &random)).joined(separator: "\n") + "\n"
  }

  /// The features of a FeatureCollection in a random order, each copied verbatim.
  static func features(_ text: String, _ random: inout SeededRandom) -> String {
    let bytes = Array(text.utf8)
    guard let start = text.range(of: "\"features\"") else { return text }
    var index = text.utf8.distance(from: text.utf8.startIndex, to: start.upperBound)
    while bytes[index] != UInt8(ascii: "[") { index += 1 }
    let open = index
    var features: [ArraySlice<UInt8>] = []
    var depth = 0
    var inString = false
    var escaped = false
    var featureStart = 0
    index += 1
    while index < bytes.count {
      let byte = bytes[index]
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
      } else if byte == UInt8(ascii: "{") {
        if depth == 0 { featureStart = index }
        depth += 1
      } else if byte == UInt8(ascii: "}") {
        depth -= 1
        if depth == 0 { features.append(bytes[featureStart...index]) }
      } else if byte == UInt8(ascii: "]"), depth == 0 {
        break
      }
      index += 1
    }
    let body = features.shuffled(using: &random).map { String(decoding: $0, as: UTF8.self) }
    return String(decoding: bytes[...open], as: UTF8.self) + body.joined(separator: ",\n")
      + String(decoding: bytes[index...], as: UTF8.self)
  }
}
