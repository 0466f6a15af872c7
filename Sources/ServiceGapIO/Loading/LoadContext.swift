/// Collects skipped records and warnings while a loader runs.
struct LoadContext {
  let file: String
  /// Which input the file is.
  let kind: InputKind
  let skipInvalid: Bool
  var skipped: [InputError] = []
  var warnings: [String] = []

  init(file: String, kind: InputKind, skipInvalid: Bool) {
    self.file = file
    self.kind = kind
    self.skipInvalid = skipInvalid
  }

  /// Records a skippable error when `--skip-invalid` is on; otherwise throws it.
  mutating func handle(_ error: InputError) throws(InputError) {
    guard skipInvalid, error.isSkippable else { throw error }
    skipped.append(error)
  }

  /// Adds a warning, prefixed with the file name.
  mutating func warn(_ message: String) { warnings.append("\(file): \(message)") }
}
