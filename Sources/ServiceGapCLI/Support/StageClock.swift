import Dispatch
import Foundation
import ServiceGap

/// Times the command's own stages (loading, writing) for `--timings`.
final class StageClock {
  private let start = DispatchTime.now().uptimeNanoseconds
  private(set) var stages: [StageTiming] = []

  func time<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
    let begin = DispatchTime.now().uptimeNanoseconds
    defer {
      stages.append(
        StageTiming(
          stage: stage, seconds: Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9))
    }
    return try body()
  }

  var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

/// The `--timings` report.
enum TimingsTable {
  static func render(
    loading: [StageTiming], analysis: [StageTiming], total: Double, workCRS: String, units: Int,
    services: Int
  ) -> String {
    var lines = ["timings (\(units) units, \(services) services, working CRS \(workCRS)):"]
    func line(_ name: String, _ seconds: Double) -> String {
      let padded = name.padding(toLength: 28, withPad: " ", startingAt: 0)
      return "  \(padded)\(String(format: "%8.3f s", seconds))"
    }
    for stage in loading {
      if stage.stage == "analysis" {
        for inner in analysis { lines.append(line("  " + inner.stage, inner.seconds)) }
      }
      lines.append(line(stage.stage, stage.seconds))
    }
    lines.append(line("total", total))
    return lines.joined(separator: "\n")
  }
}
