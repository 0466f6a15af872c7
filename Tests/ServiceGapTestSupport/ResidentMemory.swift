import Foundation
import Testing

/// The resident memory of this process, for create-and-drop-many tests of C handles.
///
/// Reads the second field of `/proc/self/statm` (resident pages) times the page size.
public enum ResidentMemory {
  /// Resident bytes now; nil where `/proc/self/statm` does not exist (not Linux).
  public static func bytes() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
      return nil
    }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// The environment variable that marks the process a churn test runs alone in.
  public static let ownProcessVariable = "SERVICEGAP_CHURN_OWN_PROCESS"

  /// Runs `body`, a whole churn test, alone in a new process of this test binary.
  ///
  /// Tests of other suites run in parallel in the same process and allocate (loading
  /// files, building strings), which moves resident memory by several MB: enough to make
  /// a churn look leaky. So the test starts this binary again, filtered to itself
  /// (`--filter Suite/function`) and marked with ``ownProcessVariable``; there `body`
  /// runs and its expectations decide the exit status, which this process checks. Where
  /// the binary cannot be started so (not Linux), `body` runs here.
  public static func inOwnProcess(
    suite: String, function: String = #function,
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
  ) throws {
    #if os(Linux)
      guard ProcessInfo.processInfo.environment[ownProcessVariable] == nil else {
        return try body()
      }
      let name = function.split(separator: "(").first.map(String.init) ?? function
      var environment = ProcessInfo.processInfo.environment
      environment[ownProcessVariable] = "1"
      let result = try ChildProcess.runBlocking(
        [
          CommandLine.arguments[0], "--testing-library", "swift-testing", "--filter",
          "\(suite)/\(name)",
        ], environment: environment, limit: .seconds(600))
      let output = result.stdout + result.stderr
      let lines = output.split(separator: "\n")
      for line in lines where line.contains("MiB") && !line.contains("Expectation") {
        print(line)
      }
      #expect(
        result.reason == .exit && result.status == 0,
        "the churn test failed in its own process:\n\(lines.suffix(12).joined(separator: "\n"))",
        sourceLocation: sourceLocation)
      #expect(
        output.contains("Test run with 1 test "),
        "the churn test did not run alone in its own process: \(output)",
        sourceLocation: sourceLocation)
    #else
      try body()
    #endif
  }

  /// Resident memory before, after the warm-up and at the end of a churn.
  public struct Measurement: CustomStringConvertible, Sendable {
    public var before: Int
    public var afterWarmUp: Int
    public var end: Int

    /// Growth from the end of the warm-up to the end, in bytes.
    public var growth: Int { end - afterWarmUp }

    public var description: String {
      func mib(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
      return "resident \(mib(before)) before, \(mib(afterWarmUp)) after the warm-up, "
        + "\(mib(end)) at the end (growth \(mib(growth)))"
    }
  }

  /// Runs `body(i)` `warmUp` times, then `count` times, reading resident memory before,
  /// after the warm-up (which fills allocator pools and library caches) and at the end.
  public static func measure(
    count: Int, warmUp: Int, _ body: (Int) throws -> Void
  ) throws -> Measurement {
    let before = try #require(bytes(), "/proc/self/statm is needed to read resident memory")
    for index in 0..<warmUp { try body(index) }
    let afterWarmUp = try #require(bytes())
    for index in 0..<count { try body(warmUp + index) }
    let end = try #require(bytes())
    return Measurement(before: before, afterWarmUp: afterWarmUp, end: end)
  }

  /// Expects that `count` runs of `body`, each creating and dropping handles, leave
  /// resident memory flat: it may grow by at most `toleranceBytes` after the warm-up.
  ///
  /// Call it inside ``inOwnProcess(suite:function:sourceLocation:_:)``, so that no other
  /// test allocates meanwhile. A measurement over the tolerance is repeated once (a late
  /// cache fill or allocator arena can still grow it): the check fails only when two
  /// measurements in a row grow beyond it. A leak of even 100 bytes per run (10 MB per
  /// 100,000) fails both.
  ///
  /// - Returns: The measurement that decided.
  @discardableResult
  public static func expectFlat(
    _ label: String, count: Int, warmUp: Int, toleranceBytes: Int = 6 << 20,
    sourceLocation: SourceLocation = #_sourceLocation, _ body: (Int) throws -> Void
  ) throws -> Measurement {
    let started = Date()
    var measurement = try measure(count: count, warmUp: warmUp, body)
    if measurement.growth > toleranceBytes {
      print("\(label): \(measurement); measuring again")
      measurement = try measure(count: count, warmUp: warmUp, body)
    }
    let seconds = String(format: "%.1f s", Date().timeIntervalSince(started))
    print("\(label): \(count) runs, \(measurement), \(seconds)")
    #expect(
      measurement.growth <= toleranceBytes,
      "\(label) leaks: \(measurement), over the tolerance of \(toleranceBytes >> 20) MiB",
      sourceLocation: sourceLocation)
    return measurement
  }
}
