import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One file of an output set: its name and how to write it.
public struct OutputFile {
  /// The file name, such as `units.geojson`; in a GeoPackage or PostGIS database its stem
  /// names the layer or table.
  public var name: String
  /// Writes the file at the URL given (atomically; see ``AtomicFileWriter``).
  public var write: (URL) throws -> Void

  /// Creates an output file.
  public init(_ name: String, write: @escaping (URL) throws -> Void) {
    self.name = name
    self.write = write
  }

  /// A file whose whole content is known.
  public init(_ name: String, data: @escaping () -> Data) {
    self.init(name) { try AtomicFileWriter.write(data(), to: $0) }
  }
}

/// Writes the outputs of a run as one set: into a folder, a GeoPackage or a PostGIS
/// database (``OutputTarget``), all or nothing.
///
/// Every file is first written (atomically) into a hidden staging folder; only when all of
/// them are complete are they renamed into place (a folder) or exported in one transaction
/// (``DatasetExport``). A run that fails while writing leaves the previous set untouched,
/// never a mix of old and new files. Interrupted (SIGINT, SIGTERM, SIGHUP), the staging
/// folder goes; killed (SIGKILL), it stays hidden and the next run removes it.
public enum OutputSet {
  /// What writing a set did.
  public struct Receipt: Sendable {
    /// The run's schema, for a PostGIS target (such as `run_20261127_031500_a3f9`).
    public var postGISRun: String?
  }

  /// Writes `files`, in order, as one set to `out`.
  ///
  /// - Parameters:
  ///   - files: The files; the last is written last (a run manifest that times the rest).
  ///   - out: A folder, a `.gpkg` file or a `postgresql://` URL.
  ///   - command: The subcommand, recorded with a database run.
  /// - Returns: What was done.
  /// - Throws: ``OutputError``, naming the file the user asked for (`out/units.geojson`,
  ///   `results.gpkg (while writing units.geojson)`), never the staging folder.
  @discardableResult
  public static func write(_ files: [OutputFile], to out: String, command: String) throws
    -> Receipt
  {
    switch OutputTarget(out) {
    case .directory(let directory):
      try write(files, toDirectory: directory)
      return Receipt()
    case let target:
      return Receipt(postGISRun: try export(files, to: target, command: command))
    }
  }

  /// Writes the set into a GeoPackage or PostGIS database under a new run id.
  private static func export(_ files: [OutputFile], to target: OutputTarget, command: String)
    throws -> String?
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
        throw OutputError.cannotWriteNear(
          target: target.displayName, reason: error.localizedDescription)
      }
      defer { try? fileManager.removeItem(at: staging) }
      for file in files {
        try naming({ "\(target.displayName) (while writing \($0))" }) {
          try file.write(staging.appendingPathComponent(file.name))
        }
      }
      let runID = RunID.make()
      do {
        try DatasetExport.export(folder: staging, to: target, runID: runID, command: command)
      } catch let error as ExportError {
        throw OutputError.export(error.description)
      }
      if case .postGIS = target { return runID }
      return nil
    #else
      throw OutputError.needsGDAL(target: target.displayName)
    #endif
  }

  /// Writes the set into the folder `directory`.
  private static func write(_ files: [OutputFile], toDirectory directory: String) throws {
    let fileManager = FileManager.default
    let base = URL(fileURLWithPath: directory)
    do {
      try fileManager.createDirectory(at: base, withIntermediateDirectories: true)
    } catch {
      throw OutputError.cannotCreateFolder(path: directory, reason: error.localizedDescription)
    }
    TemporaryOutputs.removeOnInterrupt()
    TemporaryOutputs.removeStale(in: base)
    let staging = base.appendingPathComponent(".servicegap-staging-\(getpid())")
    let registration = TemporaryOutputs.register(staging.path)
    defer { TemporaryOutputs.unregister(registration) }
    try? fileManager.removeItem(at: staging)
    do {
      try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
    } catch {
      throw OutputError.cannotWriteInto(folder: directory, reason: error.localizedDescription)
    }
    defer { try? fileManager.removeItem(at: staging) }
    for file in files {
      try naming({ (directory as NSString).appendingPathComponent($0) }) {
        try file.write(staging.appendingPathComponent(file.name))
      }
    }
    try TemporaryOutputs.commit {
      for file in files {
        // rename(2) replaces the target atomically, within one file system.
        guard
          rename(
            staging.appendingPathComponent(file.name).path,
            base.appendingPathComponent(file.name).path) == 0
        else {
          throw OutputError.cannotMove(
            name: file.name, folder: directory, reason: String(cString: strerror(errno)))
        }
      }
    }
  }

  /// Removes files of an earlier run from the folder `out` (nothing for another target):
  /// those of `names` that exist.
  ///
  /// - Returns: The paths removed.
  /// - Throws: The file system's error.
  public static func removeEarlier(_ names: [String], from out: String) throws -> [String] {
    guard case .directory(let directory) = OutputTarget(out) else { return [] }
    var removed: [String] = []
    for name in names {
      let stale = URL(fileURLWithPath: directory).appendingPathComponent(name)
      if FileManager.default.fileExists(atPath: stale.path) {
        try FileManager.default.removeItem(at: stale)
        removed.append(stale.path)
      }
    }
    return removed
  }

  /// Runs `body`, naming in a write error the output the user asked for rather than the
  /// hidden staging folder.
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
