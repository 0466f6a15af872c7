import Dispatch

/// Times the stages of one run for `--timings`: wall-clock seconds, and the peak memory
/// when each stage ended.
///
/// Used by the thread that runs the stages; the stages themselves may use many threads.
final class StageTimer {
  private(set) var timings: [StageTiming] = []

  /// Runs `body` and records its time under `stage` (after the stages `body` recorded).
  func time<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    defer {
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      timings.append(
        StageTiming(stage: stage, seconds: seconds, peakResidentBytes: PeakMemory.bytes()))
    }
    return try body()
  }

  /// Adds timings measured elsewhere, after those recorded so far.
  func append(_ more: [StageTiming]) { timings += more }
}
