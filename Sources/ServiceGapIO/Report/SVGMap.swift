import ServiceGap

/// One category's map as inline SVG: regions, zones, units, services, scale bar, legend.
///
/// Drawing order, bottom to top: the map's background (outside every region), the
/// regions' fill, the category's zones by ascending threshold (the largest, lightest zone
/// first, the darker zones beyond larger thresholds on top), the region boundaries, the
/// units (largest population first, so small circles stay visible on top of large ones),
/// then the category's services (hollow triangles, so a unit under its service shows) and
/// the names of the most populous places beyond the last threshold. Each drawn feature is one element with a class a test
/// can count: `class="region"`, `class="zone"`, `class="unit"` (or `class="units"` paths
/// in compact mode, see ``ReportWriter``), `class="service"`.
struct SVGMap {
  /// What every map of a report shares.
  struct Context {
    var result: AnalysisResult
    var frame: MapFrame
    /// Units in pixels, parallel to the result's units (nil when unprojectable).
    var unitPixels: [(x: Double, y: Double)?]
    /// Names of the regions whose outlines are defined once as `#sg-region-<index>`.
    var regionNames: [String]
    var options: ReportOptions
  }

  /// What a map drew, for its caption.
  struct Drawn {
    var svg: String
    /// Class per unit (``CategoryMeasure/classIndex(of:)``).
    var classes: [Int]
    var fieldValues: [Double?]
    /// Units beyond the last threshold (or unreachable), most populous first.
    var beyond: [Int]
    var servicesDrawn: Int
    var servicesOutside: Int
    /// Whether units were drawn as compact dots rather than one circle each.
    var compact: Bool
  }

  /// Diameter of the most populous unit's circle, in pixels.
  static let largestDiameter = 28.0
  /// Side of the cells in which compact mode merges units of one class, in pixels.
  static let compactCell = 2.0
  /// The floor of compact dots as a fraction of the largest diameter (about 1.7 pixels).
  static let compactMinimumFraction = 0.06
  /// Above this many services on a map, they are drawn as small dots instead of triangles.
  static let denseServices = 300
  /// How many of the most populous places beyond the last threshold are named on the map.
  static let labelCount = 5
  /// Gap between the map and its legend, in pixels.
  static let legendGap = 16.0

  var context: Context

  /// Draws the map of `measure`'s category; `mapIndex` makes its element ids unique.
  func render(_ measure: CategoryMeasure, mapIndex: Int) -> Drawn {
    let result = context.result
    let palette = DistanceClassPalette(measure)
    let values = measure.fieldValues(in: result)
    let classes = values.map(measure.classIndex(of:))
    var out = ByteBuffer(capacity: 4096 + result.units.count * 90)
    let clip = "sg-clip-\(mapIndex)"
    out.append("<g clip-path=\"url(#\(clip))\">\n")
    appendRegionFills(into: &out)
    appendZones(measure, palette: palette, into: &out)
    appendRegionOutlines(into: &out)
    let compact = result.units.count > context.options.individualUnitLimit
    var legendSize = unitSize()
    if compact {
      legendSize = appendCompactUnits(classes: classes, palette: palette, into: &out)
    } else {
      appendUnits(measure: measure, values: values, classes: classes, palette: palette, into: &out)
    }
    let services = appendServices(of: measure.category, into: &out)
    // Names of the most populous places beyond the last threshold: the ones to act on.
    let beyond = result.units.indices.filter {
      classes[$0] >= measure.thresholds.count && result.units[$0].population > 0
    }.sorted { (result.units[$0].population, $1) > (result.units[$1].population, $0) }
    appendLabels(Array(beyond.prefix(Self.labelCount)), into: &out)
    out.append("</g>\n")
    let legend = self.legend(
      measure, palette: palette, classes: classes, size: legendSize,
      servicesDrawn: services.drawn, dense: services.dense)
    return Drawn(
      svg: document(
        category: measure.category, clip: clip,
        body: String(decoding: out.bytes, as: UTF8.self), legend: legend),
      classes: classes, fieldValues: values, beyond: beyond, servicesDrawn: services.drawn,
      servicesOutside: services.outside, compact: compact)
  }

