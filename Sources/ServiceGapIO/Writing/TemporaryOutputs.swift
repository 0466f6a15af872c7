import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The temporary files and folders of outputs being written, so that nothing unfinished
/// ever stays under a final name and nothing is left behind by an interrupted run.
///
/// Writers register what they create before they create it (``AtomicFileWriter``'s
/// `.<name>.tmp-<pid>-<n>` files, the CLI's `.servicegap-staging-<pid>` folders, a
/// GeoPackage's `.<name>.partial-<pid>`) and put finished files in place inside
/// ``commit(_:)``. Then:
///
/// - **SIGINT, SIGTERM, SIGHUP** (after ``removeOnInterrupt()``): the registered paths
///   are removed and the process ends with the same signal. A signal that arrives during
///   a commit (the renames that put a finished set in place, microseconds) waits for it
///   to end, so a set is never half renamed by an interruption.
/// - **SIGKILL** (or a crash, or a power cut) cannot be caught: the hidden temporary
///   files stay, never under a final name. The next run writing to the same folder
///   removes those of processes that no longer exist (``removeStale(in:)``).
public enum TemporaryOutputs {
  /// Identifies one registered path.
  public struct Registration: Hashable, Sendable {
    fileprivate let number: Int
  }

  private final class State: @unchecked Sendable {
    // Safety: every field is read and written with `lock` held.
    let lock = NSLock()
    var paths: [Int: String] = [:]
    var next = 0
    var commits = 0
    var pendingSignal: Int32 = 0
  }

  private static let state = State()

  /// Registers `path` (a file or folder about to be created) for removal on interruption.
  ///
  /// - Returns: The registration to pass to ``unregister(_:)`` once the path is gone or
  ///   renamed into place.
  public static func register(_ path: String) -> Registration {
    state.lock.lock()
    defer { state.lock.unlock() }
    state.next += 1
    state.paths[state.next] = path
    return Registration(number: state.next)
  }

  /// Forgets a registration (the path was removed or renamed into place).
  public static func unregister(_ registration: Registration) {
    state.lock.lock()
    defer { state.lock.unlock() }
    state.paths[registration.number] = nil
  }

  /// Runs `body`, the step that puts finished outputs under their final names, with
  /// interruptions held back until it ends.
  ///
  /// A signal received meanwhile is acted on when the outermost commit returns: the
  /// finished set is complete, the temporary paths are removed, and the process ends.
  public static func commit<T>(_ body: () throws -> T) rethrows -> T {
    state.lock.lock()
    state.commits += 1
    state.lock.unlock()
    defer {
      state.lock.lock()
      state.commits -= 1
      if state.commits == 0, state.pendingSignal != 0 {
        removeRegisteredAndExit(signal: state.pendingSignal)
      }
      state.lock.unlock()
    }
    return try body()
  }

  // MARK: Interruption

  /// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the registered paths and
  /// end the process with the signal (once per process; later calls do nothing).
  ///
  /// A signal the process was started with ignored (`nohup`, a background job in a
  /// script) stays ignored.
  public static func removeOnInterrupt() {
    _ = installation
  }

  /// The signals handled, the pipe the handler writes them to, and the thread reading it.
  private static let installation: Void = {
    var descriptors: [Int32] = [0, 0]
    guard pipe(&descriptors) == 0 else { return }
    interruptWriteDescriptor = descriptors[1]
    let reader = descriptors[0]
    let thread = Thread {
      var number: UInt8 = 0
      while true {
        let count = read(reader, &number, 1)
        if count == 1 { interrupted(signal: Int32(number)) }
        if count == 0 || (count < 0 && errno != EINTR) { return }
      }
    }
    thread.name = "servicegap-interrupt"
    thread.start()
    for number in [SIGINT, SIGTERM, SIGHUP] {
      var action = sigaction()
      var previous = sigaction()
      // Only async-signal-safe work in the handler: one write(2) to the pipe.
      #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = forwardToPipe
      #else
        action.__sigaction_handler.sa_handler = forwardToPipe
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = SA_RESTART
      guard sigaction(number, nil, &previous) == 0, !isIgnored(previous) else { continue }
      _ = sigaction(number, &action, nil)
    }
  }()

