import Foundation
import ServiceGap

/// Shows progress of long stages on standard error, only when it is a terminal.
///
/// One line is redrawn in place (`\r`), at most about ten times a second, so
/// logs and pipes never get progress noise.
final class ProgressReporter: @unchecked Sendable {
  // Safety: all mutable state is guarded by `lock`.
  private let lock = NSLock()
  private var lastDraw = Date.distantPast
  private var lastStage = ""
  private var drewSomething = false
  let isEnabled: Bool

  init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
    isEnabled = enabled
  }

  /// A handler to pass to the library.
  var handler: ProgressHandler? {
    guard isEnabled else { return nil }
    return { [self] stage, fraction in self.report(stage, fraction) }
  }

  func report(_ stage: String, _ fraction: Double) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard stage != lastStage || fraction >= 1 || now.timeIntervalSince(lastDraw) > 0.1 else {
      return
    }
    lastDraw = now
    lastStage = stage
    drewSomething = true
    let percent = Int((fraction * 100).rounded())
    FileHandle.standardError.write(Data("\r\u{1B}[K\(stage): \(percent) %".utf8))
  }

  /// Clears the progress line before other output.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drewSomething {
      FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
      drewSomething = false
    }
  }
}

/// Writes a line to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}