  /// `1.5` for 1.5, `2` for 2.0: pixel coordinates to one decimal.
  private static func number(_ value: Double) -> String {
    JSONText.format(value, decimals: 1, trimZeros: true)
  }

  /// Regions: outlines defined once per report, filled white here.
  private func appendRegionFills(into out: inout ByteBuffer) {
    guard !context.regionNames.isEmpty else { return }
    out.append("<g class=\"region-fills\" fill=\"#ffffff\" fill-rule=\"evenodd\">")
    for index in context.regionNames.indices { out.append("<use href=\"#sg-region-\(index)\"/>") }
    out.append("</g>\n")
  }

  /// The category's zones, lightest (first threshold, largest area) first.
  private func appendZones(
    _ measure: CategoryMeasure, palette: DistanceClassPalette, into out: inout ByteBuffer
  ) {
    out.append("<g class=\"zones\" fill-rule=\"evenodd\">\n")
    for (thresholdIndex, threshold) in measure.thresholds.enumerated() {
      let colour = palette.zoneColours[min(thresholdIndex, palette.zoneColours.count - 1)].hex
      for zone in context.result.zones
      where zone.category == measure.category
        && zone.threshold.value == threshold.value && zone.threshold.unit == threshold.unit
      {
        out.append("<path class=\"zone\" data-threshold=\"\(HTMLText.escape(threshold.label))\" ")
        out.append("fill=\"\(colour)\" d=\"")
        SVGPathData.append(
          AntimeridianCut.writableParts(of: zone.polygon), frame: context.frame, into: &out)
        out.append("\"><title>")
        var title =
          "\(zone.region), beyond \(threshold.label): \(HTMLText.grouped(zone.population)) people, "
        title += "\(JSONText.format(zone.areaKm2, decimals: 1, trimZeros: false)) km²"
        if !zone.largestPlace.isEmpty { title += " (largest place \(zone.largestPlace))" }
        out.append(HTMLText.escape(title))
        out.append("</title></path>\n")
      }
    }
    out.append("</g>\n")
  }

  /// The region boundaries, over the zones.
  private func appendRegionOutlines(into out: inout ByteBuffer) {
    guard !context.regionNames.isEmpty else { return }
    out.append(
      "<g class=\"regions\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.2\" "
        + "stroke-linejoin=\"round\">\n")
    for (index, name) in context.regionNames.enumerated() {
      out.append(
        "<use class=\"region\" href=\"#sg-region-\(index)\" data-region=\"\(HTMLText.escape(name))\"/>\n"
      )
    }
    out.append("</g>\n")
  }

  /// The category's services inside the frame: hollow triangles, so the colour of a unit
  /// under its own service stays visible; where services are many (a country), small dots,
  /// so they do not bury the units.
  ///
  /// - Returns: How many were drawn, how many lie outside the frame, and whether as dots.
  private func appendServices(of category: String, into out: inout ByteBuffer) -> (
    drawn: Int, outside: Int, dense: Bool
  ) {
    let frame = context.frame
    let own = context.result.services.filter { $0.category == category }
    var outside = 0
    var inside: [(service: ServicePoint, pixel: (x: Double, y: Double))] = []
    for (service, point) in zip(own, frame.project(own.map(\.location))) {
      if let point, frame.contains(frame.pixel(point)) {
        inside.append((service, frame.pixel(point)))
      } else {
        outside += 1
      }
    }
    let dense = inside.count > Self.denseServices
    if dense {
      out.append("<g class=\"services\" fill=\"none\" stroke=\"#111111\" stroke-width=\"2\" ")
      out.append("stroke-linecap=\"round\">\n")
    } else {
      out.append("<g class=\"services\" fill=\"none\" stroke=\"#111111\" stroke-width=\"1.3\" ")
      out.append("stroke-linejoin=\"round\">\n")
    }
    let number = Self.number
    for (service, pixel) in inside {
      if dense {
        out.append("<path class=\"service\" d=\"M\(number(pixel.x)) \(number(pixel.y))h0\"><title>")
      } else {
        out.append("<path class=\"service\" d=\"M\(number(pixel.x)) \(number(pixel.y - 4.5))")
        out.append("l4 7h-8z\"><title>")
      }
      let name = service.name.isEmpty ? service.id : "\(service.name) (\(service.id))"
      out.append(HTMLText.escape(name))
      out.append("</title></path>\n")
    }
    out.append("</g>\n")
    return (inside.count, outside, dense)
  }