  private static func isIgnored(_ action: sigaction) -> Bool {
    #if canImport(Darwin)
      let handler = unsafeBitCast(action.__sigaction_u.__sa_handler, to: Int.self)
    #else
      let handler = unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    #endif
    return handler == unsafeBitCast(SIG_IGN, to: Int.self)
  }

  /// Acts on a signal on the reader thread: now, or after the running commit.
  private static func interrupted(signal number: Int32) {
    state.lock.lock()
    if state.commits > 0 {
      state.pendingSignal = number
      state.lock.unlock()
      return
    }
    // The lock stays held: no writer registers or commits anything from here on.
    removeRegisteredAndExit(signal: number)
  }

  /// Removes every registered path, newest first, then ends the process with the signal.
  ///
  /// Called with the lock held.
  private static func removeRegisteredAndExit(signal number: Int32) -> Never {
    for number in state.paths.keys.sorted(by: >) {
      if let path = state.paths[number] { try? FileManager.default.removeItem(atPath: path) }
    }
    let message = "servicegap: interrupted; unfinished outputs removed, earlier ones unchanged\n"
    _ = message.withCString { write(2, $0, strlen($0)) }
    // Die of the signal itself, so a calling shell or script sees what happened.
    _ = signal(number, SIG_DFL)
    _ = kill(getpid(), number)
    usleep(100_000)
    _exit(128 + number)
  }

  // MARK: Leftovers of killed runs

  /// Removes what killed runs left in `folder`: staging folders, temporary files and
  /// partial GeoPackages (`.servicegap-staging-<pid>`, `.<name>.tmp-<pid>-<n>`,
  /// `.<name>.partial-<pid>` and its SQLite journal) whose process no longer exists.
  ///
  /// Those of running processes, this one included, are left alone, so runs writing
  /// into the same folder at the same time do not disturb each other.
  ///
  /// - Returns: The names removed.
  @discardableResult
  public static func removeStale(in folder: URL) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
      return []
    }
    var removed: [String] = []
    for name in names.sorted() {
      guard let pid = ownerProcess(ofTemporaryName: name), pid != getpid(), !isRunning(pid)
      else { continue }
      if (try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))) != nil {
        removed.append(name)
      }
    }
    return removed
  }

  /// The process id in a temporary name of ours, or nil for any other name.
  static func ownerProcess(ofTemporaryName name: String) -> Int32? {
    guard name.hasPrefix(".") else { return nil }
    if name.hasPrefix(".servicegap-staging-") {
      return Int32(name.dropFirst(".servicegap-staging-".count))
    }
    var stem = Substring(name)
    for suffix in ["-journal", "-wal", "-shm"] where stem.hasSuffix(suffix) {
      stem = stem.dropLast(suffix.count)
    }
    if let range = stem.range(of: ".partial-", options: .backwards) {
      return Int32(stem[range.upperBound...])
    }
    // .<name>.tmp-<pid>-<n>
    guard let range = stem.range(of: ".tmp-", options: .backwards) else { return nil }
    let parts = stem[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, UInt32(parts[1]) != nil else { return nil }
    return Int32(parts[0])
  }

  private static func isRunning(_ pid: Int32) -> Bool {
    pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
  }
}

/// The write end of the pipe the signal handler writes to (-1 until installed).
///
/// Written once, before any handler is installed; afterwards only read.
private nonisolated(unsafe) var interruptWriteDescriptor: Int32 = -1

/// The signal handler: hands the signal number to the reader thread.
private func forwardToPipe(_ signal: Int32) {
  var number = UInt8(truncatingIfNeeded: signal)
  let saved = errno
  _ = write(interruptWriteDescriptor, &number, 1)
  errno = saved
}
