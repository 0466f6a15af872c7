import Foundation
import ServiceGap

/// The table of accessibility indices that `servicegap access` prints.
public enum AccessWriter {
  /// One row of the access summary.
  public struct Row: Sendable {
    public var region: String
    public var category: String
    public var population: Double
    public var mean: Double?
    public var gini: Double?
    public init(region: String, category: String, population: Double, mean: Double?, gini: Double?)
    {
      self.region = region
      self.category = category
      self.population = population
      self.mean = mean
      self.gini = gini
    }
  }

  /// The summary as an aligned table.
  public static func table(_ rows: [Row], method: String) -> String {
    var cells = [["region", "category", "population", "mean_\(method)", "gini_\(method)"]]
    for row in rows {
      cells.append([
        row.region, row.category, JSONText.format(row.population, decimals: 0, trimZeros: false),
        row.mean.map { JSONText.format($0, decimals: 3, trimZeros: false) } ?? "–",
        row.gini.map { JSONText.format($0, decimals: 3, trimZeros: false) } ?? "–",
      ])
    }
    return TextTable.render(cells) { $0 < 2 }
  }
}