  /// Names of `units` beside their circles: right of the circle, or left of it near the
  /// map's right edge; a label that would overlap one already placed is left out (about
  /// 7 px a character at 11 px bold).
  private func appendLabels(_ units: [Int], into out: inout ByteBuffer) {
    out.append("<g class=\"labels\" font-size=\"11\" font-weight=\"bold\" fill=\"#222222\" ")
    out.append(
      "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n")
    let size = unitSize()
    let number = Self.number
    var taken: [(minX: Double, minY: Double, maxX: Double, maxY: Double)] = []
    for index in units {
      guard let pixel = context.unitPixels[index] else { continue }
      let unit = context.result.units[index]
      let name = unit.name.isEmpty ? unit.id : unit.name
      let radius = Self.largestDiameter * size.diameterFraction(population: unit.population) / 2
      let textWidth = 7.0 * Double(name.count)
      let left = pixel.x + radius + 3 + textWidth > context.frame.width
      let x = left ? pixel.x - radius - 3 : pixel.x + radius + 3
      let box = (
        minX: left ? x - textWidth : x, minY: pixel.y - 7, maxX: left ? x : x + textWidth,
        maxY: pixel.y + 6
      )
      if taken.contains(where: {
        $0.minX < box.maxX && box.minX < $0.maxX && $0.minY < box.maxY && box.minY < $0.maxY
      }) {
        continue
      }
      taken.append(box)
      out.append("<text class=\"place-label\" x=\"\(number(x))\" y=\"\(number(pixel.y + 4))\"")
      out.append(left ? " text-anchor=\"end\">" : ">")
      out.append(HTMLText.escape(name))
      out.append("</text>\n")
    }
    out.append("</g>\n")
  }

  /// The map's legend: people and units per class, zone areas, symbols.
  private func legend(
    _ measure: CategoryMeasure, palette: DistanceClassPalette, classes: [Int],
    size: UnitSymbolSize, servicesDrawn: Int, dense: Bool
  ) -> (svg: String, height: Double) {
    let result = context.result
    var classPopulation = [Double](repeating: 0, count: measure.classCount)
    var classUnits = [Int](repeating: 0, count: measure.classCount)
    for (index, unitClass) in classes.enumerated() {
      classPopulation[unitClass] += max(0, result.units[index].population)
      classUnits[unitClass] += 1
    }
    let allRow = result.summary.first {
      $0.region == Analysis.allRegions && $0.category == measure.category
    }
    return MapLegend(
      measure: measure, palette: palette, classPopulation: classPopulation,
      classUnits: classUnits,
      zoneAreas: measure.thresholds.map { threshold in
        allRow?.beyond.first { $0.threshold == threshold }?.areaKm2
      },
      zonesComputed: result.zones.contains { $0.category == measure.category }
        || (allRow?.beyond.contains { $0.areaKm2 != nil } ?? false),
      size: size, largestDiameter: Self.largestDiameter, servicesDrawn: servicesDrawn,
      denseServices: dense,
      regionCount: context.regionNames.count
    ).render(x: context.frame.width + Self.legendGap)
  }

  /// The `<svg>` element: background, the map's `body`, frame, scale bar and legend.
  private func document(
    category: String, clip: String, body: String, legend: (svg: String, height: Double)
  ) -> String {
    let width = context.frame.width
    let height = context.frame.height
    let number = Self.number
    let svgWidth = width + Self.legendGap + MapLegend.width
    let svgHeight = max(height + 36, legend.height).rounded(.up)
    var svg =
      "<svg class=\"map-svg\" data-category=\"\(HTMLText.escape(category))\" "
      + "width=\"\(number(svgWidth))\" height=\"\(number(svgHeight))\" "
      + "viewBox=\"0 0 \(number(svgWidth)) \(number(svgHeight))\" "
      + "data-map-width=\"\(number(width))\" data-map-height=\"\(number(height))\" "
      + "data-legend-x=\"\(number(width + Self.legendGap))\" role=\"img\" "
      + "aria-label=\"Map of \(HTMLText.escape(category)): units by class, zones, services\">\n"
    svg +=
      "<defs><clipPath id=\"\(clip)\"><rect width=\"\(number(width))\" height=\"\(number(height))\"/></clipPath></defs>\n"
    svg +=
      "<rect class=\"map-background\" width=\"\(number(width))\" height=\"\(number(height))\" fill=\"#eceff2\"/>\n"
    svg += body
    svg +=
      "<rect class=\"map-frame\" x=\"0.5\" y=\"0.5\" width=\"\(number(width - 1))\" "
      + "height=\"\(number(height - 1))\" fill=\"none\" stroke=\"#9a9a9a\"/>\n"
    svg += scaleBar()
    svg += legend.svg
    svg += "</svg>"
    return svg
  }

