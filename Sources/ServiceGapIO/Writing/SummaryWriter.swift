import Foundation
import ServiceGap

/// Writes summary rows as CSV, JSON, Markdown or an aligned text table.
///
/// **Columns**, in this order: `region`, `category`, `population`, `services`,
/// `services_per_1000`, `mean`, `median`, `p90`, `max`, `unit`, then for each threshold
/// label t `beyond_<t>_pop`, `beyond_<t>_share`, `beyond_<t>_area_km2`, then
/// `unreachable_pop`, then the equity columns `gini` (population-weighted Gini of the
/// distance or time over reachable people), `p90_p50` (p90 / median) and `person_km`
/// (Σ population × distance over reachable people, in person-`unit`: person-minutes for
/// a row in minutes), then per population group g (``AnalysisInput/groups``)
/// `<g>_population`, `<g>_beyond_<t>_pop` and `<g>_beyond_<t>_share` per threshold, and
/// `<g>_unreachable_pop`. Rows of different categories may use different thresholds: the
/// threshold columns are the union over all rows, in order of first appearance, and a
/// row's cells for a threshold it does not use are blank (CSV, Markdown) or `null`
/// (JSON).
///
/// **Numbers**: counts of services as integers; populations and `person_km` with up to 6
/// decimals and no trailing zeros (whole numbers for whole people, the unrounded sum of a
/// raster's fractional people); `services_per_1000`, `mean`, `median`, `p90`, `max` (km
/// or min), `p90_p50` and `beyond_*_area_km2` with 3 decimals; shares with 4 and `gini`
/// with 6. CSV and Markdown write exactly that many decimals; JSON writes the rounded
/// number without trailing zeros. A missing value (nil, e.g. a median that falls on
/// unreachable people) is an empty CSV cell, JSON `null`, and `–` in Markdown and the
/// table. The aligned table shows the columns up to `unreachable`, people rounded.
public enum SummaryWriter {
  /// The formats the summary can be printed in.
  public enum Format: String, CaseIterable, Sendable {
    case table, csv, md, json

    /// The summary in this format.
    public func render(_ rows: [SummaryRow]) -> String {
      switch self {
      case .table: return SummaryWriter.table(rows: rows)
      case .csv: return String(decoding: SummaryWriter.csv(rows: rows), as: UTF8.self)
      case .md: return SummaryWriter.markdown(rows: rows)
      case .json: return String(decoding: SummaryWriter.json(rows: rows), as: UTF8.self)
      }
    }
  }

  /// Columns another tool adds after `unreachable_pop`, such as `mean_2sfca` and
  /// `gini_2sfca` from `access`: 6 decimals, blank where a row has none.
  public struct ExtraColumns: Sendable {
    /// The column names, in order.
    public var names: [String]
    /// Per region and category (`region`, `category`), the values in `names` order.
    public var values: [RowKey: [Double?]]

    /// A summary row's region and category.
    public struct RowKey: Hashable, Sendable {
      public var region: String
      public var category: String
      public init(region: String, category: String) {
        self.region = region
        self.category = category
      }
    }

    /// Creates the columns.
    public init(names: [String], values: [RowKey: [Double?]]) {
      self.names = names
      self.values = values
    }

    /// No further columns.
    public static let none = ExtraColumns(names: [], values: [:])
  }

  private enum Cell {
    case text(String)
    case number(Double, decimals: Int)
    /// People or person-km: up to 6 decimals, trailing zeros dropped.
    case quantity(Double)
    case missing
    case notApplicable
  }

  /// The column names for these rows (see the type's discussion).
  ///
  /// - Parameters:
  ///   - rows: The summary rows.
  ///   - extra: Columns after `unreachable_pop`.
  /// - Returns: The header, e.g. `region, category, …, beyond_10km_pop, …, unreachable_pop`.
  public static func columns(rows: [SummaryRow], extra: ExtraColumns = .none) -> [String] {
    var columns = [
      "region", "category", "population", "services", "services_per_1000", "mean", "median",
      "p90", "max", "unit",
    ]
    for label in thresholdLabels(rows) {
      columns += ["beyond_\(label)_pop", "beyond_\(label)_share", "beyond_\(label)_area_km2"]
    }
    columns += ["unreachable_pop", "gini", "p90_p50", "person_km"]
    for group in groupNames(rows) {
      columns.append("\(group)_population")
      for label in thresholdLabels(rows) {
        columns += ["\(group)_beyond_\(label)_pop", "\(group)_beyond_\(label)_share"]
      }
      columns.append("\(group)_unreachable_pop")
    }
    return columns + extra.names
  }

