import ArgumentParser
import ServiceGapIO

/// Checks `--out` before any work: a GeoPackage or PostGIS target needs GDAL, and no output
/// may replace one of the run's inputs (``OutputConflict``).
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
  switch OutputConflict.of(set: out, inputs: inputFiles(arguments)) {
  case nil: return
  case .folderIsAFile:
    throw ValidationError(
      "'--out \(out)' is a file; give a folder for the outputs (or a .gpkg file, or a "
        + "postgresql:// URL).")
  case .replacesInput(let input):
    if case .geoPackage = target {
      throw ValidationError(
        "'--out \(out)' would replace the input \(input); write the results to another "
          + "file.")
    }
    throw ValidationError(
      "'--out \(out)' would replace the input \(input) with an output of the same "
        + "name; write the results to another folder.")
  }
}

/// Refuses a single output file (`--report page.html`) that is one of the run's inputs.
func validateOutputFile(
  _ option: String, _ path: String?,
  arguments: [String] = Array(CommandLine.arguments.dropFirst())
) throws {
  guard let path,
    case .replacesInput(let input)? = OutputConflict.of(
      file: path, inputs: inputFiles(arguments))
  else { return }
  throw ValidationError(
    "'\(option) \(path)' would replace the input \(input); write it to another file.")
}

/// The run's input files: the values of every option but the outputs' (`--out`,
/// `--report`) that name existing files.
private func inputFiles(_ arguments: [String]) -> [String] {
  OutputConflict.inputFiles(in: arguments, outputOptions: ["--out", "--report"])
}
