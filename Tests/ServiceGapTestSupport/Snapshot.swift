import Foundation
import Testing

/// Golden files (in the spirit of swift-argument-parser's `assertSnapshot`).
///
/// A snapshot is the exact text an output must have, stored as `Snapshots/<name>` beside
/// the test file. Comparison is byte for byte (UTF-8), so a change of Unicode
/// normalisation or line ending counts as a change.
///
/// Re-record with `SERVICEGAP_RECORD=1 swift test …`: every snapshot assertion then
/// writes its file and records a failure, so nothing is accepted silently; inspect the
/// diff, then run again without the variable.
public enum Snapshot {
  /// The environment variable that switches assertions to recording.
  public static let recordVariable = "SERVICEGAP_RECORD"

  /// True when `SERVICEGAP_RECORD=1` (or `true`/`yes`) is set.
  public static var isRecording: Bool {
    let value = ProcessInfo.processInfo.environment[recordVariable]?.lowercased() ?? ""
    return ["1", "true", "yes"].contains(value)
  }

  /// The `Snapshots` folder beside a test source file.
  public static func directory(besides filePath: String) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent()
      .appendingPathComponent("Snapshots", isDirectory: true)
  }

  /// Describes the first difference between two texts, or nil when their bytes are equal.
  ///
  /// Names the 1-based line and column and shows both lines (long lines, such as one
  /// GeoJSON feature per line, are cut to a window around the difference).
  public static func firstDifference(expected: String, actual: String) -> String? {
    if Array(expected.utf8) == Array(actual.utf8) { return nil }
    let expectedLines = lines(expected)
    let actualLines = lines(actual)
    var index = 0
    while index < expectedLines.count, index < actualLines.count,
      Array(expectedLines[index].utf8) == Array(actualLines[index].utf8)
    {
      index += 1
    }
    let size =
      "expected \(expectedLines.count) lines (\(expected.utf8.count) bytes), "
      + "actual \(actualLines.count) lines (\(actual.utf8.count) bytes)"
    let lineNumber = index + 1
    switch (index < expectedLines.count, index < actualLines.count) {
    case (true, true):
      let expectedLine = Array(expectedLines[index].unicodeScalars)
      let actualLine = Array(actualLines[index].unicodeScalars)
      var column = 0
      while column < expectedLine.count, column < actualLine.count,
        expectedLine[column] == actualLine[column]
      {
        column += 1
      }
      return """
        first difference at line \(lineNumber), column \(column + 1); \(size)
          expected: \(window(expectedLine, around: column))
          actual:   \(window(actualLine, around: column))
        """
    case (false, true):
      return """
        actual has extra lines from line \(lineNumber); \(size)
          actual:   \(window(Array(actualLines[index].unicodeScalars), around: 0))
        """
    case (true, false):
      return """
        actual ends before line \(lineNumber); \(size)
          expected: \(window(Array(expectedLines[index].unicodeScalars), around: 0))
        """
    case (false, false):
      // Same lines: the texts differ only in their Unicode scalars' bytes (can't happen
      // for valid UTF-8) or in a final newline, which `lines` keeps visible.
      return "the texts differ in their bytes only; \(size)"
    }
  }

  /// Lines, with a missing final newline shown as its own marker so it is a difference.
  static func lines(_ text: String) -> [String] {
    var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if parts.last == "" {
      parts.removeLast()
    } else if !parts.isEmpty {
      parts[parts.count - 1] += "⏎(no newline at end)"
    }
    return parts.map { $0.hasSuffix("\r") ? String($0.dropLast()) + "␍" : $0 }
  }

  /// At most about 120 characters of a line around a column, quoted.
  static func window(_ line: [Unicode.Scalar], around column: Int) -> String {
    let radius = 60
    let start = max(0, column - radius)
    let end = min(line.count, column + radius)
    var text = String(String.UnicodeScalarView(line[start..<end]))
    text = "\"" + text + "\""
    if start > 0 { text = "…" + text }
    if end < line.count { text += "…" }
    return text
  }
}

/// Compares `actual` with the golden file `Snapshots/<name>`, byte for byte.
///
/// - Parameters:
///   - actual: The text produced by the code under test.
///   - name: The snapshot's file name, with its extension (`analyze-demo.units.geojson`).
///   - directory: The snapshot folder; by default `Snapshots` beside the calling test file
///     (found through the caller's `#filePath`).
///   - sourceLocation: Where to report a failure.
///
/// With `SERVICEGAP_RECORD=1` the file is written and a failure is recorded. On a mismatch
/// the failure names the first differing line, and the actual text is saved under the
/// temporary directory so it can be diffed against the snapshot.
public func assertSnapshot(
  _ actual: String, named name: String, in directory: URL? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let folder = directory ?? Snapshot.directory(besides: sourceLocation.filePath)
  let url = folder.appendingPathComponent(name)
  let fileManager = FileManager.default

  if Snapshot.isRecording {
    do {
      try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url, options: .atomic)
      let message =
        "recorded snapshot \(name) (\(actual.utf8.count) bytes) at \(url.path); inspect it, "
        + "then re-run without \(Snapshot.recordVariable) to check it"
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    } catch {
      Issue.record(
        "could not record snapshot \(name) at \(url.path): \(error)",
        sourceLocation: sourceLocation)
    }
    return
  }

  guard let data = fileManager.contents(atPath: url.path) else {
    let message =
      "no snapshot \(name) at \(url.path); record it with \(Snapshot.recordVariable)=1 "
      + "and inspect it"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    return
  }
  let expected = String(decoding: data, as: UTF8.self)
  guard let difference = Snapshot.firstDifference(expected: expected, actual: actual) else {
    return
  }
  let saved = saveActual(actual, named: name)
  let hint =
    saved.map { "\n  diff \(url.path) \($0)" } ?? ""
  Issue.record(
    """
    snapshot \(name) does not match: \(difference)\(hint)
      (re-record with \(Snapshot.recordVariable)=1 if the change is intended)
    """,
    sourceLocation: sourceLocation)
}

/// Compares file bytes (decoded as UTF-8) with the golden file `Snapshots/<name>`.
public func assertSnapshot(
  _ actual: Data, named name: String, in directory: URL? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  assertSnapshot(
    String(decoding: actual, as: UTF8.self), named: name, in: directory,
    sourceLocation: sourceLocation)
}

/// Writes a mismatching actual text to `<tmp>/servicegap-snapshots/<name>`; its path or nil.
private func saveActual(_ actual: String, named name: String) -> String? {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("servicegap-snapshots", isDirectory: true)
  let url = folder.appendingPathComponent(name)
  do {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(actual.utf8).write(to: url, options: .atomic)
    return url.path
  } catch {
    return nil
  }
}
