/// The time one stage of an analysis took, for `--timings`.
public struct StageTiming: Hashable, Sendable {
  /// Stage name, such as `nearest services`.
  public var stage: String
  /// Wall-clock seconds.
  public var seconds: Double
  /// The process's peak resident memory when the stage ended (``PeakMemory``), if
  /// measured.
  public var peakResidentBytes: Int?

  /// Creates a stage timing.
  public init(stage: String, seconds: Double, peakResidentBytes: Int? = nil) {
    self.stage = stage
    self.seconds = seconds
    self.peakResidentBytes = peakResidentBytes
  }
}
