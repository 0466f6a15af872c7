internal import CPROJ

/// Owns one PROJ context (`PJ_CONTEXT*`).
///
/// Not `Sendable`: one per task or thread.
package final class ProjContext {
  let handle: OpaquePointer

  /// Creates a context with PROJ's logging silenced (errors are read per call instead).
  package init() {
    // proj_context_create returns NULL only when out of memory; freed in deinit.
    guard let handle = proj_context_create() else {
      preconditionFailure("proj_context_create returned NULL: out of memory")
    }
    self.handle = handle
    proj_log_level(handle, PJ_LOG_NONE)
  }

  deinit { proj_context_destroy(handle) }

  /// The message for PROJ's current error number on this context.
  func lastErrorMessage() -> String {
    let code = proj_context_errno(handle)
    guard code != 0, let text = proj_context_errno_string(handle, code) else {
      return "unknown PROJ error"
    }
    return String(cString: text)
  }

  /// The PROJ version, such as `9.1.1`.
  package static var version: String {
    let info = proj_info()
    return info.version.map { String(cString: $0) } ?? "unknown"
  }
}
