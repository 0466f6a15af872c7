import ArgumentParser
import Foundation
import ServiceGap
import ServiceGapIO

/// `analyze --report FILE.html`: checks the path and writes the HTML report.
enum ReportOutput {
  /// Refuses a `--report` that is not an `.html` file name or names a folder.
  static func validate(_ report: String?) throws {
    guard let report else { return }
    let lowered = report.lowercased()
    guard lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") else {
      throw ValidationError(
        "'--report \(report)' writes one HTML page: give a file name ending in .html, "
          + "e.g. --report report.html.")
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: report, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      throw ValidationError(
        "'--report \(report)' is a folder; give a file name such as report.html.")
    }
    try validateOutputFile("--report", report)
  }

  /// Writes the report atomically to `path`, creating its folder when missing.
  ///
  /// - Parameters:
  ///   - result: The analysis result.
  ///   - regions: The regions (the report draws their polygons).
  ///   - input: The input options (file names for the header).
  ///   - roads: The road file, in network mode.
  ///   - path: The report's path.
  /// - Throws: ``CLIError`` naming `--report` when the folder cannot be created,
  ///   `OutputError` when the file cannot be written.
  static func write(
    _ result: AnalysisResult, regions: [Region], input: InputOptions, roads: String?,
    to path: String
  ) throws {
    var options = ReportOptions(version: ServiceGapVersion.current)
    func name(_ file: String) -> String { URL(fileURLWithPath: file).lastPathComponent }
    options.inputs = [ReportOptions.Input(role: "population", file: name(input.population))]
    if let services = try? input.servicesFile() {
      options.inputs.append(ReportOptions.Input(role: "services", file: name(services)))
    }
    if let regions = input.regions {
      options.inputs.append(ReportOptions.Input(role: "regions", file: name(regions)))
    }
    if let roads, result.networkDiagnostics != nil {
      options.inputs.append(ReportOptions.Input(role: "roads", file: name(roads)))
      options.attribution.append("Roads: [source, date and licence of the road network]")
    }
    do {
      try ReportWriter.write(result: result, regions: regions, options: options, to: path)
    } catch OutputError.cannotCreateFolder(_, let reason) {
      throw CLIError("cannot create the folder of '--report \(path)': \(reason)")
    }
  }
}
