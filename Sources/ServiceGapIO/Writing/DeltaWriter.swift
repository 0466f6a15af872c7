import Foundation
import ServiceGap

/// Writes the difference between two situations (`whatif`, `compare`): `delta.csv`,
/// `delta.json`, a table of what changed, and `changed_units.geojson`.
///
/// **Numbers**: `services` as an integer; people (`population`, `*_pop`, `*_population`)
/// and `person_km` with up to 6 decimals and no trailing zeros in the files, as in the
/// summary (whole numbers for whole people), rounded to whole numbers in the table;
/// shares with 4 decimals, `gini` with 6; everything else (km, min, km², per 1,000,
/// `p90_p50`) with 3. The change is the difference of the unrounded values, then
/// rounded the same way.
public enum DeltaWriter {
  /// The formats the changes can be printed in.
  public enum Format: String, CaseIterable, Sendable {
    case table, csv, json

    /// The changes in this format.
    public func render(_ rows: [DeltaRow]) -> String {
      switch self {
      case .table: return DeltaWriter.table(rows: rows)
      case .csv: return String(decoding: DeltaWriter.csv(rows: rows), as: UTF8.self)
      case .json: return String(decoding: DeltaWriter.json(rows: rows), as: UTF8.self)
      }
    }
  }

  /// Decimals of an indicator in the table.
  static func decimals(_ indicator: String) -> Int {
    if indicator == "services" || isQuantity(indicator) { return 0 }
    if indicator == "gini" { return 6 }
    return indicator.hasSuffix("_share") ? 4 : 3
  }

  /// Whether the indicator counts people or person-km, written unrounded in the files.
  static func isQuantity(_ indicator: String) -> Bool {
    ["population", "person_km"].contains(indicator) || indicator.hasSuffix("_pop")
      || indicator.hasSuffix("_population")
  }

  /// Decimals and trailing zeros of an indicator in `delta.csv` (`trimZeros` false for
  /// fixed decimals) and `delta.json` (always trimmed).
  private static func fileFormat(_ indicator: String, json: Bool) -> (
    decimals: Int, trimZeros: Bool
  ) {
    isQuantity(indicator) ? (6, true) : (decimals(indicator), json)
  }

  /// `delta.csv`: `region,category,indicator,before,after,change`, one row per
  /// region, category and indicator; empty cells for missing values.
  public static func csv(rows: [DeltaRow]) -> Data {
    var out = ByteBuffer(capacity: 64 * (rows.count + 1))
    out.append("region,category,indicator,before,after,change\n")
    for row in rows {
      let format = fileFormat(row.indicator, json: false)
      out.append(SummaryWriter.csvQuoted(row.region))
      out.append(",")
      out.append(SummaryWriter.csvQuoted(row.category))
      out.append(",")
      out.append(row.indicator)
      for value in [row.before, row.after, row.change] {
        out.append(",")
        if let value {
          out.append(value, decimals: format.decimals, trimZeros: format.trimZeros)
        }
      }
      out.append("\n")
    }
    return out.data
  }

  /// `delta.json`: an array of objects with the CSV's keys; numbers or null.
  public static func json(rows: [DeltaRow]) -> Data {
    var out = ByteBuffer(capacity: 96 * (rows.count + 1))
    out.append("[")
    for (index, row) in rows.enumerated() {
      let format = fileFormat(row.indicator, json: true)
      out.append(index == 0 ? "\n  {\"region\":" : ",\n  {\"region\":")
      out.appendJSONString(row.region)
      out.append(",\"category\":")
      out.appendJSONString(row.category)
      out.append(",\"indicator\":")
      out.appendJSONString(row.indicator)
      for (key, value) in [("before", row.before), ("after", row.after), ("change", row.change)] {
        out.append(",\"\(key)\":")
        if let value {
          out.append(value, decimals: format.decimals, trimZeros: format.trimZeros)
        } else {
          out.append("null")
        }
      }
      out.append("}")
    }
    out.append(rows.isEmpty ? "]\n" : "\n]\n")
    return out.data
  }

