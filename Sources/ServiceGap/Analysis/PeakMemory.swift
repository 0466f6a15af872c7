#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's peak resident memory, for `--timings` and `run.json`.
public enum PeakMemory {
  /// The most physical memory the process has held so far, in bytes; nil where the
  /// system does not say.
  ///
  /// Wraps `getrusage(RUSAGE_SELF)`: `ru_maxrss` is in kilobytes on Linux, bytes on macOS.
  /// Read at the end of each stage, it rises at the stage that needed the memory.
  public static func bytes() -> Int? {
    var usage = rusage()
    #if canImport(Darwin)
      let who = RUSAGE_SELF
    #else
      let who = RUSAGE_SELF.rawValue
    #endif
    guard getrusage(who, &usage) == 0, usage.ru_maxrss > 0 else { return nil }
    #if canImport(Darwin)
      return Int(usage.ru_maxrss)
    #else
      return Int(usage.ru_maxrss) * 1024
    #endif
  }
}
