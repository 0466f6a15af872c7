/// Where in an input file a problem was found: a CSV line or a GeoJSON feature.
///
/// CSV lines are 1-based and count the header as line 1, so the number matches
/// what a text editor shows (a quoted field with embedded newlines spans several
/// lines; the record's first line is reported). GeoJSON features are numbered
/// from 1 in file order.
public enum InputLocation: Hashable, Sendable, CustomStringConvertible {
  /// A 1-based line of a CSV file (the header is line 1).
  case line(Int)
  /// A 1-based feature of a GeoJSON file.
  case feature(Int)

  /// `line 17` or `feature 3`.
  public var description: String {
    switch self {
    case .line(let number): return "line \(number)"
    case .feature(let number): return "feature \(number)"
    }
  }
}
