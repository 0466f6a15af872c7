import Foundation
import ServiceGap

/// What one run read, how it was set up and what it wrote: the `run.json` of an output set.
///
/// With the manifest a figure in a report can be regenerated exactly: the command and its
/// arguments, every input file with its size and SHA-256, the effective settings after
/// defaults, and the versions of servicegap, PROJ and GEOS. The file is written by hand
/// with a fixed key order, indented by two spaces:
///
/// ```json
/// {
///   "servicegap": {"version": "0.1.0", "command": "analyze", "arguments": ["analyze", …],
///                  "working_directory": "/srv/kommun/data"},
///   "started": "2025-11-27T03:15:00.125Z",
///   "finished": "2025-11-27T03:15:04.031Z",
///   "inputs": [{"role": "population", "path": "tatorter.csv",
///               "absolute_path": "/srv/kommun/data/tatorter.csv", "size_bytes": 1834,
///               "sha256": "9f86d0…"}, …],
///   "parameters": {"categories": ["grocery"], "mode": "straight", …},
///   "versions": {"geos": "3.11.1-CAPI-1.17.1", "os": "Linux 6.1.0 x86_64", …},
///   "timings": {"stages": [{"stage": "load inputs", "seconds": 0.41}, …],
///               "total_seconds": 3.9},
///   "outputs": ["units.geojson", "summary.csv", "summary.json", "run.json"]
/// }
/// ```
///
/// `parameters` and `versions` are free-form objects whose keys are written sorted, so
/// the same settings always give the same text. Seconds have 6 decimals at most; times
/// are ISO 8601 in UTC, to the millisecond. An object whose members are all strings,
/// numbers, booleans or null is written on one line when that line fits in 100 columns.
public struct RunManifest: Sendable {
  /// A JSON value of the `parameters` object.
  public enum Value: Sendable, Equatable {
    /// A string.
    case string(String)
    /// A whole number, written without a decimal point.
    case integer(Int)
    /// A number, written in plain decimal notation with up to 9 decimals.
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`: a setting that does not apply (network settings of a straight-line run).
    case null
    /// An array.
    case array([Value])
    /// An object; its keys are written sorted.
    case object([String: Value])

    /// A string, or `null` for nil.
    public static func optional(_ text: String?) -> Value { text.map(Value.string) ?? .null }

    /// An array of strings.
    public static func strings(_ texts: [String]) -> Value { .array(texts.map(Value.string)) }
  }

  /// One input file: where it was read from and what it held.
  public struct InputFile: Sendable, Equatable {
    /// What the file is for, such as `population`, `services`, `regions` or `roads`.
    public var role: String
    /// The path as given on the command line (a GeoPackage path keeps its `:layer`).
    public var path: String
    /// The file's absolute path.
    public var absolutePath: String
    /// The file's size in bytes.
    public var sizeBytes: UInt64
    /// The SHA-256 of the file's bytes, in lowercase hexadecimal.
    public var sha256: String

    /// Creates the entry of a file already described.
    public init(
      role: String, path: String, absolutePath: String, sizeBytes: UInt64, sha256: String
    ) {
      self.role = role
      self.path = path
      self.absolutePath = absolutePath
      self.sizeBytes = sizeBytes
      self.sha256 = sha256
    }

    /// Describes a file by reading it whole (in chunks) for its size and SHA-256.
    ///
    /// A GeoPackage layer path such as `inputs.gpkg:population` hashes `inputs.gpkg`.
    ///
    /// - Parameters:
    ///   - role: What the file is for, such as `population`.
    ///   - path: The path as given; relative paths start at the current directory.
    /// - Throws: ``InputError/fileNotFound(file:)`` or ``InputError/unreadable(file:reason:)``.
    /// - Complexity: O(*n*) in the file's size (see ``SHA256/hashFile(atPath:)``).
    public init(role: String, path: String) throws {
      let file = DatasetPath(path)?.file ?? path
      let digest = try SHA256.hashFile(atPath: file)
      self.init(
        role: role, path: path,
        absolutePath: URL(fileURLWithPath: file).standardizedFileURL.path,
        sizeBytes: digest.byteCount, sha256: digest.hex)
    }
  }

  /// A stage of the run and its wall-clock seconds, with the stages inside it.
  public struct Timing: Sendable, Equatable {
    /// The stage's name, such as `load inputs` or `analysis`.
    public var stage: String
    /// Wall-clock seconds.
    public var seconds: Double
    /// The stages inside this one (those of the analysis), in order; often empty.
    public var stages: [StageTiming]
    /// The process's peak resident memory when the stage ended, if measured.
    public var peakResidentBytes: Int?

    /// Creates a stage timing.
    public init(
      stage: String, seconds: Double, stages: [StageTiming] = [], peakResidentBytes: Int? = nil
    ) {
      self.stage = stage
      self.seconds = seconds
      self.stages = stages
      self.peakResidentBytes = peakResidentBytes
    }
  }

  /// The servicegap version.
  public var version: String
  /// The subcommand, such as `analyze`.
  public var command: String
  /// The arguments as given, after the program's name (the subcommand comes first).
  public var arguments: [String]
  /// The directory the run started in, from which relative paths in ``arguments`` count.
  public var workingDirectory: String
  /// When the run started.
  public var started: Date
  /// When the manifest was written, the last file of the set.
  public var finished: Date
  /// Every input file, in the order the roles were given.
  public var inputs: [InputFile]
  /// The effective settings after defaults.
  public var parameters: [String: Value]
  /// Versions of servicegap, PROJ, GEOS, the Swift compiler and the OS, by name.
  public var versions: [String: String]
  /// The run's stages in order.
  public var timings: [Timing]
  /// Wall-clock seconds from the start of the run to the manifest.
  public var totalSeconds: Double
  /// The names of the files of the output set, `run.json` last.
  public var outputs: [String]

  /// Creates a manifest.
  public init(
    version: String, command: String, arguments: [String], workingDirectory: String,
    started: Date, finished: Date, inputs: [InputFile], parameters: [String: Value],
    versions: [String: String], timings: [Timing], totalSeconds: Double, outputs: [String]
  ) {
    self.version = version
    self.command = command
    self.arguments = arguments
    self.workingDirectory = workingDirectory
    self.started = started
    self.finished = finished
    self.inputs = inputs
    self.parameters = parameters
    self.versions = versions
    self.timings = timings
    self.totalSeconds = totalSeconds
    self.outputs = outputs
  }

  /// The file name of a manifest in an output set.
  public static let fileName = "run.json"

  /// `run.json`: the manifest as indented JSON with a fixed key order (see the type's
  /// discussion), ending with a newline.
  ///
  /// - Returns: The file content, UTF-8.
  public func json() -> Data {
    let servicegap: [(String, Value)] = [
      ("version", .string(version)), ("command", .string(command)),
      ("arguments", .strings(arguments)), ("working_directory", .string(workingDirectory)),
    ]
    let files: [Value] = inputs.map { file in
      .object([
        "role": .string(file.role), "path": .string(file.path),
        "absolute_path": .string(file.absolutePath), "size_bytes": .integer(Int(file.sizeBytes)),
        "sha256": .string(file.sha256),
      ])
    }
    var out = ByteBuffer(capacity: 4096)
    out.append("{\n")
    Self.appendMember("servicegap", level: 1, to: &out) {
      Self.appendOrdered(servicegap, level: 1, to: &$0)
    }
    out.append(",\n")
    Self.appendMember("started", level: 1, to: &out) {
      $0.appendJSONString(Self.iso8601(started))
    }
    out.append(",\n")
    Self.appendMember("finished", level: 1, to: &out) {
      $0.appendJSONString(Self.iso8601(finished))
    }
    out.append(",\n")
    Self.appendMember("inputs", level: 1, to: &out) {
      Self.append(.array(files), level: 1, to: &$0, orderedKeys: Self.namedFirst)
    }
    out.append(",\n")
    Self.appendMember("parameters", level: 1, to: &out) {
      Self.append(.object(parameters), level: 1, to: &$0)
    }
    out.append(",\n")
    Self.appendMember("versions", level: 1, to: &out) {
      Self.append(.object(versions.mapValues(Value.string)), level: 1, to: &$0)
    }
    out.append(",\n")
    func stageFields(_ stage: String, _ seconds: Double, _ peak: Int?) -> [String: Value] {
      var fields: [String: Value] = [
        "stage": .string(stage), "seconds": .number(Self.rounded(seconds)),
      ]
      if let peak { fields["peak_memory_mb"] = .number((Double(peak) / 1_048_576).rounded()) }
      return fields
    }
    let stages: [Value] = timings.map { timing in
      var fields = stageFields(timing.stage, timing.seconds, timing.peakResidentBytes)
      if !timing.stages.isEmpty {
        fields["stages"] = .array(
          timing.stages.map { .object(stageFields($0.stage, $0.seconds, $0.peakResidentBytes)) })
      }
      return .object(fields)
    }
    Self.appendMember("timings", level: 1, to: &out) {
      Self.appendOrdered(
        [("stages", .array(stages)), ("total_seconds", .number(Self.rounded(totalSeconds)))],
        level: 1, to: &$0, orderedKeys: Self.namedFirst)
    }
    out.append(",\n")
    Self.appendMember("outputs", level: 1, to: &out) {
      Self.append(.strings(outputs), level: 1, to: &$0)
    }
    out.append("\n}\n")
    return out.data
  }

  /// Seconds to the microsecond.
  private static func rounded(_ seconds: Double) -> Double { (seconds * 1e6).rounded() / 1e6 }

  /// Keys of the objects of `inputs` and `timings`, written in this order rather than
  /// sorted (an input or a stage reads better name first).
  private static let namedFirst = [
    "role", "path", "absolute_path", "size_bytes", "sha256", "stage", "seconds", "stages",
  ]

  /// `date` as `2025-11-27T03:15:00.250Z`.
  static func iso8601(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }

  private static func indent(_ level: Int, _ out: inout ByteBuffer) {
    out.append(String(repeating: "  ", count: level))
  }

  private static func appendMember(
    _ key: String, level: Int, to out: inout ByteBuffer, value: (inout ByteBuffer) -> Void
  ) {
    indent(level, &out)
    out.appendJSONString(key)
    out.append(": ")
    value(&out)
  }

  /// An object with its members in the given order.
  private static func appendOrdered(
    _ members: [(String, Value)], level: Int, to out: inout ByteBuffer,
    orderedKeys: [String] = []
  ) {
    out.append("{\n")
    for (index, (key, value)) in members.enumerated() {
      if index > 0 { out.append(",\n") }
      appendMember(key, level: level + 1, to: &out) {
        append(value, level: level + 1, to: &$0, orderedKeys: orderedKeys)
      }
    }
    out.append("\n")
    indent(level, &out)
    out.append("}")
  }

  /// A value at nesting `level`: arrays of scalars on one line, other arrays and objects
  /// one member per line; object keys in `orderedKeys` come first, in that order, then
  /// the rest sorted.
  private static func append(
    _ value: Value, level: Int, to out: inout ByteBuffer, orderedKeys: [String] = []
  ) {
    switch value {
    case .string(let text): out.appendJSONString(text)
    case .integer(let number): out.append(Int64(number))
    case .number(let number): out.append(number, decimals: 9, trimZeros: true)
    case .bool(let flag): out.append(flag ? "true" : "false")
    case .null: out.append("null")
    case .array(let items):
      if items.isEmpty {
        out.append("[]")
      } else if items.allSatisfy(isScalar) {
        out.append("[")
        for (index, item) in items.enumerated() {
          if index > 0 { out.append(", ") }
          append(item, level: level, to: &out)
        }
        out.append("]")
      } else {
        out.append("[\n")
        for (index, item) in items.enumerated() {
          if index > 0 { out.append(",\n") }
          indent(level + 1, &out)
          append(item, level: level + 1, to: &out, orderedKeys: orderedKeys)
        }
        out.append("\n")
        indent(level, &out)
        out.append("]")
      }
    case .object(let members):
      guard !members.isEmpty else {
        out.append("{}")
        return
      }
      let first = orderedKeys.filter { members[$0] != nil }
      let rest = members.keys.filter { !orderedKeys.contains($0) }.sorted()
      let ordered = (first + rest).compactMap { key in members[key].map { (key, $0) } }
      if ordered.allSatisfy({ isScalar($0.1) }) {
        var line = ByteBuffer()
        line.append("{")
        for (index, (key, member)) in ordered.enumerated() {
          if index > 0 { line.append(", ") }
          line.appendJSONString(key)
          line.append(": ")
          append(member, level: level, to: &line)
        }
        line.append("}")
        if 2 * level + line.count <= 100 {
          out.append(bytes: line.bytes)
          return
        }
      }
      appendOrdered(ordered, level: level, to: &out, orderedKeys: orderedKeys)
    }
  }

  /// Whether a value is written without members of its own.
  private static func isScalar(_ value: Value) -> Bool {
    switch value {
    case .array, .object: return false
    default: return true
    }
  }
}
