import Foundation

/// What would go wrong writing a run's outputs where it was asked to: found before any
/// work, so nothing is lost.
public enum OutputConflict: Equatable, Sendable {
  /// A folder target that is an existing file.
  case folderIsAFile
  /// An output would replace one of the run's inputs (its absolute path).
  case replacesInput(String)

  /// The names of the files an output folder may receive.
  public static let outputNames: Set<String> = [
    "units.geojson", "zones.geojson", "summary.csv", "summary.json", "services.geojson",
    "combined.geojson", "curves.csv", "curves.svg", "delta.csv", "delta.json",
    "changed_units.geojson", "compare.csv", "sites.geojson", "run.json", "units.qml",
    "zones.qml", "report.html",
  ]

  /// The conflict of writing an output set to `out`, given the run's input files.
  ///
  /// - Parameters:
  ///   - out: A folder, a `.gpkg` file or a database URL.
  ///   - inputs: The run's input files, absolute and free of symbolic links
  ///     (``canonical(_:)``).
  /// - Returns: The conflict, or nil when there is none.
  public static func of(set out: String, inputs: [String]) -> OutputConflict? {
    switch OutputTarget(out) {
    case .postGIS: return nil
    case .geoPackage(let path):
      return inputs.first { $0 == canonical(path) }.map(OutputConflict.replacesInput)
    case .directory:
      if FileManager.default.fileExists(atPath: out),
        !((try? URL(fileURLWithPath: out).resourceValues(forKeys: [.isDirectoryKey]))?
          .isDirectory ?? false)
      {
        return .folderIsAFile
      }
      let folder = canonical(out)
      return inputs.first {
        ($0 as NSString).deletingLastPathComponent == folder
          && outputNames.contains(($0 as NSString).lastPathComponent)
      }.map(OutputConflict.replacesInput)
    }
  }

  /// The conflict of writing one file at `path` (such as a report).
  public static func of(file path: String, inputs: [String]) -> OutputConflict? {
    inputs.contains(canonical(path)) ? .replacesInput(canonical(path)) : nil
  }

  /// A path made absolute, standardised and free of symbolic links.
  public static func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// The files among command-line arguments: those that name an existing file (a
  /// GeoPackage's `file.gpkg:layer` names the file), given alone (`--population
  /// file.csv`) or joined to their option (`--population=file.csv`), except the values of
  /// `outputOptions`, which are outputs.
  ///
  /// - Returns: Their canonical paths.
  public static func inputFiles(in arguments: [String], outputOptions: Set<String>) -> [String] {
    var values: [String] = []
    var index = arguments.startIndex
    while index < arguments.endIndex {
      let argument = arguments[index]
      index += 1
      if outputOptions.contains(argument) {
        index += 1
        continue
      }
      guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
        values.append(argument)
        continue
      }
      if !outputOptions.contains(String(argument[..<equals])) {
        values.append(String(argument[argument.index(after: equals)...]))
      }
    }
    return values.compactMap { argument in
      let path = DatasetPath(argument)?.file ?? argument
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { return nil }
      return canonical(path)
    }
  }
}
