import Foundation

/// Counts finished jobs from several threads and reports the fraction done.
final class ProgressCounter: @unchecked Sendable {
  // Safety: `done` is only touched under the lock.
  private let lock = NSLockLike()
  private var done = 0
  private let total: Int
  private let stage: String
  private let progress: ProgressHandler?

  init(total: Int, stage: String, progress: ProgressHandler?) {
    self.total = total
    self.stage = stage
    self.progress = progress
  }

  func increment() {
    let fraction = lock.withLock {
      done += 1
      return Double(done) / Double(max(1, total))
    }
    progress?(stage, fraction)
  }
}
