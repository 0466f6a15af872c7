import ArgumentParser
import Foundation
import ServiceGapIO

/// Checks `--out` before any work: a folder must not be a file, a GeoPackage or PostGIS
/// target needs GDAL, and no output may replace one of the run's inputs.
///
/// Inputs are every command-line argument that names an existing file (or a
/// `file.gpkg:layer`), so the check covers every input option of every subcommand.
func validateOutputDirectory(
  _ out: String?, arguments: [String] = Array(CommandLine.arguments.dropFirst())
) throws {
  guard let out else { return }
  let target = OutputTarget(out)
  if target != .directory(out) {
    #if !GDAL
      throw ValidationError(
        "'--out \(target.displayName)' needs GDAL, which this servicegap was built "
          + "without: rebuild with `swift build -c release --traits GDAL`, or give a folder.")
    #endif
  }
  switch target {
  case .postGIS: return
  case .geoPackage(let path):
    if let input = inputs(in: arguments).first(where: { $0 == canonical(path) }) {
      throw ValidationError(
        "'--out \(out)' would replace the input \(input); write the results to another "
          + "file.")
    }
  case .directory:
    if FileManager.default.fileExists(atPath: out),
      !((try? URL(fileURLWithPath: out).resourceValues(forKeys: [.isDirectoryKey]))?
        .isDirectory ?? false)
    {
      throw ValidationError(
        "'--out \(out)' is a file; give a folder for the outputs (or a .gpkg file, or a "
          + "postgresql:// URL).")
    }
    let folder = canonical(out)
    let overwritten = inputs(in: arguments).first {
      ($0 as NSString).deletingLastPathComponent == folder
        && outputNames.contains(($0 as NSString).lastPathComponent)
    }
    if let overwritten {
      throw ValidationError(
        "'--out \(out)' would replace the input \(overwritten) with an output of the same "
          + "name; write the results to another folder.")
    }
  }
}

/// Refuses a single output file (`--report page.html`) that is one of the run's inputs.
func validateOutputFile(
  _ option: String, _ path: String?,
  arguments: [String] = Array(CommandLine.arguments.dropFirst())
) throws {
  guard let path, inputs(in: arguments).contains(canonical(path)) else { return }
  throw ValidationError(
    "'\(option) \(path)' would replace the input \(canonical(path)); write it to another file.")
}

/// Names of the files an output folder may receive.
private let outputNames: Set<String> = [
  "units.geojson", "zones.geojson", "summary.csv", "summary.json", "services.geojson",
  "combined.geojson", "curves.csv", "curves.svg", "delta.csv", "delta.json",
  "changed_units.geojson", "compare.csv", "sites.geojson", "run.json", "units.qml",
  "zones.qml", "report.html",
]

/// Options whose value is an output, never an input (an earlier run's file is replaced).
private let outputOptions: Set<String> = ["--out", "--report"]

/// The absolute, symlink-free paths of the arguments that name existing files, given
/// alone (`--population file.csv`) or joined to their option (`--population=file.csv`);
/// the values of ``outputOptions`` are outputs and left out.
private func inputs(in arguments: [String]) -> [String] {
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

private func canonical(_ path: String) -> String {
  URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
}
