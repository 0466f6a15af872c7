import ServiceGap

/// The legend beside one category's map: unit classes, zones, circle sizes, services and
/// region boundaries, with the people and areas behind each entry.
///
/// It is drawn in its own column to the right of the map, so it never covers map data.
/// Class and zone swatches are 16 × 12 pixel rectangles of exactly the palette's colour
/// (`class="legend-swatch"`, `data-colour`), pixel-aligned and framed, so a screenshot
/// check can find each colour as a solid block.
struct MapLegend {
  var measure: CategoryMeasure
  var palette: DistanceClassPalette
  /// People and units per class (``CategoryMeasure/classIndex(of:)``).
  var classPopulation: [Double]
  var classUnits: [Int]
  /// Zone area beyond each threshold in km² (the `ALL` row), nil when not computed.
  var zoneAreas: [Double?]
  /// Whether the analysis drew zones (not with `--no-zones`); without, no zone entries.
  var zonesComputed: Bool
  var size: UnitSymbolSize
  /// Diameter of the most populous unit, in pixels.
  var largestDiameter: Double
  var servicesDrawn: Int
  /// Services drawn as small dots rather than triangles (see ``SVGMap``).
  var denseServices: Bool
  var regionCount: Int

  /// The legend column's width in pixels.
  static let width = 200.0
  static let swatchWidth = 16.0
  static let swatchHeight = 12.0
  static let rowHeight = 18.0

