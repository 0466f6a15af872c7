import Foundation
import ServiceGap

/// Writes `report.html`: one self-contained page with a map per category, the summary
/// and the share-beyond curves.
///
/// **Self-contained**: inline CSS and inline SVG only, no script, no font, image or
/// style sheet fetched from anywhere, and no `http:`/`https:` reference at all (the SVG
/// needs no namespace declaration inside HTML), so the file opens offline and can be
/// mailed or archived as it is.
///
/// **Content**: a header with what was analysed (mode, categories and thresholds,
/// counts, working CRS, input files) and attribution placeholders for the user's data
/// sources; one map per category (see ``SVGMap``: regions, the category's zones shaded by
/// threshold, units as circles whose area is proportional to their population coloured
/// by the class of the category's distance or time, the category's services, a legend
/// and a scale bar), each captioned with the most populous places beyond the last
/// threshold; the summary tables as `analyze` prints them; the curves of `--curves`.
/// Colours come from ``DistanceClassPalette``, the same as ``QGISStyle``'s.
///
/// **Size**: regions are drawn once per report and referenced by every map; outlines are
/// thinned to half a pixel. Up to ``ReportOptions/individualUnitLimit`` units (10,000),
/// each map draws one `<circle class="unit">` per unit with a tooltip, about 150 bytes
/// per unit and category. Above it, units become compact dots (``SVGMap``): units of one
/// class within the same 2 × 2 pixel cell merge into one dot, each dot about 14 bytes, so
/// a map holds at most one dot per cell and class however many units there are.
public enum ReportWriter {
  /// Writes the report atomically to `path`, creating its folder when missing; files that
  /// an interrupted earlier run left beside it are removed.
  ///
  /// - Parameters:
  ///   - result: The analysis result.
  ///   - regions: The region polygons the analysis used.
  ///   - options: Version, inputs, attribution and drawing limits.
  ///   - path: The report's path.
  /// - Throws: ``OutputError``.
  public static func write(
    result: AnalysisResult, regions: [Region], options: ReportOptions, to path: String
  ) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw OutputError.cannotCreateFolder(path: folder.path, reason: error.localizedDescription)
    }
    TemporaryOutputs.removeOnInterrupt()
    TemporaryOutputs.removeStale(in: folder)
    try AtomicFileWriter.write(html(result: result, regions: regions, options: options), to: url)
  }

  /// The report's HTML.
  ///
  /// - Parameters:
  ///   - result: The analysis result.
  ///   - regions: The region polygons the analysis used (the result keeps only names).
  ///   - options: Version, inputs, attribution and drawing limits.
  /// - Returns: The file content (UTF-8).
  public static func html(
    result: AnalysisResult, regions: [Region], options: ReportOptions
  ) -> Data {
    let (frame, unitPoints) = MapFrame.make(result: result, regions: regions)
    let context = SVGMap.Context(
      result: result, frame: frame, unitPixels: unitPoints.map { $0.map(frame.pixel) },
      regionNames: regions.map { $0.name.isEmpty ? $0.id : $0.name }, options: options)
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="servicegap \(HTMLText.escape(options.version))">
      <title>\(HTMLText.escape(options.title))</title>
      <style>
      \(style)
      </style>
      </head>
      <body>

      """
    html += header(result: result, regions: regions, options: options)
    // Region outlines, defined once and drawn by every map with <use>.
    if !regions.isEmpty {
      html += "<svg class=\"definitions\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>\n"
      for (index, region) in regions.enumerated() {
        html +=
          "<path id=\"sg-region-\(index)\" d=\"\(SVGPathData.text(region.polygons, frame: frame))\"/>\n"
      }
      html += "</defs></svg>\n"
    }
    html += "<section id=\"maps\">\n<h2>Maps</h2>\n"
    html += "<p class=\"note\">One map per category. Circle area is proportional to the people "
    html += "of the unit; colour gives the class of its distance (or travel time) to the nearest "
    html += "service of the category. Shaded: the zones beyond each threshold, lighter beyond "
    html += "the first, darker beyond the last. Hover a circle, zone or service for details.</p>\n"
    html += "<div class=\"maps\">\n"
    let map = SVGMap(context: context)
    for (index, measure) in CategoryMeasure.all(in: result).enumerated() {
      let drawn = map.render(measure, mapIndex: index)
      html += "<figure class=\"map\" data-category=\"\(HTMLText.escape(measure.category))\">\n"
      html += "<h3>\(HTMLText.escape(measure.category))</h3>\n"
      html += drawn.svg + "\n"
      html +=
        "<figcaption>\(caption(measure: measure, drawn: drawn, result: result, options: options))</figcaption>\n"
      html += "</figure>\n"
    }
    html += "</div>\n</section>\n"
    html += "<section id=\"summary\">\n<h2>Summary per region</h2>\n"
    html += ReportSummaryTable.html(rows: result.summary)
    html += "</section>\n"
    let points = curvePoints(result)
    if !points.isEmpty {
      html += "<section id=\"curves\">\n<h2>Share of people beyond every distance</h2>\n"
      html += "<p class=\"note\">Per region and category, the share of the people who live "
      html += "farther than each distance (or travel time) from the nearest service; "
      html += "unreachable people are always beyond. Thresholds dashed, ALL in bold."
      if Set(result.unitRegions).count > curveRegions {
        html += " With more than \(curveRegions) regions, each chart shows the \(curveRegions) "
        html += "regions with the largest share beyond the category's last threshold."
      }
      html += "</p>\n"
      html += inlineSVG(CurvesWriter.svg(points, plans: result.plans))
      html += "</section>\n"
    }
    html += "<footer>servicegap \(HTMLText.escape(options.version))</footer>\n</body>\n</html>\n"
    return Data(html.utf8)
  }

  /// The header's sentence on how distances were measured, and the mode's name.
  static func describe(_ profile: TravelProfile, network: Bool) -> (lede: String, mode: String) {
    guard let speed = profile.speedKmh else {
      return network
        ? (
          "Along the roads: shortest road distance and fastest travel time to the nearest "
            + "service.", "network (along the roads)"
        )
        : ("Straight-line (geodesic, WGS 84) distance to the nearest service.", "straight line")
    }
    let verb = profile.name == "walk" ? "Walking" : "Cycling"
    let noun = profile.name
    let pace = "at \(Threshold.formatNumber(speed)) km/h"
    return network
      ? (
        "\(verb) along the ways of the road file open to it, \(pace): shortest distance and "
          + "travel time to the nearest service.", "\(noun) (along the roads, \(pace))"
      )
      : (
        "\(verb) \(pace), without roads: geodesic distance × "
          + "\(Threshold.formatNumber(TravelProfile.detourFactor)) to the nearest service.",
        "\(noun) (geodesic × \(Threshold.formatNumber(TravelProfile.detourFactor)), \(pace))"
      )
  }

  /// The page header: what was analysed and where the data come from.
  static func header(result: AnalysisResult, regions: [Region], options: ReportOptions) -> String {
    let network = result.networkDiagnostics != nil
    var html = "<header>\n<h1>\(HTMLText.escape(options.title))</h1>\n"
    html += "<p class=\"lede\">"
    let (lede, mode) = describe(result.profile, network: network)
    html += lede
    html += " Made with servicegap \(HTMLText.escape(options.version)).</p>\n<dl class=\"facts\">\n"
    func fact(_ name: String, _ value: String) {
      html += "<dt>\(HTMLText.escape(name))</dt><dd>\(HTMLText.escape(value))</dd>\n"
    }
    fact("Mode", mode)
    fact(
      "Categories",
      CategoryMeasure.all(in: result).map { measure in
        measure.category + " ("
          + measure.thresholds.map { Threshold.formatNumber($0.value) + " " + $0.unit.rawValue }
          .joined(separator: ", ") + ")"
      }.joined(separator: "; "))
    let people = result.units.reduce(0) { $0 + max(0, $1.population) }
    fact(
      "Population units",
      "\(HTMLText.grouped(Double(result.units.count))) units, \(HTMLText.grouped(people)) people")
    let perCategory = result.categories.map { category in
      "\(result.services.filter { $0.category == category }.count) \(category)"
    }
    fact(
      "Services",
      "\(HTMLText.grouped(Double(result.services.count))) in the services file ("
        + perCategory.joined(separator: ", ") + ")")
    fact("Regions", regions.isEmpty ? "none (no zones)" : "\(regions.count)")
    let zonesComputed = result.summary.contains { row in row.beyond.contains { $0.areaKm2 != nil } }
    fact(
      "Zones",
      zonesComputed || !result.zones.isEmpty
        ? "\(HTMLText.grouped(Double(result.zones.count))) polygons" : "not computed")
    fact("Working CRS", "\(result.workCRS) (areas and zones; the maps are drawn in it)")
    if !options.inputs.isEmpty {
      fact("Inputs", options.inputs.map { "\($0.role): \($0.file)" }.joined(separator: "; "))
    }
    html += "</dl>\n<p class=\"attribution\">Data sources: "
    html += options.attribution.map(HTMLText.escape).joined(separator: " · ")
    html += "</p>\n<nav><a href=\"#maps\">Maps</a> · <a href=\"#summary\">Summary</a>"
    html += " · <a href=\"#curves\">Curves</a></nav>\n</header>\n"
    return html
  }

  /// The caption under a map: the most populous places beyond the last threshold, and
  /// what the map leaves out.
  static func caption(
    measure: CategoryMeasure, drawn: SVGMap.Drawn, result: AnalysisResult, options: ReportOptions
  ) -> String {
    guard let last = measure.thresholds.last else { return "" }
    let beyond = drawn.beyond
    let lastText = Threshold.formatNumber(last.value) + " " + last.unit.rawValue
    var text: String
    if beyond.isEmpty {
      text = "Nobody lives beyond \(lastText) from a \(HTMLText.escape(measure.category)) service."
    } else {
      let people = beyond.reduce(0) { $0 + result.units[$1].population }
      text =
        "Beyond \(lastText): \(HTMLText.grouped(people)) people in \(beyond.count) \(beyond.count == 1 ? "unit" : "units"); largest: "
      text +=
        beyond.prefix(5).map { index in
          let unit = result.units[index]
          let value =
            drawn.fieldValues[index].map { HTMLText.measure($0, unit: measure.unit) }
            ?? "unreachable"
          return "<b>\(HTMLText.escape(unit.name.isEmpty ? unit.id : unit.name))</b> "
            + "(\(HTMLText.grouped(unit.population)), \(value))"
        }.joined(separator: ", ") + "."
    }
    if drawn.servicesOutside > 0 {
      text +=
        " \(drawn.servicesOutside) \(HTMLText.escape(measure.category)) services outside the map frame are not drawn."
    }
    if drawn.compact {
      text += " More than \(HTMLText.grouped(Double(options.individualUnitLimit))) units: units of "
      text +=
        "one class within the same 2 × 2 pixel cell are drawn as one dot sized by their total "
      text += "people."
    }
    return text
  }

  /// How many regions a curve chart shows by name.
  static let curveRegions = 10

  /// The curves of `analyze --curves` (``AccessCurves/curves(_:step:maximum:)``, the same
  /// steps and range), each category's limited to `ALL` and, when there are more than
  /// ``curveRegions`` regions, the ``curveRegions`` regions with the largest share beyond
  /// its last threshold (ties by name): a chart a planner can read, whose colours name the
  /// regions, rather than hundreds of grey lines (and a national report written in a
  /// fraction of the time).
  static func curvePoints(_ result: AnalysisResult) -> [CurvePoint] {
    let points = AccessCurves.curves(result)
    guard Set(result.unitRegions).count > curveRegions else { return points }
    var kept: [String: Set<String>] = [:]
    for category in result.categories {
      let rows = result.summary.filter {
        $0.category == category && $0.region != Analysis.allRegions
      }
      let ranked = rows.sorted {
        let left = $0.beyond.last?.share ?? 0
        let right = $1.beyond.last?.share ?? 0
        return left != right ? left > right : $0.region < $1.region
      }
      kept[category] = Set(
        ranked.prefix(curveRegions).map(\.region) + [Analysis.allRegions])
    }
    return points.filter { kept[$0.category]?.contains($0.region) ?? false }
  }

  /// An SVG document as inline HTML: without the namespace declaration, which HTML does
  /// not need (and which would be the page's only `http:` string).
  static func inlineSVG(_ data: Data) -> String {
    var text = String(decoding: data, as: UTF8.self)
    // Only the root element carries the declaration: look in the first line, not the
    // whole (possibly megabytes long) document.
    let head = text.prefix(400)
    if let range = head.range(of: " xmlns=\"http://www.w3.org/2000/svg\"") {
      text.replaceSubrange(range, with: "")
    }
    if let range = text.prefix(400).range(of: "<svg ") {
      text.replaceSubrange(range, with: "<svg class=\"curves\" ")
    }
    return text
  }

  /// The page's style sheet.
  static let style = """
    body{font:14px/1.45 "DejaVu Sans","Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#222;\
    background:#fff;margin:0 24px 32px}
    header{border-bottom:1px solid #ddd;padding:12px 0 8px;margin-bottom:8px}
    h1{font-size:22px;margin:0 0 4px}
    h2{font-size:18px;margin:20px 0 6px}
    h3{font-size:15px;margin:0 0 4px}
    .lede{margin:0 0 8px;color:#444}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 8px}
    dl.facts dt{font-weight:bold;color:#555}
    dl.facts dd{margin:0}
    .attribution{font-size:12px;color:#666;margin:4px 0}
    nav{font-size:13px}
    a{color:#2b6cb0}
    .note{color:#555;max-width:1100px;margin:0 0 10px}
    svg.definitions{position:absolute;width:0;height:0;overflow:hidden}
    .maps{display:flex;flex-wrap:wrap;gap:20px 20px;align-items:flex-start}
    figure.map{margin:0;width:min-content}
    figure.map svg{display:block;font-family:"DejaVu Sans",Helvetica,Arial,sans-serif}
    figcaption{font-size:12px;color:#444;margin-top:4px;min-width:420px}
    table.summary{border-collapse:collapse;margin:4px 0 18px;font-size:13px;\
    font-variant-numeric:tabular-nums}
    table.summary caption{text-align:left;font-weight:bold;padding:4px 0}
    table.summary th,table.summary td{padding:2px 8px;border-bottom:1px solid #e3e3e3;\
    white-space:nowrap}
    table.summary th{background:#f3f3f3;text-align:left}
    .num{text-align:right}
    tr.total td{font-weight:bold;border-top:1px solid #999}
    svg.curves{max-width:100%;height:auto}
    footer{margin-top:24px;font-size:12px;color:#777}
    """
}
