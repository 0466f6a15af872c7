import Foundation
import ServiceGap

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension RunManifest {
  /// The manifest of this process's run as of now: its inputs hashed (a file given for
  /// two roles, such as a GeoPackage's layers, read once), its stages timed up to now.
  ///
  /// - Parameters:
  ///   - version: servicegap's version.
  ///   - command: The subcommand, such as `analyze`.
  ///   - started: When the run started.
  ///   - inputs: Input files by role, in the order given; a role may repeat.
  ///   - parameters: The effective settings after defaults.
  ///   - innerStages: The analysis' own stages, by the name of the stage they ran in.
  ///   - outputs: The files of the output set, `run.json` last.
  ///   - timing: The run's stages and seconds so far, asked after the inputs are hashed, so
  ///     that they end when the manifest does.
  /// - Returns: The manifest, with the arguments, directory and versions of this process.
  /// - Throws: ``InputError`` when an input cannot be read.
  public static func describe(
    version: String, command: String, started: Date, inputs: [(role: String, path: String)],
    parameters: [String: Value], innerStages: [String: [StageTiming]], outputs: [String],
    timing: () -> (stages: [StageTiming], totalSeconds: Double)
  ) throws -> RunManifest {
    var described: [String: InputFile] = [:]
    var files: [InputFile] = []
    for (role, path) in inputs {
      let key = DatasetPath(path)?.file ?? path
      var file = try described[key] ?? InputFile(role: role, path: path)
      described[key] = file
      file.role = role
      file.path = path
      files.append(file)
    }
    let (stages, totalSeconds) = timing()
    return RunManifest(
      version: version, command: command, arguments: Array(CommandLine.arguments.dropFirst()),
      workingDirectory: FileManager.default.currentDirectoryPath, started: started,
      finished: Date(), inputs: files, parameters: parameters,
      versions: versions(servicegap: version),
      timings: stages.map {
        Timing(
          stage: $0.stage, seconds: $0.seconds, stages: innerStages[$0.stage] ?? [],
          peakResidentBytes: $0.peakResidentBytes)
      }, totalSeconds: totalSeconds, outputs: outputs)
  }

  /// servicegap, PROJ, GEOS, the Swift compiler that built servicegap, and the OS.
  public static func versions(servicegap: String) -> [String: String] {
    [
      "servicegap": servicegap, "proj": GeometryLibraries.projVersion,
      "geos": GeometryLibraries.geosVersion, "swift": swiftCompiler, "os": operatingSystem,
    ]
  }

  /// The compiler's version, known at compile time (to the minor version).
  static var swiftCompiler: String {
    #if compiler(>=6.5)
      return ">= 6.5"
    #elseif compiler(>=6.4)
      return "6.4"
    #elseif compiler(>=6.3)
      return "6.3"
    #elseif compiler(>=6.2)
      return "6.2"
    #elseif compiler(>=6.1)
      return "6.1"
    #else
      return "6.0"
    #endif
  }

  /// `uname`: system, release and machine, such as `Linux 6.1.0-26-amd64 x86_64`.
  static var operatingSystem: String {
    var name = utsname()
    // uname(2): 0 on success, -1 on failure (then the fields are unset).
    guard uname(&name) == 0 else { return "unknown" }
    func text<T>(_ field: T) -> String {
      withUnsafeBytes(of: field) { bytes in
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
      }
    }
    return [text(name.sysname), text(name.release), text(name.machine)].joined(separator: " ")
  }
}
