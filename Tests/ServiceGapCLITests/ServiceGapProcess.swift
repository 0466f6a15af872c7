import Foundation
import ServiceGapTestSupport
import Testing

/// What a run of the `servicegap` binary gave back.
struct ProcessOutput: Sendable {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// The built `servicegap` executable, next to the test bundle in the products directory.
enum ServiceGapBinary {
  /// Candidate products directories: the folder holding the `.xctest` bundle (Linux: an
  /// executable file; macOS: a bundle folder), else the folder of the running executable.
  static var productsDirectories: [URL] {
    var candidates: [URL] = []
    for bundle in [Bundle.main] + Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      candidates.append(bundle.bundleURL.deletingLastPathComponent())
    }
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    // macOS: …/servicegapPackageTests.xctest/Contents/MacOS/servicegapPackageTests
    while folder.path != "/" && folder.pathExtension != "xctest"
      && folder.path.contains(".xctest")
    {
      folder.deleteLastPathComponent()
    }
    if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
    candidates.append(folder)
    candidates.append(Bundle.main.bundleURL)
    return candidates
  }

  /// The binary's URL; `SERVICEGAP_BINARY` overrides the search.
  static func url() throws -> URL {
    let candidates: [URL]
    if let override = ProcessInfo.processInfo.environment["SERVICEGAP_BINARY"] {
      candidates = [URL(fileURLWithPath: override)]
    } else {
      candidates = productsDirectories.map { $0.appendingPathComponent("servicegap") }
    }
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
      return candidate
    }
    throw BinaryNotFound(searched: candidates.map(\.path))
  }

  struct BinaryNotFound: Error, CustomStringConvertible {
    var searched: [String]
    var description: String {
      "the servicegap binary was not found (looked at \(searched.joined(separator: ", "))); "
        + "build it with `swift build --build-tests` (ServiceGapCLITests depends on the "
        + "ServiceGapCLI target) or set SERVICEGAP_BINARY to its path"
    }
  }
}

/// Runs `servicegap` with `arguments` in `directory` and waits for it to end.
///
/// Standard output and error go to files (no pipe can fill up and block), and the help
/// width is pinned to 80 columns so wrapped text does not depend on the terminal.
func runServiceGap(_ arguments: [String], in directory: URL) async throws -> ProcessOutput {
  let binary = try ServiceGapBinary.url()
  let capture = FileManager.default.temporaryDirectory
    .appendingPathComponent("servicegap-run-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: capture) }
  let stdoutURL = capture.appendingPathComponent("stdout")
  let stderrURL = capture.appendingPathComponent("stderr")
  _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
  let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
  let stderrHandle = try FileHandle(forWritingTo: stderrURL)
  defer {
    try? stdoutHandle.close()
    try? stderrHandle.close()
  }

  let process = Process()
  process.executableURL = binary
  process.arguments = arguments
  process.currentDirectoryURL = directory
  var environment = ProcessInfo.processInfo.environment
  environment["COLUMNS"] = "80"
  environment["LINES"] = "24"
  process.environment = environment
  process.standardInput = FileHandle.nullDevice
  process.standardOutput = stdoutHandle
  process.standardError = stderrHandle

  let status: Int32 = try await withCheckedThrowingContinuation { continuation in
    process.terminationHandler = { process in
      continuation.resume(returning: process.terminationStatus)
    }
    do {
      try process.run()
    } catch {
      process.terminationHandler = nil
      continuation.resume(throwing: error)
    }
  }
  return ProcessOutput(
    status: status,
    stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
    stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
}

/// A fresh folder under the temporary directory, removed by `remove()`.
struct TemporaryFolder {
  let url: URL

  init(_ label: String = "cli") throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("servicegap-\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  /// Writes a text file (UTF-8) and returns its URL.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> URL {
    let target = file(name)
    try Data(text.utf8).write(to: target)
    return target
  }

  /// Copies a file under `fixtures/` into the folder.
  @discardableResult
  func copyFixture(_ relative: String, as name: String) throws -> URL {
    let target = file(name)
    try FileManager.default.copyItem(at: Fixtures.url(relative), to: target)
    return target
  }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Every entry of a folder (hidden ones too) with its bytes; empty when it does not exist.
func folderContents(_ folder: URL) throws -> [String: Data] {
  guard FileManager.default.fileExists(atPath: folder.path) else { return [:] }
  var contents: [String: Data] = [:]
  for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
    contents[name] = try Data(contentsOf: folder.appendingPathComponent(name))
  }
  return contents
}

/// The demo area's inputs, as files under `fixtures/`.
enum Demo {
  static let directory = Fixtures.demoDirectory
  static let population = "\(directory)/population_tatorter_2020.csv"
  static let services = "\(directory)/services.geojson"
  static let regions = "\(directory)/kommuner.geojson"

  /// The README's example: three categories, ATM with its own thresholds.
  static func analyzeArguments(
    population: String = Fixtures.url(Demo.population).path,
    services: String = Fixtures.url(Demo.services).path,
    regions: String = Fixtures.url(Demo.regions).path
  ) -> [String] {
    [
      "analyze", "--population", population, "--services", services, "--regions", regions,
      "--region-field", "kommun_kod", "--categories", "grocery,pharmacy,atm",
      "--thresholds", "5km,10km", "--thresholds", "atm=10km,25km",
    ]
  }

  /// The first `count` data rows of the demo population CSV, with its header.
  static func populationLines(_ count: Int) throws -> [String] {
    let text = try String(contentsOf: Fixtures.url(population), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    return Array(lines.prefix(count + 1))
  }
}