  /// `summary.csv`: RFC 4180, comma-separated, `\n` line endings, UTF-8 without BOM.
  ///
  /// - Parameters:
  ///   - rows: The summary rows.
  ///   - extra: Columns after `unreachable_pop`.
  /// - Returns: The file content.
  public static func csv(rows: [SummaryRow], extra: ExtraColumns = .none) -> Data {
    var out = ByteBuffer(capacity: 256 * (rows.count + 1))
    out.append(columns(rows: rows, extra: extra).map(csvQuoted).joined(separator: ","))
    out.append("\n")
    for cells in table(rows, extra: extra) {
      for (index, cell) in cells.enumerated() {
        if index > 0 { out.append(",") }
        switch cell {
        case .text(let text): out.append(csvQuoted(text))
        case .number(let value, let decimals):
          out.append(value, decimals: decimals, trimZeros: false)
        case .quantity(let value): out.append(value, decimals: 6, trimZeros: true)
        case .missing, .notApplicable: break
        }
      }
      out.append("\n")
    }
    return out.data
  }

  /// `summary.json`: an array of objects, one per row and one per line, with the CSV's
  /// keys in the CSV's order; numbers or null.
  ///
  /// - Parameters:
  ///   - rows: The summary rows.
  ///   - extra: Columns after `unreachable_pop`.
  /// - Returns: The file content.
  public static func json(rows: [SummaryRow], extra: ExtraColumns = .none) -> Data {
    let names = columns(rows: rows, extra: extra)
    var out = ByteBuffer(capacity: 512 * (rows.count + 1))
    out.append("[")
    for (rowIndex, cells) in table(rows, extra: extra).enumerated() {
      out.append(rowIndex == 0 ? "\n  {" : ",\n  {")
      for (index, cell) in cells.enumerated() {
        if index > 0 { out.append(",") }
        out.appendJSONString(names[index])
        out.append(":")
        switch cell {
        case .text(let text): out.appendJSONString(text)
        case .number(let value, let decimals):
          out.append(value, decimals: decimals, trimZeros: true)
        case .quantity(let value): out.append(value, decimals: 6, trimZeros: true)
        case .missing, .notApplicable: out.append("null")
        }
      }
      out.append("}")
    }
    out.append(rows.isEmpty ? "]\n" : "\n]\n")
    return out.data
  }

