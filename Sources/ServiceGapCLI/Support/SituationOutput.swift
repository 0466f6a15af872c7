import Foundation
import ServiceGap
import ServiceGapIO

/// The outputs of a comparison of two situations (`whatif`, `compare --before/--after`):
/// `delta.csv`, `delta.json` and `changed_units.geojson` (and `run.json`), written as one set.
enum SituationOutput {
  static func write(
    rows: [DeltaRow], changed: [ChangedUnit], after: AnalysisResult, network: Bool,
    to directory: String, manifest: RunManifestBuilder? = nil
  ) throws {
    try OutputFiles.writeSet(
      [
        ("delta.csv", { try AtomicFileWriter.write(DeltaWriter.csv(rows: rows), to: $0) }),
        ("delta.json", { try AtomicFileWriter.write(DeltaWriter.json(rows: rows), to: $0) }),
        (
          "changed_units.geojson",
          {
            try AtomicFileWriter.write(
              DeltaWriter.changedUnits(changed, result: after, network: network), to: $0)
          }
        ),
      ], to: directory, manifest: manifest)
  }
}
