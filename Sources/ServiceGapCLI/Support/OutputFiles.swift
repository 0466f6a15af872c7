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
    extra: [(String, (URL) throws -> Void)] = [], manifest: RunManifestBuilder? = nil
  ) throws {
    var files: [(String, (URL) throws -> Void)] = [
      ("units.geojson", { try GeoJSONWriter.writeUnits(result: result, to: $0) }),
      (
        "units.qml",
        { try AtomicFileWriter.write(Data(QGISStyle.units(result: result).utf8), to: $0) }
      ),
      (
        "summary.csv",
        { try AtomicFileWriter.write(SummaryWriter.csv(rows: result.summary), to: $0) }
      ),
      (
        "summary.json",
        { try AtomicFileWriter.write(SummaryWriter.json(rows: result.summary), to: $0) }
      ),
    ]
    // Every set shows the services the distances were measured to (a GIS user sees the
    // points the zones were drawn from), with their criticality when it was asked for.
    files.append(
      (
        "services.geojson",
        { try AtomicFileWriter.write(ServicesWriter.geojson(result: result), to: $0) }
      ))
    if zones {
      files.append(
        (zonesFile, { try GeoJSONWriter.writeZones(result: result, to: $0) }))
      files.append(
        (
          "zones.qml",
          { try AtomicFileWriter.write(Data(QGISStyle.zones(result: result).utf8), to: $0) }
        ))
    }
    try writeSet(files + extra, to: directory, manifest: manifest)
    // Zones of an earlier run would no longer match the new units: remove them, and
    // their QGIS style, whose rules name the earlier run's thresholds.
    guard case .directory = OutputTarget(directory), !zones else { return }
    for name in [zonesFile, "zones.qml"] {
      let stale = URL(fileURLWithPath: directory).appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: stale.path) {
        try FileManager.default.removeItem(at: stale)
        printError("note: removed \(stale.path) from an earlier run (--no-zones)")
      }
    }
  }

  /// Writes each named file (with its writer, given the target URL) into a staging
  /// folder, then renames them all into place: into the `--out` folder, or, for a
  /// GeoPackage or PostGIS `--out`, into its layers and tables (``DatasetExport``).
  ///
  /// The run's `manifest`, if any, is written last as `run.json`.
  static func writeSet(
    _ files: [(String, (URL) throws -> Void)], to out: String,
    manifest: RunManifestBuilder? = nil
  ) throws {
    let files = files + (manifest.map { [$0.file(after: files.map(\.0))] } ?? [])
    switch OutputTarget(out) {
    case .directory(let directory): try writeSet(files, toDirectory: directory)
    case let target: try export(files, to: target)
    }
  }

  /// Writes the set into a GeoPackage or PostGIS database under a new run id.
  private static func export(_ files: [(String, (URL) throws -> Void)], to target: OutputTarget)
    throws
  {
    #if GDAL
      let fileManager = FileManager.default
      let near: URL
      if case .geoPackage(let path) = target {
        near = URL(fileURLWithPath: path).deletingLastPathComponent()
      } else {
        near = fileManager.temporaryDirectory
      }
      TemporaryOutputs.removeOnInterrupt()
      TemporaryOutputs.removeStale(in: near)
      let staging = near.appendingPathComponent(".servicegap-staging-\(getpid())")
      let registration = TemporaryOutputs.register(staging.path)
      defer { TemporaryOutputs.unregister(registration) }
      try? fileManager.removeItem(at: staging)
      do {
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
      } catch {
        throw CLIError(
          "cannot write next to '\(target.displayName)': \(error.localizedDescription)")
      }
      defer { try? fileManager.removeItem(at: staging) }
      for (name, write) in files {
        try naming({ "\(target.displayName) (while writing \($0))" }) {
          try write(staging.appendingPathComponent(name))
        }
      }
      let runID = RunID.make()
      do {
        try DatasetExport.export(
          folder: staging, to: target, runID: runID,
          command: CommandLine.arguments.dropFirst().first ?? "analyze")
      } catch let error as ExportError {
        throw CLIError(error.description)
      }
      if case .postGIS = target {
        printError("wrote run \(runID) to \(target.displayName) (schema \(runID))")
      }
    #else
      throw CLIError(
        "'--out \(target.displayName)' needs GDAL, which this servicegap was built without. "
          + "Rebuild with `swift build -c release --traits GDAL` (`make build` does), or "
          + "write to a folder.")
    #endif
  }

  /// Writes the set into the folder `directory`.
  private static func writeSet(
    _ files: [(String, (URL) throws -> Void)], toDirectory directory: String
  ) throws {
    let fileManager = FileManager.default
    let base = URL(fileURLWithPath: directory)
    do {
      try fileManager.createDirectory(at: base, withIntermediateDirectories: true)
    } catch {
      throw CLIError(
        "cannot create the output folder '\(directory)': \(error.localizedDescription)")
    }
    // Interrupted (SIGINT, SIGTERM, SIGHUP): the staging folder goes, the earlier set stays.
    // Killed (SIGKILL): the hidden staging folder stays, and the next run removes it.
    TemporaryOutputs.removeOnInterrupt()
    TemporaryOutputs.removeStale(in: base)
    let staging = base.appendingPathComponent(".servicegap-staging-\(getpid())")
    let registration = TemporaryOutputs.register(staging.path)
    defer { TemporaryOutputs.unregister(registration) }
    try? fileManager.removeItem(at: staging)
    do {
      try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
    } catch {
      throw CLIError(
        "cannot write into the output folder '\(directory)': \(error.localizedDescription)")
    }
    defer { try? fileManager.removeItem(at: staging) }
    for (name, write) in files {
      try naming({ (directory as NSString).appendingPathComponent($0) }) {
        try write(staging.appendingPathComponent(name))
      }
    }
    try TemporaryOutputs.commit {
      for (name, _) in files {
        // rename(2) replaces the target atomically, within one file system.
        guard
          rename(
            staging.appendingPathComponent(name).path, base.appendingPathComponent(name).path)
            == 0
        else {
          throw CLIError(
            "cannot move \(name) into '\(directory)': \(String(cString: strerror(errno)))")
        }
      }
    }
  }

  /// Runs `body`, naming in a write error the output the user asked for (`out/units.geojson`,
  /// `results.gpkg (while writing units.geojson)`) rather than the hidden staging folder.
  private static func naming(_ output: (String) -> String, _ body: () throws -> Void) throws {
    do {
      try body()
    } catch OutputError.cannotWrite(let path, let reason) {
      throw OutputError.cannotWrite(
        path: output(URL(fileURLWithPath: path).lastPathComponent), reason: reason)
    }
  }
}

/// Names a run: `run_` + UTC date and time + 4 random hex digits, such as
/// `run_20261127_031500_a3f9` (a valid PostgreSQL schema name that sorts by time).
enum RunID {
  static func make(now: Date = Date()) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd_HHmmss"
    let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
    return "run_\(formatter.string(from: now))_"
      + String(repeating: "0", count: 4 - suffix.count) + suffix
  }
}
