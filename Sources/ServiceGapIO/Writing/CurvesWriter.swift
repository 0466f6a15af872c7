import Foundation
import ServiceGap

/// Writes share-beyond curves (`curves.csv`, `curves.svg`) and compliance checks.
public enum CurvesWriter {
  /// `curves.csv`: `region,category,distance,share_beyond` (the third column is `time`
  /// when every category is measured in minutes; distances in km, times in min, shares
  /// with 6 decimals).
  public static func csv(_ points: [CurvePoint]) -> Data {
    let allMinutes = !points.isEmpty && points.allSatisfy { $0.unit == .min }
    var out = ByteBuffer(capacity: 48 * (points.count + 1))
    out.append("region,category,\(allMinutes ? "time" : "distance"),unit,share_beyond\n")
    for point in points {
      out.append(SummaryWriter.csvQuoted(point.region))
      out.append(",")
      out.append(SummaryWriter.csvQuoted(point.category))
      out.append(",")
      out.append(point.value, decimals: 3, trimZeros: true)
      out.append(",\(point.unit.rawValue),")
      out.append(point.shareBeyond, decimals: 6, trimZeros: false)
      out.append("\n")
    }
    return out.data
  }

  /// `curves.svg`: one panel per category, share beyond (0–100 %) against distance or time.
  ///
  /// `ALL` is a thick dark line, each region a thin coloured one (grey when there are
  /// more than ten), thresholds dashed verticals. Self-contained.
  public static func svg(_ points: [CurvePoint], plans: [CategoryPlan]) -> Data {
    let thresholds = Dictionary(
      plans.map { ($0.name, $0.thresholds) }, uniquingKeysWith: { first, _ in first })
    var categories: [String] = []
    for point in points where !categories.contains(point.category) {
      categories.append(point.category)
    }
    let panelWidth = 520.0
    let panelHeight = 300.0
    let margin = (left: 60.0, right: 170.0, top: 40.0, bottom: 50.0)
    let width = margin.left + panelWidth + margin.right
    let height = Double(max(1, categories.count)) * (panelHeight + margin.top + margin.bottom)
    let palette = [
      "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
      "#bcbd22", "#17becf",
    ]
    func number(_ value: Double) -> String { String(format: "%.2f", value) }
    func escape(_ text: String) -> String {
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
      viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>

      """
    for (panel, category) in categories.enumerated() {
      let own = points.filter { $0.category == category }
      let unit = own.first?.unit ?? .km
      let maximum = max(own.map(\.value).max() ?? 1, 1e-9)
      let top = Double(panel) * (panelHeight + margin.top + margin.bottom) + margin.top
      func x(_ value: Double) -> Double { margin.left + value / maximum * panelWidth }
      func y(_ share: Double) -> Double { top + (1 - share) * panelHeight }
      svg += "<g class=\"panel\" data-category=\"\(escape(category))\">\n"
      svg +=
        "<text x=\"\(number(margin.left))\" y=\"\(number(top - 14))\" font-size=\"14\" "
        + "font-weight=\"bold\">\(escape(category)): share of people beyond</text>\n"
      svg +=
        "<rect x=\"\(number(margin.left))\" y=\"\(number(top))\" width=\"\(number(panelWidth))\" "
        + "height=\"\(number(panelHeight))\" fill=\"none\" stroke=\"#444\"/>\n"
      for tick in 0...4 {
        let share = Double(tick) / 4
        svg +=
          "<line x1=\"\(number(margin.left - 4))\" x2=\"\(number(margin.left + panelWidth))\" "
          + "y1=\"\(number(y(share)))\" y2=\"\(number(y(share)))\" stroke=\"#ddd\"/>\n"
        svg +=
          "<text x=\"\(number(margin.left - 8))\" y=\"\(number(y(share) + 4))\" "
          + "text-anchor=\"end\">\(tick * 25) %</text>\n"
        let value = maximum * Double(tick) / 4
        svg +=
          "<text x=\"\(number(x(value)))\" y=\"\(number(top + panelHeight + 18))\" "
          + "text-anchor=\"middle\">\(Threshold.formatNumber((value * 10).rounded() / 10))</text>\n"
      }
      svg +=
        "<text x=\"\(number(margin.left + panelWidth / 2))\" y=\"\(number(top + panelHeight + 38))\" "
        + "text-anchor=\"middle\">\(unit == .min ? "travel time, min" : "distance, km")</text>\n"
      for threshold in thresholds[category] ?? [] where threshold.value <= maximum {
        svg +=
          "<line class=\"threshold\" x1=\"\(number(x(threshold.value)))\" "
          + "x2=\"\(number(x(threshold.value)))\" y1=\"\(number(top))\" "
          + "y2=\"\(number(top + panelHeight))\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n"
        svg +=
          "<text x=\"\(number(x(threshold.value) + 3))\" y=\"\(number(top + 12))\" "
          + "fill=\"#555\">\(escape(threshold.label))</text>\n"
      }
      var regions: [String] = []
      for point in own where !regions.contains(point.region) { regions.append(point.region) }
      let named = regions.filter { $0 != Analysis.allRegions }
      for (index, region) in (named + [Analysis.allRegions]).enumerated() {
        let line = own.filter { $0.region == region }
        guard !line.isEmpty else { continue }
        let isAll = region == Analysis.allRegions
        let colour = isAll ? "#111" : (named.count <= 10 ? palette[index % palette.count] : "#aaa")
        let path = line.enumerated().map { offset, point in
          (offset == 0 ? "M" : "L") + "\(number(x(point.value))),\(number(y(point.shareBeyond)))"
        }.joined(separator: " ")
        svg +=
          "<path class=\"curve\" data-region=\"\(escape(region))\" d=\"\(path)\" fill=\"none\" "
          + "stroke=\"\(colour)\" stroke-width=\"\(isAll ? 2.5 : 1.2)\"/>\n"
        if isAll || named.count <= 10 {
          let legendY = top + 14 + Double(isAll ? 0 : index + 1) * 16
          svg +=
            "<line x1=\"\(number(margin.left + panelWidth + 12))\" "
            + "x2=\"\(number(margin.left + panelWidth + 32))\" y1=\"\(number(legendY - 4))\" "
            + "y2=\"\(number(legendY - 4))\" stroke=\"\(colour)\" stroke-width=\"\(isAll ? 2.5 : 1.2)\"/>\n"
          svg +=
            "<text x=\"\(number(margin.left + panelWidth + 38))\" y=\"\(number(legendY))\">"
            + "\(escape(region))</text>\n"
        }
      }
      svg += "</g>\n"
    }
    svg += "</svg>\n"
    return Data(svg.utf8)
  }

  /// An aligned table of a compliance rule per region, with PASS/FAIL and the margin.
  public static func complianceTable(_ rule: ComplianceRule, rows: [ComplianceRow]) -> String {
    var cells = [["region", "population", "beyond", "share", "limit", "margin", "result"]]
    let limit = JSONText.format(rule.maximumShare * 100, decimals: 2, trimZeros: false) + " %"
    for row in rows {
      cells.append([
        row.region, JSONText.format(row.population, decimals: 0, trimZeros: false),
        JSONText.format(row.beyondPopulation, decimals: 0, trimZeros: false),
        row.share.map { JSONText.format($0 * 100, decimals: 2, trimZeros: false) + " %" } ?? "–",
        limit,
        row.marginPoints.map {
          ($0 >= 0 ? "+" : "") + JSONText.format($0, decimals: 2, trimZeros: false) + " pp"
        } ?? "–",
        row.passes ? "pass" : "FAIL",
      ])
    }
    let failing = rows.filter { !$0.passes }.count
    return "check \(rule): at most \(limit) of the people beyond \(rule.threshold.label) "
      + "from \(rule.category); \(failing == 0 ? "every region passes" : "\(failing) of \(rows.count) rows fail")\n"
      + TextTable.render(cells) { $0 == 0 || $0 == 6 }
  }
}
