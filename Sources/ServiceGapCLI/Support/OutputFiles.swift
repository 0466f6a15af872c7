import Foundation
import ServiceGap
import ServiceGapIO

/// Writes the analysis outputs into a directory, each file atomically.
enum OutputFiles {
  static func write(_ result: AnalysisResult, to directory: String) throws {
    let base = URL(fileURLWithPath: directory)
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    try GeoJSONWriter.writeUnits(result: result, to: base.appendingPathComponent("units.geojson"))
    try AtomicFileWriter.write(
      GeoJSONWriter.zones(result: result), to: base.appendingPathComponent("zones.geojson"))
    try AtomicFileWriter.write(
      SummaryWriter.csv(rows: result.summary), to: base.appendingPathComponent("summary.csv"))
    try AtomicFileWriter.write(
      SummaryWriter.json(rows: result.summary), to: base.appendingPathComponent("summary.json"))
  }
}
