import ServiceGap
import ServiceGapIO

/// Writes a subcommand's output set (``OutputSet``), its run manifest last.
enum OutputWriting {
  /// Writes `files` and `run.json` to `out`; says where a database run went.
  static func write(_ files: [OutputFile], to out: String, manifest: RunManifestBuilder)
    throws
  {
    let receipt = try OutputSet.write(
      files + [manifest.file(after: files.map(\.name))], to: out, command: manifest.command)
    if let run = receipt.postGISRun {
      printError("wrote run \(run) to \(OutputTarget(out).displayName) (schema \(run))")
    }
  }

  /// Writes an analysis' files (``AnalysisOutputs``) and `extra`; without zones, removes an
  /// earlier run's zones from the folder, which would no longer match the new units.
  static func writeAnalysis(
    _ result: AnalysisResult, to out: String, zones: Bool, access: AccessibilityResult? = nil,
    extra: [OutputFile] = [], manifest: RunManifestBuilder
  ) throws {
    try write(
      AnalysisOutputs.files(result, zones: zones, access: access) + extra, to: out,
      manifest: manifest)
    guard !zones else { return }
    for path in try OutputSet.removeEarlier(AnalysisOutputs.zoneFiles, from: out) {
      printError("note: removed \(path) from an earlier run (--no-zones)")
    }
  }
}
