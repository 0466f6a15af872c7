import Dispatch

/// Runs `body` for every index in `0..<count` on up to `workers` threads and
/// returns the results in index order.
///
/// Each iteration writes only its own slot, so no locking is needed. Bodies
/// that use GEOS or PROJ must create their own contexts inside.
func parallelMap<T: Sendable>(
  _ count: Int, workers: Int, _ body: @Sendable (Int) throws -> T
) throws -> [T] {
  guard count > 0 else { return [] }
  let slots = ResultSlots<T>(count: count)
  let workers = max(1, min(workers, count))
  let next = AtomicCounter()
  DispatchQueue.concurrentPerform(iterations: workers) { _ in
    while true {
      let index = next.increment()
      if index >= count || slots.hasFailed { return }
      do {
        slots.store(.success(try body(index)), at: index)
      } catch {
        slots.store(.failure(error), at: index)
      }
    }
  }
  return try slots.results()
}

/// Per-index result storage written by concurrent workers, one slot each.
///
/// The slots are one allocation made up front: writing through a Swift array from several
/// threads is a race (a write may find the buffer shared for a moment and copy it), which
/// debug builds hit as heap corruption.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
  // Safety: each index is written by exactly one worker, and read only
  // after concurrentPerform has returned (which is a full barrier).
  private let values: UnsafeMutableBufferPointer<Result<T, any Error>?>
  private let lock = NSLockLike()
  private var failed = false

  init(count: Int) {
    values = .allocate(capacity: count)
    values.initialize(repeating: nil)
  }

  deinit {
    values.deinitialize()
    values.deallocate()
  }

  var hasFailed: Bool { lock.withLock { failed } }

  func store(_ value: Result<T, any Error>, at index: Int) {
    values[index] = value
    if case .failure = value { lock.withLock { failed = true } }
  }

  func results() throws -> [T] {
    // The first failure in index order wins, so errors are deterministic.
    try values.compactMap { try $0?.get() }
  }
}

/// A shared counter handing out work items.
private final class AtomicCounter: @unchecked Sendable {
  // Safety: every access goes through the lock.
  private var value = 0
  private let lock = NSLockLike()

  func increment() -> Int {
    lock.withLock {
      defer { value += 1 }
      return value
    }
  }
}
