/// A failure reported by PROJ.
package enum PROJError: Error, Equatable, Sendable, CustomStringConvertible {
  /// PROJ does not know the CRS, or cannot build a transformation between two CRSs.
  case crs(definition: String, message: String)
  /// Transforming the point at `index` failed (for example outside the projection's domain).
  case transform(index: Int, message: String)

  package var description: String {
    switch self {
    case .crs(let definition, let message):
      return "PROJ cannot use CRS '\(definition)': \(message)"
    case .transform(let index, let message):
      return "PROJ could not transform point \(index): \(message)"
    }
  }
}