  /// An aligned table of the rows whose value changed (after rounding), and a line
  /// saying how many did not.
  public static func table(rows: [DeltaRow]) -> String {
    func text(_ value: Double?, _ places: Int) -> String {
      value.map { JSONText.format($0, decimals: places, trimZeros: false) } ?? "–"
    }
    let changed = rows.filter { row in
      let places = decimals(row.indicator)
      return text(row.before, places) != text(row.after, places)
    }
    guard !changed.isEmpty else {
      return "No indicator changed (\(rows.count) compared).\n"
    }
    var cells = [["region", "category", "indicator", "before", "after", "change"]]
    for row in changed {
      let places = decimals(row.indicator)
      let change = row.change.map { ($0 > 0 ? "+" : "") + text($0, places) } ?? "–"
      cells.append([
        row.region, row.category, row.indicator, text(row.before, places),
        text(row.after, places), change,
      ])
    }
    let unchanged = rows.count - changed.count
    return TextTable.render(cells) { $0 < 3 } + "\(unchanged) other indicator(s) unchanged.\n"
  }

  /// `changed_units.geojson`: one Point per unit whose class changed in some category.
  ///
  /// Properties, in this order: `id`, `name`, `population`, `region`, then per category
  /// C: `before_C_dist_m`, `after_C_dist_m` (metres, 0.1, or null when unreachable), in
  /// network mode `before_C_time_min`, `after_C_time_min` (0.01), then `before_C_class`
  /// and `after_C_class` (`<=5km`, `5km-10km`, `>10km`, `unreachable`).
  public static func changedUnits(
    _ changed: [ChangedUnit], result: AnalysisResult, network: Bool
  ) -> Data {
    var out = ByteBuffer(capacity: 64 + changed.count * 400)
    out.append("{\"type\":\"FeatureCollection\",\"features\":[")
    for (index, entry) in changed.enumerated() {
      let unit = result.units[entry.unit]
      out.append(index == 0 ? "\n" : ",\n")
      out.append("{\"type\":\"Feature\",\"properties\":{\"id\":")
      out.appendJSONString(unit.id)
      out.append(",\"name\":")
      out.appendJSONString(unit.name)
      out.append(",\"population\":")
      out.append(unit.population, decimals: 6, trimZeros: true)
      out.append(",\"region\":")
      out.appendJSONString(result.unitRegions[entry.unit])
      func number(_ key: String, _ value: Double?, _ places: Int) {
        out.append(",")
        out.appendJSONString(key)
        out.append(":")
        if let value {
          out.append(value, decimals: places, trimZeros: true)
        } else {
          out.append("null")
        }
      }
      for category in entry.categories {
        let name = category.category
        number("before_\(name)_dist_m", category.beforeMeters, 1)
        number("after_\(name)_dist_m", category.afterMeters, 1)
        if network {
          number("before_\(name)_time_min", category.beforeMinutes, 2)
          number("after_\(name)_time_min", category.afterMinutes, 2)
        }
        out.append(",")
        out.appendJSONString("before_\(name)_class")
        out.append(":")
        out.appendJSONString(category.beforeClass)
        out.append(",")
        out.appendJSONString("after_\(name)_class")
        out.append(":")
        out.appendJSONString(category.afterClass)
      }
      out.append("},\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
      out.appendScaled(
        GeoJSONWriter.scaled(unit.location.lon), decimals: GeoJSONWriter.coordinateDecimals)
      out.append(",")
      out.appendScaled(
        GeoJSONWriter.scaled(unit.location.lat), decimals: GeoJSONWriter.coordinateDecimals)
      out.append("]}}")
    }
    out.append(changed.isEmpty ? "]}\n" : "\n]}\n")
    return out.data
  }
}
