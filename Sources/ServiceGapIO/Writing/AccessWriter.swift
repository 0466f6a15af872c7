import Foundation
import ServiceGap

/// The table of accessibility indices that `servicegap access` prints.
public enum AccessWriter {
  /// The mean and Gini of every region and category as an aligned table.
  public static func table(_ access: AccessibilityResult) -> String {
    let method = access.method
    var cells = [["region", "category", "population", "mean_\(method)", "gini_\(method)"]]
    for row in access.rows {
      cells.append([
        row.region, row.category, JSONText.format(row.population, decimals: 0, trimZeros: false),
        row.mean.map { JSONText.format($0, decimals: 3, trimZeros: false) } ?? "–",
        row.gini.map { JSONText.format($0, decimals: 3, trimZeros: false) } ?? "–",
      ])
    }
    return TextTable.render(cells) { $0 < 2 }
  }
}