  /// The circle scale: the most populous unit gets the largest diameter.
  func unitSize() -> UnitSymbolSize {
    UnitSymbolSize(largestPopulation: context.result.units.map(\.population).max() ?? 0)
  }

  /// One circle per unit, largest population first, with a tooltip.
  private func appendUnits(
    measure: CategoryMeasure, values: [Double?], classes: [Int], palette: DistanceClassPalette,
    into out: inout ByteBuffer
  ) {
    let units = context.result.units
    let regions = context.result.unitRegions
    let size = unitSize()
    let order = units.indices.sorted {
      (units[$0].population, $1) > (units[$1].population, $0)
    }
    out.append("<g class=\"units-layer\" stroke=\"#ffffff\" stroke-width=\"0.75\">\n")
    for index in order {
      guard let pixel = context.unitPixels[index] else { continue }
      let unit = units[index]
      let radius = Self.largestDiameter * size.diameterFraction(population: unit.population) / 2
      out.append("<circle class=\"unit\" data-class=\"\(classes[index])\" cx=\"")
      out.append(pixel.x, decimals: 1, trimZeros: true)
      out.append("\" cy=\"")
      out.append(pixel.y, decimals: 1, trimZeros: true)
      out.append("\" r=\"")
      out.append(radius, decimals: 1, trimZeros: true)
      out.append("\" fill=\"\(palette.colour(ofClass: classes[index]).hex)\"><title>")
      var title = unit.name.isEmpty ? unit.id : unit.name
      if index < regions.count { title += ", " + regions[index] }
      title += ": \(HTMLText.grouped(unit.population)) people, "
      if let value = values[index] {
        title += HTMLText.measure(value, unit: measure.unit)
      } else {
        title += "no \(measure.category) service reachable"
      }
      out.append(HTMLText.escape(title))
      out.append("</title></circle>\n")
    }
    out.append("</g>\n")
  }

