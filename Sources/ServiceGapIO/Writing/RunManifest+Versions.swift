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