  /// The legend's SVG elements with its left edge at `x`, and its height.
  func render(x: Double) -> (svg: String, height: Double) {
    var svg = "<g class=\"legend\" font-size=\"12\">\n"
    var y = 0.0
    func number(_ value: Double) -> String { JSONText.format(value, decimals: 1, trimZeros: true) }
    func heading(_ text: String) {
      y += 14
      svg +=
        "<text x=\"\(number(x))\" y=\"\(number(y))\" font-weight=\"bold\">"
        + "\(HTMLText.escape(text))</text>\n"
      y += 6
    }
    func swatch(_ colour: RGBColour, attribute: String, label: String, note: String) {
      // Whole pixels for the fill, the frame on half pixels: both render crisp.
      let top = y.rounded()
      svg +=
        "<rect class=\"legend-swatch\" \(attribute) data-colour=\"\(colour.hex)\" "
        + "x=\"\(number(x))\" y=\"\(number(top))\" width=\"\(number(Self.swatchWidth))\" "
        + "height=\"\(number(Self.swatchHeight))\" fill=\"\(colour.hex)\" "
        + "shape-rendering=\"crispEdges\"/>\n"
      svg +=
        "<rect x=\"\(number(x - 0.5))\" y=\"\(number(top - 0.5))\" "
        + "width=\"\(number(Self.swatchWidth + 1))\" height=\"\(number(Self.swatchHeight + 1))\" "
        + "fill=\"none\" stroke=\"#666\" shape-rendering=\"crispEdges\"/>\n"
      svg +=
        "<text class=\"legend-label\" x=\"\(number(x + 24))\" y=\"\(number(top + 10.5))\">"
        + "\(HTMLText.escape(label))</text>\n"
      if !note.isEmpty {
        svg +=
          "<text x=\"\(number(x + Self.width - 4))\" y=\"\(number(top + 10.5))\" "
          + "text-anchor=\"end\" fill=\"#666\">\(HTMLText.escape(note))</text>\n"
      }
      y += Self.rowHeight
    }

    heading(measure.unit == .min ? "Units by travel time" : "Units by distance")
    for index in 0..<measure.classCount {
      let people = index < classPopulation.count ? classPopulation[index] : 0
      let units = index < classUnits.count ? classUnits[index] : 0
      swatch(
        palette.colour(ofClass: index), attribute: "data-class=\"\(index)\"",
        label: measure.classLabel(index),
        note: units == 0 ? "none" : "\(HTMLText.grouped(people)) people")
    }
    if zonesComputed, !measure.thresholds.isEmpty, !palette.zoneColours.isEmpty {
      y += 4
      heading("Zones: territory beyond")
      for (index, threshold) in measure.thresholds.enumerated()
      where index < palette.zoneColours.count {
        let area = index < zoneAreas.count ? zoneAreas[index] : nil
        swatch(
          palette.zoneColours[index],
          attribute: "data-threshold=\"\(HTMLText.escape(threshold.label))\"",
          label: "beyond " + Threshold.formatNumber(threshold.value) + " "
            + threshold.unit.rawValue,
          note: area.map { "\(HTMLText.grouped($0)) km²" } ?? "")
      }
    }
    y += 4
    heading("People per unit (circle area)")
    let values = sizeExamples()
    let slot = Self.width / 3
    let rowTop = y + 2
    for (index, value) in values.enumerated() {
      let diameter = largestDiameter * size.diameterFraction(population: value)
      let centreX = x + slot * Double(index) + slot / 2 - 12
      let centreY = rowTop + largestDiameter - diameter / 2
      svg +=
        "<circle class=\"legend-size\" cx=\"\(number(centreX))\" cy=\"\(number(centreY))\" "
        + "r=\"\(number(diameter / 2))\" fill=\"#d9d9d9\" stroke=\"#666\"/>\n"
      svg +=
        "<text x=\"\(number(centreX))\" y=\"\(number(rowTop + largestDiameter + 14))\" "
        + "text-anchor=\"middle\">\(HTMLText.grouped(value))</text>\n"
    }
    y = rowTop + largestDiameter + 22
    let serviceTop = y.rounded()
    if denseServices {
      svg +=
        "<path class=\"legend-service\" d=\"M\(number(x + 8)) \(number(serviceTop + 6.5))h0\" "
        + "fill=\"none\" stroke=\"#111111\" stroke-width=\"2\" stroke-linecap=\"round\"/>\n"
    } else {
      svg +=
        "<path class=\"legend-service\" d=\"M\(number(x + 8)) \(number(serviceTop + 1.5))l4 7h-8z\" "
        + "fill=\"none\" stroke=\"#111111\" stroke-width=\"1.3\" stroke-linejoin=\"round\"/>\n"
    }
    svg +=
      "<text x=\"\(number(x + 24))\" y=\"\(number(serviceTop + 10.5))\">"
      + "\(HTMLText.grouped(Double(servicesDrawn))) services shown</text>\n"
    y += Self.rowHeight
    if regionCount > 0 {
      let lineY = y.rounded() + 6.5
      svg +=
        "<line x1=\"\(number(x))\" x2=\"\(number(x + 16))\" y1=\"\(number(lineY))\" "
        + "y2=\"\(number(lineY))\" stroke=\"#444\" stroke-width=\"1.2\"/>\n"
      svg +=
        "<text x=\"\(number(x + 24))\" y=\"\(number(lineY + 4))\">region boundary</text>\n"
      y += Self.rowHeight
    }
    svg += "</g>\n"
    return (svg, y + 4)
  }

  /// Up to three round populations to show circle sizes for: about the largest, a tenth
  /// and a hundredth of it (1, 2 or 5 × 10ⁿ), leaving out those at the size floor.
  func sizeExamples() -> [Double] {
    func roundDown(_ value: Double) -> Double {
      guard value >= 1 else { return 0 }
      var magnitude = 1.0
      while magnitude * 10 <= value { magnitude *= 10 }
      return [5.0, 2, 1].map { $0 * magnitude }.first { $0 <= value } ?? magnitude
    }
    var values: [Double] = []
    for divisor in [1.0, 10, 100] {
      let value = roundDown(size.largestPopulation / divisor)
      let visible = size.diameterFraction(population: value) > size.minimumFraction
      if value >= 1, visible, !values.contains(value) { values.append(value) }
    }
    return values.isEmpty ? [max(1, size.largestPopulation)] : values
  }
}
