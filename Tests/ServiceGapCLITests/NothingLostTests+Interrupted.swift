import Foundation
import ServiceGapTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Interrupted runs and full disks (issue 6: nothing lost).
extension NothingLostTests {
  /// Where a run writes: a folder, or one GeoPackage.
  enum Target: String, Sendable, CaseIterable {
    case folder = "out"
    case geoPackage = "results.gpkg"
  }

  /// A run stopped in the middle of writing, by a signal it can catch or not.
  struct Interruption: Sendable, CustomTestStringConvertible {
    var signal: Int32
    var target: Target
    var testDescription: String {
      "\(signal == SIGKILL ? "SIGKILL" : "SIGINT") while writing --out \(target.rawValue)"
    }
  }

  /// The targets this build can write: a GeoPackage needs the GDAL trait (the light build's
  /// own test of that is `GDALTraitTests`).
  static var targets: [Target] {
    #if GDAL
      Target.allCases
    #else
      [.folder]
    #endif
  }

  static let interruptions: [Interruption] = [SIGINT, SIGKILL].flatMap { signal in
    targets.map { Interruption(signal: signal, target: $0) }
  }

  /// Names in a folder made by our writers while they work (staging folders, temporary
  /// files, partial GeoPackages and their journals), all hidden.
  static func temporaryNames(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasPrefix(".servicegap-staging-") || $0.contains(".tmp-") || $0.contains(".partial-")
    }.sorted()
  }

  /// A population of `count` seeded random localities over the demo area, so that writing
  /// the outputs takes long enough (hundreds of milliseconds) to be interrupted.
  static func largePopulation(count: Int) -> String {
    var random = SeededRandom(seed: 6)
    let codes = ["2417", "2418", "2422", "2482", "2506"]
    var lines = ["tatortskod,namn,kommun_kod,befolkning,lon,lat"]
    lines.reserveCapacity(count + 1)
    for index in 0..<count {
      let lon = Double.random(in: 15..<21.5, using: &random)
      let lat = Double.random(in: 64.3..<67.1, using: &random)
      let code = codes[Int(random.next() % UInt64(codes.count))]
      lines.append(
        "u\(index),place \(index),\(code),\(1 + random.next() % 500),"
          + String(format: "%.6f,%.6f", lon, lat))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(
    "an interrupted run leaves the earlier outputs byte-identical and nothing under a final name",
    arguments: interruptions)
  func interruptedRunKeepsOutputs(_ interruption: Interruption) async throws {
    let folder = try TemporaryFolder("interrupt")
    defer { folder.remove() }
    try folder.copyFixture(Demo.population, as: "tatorter.csv")
    try folder.copyFixture(Demo.services, as: "services.geojson")
    try folder.copyFixture(Demo.regions, as: "kommuner.geojson")
    try folder.write("large.csv", Self.largePopulation(count: 150_000))
    let out = interruption.target.rawValue
    let small = Demo.analyzeArguments(
      population: "tatorter.csv", services: "services.geojson", regions: "kommuner.geojson")

    let good = try await runServiceGap(small + ["--out", out], in: folder.url)
    try #require(good.status == 0, "the first run must succeed: \(good.stderr)")
    let outputs = interruption.target == .folder ? folder.file(out) : folder.url
    let before = try folderContents(outputs)

    var large = small
    large[try #require(large.firstIndex(of: "tatorter.csv"))] = "large.csv"
    let stopped = try await runInterrupted(
      large + ["--out", out], in: folder.url, signal: interruption.signal
    ) { pid in
      switch interruption.target {
      case .folder:
        // A temporary file inside the staging folder: writing is under way.
        let staging = folder.file(out).appendingPathComponent(".servicegap-staging-\(pid)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []
        return names.contains { $0.contains(".tmp-") }
      case .geoPackage:
        return FileManager.default.fileExists(atPath: folder.file(".\(out).partial-\(pid)").path)
      }
    }
    try #require(stopped.signalled, "the run ended before it could be interrupted: \(stopped)")
    #expect(
      stopped.reason == .uncaughtSignal && stopped.status == interruption.signal, "\(stopped)")

    let leftovers = try Self.temporaryNames(in: outputs)
    if interruption.signal == SIGINT {
      #expect(stopped.stderr.contains("interrupted; unfinished outputs removed"), "\(stopped)")
      #expect(leftovers.isEmpty, "SIGINT left \(leftovers)")
      #expect(try folderContents(outputs) == before, "the earlier outputs changed")
    } else {
      // SIGKILL cannot be caught: hidden temporary files stay, never under a final name…
      #expect(!leftovers.isEmpty, "SIGKILL during writing should leave its staging behind")
      var visible = try listing(outputs)
      visible = visible.filter { !leftovers.contains($0.key) }
      #expect(visible == before.mapValues { Optional($0) }, "the earlier outputs changed")
      // …and the next run removes them.
      let next = try await runServiceGap(small + ["--out", out], in: folder.url)
      try #require(next.status == 0, "the next run must succeed: \(next.stderr)")
      #expect(try Self.temporaryNames(in: outputs).isEmpty, "the next run left \(leftovers)")
      #expect(try folderContents(outputs).keys.sorted() == before.keys.sorted())
    }
  }

  /// How a full disk is simulated: a small tmpfs mounted for the test (needs root and
  /// CAP_SYS_ADMIN), or else a file-size limit (`ulimit -f`, EFBIG "File too large";
  /// SIGXFSZ is ignored so the write fails instead of killing the run).
  enum FullDisk: Sendable, CustomStringConvertible {
    case tmpfs(URL)
    case fileSizeLimit

    var systemMessage: String {
      switch self {
      case .tmpfs: return "No space left on device"
      case .fileSizeLimit: return "File too large"
      }
    }

    var description: String {
      switch self {
      case .tmpfs: return "a small tmpfs"
      case .fileSizeLimit: return "ulimit -f"
      }
    }
  }

  @Test(
    "a full disk stops with the file and the system's message, earlier outputs intact",
    arguments: targets)
  func fullDiskKeepsOutputs(_ target: Target) async throws {
    let folder = try TemporaryFolder("full-disk")
    defer { folder.remove() }
    try folder.copyFixture(Demo.population, as: "tatorter.csv")
    try folder.copyFixture(Demo.services, as: "services.geojson")
    try folder.copyFixture(Demo.regions, as: "kommuner.geojson")
    let arguments = Demo.analyzeArguments(
      population: "tatorter.csv", services: "services.geojson", regions: "kommuner.geojson")
    let disk = folder.file("disk")
    try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
    let simulation: FullDisk
    var mountMessage = ""
    // SERVICEGAP_TEST_FULL_DISK=ulimit tries the fallback where tmpfs would work.
    let forceLimit = ProcessInfo.processInfo.environment["SERVICEGAP_TEST_FULL_DISK"] == "ulimit"
    if !forceLimit,
      try run(["/bin/mount", "-t", "tmpfs", "-o", "size=8m", "servicegap-test", disk.path])
        .status == 0
    {
      simulation = .tmpfs(disk)
    } else if try run(["/bin/sh", "-c", "ulimit -f 16"]).status == 0 {
      mountMessage = forceLimit ? "(asked for)" : "(tmpfs cannot be mounted here)"
      simulation = .fileSizeLimit
    } else {
      print("full disk: neither a tmpfs nor a file-size limit can be set; skipped")
      try Test.cancel("neither a tmpfs mount nor ulimit -f works in this environment")
    }
    defer {
      if case .tmpfs(let mount) = simulation { _ = try? run(["/bin/umount", mount.path]) }
    }
    print("full disk (\(target.rawValue)): simulated with \(simulation) \(mountMessage)")

    let out = "disk/" + target.rawValue
    let good = try await runServiceGap(arguments + ["--out", out], in: folder.url)
    try #require(good.status == 0, "the first run must succeed: \(good.stderr)")
    // The files the failing runs must leave alone: the folder's, or the GeoPackage.
    func outputs() throws -> [String: Data?] {
      var files = try listing(target == .folder ? folder.file(out) : disk)
      files["filler"] = nil
      return files
    }
    let before = try outputs()

    // GeoPackage: a disk with room for the staged files (220 kB) but not for the
    // GeoPackage itself (300 kB) fails inside GDAL (SQLite); a nearly full one while
    // staging. A folder: nearly full.
    let freeSizes = target == .geoPackage ? [4_096, 360_000] : [4_096]
    for free in freeSizes {
      let failed: ProcessOutput
      switch simulation {
      case .tmpfs:
        try fill(disk.appendingPathComponent("filler"), leaving: free)
        failed = try await runServiceGap(arguments + ["--out", out], in: folder.url)
      case .fileSizeLimit:
        if free > 4_096 { continue }
        let binary = try ServiceGapBinary.url().path
        failed = try runProcess(
          ["/bin/sh", "-c", "trap '' XFSZ; ulimit -f 16; exec \"$@\"", "sh", binary]
            + arguments + ["--out", out], in: folder.url)
      }
      #expect(failed.status == 1, "free \(free): \(failed)")
      let named = target == .folder ? "cannot write \(out)/" : out
      #expect(failed.stderr.contains(named), "free \(free): \(failed.stderr)")
      #expect(
        failed.stderr.contains(simulation.systemMessage)
          || failed.stderr.contains("database or disk is full"),
        "free \(free): \(failed.stderr)")
      #expect(!failed.stderr.contains("ERROR 1:"), "GDAL's own messages leaked: \(failed)")
      #expect(try outputs() == before, "free \(free): the earlier outputs changed")
      #expect(try Self.temporaryNames(in: disk).isEmpty)
      if target == .folder {
        #expect(try Self.temporaryNames(in: folder.file(out)).isEmpty)
      }
      try? FileManager.default.removeItem(at: disk.appendingPathComponent("filler"))
    }
  }

  // MARK: Helpers

  /// Fills the file system of `file` with zeros, then gives back `free` bytes.
  func fill(_ file: URL, leaving free: Int) throws {
    try? FileManager.default.removeItem(at: file)
    let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    let chunk = [UInt8](repeating: 0, count: 65_536)
    var size = 0
    while true {
      let written = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written <= 0 { break }
      size += written
    }
    try #require(errno == ENOSPC, "filling stopped with \(String(cString: strerror(errno)))")
    try #require(ftruncate(descriptor, off_t(max(0, size - free))) == 0)
  }

  /// Every entry of a folder, hidden ones too: a file's bytes, nil for a folder.
  func listing(_ folder: URL) throws -> [String: Data?] {
    var result: [String: Data?] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      let url = folder.appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      result[name] = isDirectory.boolValue ? .some(nil) : try Data(contentsOf: url)
    }
    return result
  }

  /// Runs a command (the first element a full path) and waits for it.
  @discardableResult
  func run(_ command: [String]) throws -> ProcessOutput {
    try runProcess(command, in: FileManager.default.temporaryDirectory)
  }

  /// Runs `command` in `directory`, capturing its output in files, and waits for it.
  func runProcess(_ command: [String], in directory: URL) throws -> ProcessOutput {
    let result = try ChildProcess.runBlocking(command, in: directory)
    return ProcessOutput(status: result.status, stdout: result.stdout, stderr: result.stderr)
  }

  /// What an interrupted run gave back.
  struct StoppedRun: CustomStringConvertible {
    var signalled: Bool
    var reason: Process.TerminationReason
    var status: Int32
    var stderr: String
    var description: String {
      "signalled \(signalled), ended by \(reason == .uncaughtSignal ? "signal" : "exit") "
        + "\(status), stderr: \(stderr)"
    }
  }

  /// Starts `servicegap`, sends `signal` as soon as `writing(pid)` is true, and waits for
  /// the end.
  func runInterrupted(
    _ arguments: [String], in directory: URL, signal: Int32,
    when writing: (Int32) -> Bool
  ) async throws -> StoppedRun {
    let started = try makeProcess(
      [try ServiceGapBinary.url().path] + arguments, in: directory)
    let process = started.process
    try process.run()
    // A run that never reaches the moment to interrupt, or outlives its signal, is killed
    // at the deadline and fails the test instead of blocking it.
    let deadline = ContinuousClock.now + ChildProcess.defaultLimit
    var signalled = false
    while process.isRunning && ContinuousClock.now < deadline {
      if writing(process.processIdentifier) {
        signalled = kill(process.processIdentifier, signal) == 0
        break
      }
      usleep(200)
    }
    while process.isRunning && ContinuousClock.now < deadline { usleep(1_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      throw ChildProcessTimedOut(
        command: [process.executableURL?.path ?? "servicegap"] + arguments,
        limit: ChildProcess.defaultLimit, stderr: try started.output().stderr)
    }
    process.waitUntilExit()
    let output = try started.output()
    return StoppedRun(
      signalled: signalled, reason: process.terminationReason,
      status: process.terminationStatus, stderr: output.stderr)
  }

  /// A process with standard output and error going to files, and how to read them back.
  func makeProcess(_ command: [String], in directory: URL) throws -> (
    process: Process, output: () throws -> ProcessOutput
  ) {
    let capture = FileManager.default.temporaryDirectory
      .appendingPathComponent("servicegap-run-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
    let stdoutURL = capture.appendingPathComponent("stdout")
    let stderrURL = capture.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.currentDirectoryURL = directory
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
    process.standardError = try FileHandle(forWritingTo: stderrURL)
    return (
      process,
      {
        defer { try? FileManager.default.removeItem(at: capture) }
        return ProcessOutput(
          status: process.terminationStatus,
          stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
          stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
      }
    )
  }
}