  /// Units as dots in compact path data, for large runs.
  ///
  /// Units of one class in the same cell of a ``compactCell``-pixel grid are merged into
  /// one dot at their population-weighted centre, carrying their total population (its
  /// circle area stays proportional to the people it stands for); dots of one class and
  /// one diameter (rounded to half a pixel) share one `<path class="units">` of
  /// zero-length round-capped segments (`M x yh0`, about 14 bytes a dot). The dots' floor
  /// (1.7 pixels) is below the cell size, so where a country's units lie everywhere the
  /// sparse ones still leave the zones beneath them visible. Each path says how many units
  /// and dots it holds (`data-units`, `data-dots`).
  ///
  /// - Returns: The size scale of the dots, for the legend.
  private func appendCompactUnits(
    classes: [Int], palette: DistanceClassPalette, into out: inout ByteBuffer
  ) -> UnitSymbolSize {
    struct Key: Hashable {
      var x: Int
      var y: Int
      var unitClass: Int
    }
    let units = context.result.units
    var slots: [Key: Int] = [:]
    var dots: [(key: Key, population: Double, units: Int, sumX: Double, sumY: Double)] = []
    for (index, unit) in units.enumerated() {
      guard let pixel = context.unitPixels[index] else { continue }
      let key = Key(
        x: Int((pixel.x / Self.compactCell).rounded(.down)),
        y: Int((pixel.y / Self.compactCell).rounded(.down)), unitClass: classes[index])
      // Weights: the people, plus a little so a dot of empty units still has a centre.
      let weight = max(0, unit.population) + 1e-6
      if let slot = slots[key] {
        dots[slot].population += max(0, unit.population)
        dots[slot].units += 1
        dots[slot].sumX += weight * pixel.x
        dots[slot].sumY += weight * pixel.y
      } else {
        slots[key] = dots.count
        dots.append((key, max(0, unit.population), 1, weight * pixel.x, weight * pixel.y))
      }
    }
    let size = unitSize()
    let largestDot = dots.map(\.population).max() ?? 0
    let dotSize = UnitSymbolSize(
      largestPopulation: max(largestDot, size.largestPopulation),
      minimumFraction: Self.compactMinimumFraction)
    struct Group: Hashable {
      var halfPixels: Int
      var unitClass: Int
    }
    var groups: [Group: [Int]] = [:]
    for (index, dot) in dots.enumerated() {
      let diameter = Self.largestDiameter * dotSize.diameterFraction(population: dot.population)
      groups[
        Group(halfPixels: Int((diameter * 2).rounded()), unitClass: dot.key.unitClass), default: []
      ]
      .append(index)
    }
    let order = groups.keys.sorted {
      ($0.halfPixels, -$0.unitClass) > ($1.halfPixels, -$1.unitClass)
    }
    out.append("<g class=\"units-layer compact\" fill=\"none\" stroke-linecap=\"round\">\n")
    for group in order {
      let members = groups[group] ?? []
      let unitCount = members.reduce(0) { $0 + dots[$1].units }
      out.append("<path class=\"units\" data-class=\"\(group.unitClass)\" ")
      out.append("data-units=\"\(unitCount)\" data-dots=\"\(members.count)\" ")
      out.append("stroke=\"\(palette.colour(ofClass: group.unitClass).hex)\" stroke-width=\"")
      out.append(Double(group.halfPixels) / 2, decimals: 1, trimZeros: true)
      out.append("\" d=\"")
      for index in members {
        let dot = dots[index]
        let weight = dot.population + 1e-6 * Double(dot.units)
        out.append("M")
        out.append(dot.sumX / weight, decimals: 1, trimZeros: true)
        out.append(" ")
        out.append(dot.sumY / weight, decimals: 1, trimZeros: true)
        out.append("h0")
      }
      out.append("\"/>\n")
    }
    out.append("</g>\n")
    return dotSize
  }

  /// A two-segment scale bar in km (or m) under the map, with the projection's name.
  private func scaleBar() -> String {
    let frame = context.frame
    let bar = frame.scaleBar()
    func number(_ value: Double) -> String { JSONText.format(value, decimals: 1, trimZeros: true) }
    let top = (frame.height + 10).rounded()
    let half = (bar.pixels / 2).rounded()
    let label =
      bar.meters >= 1000
      ? Threshold.formatNumber(bar.meters / 1000) + " km"
      : Threshold.formatNumber(bar.meters) + " m"
    var svg = "<g class=\"scale-bar\" data-meters=\"\(Threshold.formatNumber(bar.meters))\" "
    svg += "data-pixels=\"\(number(bar.pixels))\" font-size=\"11\">\n"
    svg +=
      "<rect x=\"0.5\" y=\"\(number(top + 0.5))\" width=\"\(number(half))\" height=\"4\" "
      + "fill=\"#333333\" stroke=\"#333333\"/>\n"
    svg +=
      "<rect x=\"\(number(half + 0.5))\" y=\"\(number(top + 0.5))\" "
      + "width=\"\(number(bar.pixels - half))\" height=\"4\" fill=\"#ffffff\" stroke=\"#333333\"/>\n"
    svg += "<text x=\"0\" y=\"\(number(top + 18))\">0</text>\n"
    svg +=
      "<text x=\"\(number(bar.pixels))\" y=\"\(number(top + 18))\" text-anchor=\"middle\">"
      + "\(label)</text>\n"
    svg +=
      "<text x=\"\(number(frame.width))\" y=\"\(number(top + 18))\" text-anchor=\"end\" "
      + "fill=\"#777777\">\(HTMLText.escape(frame.projectionName))</text>\n"
    svg += "</g>\n"
    return svg
  }
}
