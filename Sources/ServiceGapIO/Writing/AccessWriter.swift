import Foundation
import ServiceGap

/// Writes the accessibility indices of `servicegap access`.
public enum AccessWriter {
  /// One category's index over all units.
  public struct Column: Sendable {
    /// Property name, such as `grocery_2sfca`.
    public var name: String
    public var values: [Double]
    public init(name: String, values: [Double]) {
      self.name = name
      self.values = values
    }
  }

  /// `units.geojson` of `access`: `id`, `name`, `population`, `region`, then one column
  /// per category (per 1,000 inhabitants, 9 significant decimals).
  public static func units(
    _ units: [PopulationUnit], regions: [String], columns: [Column]
  ) -> Data {
    var out = ByteBuffer(capacity: 64 + units.count * (160 + 40 * columns.count))
    out.append("{\"type\":\"FeatureCollection\",\"features\":[")
    for (index, unit) in units.enumerated() {
      out.append(index == 0 ? "\n" : ",\n")
      out.append("{\"type\":\"Feature\",\"properties\":{\"id\":")
      out.appendJSONString(unit.id)
      out.append(",\"name\":")
      out.appendJSONString(unit.name)
      out.append(",\"population\":")
      out.append(unit.population, decimals: 6, trimZeros: true)
      out.append(",\"region\":")
      out.appendJSONString(regions[index])
      for column in columns {
        out.append(",")
        out.appendJSONString(column.name)
        out.append(":")
        out.append(column.values[index], decimals: 9, trimZeros: true)
      }
      out.append("},\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
      out.appendScaled(
        GeoJSONWriter.scaled(unit.location.lon), decimals: GeoJSONWriter.coordinateDecimals)
      out.append(",")
      out.appendScaled(
        GeoJSONWriter.scaled(unit.location.lat), decimals: GeoJSONWriter.coordinateDecimals)
      out.append("]}}")
    }
    out.append(units.isEmpty ? "]}\n" : "\n]}\n")
    return out.data
  }

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

  /// `access_summary.csv`: `region,category,population,mean_<method>,gini_<method>`.
  public static func summaryCSV(_ rows: [Row], method: String) -> Data {
    var out = ByteBuffer()
    out.append("region,category,population,mean_\(method),gini_\(method)\n")
    for row in rows {
      out.append(SummaryWriter.csvQuoted(row.region))
      out.append(",")
      out.append(SummaryWriter.csvQuoted(row.category))
      out.append(",")
      out.append(row.population, decimals: 0, trimZeros: false)
      out.append(",")
      if let mean = row.mean { out.append(mean, decimals: 6, trimZeros: false) }
      out.append(",")
      if let gini = row.gini { out.append(gini, decimals: 6, trimZeros: false) }
      out.append("\n")
    }
    return out.data
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
