import ServiceGap

/// What a category's units are classed by in the files: the column of `units.geojson`
/// and its values.
///
/// A category measured against km thresholds is classed by `C_dist_m` (metres), one
/// against minutes by `C_time_min` (network mode). Values are read as `units.geojson`
/// writes them (0.1 m, 0.01 min) and classed by the plan (``CategoryPlan/classIndex(of:)``),
/// so the report and a QGIS style reading the file put every unit in the same class.
public struct CategoryMeasure: Hashable, Sendable {
  /// The category's plan: thresholds, unit and classes.
  public let plan: CategoryPlan

  /// The measure of a category.
  public init(_ plan: CategoryPlan) { self.plan = plan }

  /// The measure of every analysed category of `result`, in the analysis' order.
  public static func all(in result: AnalysisResult) -> [CategoryMeasure] {
    result.plans.map(CategoryMeasure.init)
  }

  /// The service category.
  public var category: String { plan.name }
  /// The category's thresholds, ascending, all in one unit.
  public var thresholds: [Threshold] { plan.thresholds }
  /// km or min: the thresholds' unit.
  public var unit: ThresholdUnit { plan.unit }
  /// Number of classes: one per threshold, one beyond the last, one for unreachable.
  public var classCount: Int { plan.classCount }

  /// The `units.geojson` column: `C_dist_m` for km, `C_time_min` for minutes.
  public var fieldName: String { category + (unit == .min ? "_time_min" : "_dist_m") }

  /// The thresholds in the column's unit (metres or minutes), rounded to 6 decimals as
  /// they are written into QGIS expressions.
  public var boundaries: [Double] {
    thresholds.map { threshold in
      let value = unit == .min ? threshold.value : threshold.value * 1000
      return (value * 1e6).rounded(.toNearestOrAwayFromZero) / 1e6
    }
  }

  /// Per unit of `result`, the column's value as written (nil = unreachable or missing).
  ///
  /// - Parameter result: The analysis result.
  /// - Returns: One value per unit, in metres rounded to 0.1 or minutes rounded to 0.01.
  /// - Complexity: O(*n*) in the units.
  public func fieldValues(in result: AnalysisResult) -> [Double?] {
    let found = result[category]
    switch unit {
    case .km:
      let nearest = found?.nearest ?? []
      return result.units.indices.map { index in
        guard index < nearest.count, let service = nearest[index] else { return nil }
        return (service.distanceMeters * 10).rounded(.toNearestOrAwayFromZero) / 10
      }
    case .min:
      let minutes = found?.minutes ?? []
      return result.units.indices.map { index in
        guard index < minutes.count, let value = minutes[index] else { return nil }
        return (value * 100).rounded(.toNearestOrAwayFromZero) / 100
      }
    }
  }

  /// The class of a column value (metres or minutes, as written): the plan's class of
  /// the value in its unit.
  public func classIndex(of value: Double?) -> Int {
    plan.classIndex(of: value.map { unit == .min ? $0 : $0 / 1000 })
  }

  /// The label of a class, such as `≤ 5 km`, `5–10 km`, `> 10 km` or `unreachable`.
  public func classLabel(_ index: Int) -> String { plan.classLabel(index) }

  /// The QGIS expression selecting a class's features in `units.geojson` (the same
  /// rule as ``classIndex(of:)``).
  ///
  /// - Parameter index: A class index.
  /// - Returns: An expression such as `"grocery_dist_m" > 5000 AND "grocery_dist_m" <= 10000`.
  public func qgisFilter(classIndex index: Int) -> String {
    let field = QGISExpression.field(fieldName)
    let bounds = boundaries.map { JSONText.format($0, decimals: 6, trimZeros: true) }
    if index >= plan.unreachableClass || bounds.isEmpty { return "\(field) IS NULL" }
    if index == 0 { return "\(field) <= \(bounds[0])" }
    if index == bounds.count { return "\(field) > \(bounds[bounds.count - 1])" }
    return "\(field) > \(bounds[index - 1]) AND \(field) <= \(bounds[index])"
  }
}

/// Quoting for QGIS expressions.
enum QGISExpression {
  /// A column reference: `"name"`, with `"` doubled.
  static func field(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A string literal: `'text'`, with `'` doubled.
  static func string(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }
}
