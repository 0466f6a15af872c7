import Foundation
import ServiceGap

/// The `--timings` report: each stage's seconds and the peak memory so far.
public enum TimingsTable {
  /// The report's lines, joined by newlines.
  ///
  /// - Parameters:
  ///   - loading: The command's own stages; the analysis' stages are shown inside the
  ///     one named `analysis`.
  ///   - analysis: The analysis' stages.
  ///   - total: The run's seconds so far.
  ///   - workCRS: The working CRS, for the heading.
  ///   - units: The number of units, for the heading.
  ///   - services: The number of services, for the heading.
  /// - Returns: The lines, without a final newline.
  public static func render(
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
