import Foundation

/// What a child process gave back.
public struct ChildProcessOutput: Sendable {
  public var status: Int32
  public var reason: Process.TerminationReason
  public var stdout: String
  public var stderr: String
}

/// A child process that ran past its time limit and was killed.
public struct ChildProcessTimedOut: Error, CustomStringConvertible {
  public var command: [String]
  public var limit: Duration
  public var stderr: String

  public init(command: [String], limit: Duration, stderr: String) {
    self.command = command
    self.limit = limit
    self.stderr = stderr
  }

  public var description: String {
    "\(command.joined(separator: " ")) ran longer than \(limit) and was killed; the end of its "
      + "standard error:\n\(stderr.split(separator: "\n").suffix(10).joined(separator: "\n"))"
  }
}

/// Runs other programs for the tests, each with a time limit.
///
/// A child that hangs (a deadlock, a server that never answers) would otherwise block its
/// test, and with it `make test`, until CI's own limit ends the whole run with no word
/// on which test it was. Here it is killed at its limit (SIGTERM, then SIGKILL after 5 s)
/// and the test fails with ``ChildProcessTimedOut``, naming the command. Standard output
/// and error go to files, so no pipe can fill up and block the child.
public enum ChildProcess {
  /// The limit when a test names none: long for a debug build on two busy cores.
  public static let defaultLimit = Duration.seconds(300)

  /// Runs `command` (the executable's path, then its arguments) and waits for it to end,
  /// without holding a thread: other tests go on meanwhile.
  ///
  /// Cancelling the task (as Swift Testing's `.timeLimit` does) kills the child too.
  ///
  /// - Throws: ``ChildProcessTimedOut`` past `limit`; the error of `Process.run()` when the
  ///   executable cannot be started.
  public static func run(
    _ command: [String], in directory: URL? = nil, environment: [String: String]? = nil,
    limit: Duration = defaultLimit
  ) async throws -> ChildProcessOutput {
    let child = try Child(command, in: directory, environment: environment)
    defer { child.removeCapture() }
    let reason: Process.TerminationReason = try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        child.process.terminationHandler = { process in
          continuation.resume(returning: process.terminationReason)
        }
        do {
          try child.process.run()
        } catch {
          child.process.terminationHandler = nil
          continuation.resume(throwing: error)
          return
        }
        child.killAfter(limit)
      }
    } onCancel: {
      child.kill()
    }
    return try child.output(reason: reason, limit: limit)
  }

  /// Runs `command` and waits for it to end, blocking this thread: for synchronous tests.
  ///
  /// - Throws: as the asynchronous `run`.
  public static func runBlocking(
    _ command: [String], in directory: URL? = nil, environment: [String: String]? = nil,
    limit: Duration = defaultLimit
  ) throws -> ChildProcessOutput {
    let child = try Child(command, in: directory, environment: environment)
    defer { child.removeCapture() }
    try child.process.run()
    child.killAfter(limit)
    child.process.waitUntilExit()
    return try child.output(reason: child.process.terminationReason, limit: limit)
  }

  /// One started (or about to be started) child with its capture files.
  private final class Child: @unchecked Sendable {
    // @unchecked: `process` is only touched by the thread that starts it, the timer (which
    // calls the thread-safe `isRunning`, `terminate` and `kill`) and the cancellation
    // handler; `timedOut` is guarded by `lock`.
    let command: [String]
    let process = Process()
    let capture: URL
    private let lock = NSLock()
    private var didTimeOut = false

    init(_ command: [String], in directory: URL?, environment: [String: String]?) throws {
      precondition(!command.isEmpty, "a command needs at least the executable")
      self.command = command
      capture = FileManager.default.temporaryDirectory
        .appendingPathComponent("servicegap-child-\(UUID().uuidString)", isDirectory: true)
      try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
      for name in ["stdout", "stderr"] {
        _ = FileManager.default.createFile(
          atPath: capture.appendingPathComponent(name).path, contents: nil)
      }
      process.executableURL = URL(fileURLWithPath: command[0])
      process.arguments = Array(command.dropFirst())
      if let directory { process.currentDirectoryURL = directory }
      if let environment { process.environment = environment }
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = try FileHandle(
        forWritingTo: capture.appendingPathComponent("stdout"))
      process.standardError = try FileHandle(
        forWritingTo: capture.appendingPathComponent("stderr"))
    }

    var timedOut: Bool { lock.withLock { didTimeOut } }

    /// Kills the child when it is still running after `limit`.
    func killAfter(_ limit: Duration) {
      let seconds = Double(limit.components.seconds)
      DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
        guard process.isRunning else { return }
        lock.withLock { didTimeOut = true }
        kill()
      }
    }

    /// SIGTERM now, SIGKILL in 5 s if it is still there.
    func kill() {
      guard process.isRunning else { return }
      process.terminate()
      let pid = process.processIdentifier
      DispatchQueue.global().asyncAfter(deadline: .now() + 5) { [self] in
        if process.isRunning { Foundation.kill(pid, SIGKILL) }
      }
    }

    func output(reason: Process.TerminationReason, limit: Duration) throws -> ChildProcessOutput {
      let stdout = String(
        decoding: try Data(contentsOf: capture.appendingPathComponent("stdout")), as: UTF8.self)
      let stderr = String(
        decoding: try Data(contentsOf: capture.appendingPathComponent("stderr")), as: UTF8.self)
      if timedOut { throw ChildProcessTimedOut(command: command, limit: limit, stderr: stderr) }
      return ChildProcessOutput(
        status: process.terminationStatus, reason: reason, stdout: stdout, stderr: stderr)
    }

    func removeCapture() {
      try? (process.standardOutput as? FileHandle)?.close()
      try? (process.standardError as? FileHandle)?.close()
      try? FileManager.default.removeItem(at: capture)
    }
  }
}
