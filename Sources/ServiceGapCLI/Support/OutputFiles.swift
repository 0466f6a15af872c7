import Foundation
import ServiceGap
import ServiceGapIO

/// Writes the analysis outputs into a directory as one set.
///
/// Every file is first written (atomically) into a hidden staging folder inside
/// the directory; only when all of them are complete are they renamed into
/// place. A run that fails while writing leaves the previous set untouched,
/// never a mix of old and new files.
enum OutputFiles {
  static let zonesFile = "zones.geojson"

  static func write(
    _ result: AnalysisResult, to directory: String, zones: Bool,
    extra: [(String, (URL) throws -> Void)] = []
  ) throws {
    var files: [(String, (URL) throws -> Void)] = [
      ("units.geojson", { try GeoJSONWriter.writeUnits(result: result, to: $0) }),
      (
        "summary.csv",
        { try AtomicFileWriter.write(SummaryWriter.csv(rows: result.summary), to: $0) }
      ),
      (
        "summary.json",
        { try AtomicFileWriter.write(SummaryWriter.json(rows: result.summary), to: $0) }
      ),
    ]
    if !result.solePopulation.isEmpty {
      files.append(
        (
          "services.geojson",
          { try AtomicFileWriter.write(ServicesWriter.geojson(result: result), to: $0) }
        ))
    }
    if zones {
      files.append(
        (zonesFile, { try GeoJSONWriter.writeZones(result: result, to: $0) }))
    }
    try writeSet(files + extra, to: directory)
    // Zones of an earlier run would no longer match the new units: remove them.
    let staleZones = URL(fileURLWithPath: directory).appendingPathComponent(zonesFile)
    if !zones, FileManager.default.fileExists(atPath: staleZones.path) {
      try FileManager.default.removeItem(at: staleZones)
      printError("note: removed \(staleZones.path) from an earlier run (--no-zones)")
    }
  }

  /// Writes each named file (with its writer, given the target URL) into a staging
  /// folder inside `directory`, then renames them all into place.
  static func writeSet(_ files: [(String, (URL) throws -> Void)], to directory: String) throws {
    let fileManager = FileManager.default
    let base = URL(fileURLWithPath: directory)
    do {
      try fileManager.createDirectory(at: base, withIntermediateDirectories: true)
    } catch {
      throw CLIError(
        "cannot create the output folder '\(directory)': \(error.localizedDescription)")
    }
    let staging = base.appendingPathComponent(".servicegap-staging-\(getpid())")
    try? fileManager.removeItem(at: staging)
    try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
    defer { try? fileManager.removeItem(at: staging) }
    for (name, write) in files { try write(staging.appendingPathComponent(name)) }
    for (name, _) in files {
      // rename(2) replaces the target atomically, within one file system.
      guard
        rename(staging.appendingPathComponent(name).path, base.appendingPathComponent(name).path)
          == 0
      else {
        throw CLIError(
          "cannot move \(name) into '\(directory)': \(String(cString: strerror(errno)))")
      }
    }
  }
}
