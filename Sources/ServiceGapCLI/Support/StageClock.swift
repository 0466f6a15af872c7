import Dispatch
import Foundation
import ServiceGap

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
}

/// The `--timings` report.
enum TimingsTable {
  static func render(
    loading: [StageTiming], analysis: [StageTiming], total: Double, workCRS: String, units: Int,
    services: Int
  ) -> String {
    var lines = [
      "timings (\(units) units, \(services) services, working CRS \(workCRS); "
        + "peak memory so far at the end of each stage):"
    ]
    func line(_ name: String, _ seconds: Double, _ peak: Int?) -> String {
      let padded = name.padding(toLength: 28, withPad: " ", startingAt: 0)
      let memory = peak.map { String(format: "%8.0f MB", Double($0) / 1_048_576) } ?? ""
      return "  \(padded)\(String(format: "%8.3f s", seconds))\(memory)"
    }
    for stage in loading {
      if stage.stage == "analysis" {
        for inner in analysis {
          lines.append(line("  " + inner.stage, inner.seconds, inner.peakResidentBytes))
        }
      }
      lines.append(line(stage.stage, stage.seconds, stage.peakResidentBytes))
    }
    lines.append(line("total", total, PeakMemory.bytes()))
    return lines.joined(separator: "\n")
  }
}
