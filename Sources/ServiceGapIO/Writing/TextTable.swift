/// Aligned plain-text tables for standard output: a header, a rule of dashes, rows.
public enum TextTable {
  /// Renders `cells`, the first row being the header, two spaces between columns.
  ///
  /// Columns where `leftAligned` is true are padded on the right, the others (numbers)
  /// on the left; the last column gets no trailing spaces.
  public static func render(_ cells: [[String]], leftAligned: (Int) -> Bool) -> String {
    guard let header = cells.first else { return "" }
    var widths = [Int](repeating: 0, count: header.count)
    for line in cells {
      for (index, cell) in line.enumerated() where index < widths.count {
        widths[index] = max(widths[index], cell.count)
      }
    }
    var lines = cells.map { line in
      line.enumerated().map { index, cell in
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        if !leftAligned(index) { return padding + cell }
        return index == line.count - 1 ? cell : cell + padding
      }.joined(separator: "  ")
    }
    lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
    return lines.joined(separator: "\n") + "\n"
  }
}
