import Dispatch
import Foundation
import ServiceGap
import ServiceGapIO

/// Times the command's own stages (loading, writing) for `--timings`.
final class StageClock {
  private let start = DispatchTime.now().uptimeNanoseconds
  /// When the clock started: the run's start in its manifest.
  let started = Date()
  private(set) var stages: [StageTiming] = []
  /// The stage being timed and when it began, so a manifest written inside it (the last
  /// file of the set) can count it up to now.
  private(set) var running: (stage: String, begin: UInt64)?

  func time<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
    let begin = DispatchTime.now().uptimeNanoseconds
    let outer = running
    running = (stage, begin)
    defer {
      running = outer
      stages.append(
        StageTiming(
          stage: stage, seconds: Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9,
          peakResidentBytes: PeakMemory.bytes()))
    }
    return try body()
  }

  /// Adds stages timed elsewhere (the library's), as if timed here.
  func record(_ timings: [StageTiming]) { stages += timings }

  var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

  /// The finished stages, then the one still running (timed up to now), if any.
  var stagesSoFar: [StageTiming] {
    guard let running else { return stages }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - running.begin) / 1e9
    return stages + [
      StageTiming(
        stage: running.stage, seconds: seconds, peakResidentBytes: PeakMemory.bytes())
    ]
  }

  /// Prints the `--timings` report on standard error: the command's stages, and the
  /// analysis' own inside the one named `analysis`.
  func printTimings(analysis result: AnalysisResult) {
    printError(
      TimingsTable.render(
        loading: stages, analysis: result.timings, total: elapsed, workCRS: result.workCRS,
        units: result.units.count, services: result.services.count))
  }
}
