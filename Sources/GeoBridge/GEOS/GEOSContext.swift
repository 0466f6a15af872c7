internal import CGEOS

/// Owns one reentrant GEOS context handle (`GEOSContextHandle_t`).
///
/// One context per task or thread: this class is deliberately not `Sendable`,
/// so Swift 6 refuses to share it between concurrently running tasks. Every
/// geometry keeps a strong reference to its context, so the context outlives them.
package final class GEOSContext {
  let handle: GEOSContextHandle_t
  private let messages: MessageBox

  /// Stores the last error and notice GEOS reported on this context.
  final class MessageBox {
    var lastError = ""
  }

  /// Creates a context and registers an error handler that records GEOS's messages.
  package init() {
    // GEOS_init_r returns a new handle; it is released in deinit with GEOS_finish_r.
    guard let handle = GEOS_init_r() else {
      preconditionFailure("GEOS_init_r returned NULL: out of memory")
    }
    self.handle = handle
    self.messages = MessageBox()
    let userdata = Unmanaged.passUnretained(messages).toOpaque()
    // The box lives as long as self, and self outlives every call on the handle.
    _ = GEOSContext_setErrorMessageHandler_r(
      handle,
      { message, userdata in
        guard let userdata, let message else { return }
        let box = Unmanaged<MessageBox>.fromOpaque(userdata).takeUnretainedValue()
        box.lastError = String(cString: message)
      }, userdata)
  }

  deinit { GEOS_finish_r(handle) }

  /// Clears the recorded message before a call whose failure we will check.
  func clearError() { messages.lastError = "" }

  /// Builds the Swift error for a failed call, using the message GEOS recorded.
  func error(_ operation: String) -> GEOSError {
    .library(operation: operation, message: messages.lastError)
  }

  /// The GEOS version string, such as `3.11.1-CAPI-1.17.1`.
  package static var version: String { String(cString: GEOSversion()) }
}
