import Foundation

/// A minimal lock (Foundation's `NSLock`) with a scoped helper.
final class NSLockLike: @unchecked Sendable {
  // Safety: NSLock is thread-safe by design.
  private let lock = NSLock()

  func withLock<T>(_ body: () throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }
}