  /// A GitHub-flavoured Markdown table (numbers right-aligned; `|` in names escaped).
  ///
  /// - Parameter rows: The summary rows.
  /// - Returns: The table text, ending with a newline.
  public static func markdown(rows: [SummaryRow]) -> String {
    let names = columns(rows: rows)
    var lines = ["| " + names.joined(separator: " | ") + " |"]
    let alignment = names.indices.map { isTextColumn($0, names) ? "---" : "---:" }
    lines.append("|" + alignment.joined(separator: "|") + "|")
    for cells in table(rows) {
      let texts = cells.map { display($0).replacingOccurrences(of: "|", with: "\\|") }
      lines.append("| " + texts.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// An aligned plain-text table for standard output, one block per category so that
  /// each block shows only its own thresholds: text left-aligned, numbers right-aligned,
  /// shares as percentages, columns separated by two spaces.
  ///
  /// - Parameter rows: The summary rows.
  /// - Returns: The table text, ending with a newline.
  public static func table(rows: [SummaryRow]) -> String {
    var categories: [String] = []
    for row in rows where !categories.contains(row.category) { categories.append(row.category) }
    var blocks: [String] = []
    for category in categories {
      let members = rows.filter { $0.category == category }
      guard let first = members.first else { continue }
      let unit = first.unit.rawValue
      var names = ["region", "population", "services", "per_1000", "mean", "median", "p90", "max"]
      for beyond in first.beyond {
        names += ["beyond_\(beyond.threshold.label)", "share", "area_km2"]
      }
      names.append("unreachable")
      let body = members.map { row -> [String] in
        func number(_ value: Double?, _ decimals: Int) -> String {
          value.map { JSONText.format($0, decimals: decimals, trimZeros: false) } ?? "–"
        }
        var cells = [
          row.region, number(row.population, 0), number(Double(row.services), 0),
          number(row.servicesPer1000, 2), number(row.mean, 2), number(row.median, 2),
          number(row.p90, 2), number(row.max, 2),
        ]
        for beyond in row.beyond {
          cells += [
            number(beyond.population, 0), beyond.share.map { number($0 * 100, 1) + " %" } ?? "–",
            number(beyond.areaKm2, 0),
          ]
        }
        cells.append(number(row.unreachablePopulation, 0))
        return cells
      }
      var widths = names.map(\.count)
      for cells in body {
        for (index, text) in cells.enumerated() {
          widths[index] = Swift.max(widths[index], text.count)
        }
      }
      func line(_ texts: [String]) -> String {
        texts.enumerated().map { index, text in
          let padding = String(repeating: " ", count: widths[index] - text.count)
          return index == 0 ? text + padding : padding + text
        }.joined(separator: "  ")
      }
      let measure = unit == "min" ? "travel time" : "distance"
      var lines = ["\(category): \(measure) to the nearest service in \(unit)"]
      lines.append(line(names))
      lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
      lines += body.map(line)
      blocks.append(lines.joined(separator: "\n"))
    }
    return blocks.joined(separator: "\n\n") + "\n"
  }

  // MARK: Cells

  private static func thresholdLabels(_ rows: [SummaryRow]) -> [String] {
    var labels: [String] = []
    for row in rows {
      for beyond in row.beyond where !labels.contains(beyond.threshold.label) {
        labels.append(beyond.threshold.label)
      }
    }
    return labels
  }

  /// The population groups' names, from the first row that has groups (every row of one
  /// analysis has the same).
  private static func groupNames(_ rows: [SummaryRow]) -> [String] {
    rows.first { !$0.groups.isEmpty }?.groups.map(\.name) ?? []
  }

  private static func isTextColumn(_ index: Int, _ names: [String]) -> Bool {
    ["region", "category", "unit"].contains(names[index])
  }

  private static func table(_ rows: [SummaryRow], extra: ExtraColumns = .none) -> [[Cell]] {
    let labels = thresholdLabels(rows)
    let groups = groupNames(rows)
    return rows.map { row in
      func optional(_ value: Double?, _ decimals: Int) -> Cell {
        value.map { .number($0, decimals: decimals) } ?? .missing
      }
      var cells: [Cell] = [
        .text(row.region), .text(row.category), .quantity(row.population),
        .number(Double(row.services), decimals: 0), optional(row.servicesPer1000, 3),
        optional(row.mean, 3), optional(row.median, 3), optional(row.p90, 3),
        optional(row.max, 3), .text(row.unit.rawValue),
      ]
      for label in labels {
        if let beyond = row.beyond.first(where: { $0.threshold.label == label }) {
          cells += [
            .quantity(beyond.population), optional(beyond.share, 4), optional(beyond.areaKm2, 3),
          ]
        } else {
          cells += [.notApplicable, .notApplicable, .notApplicable]
        }
      }
      cells += [
        .quantity(row.unreachablePopulation), optional(row.gini, 6), optional(row.p90ToMedian, 3),
        .quantity(row.personDistance),
      ]
      for name in groups {
        guard let group = row.groups.first(where: { $0.name == name }) else {
          cells += Array(repeating: .notApplicable, count: labels.count * 2 + 2)
          continue
        }
        cells.append(.quantity(group.population))
        for label in labels {
          if let beyond = group.beyond.first(where: { $0.threshold.label == label }) {
            cells += [.quantity(beyond.population), optional(beyond.share, 4)]
          } else {
            cells += [.notApplicable, .notApplicable]
          }
        }
        cells.append(.quantity(group.unreachablePopulation))
      }
      let values = extra.values[.init(region: row.region, category: row.category)]
      for index in extra.names.indices {
        if let values, index < values.count {
          cells.append(optional(values[index], 6))
        } else {
          cells.append(.notApplicable)
        }
      }
      return cells
    }
  }

  private static func display(_ cell: Cell) -> String {
    switch cell {
    case .text(let text): return text
    case .number(let value, let decimals):
      return JSONText.format(value, decimals: decimals, trimZeros: false)
    case .quantity(let value): return JSONText.format(value, decimals: 6, trimZeros: true)
    case .missing: return "–"
    case .notApplicable: return ""
    }
  }

  public static func csvQuoted(_ text: String) -> String {
    let needsQuotes = text.unicodeScalars.contains {
      $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r"
    }
    guard needsQuotes else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
