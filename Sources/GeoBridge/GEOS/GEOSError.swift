/// A failure reported by the GEOS library (not a problem with the user's input).
package enum GEOSError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A GEOS call signalled an exception; `message` is GEOS's own text.
  case library(operation: String, message: String)

  package var description: String {
    switch self {
    case .library(let operation, let message):
      return "GEOS \(operation) failed: \(message.isEmpty ? "no message" : message)"
    }
  }
}
