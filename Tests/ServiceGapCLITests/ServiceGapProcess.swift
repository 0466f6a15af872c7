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
/// Standard output and error go to files (no pipe can fill up and block), the help width is
/// pinned to 80 columns so wrapped text does not depend on the terminal, and a run longer
/// than `limit` is killed and fails the test (``ChildProcessTimedOut``). A `launcher` (such
/// as ``Unprivileged/launcher``) starts the binary through another program.
func runServiceGap(
  _ arguments: [String], in directory: URL, launcher: [String] = [],
  limit: Duration = ChildProcess.defaultLimit
) async throws -> ProcessOutput {
  var environment = ProcessInfo.processInfo.environment
  environment["COLUMNS"] = "80"
  environment["LINES"] = "24"
  let output = try await ChildProcess.run(
    launcher + [try ServiceGapBinary.url().path] + arguments, in: directory,
    environment: environment, limit: limit)
  return ProcessOutput(status: output.status, stdout: output.stdout, stderr: output.stderr)
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

/// Running the binary as a user without root's rights, for tests of file permissions (root
/// reads any file whatever its mode).
enum Unprivileged {
  /// `nobody`'s ids.
  static let user: UInt32 = 65_534

  /// Starts a program as `nobody` when this process is root; nothing otherwise.
  static var launcher: [String] {
    geteuid() == 0
      ? ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups"] : []
  }

  /// Not root; or root with `setpriv` and a binary that `nobody` can reach and run.
  static var requirement: TestRequirement {
    var met = geteuid() != 0
    if !met, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
      let binary = try? ServiceGapBinary.url().path,
      let result = try? ChildProcess.runBlocking(launcher + ["/usr/bin/test", "-x", binary])
    {
      met = result.status == 0
    }
    return TestRequirement(
      name: "a user other than root, or setpriv and a build that nobody may run",
      isMet: met,
      fix: "run the tests as another user, or make every folder above .build readable and "
        + "searchable by others (chmod o+rx)",
      providedByMakeTest: true)
  }
}
