import ServiceGap

/// QGIS styles (`.qml`) for `units.geojson` and `zones.geojson`, coloured exactly as the
/// HTML report.
///
/// QGIS loads `<name>.qml` beside `<name>.geojson` as the layer's default style, and reads
/// the same text from a GeoPackage's or PostGIS database's `layer_styles` table. Both
/// styles are rule-based renderers with one group of rules per category: only the first
/// category's group is checked (visible) when the layer opens; tick another in the
/// Layers panel to see that category. Colours come from ``DistanceClassPalette`` and the
/// classes from ``CategoryMeasure``, the same as ``ReportWriter``'s maps.
public enum QGISStyle {
  /// Diameter of the most populous unit's circle in QGIS, in millimetres.
  public static let largestUnitDiameterMillimetres = 8.0

  /// The style of `units.geojson`.
  ///
  /// Per category, one rule per class of the category's `C_dist_m` (km thresholds) or
  /// `C_time_min` (minutes): at most the first threshold, between consecutive thresholds,
  /// beyond the last, and `IS NULL` for unreachable; exactly one rule of a group matches
  /// each unit. Circles have an area proportional to the unit's population
  /// (``UnitSymbolSize``, a data-defined size) and the largest are drawn first; units
  /// written as cells (``PopulationUnit/outline``) are filled instead.
  ///
  /// - Parameter result: The analysis result whose `units.geojson` is styled.
  /// - Returns: The `.qml` text.
  public static func units(result: AnalysisResult) -> String {
    let size = UnitSymbolSize(largestPopulation: result.units.map(\.population).max() ?? 0)
    let expression = size.qgisExpression(largestDiameter: largestUnitDiameterMillimetres)
    let cells = result.units.contains { $0.outline != nil }
    var rules: [String] = []
    var symbols: [String] = []
    var keys = 0
    func nextKey() -> String {
      keys += 1
      return QMLSymbol.key(0x5e4a_0001, keys)
    }
    for (index, measure) in CategoryMeasure.all(in: result).enumerated() {
      let palette = DistanceClassPalette(measure)
      let groupKey = nextKey()
      var children: [String] = []
      for classIndex in 0..<measure.classCount {
        let colour = palette.colour(ofClass: classIndex)
        symbols.append(
          cells
            ? QMLSymbol.fill(name: symbols.count, colour: colour)
            : QMLSymbol.marker(name: symbols.count, colour: colour, sizeExpression: expression))
        children.append(
          QMLSymbol.rule(
            key: nextKey(), label: measure.classLabel(classIndex),
            filter: measure.qgisFilter(classIndex: classIndex), symbol: symbols.count - 1))
      }
      let measured = measure.unit == .min ? "travel time" : "distance"
      rules.append(
        QMLSymbol.rule(
          key: groupKey, label: "\(measure.category): \(measured) (\(measure.fieldName))",
          checked: index == 0, children: children))
    }
    return QMLSymbol.document(
      rootKey: QMLSymbol.key(0x5e4a_0001, 0), rules: rules, symbols: symbols,
      orderBy: QGISExpression.field("population"), ascending: false,
      geometryType: cells ? 2 : 0)
  }

  /// The style of `zones.geojson`.
  ///
  /// Per category, one rule per threshold selecting its zones by `category`, `threshold`
  /// and `unit`, filled with the palette's zone shade: lightest beyond the first
  /// threshold (drawn first, the largest zone), darkest beyond the last (on top; the
  /// layer is drawn in ascending order of `threshold`).
  ///
  /// - Parameter result: The analysis result whose `zones.geojson` is styled.
  /// - Returns: The `.qml` text.
  public static func zones(result: AnalysisResult) -> String {
    var rules: [String] = []
    var symbols: [String] = []
    var keys = 0
    func nextKey() -> String {
      keys += 1
      return QMLSymbol.key(0x5e4a_0002, keys)
    }
    for (index, measure) in CategoryMeasure.all(in: result).enumerated() {
      let palette = DistanceClassPalette(measure)
      let groupKey = nextKey()
      var children: [String] = []
      for (thresholdIndex, threshold) in measure.thresholds.enumerated() {
        symbols.append(
          QMLSymbol.fill(name: symbols.count, colour: palette.zoneColours[thresholdIndex]))
        let value = JSONText.format(threshold.value, decimals: 6, trimZeros: true)
        let filter =
          "\(QGISExpression.field("category")) = \(QGISExpression.string(measure.category)) AND "
          + "\(QGISExpression.field("threshold")) = \(value) AND "
          + "\(QGISExpression.field("unit")) = \(QGISExpression.string(threshold.unit.rawValue))"
        children.append(
          QMLSymbol.rule(
            key: nextKey(),
            label: "beyond " + Threshold.formatNumber(threshold.value) + " "
              + threshold.unit.rawValue,
            filter: filter, symbol: symbols.count - 1))
      }
      rules.append(
        QMLSymbol.rule(
          key: groupKey, label: "\(measure.category): zones", checked: index == 0,
          children: children))
    }
    return QMLSymbol.document(
      rootKey: QMLSymbol.key(0x5e4a_0002, 0), rules: rules, symbols: symbols,
      orderBy: QGISExpression.field("threshold"), ascending: true, geometryType: 2)
  }
}
