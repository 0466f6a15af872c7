/// Where in an input file a problem was found: a CSV line, a GeoJSON feature or a raster
/// cell.
///
/// CSV lines are 1-based and count the header as line 1, so the number matches
/// what a text editor shows (a quoted field with embedded newlines spans several
/// lines; the record's first line is reported). GeoJSON features are numbered
/// from 1 in file order. Raster cells count from 0, as GDAL does, so the user can look
/// one up with `gdallocationinfo FILE COLUMN ROW`.
public enum InputLocation: Hashable, Sendable, CustomStringConvertible {
  /// A 1-based line of a CSV file (the header is line 1).
  case line(Int)
  /// A 1-based feature of a GeoJSON file.
  case feature(Int)
  /// A cell of a raster: its 0-based row (from the top) and column (from the left).
  case cell(row: Int, column: Int)

  /// `line 17`, `feature 3` or `row 12, column 30`.
  public var description: String {
    switch self {
    case .line(let number): return "line \(number)"
    case .feature(let number): return "feature \(number)"
    case .cell(let row, let column): return "row \(row), column \(column)"
    }
  }
}
