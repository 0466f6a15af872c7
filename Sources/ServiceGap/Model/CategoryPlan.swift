/// What a value of a category is: a distance in metres or a travel time in seconds.
public enum Measure: String, Hashable, Sendable {
  /// Distance (straight-line or along the roads).
  case meters
  /// Travel time along the roads.
  case seconds
}

/// One category to analyse: its name, its thresholds and how its values are classed.
///
/// The one place that knows a category's thresholds (ascending, distinct, one unit), what
/// its values measure (distance for km thresholds, travel time for minutes) and how a value
/// is classified and labelled. Zones, the summary, curves, deltas, QGIS styles and the
/// report all take the plan, so none re-sorts thresholds or re-derives the measure.
///
/// Values are in the plan's ``unit``: kilometres, or minutes. A value equal to a threshold
/// is within it; only a larger one is beyond (BRIEF: "beyond_t: distance > t").
///
/// ```swift
/// let plan = try CategoryPlan(name: "grocery", thresholds: [Threshold(value: 10, unit: .km),
///   Threshold(value: 5, unit: .km)])
/// plan.thresholds.map(\.label)      // ["5km", "10km"]
/// plan.className(of: 7.5)           // "5km-10km"
/// plan.classLabel(plan.classIndex(of: nil))  // "unreachable"
/// ```
public struct CategoryPlan: Hashable, Sendable {
  /// The service category, as in the services' category column.
  public let name: String
  /// Ascending and distinct, all in ``unit``; may be empty (no threshold columns).
  public let thresholds: [Threshold]
  /// km or min: the unit of the thresholds and of every statistic of the category.
  public let unit: ThresholdUnit

  /// Creates a plan; the thresholds are sorted and duplicates dropped.
  ///
  /// - Parameters:
  ///   - name: The category.
  ///   - thresholds: Its thresholds in any order, all in one unit.
  /// - Throws: ``CategoryPlanError/mixedUnits(category:)`` when km and min are mixed.
  public init(name: String, thresholds: [Threshold]) throws(CategoryPlanError) {
    let units = Set(thresholds.map(\.unit))
    guard units.count <= 1 else { throw .mixedUnits(category: name) }
    self.name = name
    self.thresholds = Array(Set(thresholds)).sorted()
    unit = units.first ?? .km
  }

  /// Distance for km thresholds, travel time for minutes.
  public var measure: Measure { unit == .min ? .seconds : .meters }

  /// Metres per km or seconds per minute: a raw measured value over this is in ``unit``.
  public var rawPerUnit: Double { unit == .min ? 60 : 1000 }

  /// A unit's value in the plan's unit, from its road or straight-line distance and its
  /// travel time; nil when unreachable (or, for minutes, not measured).
  public func value(meters: Double?, minutes: Double?) -> Double? {
    unit == .min ? minutes : meters.map { $0 / 1000 }
  }

  // MARK: Classes

  /// Classes: one within each threshold, one beyond the last, one for unreachable.
  public var classCount: Int { thresholds.count + 2 }

  /// The class of the unreachable (the last).
  public var unreachableClass: Int { thresholds.count + 1 }

  /// The class of a value in ``unit``.
  ///
  /// 0 for at most the first threshold, *i* for above threshold *i* − 1 and at most
  /// threshold *i*, the threshold count for beyond the last, ``unreachableClass`` for nil.
  public func classIndex(of value: Double?) -> Int {
    guard let value else { return unreachableClass }
    return thresholds.firstIndex { value <= $0.value } ?? thresholds.count
  }

  /// Whether a value (nil: unreachable) lies beyond the threshold at `index`.
  public func isBeyond(_ value: Double?, threshold index: Int) -> Bool {
    guard let value else { return true }
    return value > thresholds[index].value
  }

  /// A class as written in `changed_units.geojson`: `<=5km`, `5km-10km`, `>10km` or
  /// `unreachable` (empty for a reachable value of a plan without thresholds).
  public func className(ofClass index: Int) -> String {
    if index >= unreachableClass { return "unreachable" }
    guard let first = thresholds.first else { return "" }
    if index == 0 { return "<=\(first.label)" }
    if index == thresholds.count { return ">\(thresholds[thresholds.count - 1].label)" }
    return "\(thresholds[index - 1].label)-\(thresholds[index].label)"
  }

  /// The class name of a value (see ``className(ofClass:)``).
  public func className(of value: Double?) -> String { className(ofClass: classIndex(of: value)) }

  /// A class as a legend shows it: `≤ 5 km`, `5–10 km`, `> 10 km` or `unreachable`.
  public func classLabel(_ index: Int) -> String {
    if index >= unreachableClass || thresholds.isEmpty { return "unreachable" }
    if index == 0 { return "≤ " + Self.spaced(thresholds[0]) }
    if index == thresholds.count { return "> " + Self.spaced(thresholds[thresholds.count - 1]) }
    return Threshold.formatNumber(thresholds[index - 1].value) + "–"
      + Self.spaced(thresholds[index])
  }

  /// `5 km`, `10 min`, `2.5 km`.
  private static func spaced(_ threshold: Threshold) -> String {
    Threshold.formatNumber(threshold.value) + " " + threshold.unit.rawValue
  }
}

/// A category plan that cannot be made.
public enum CategoryPlanError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The category's thresholds mix kilometres and minutes.
  case mixedUnits(category: String)

  public var description: String {
    switch self {
    case .mixedUnits(let category):
      return "the thresholds of '\(category)' mix km and min; a category's thresholds must "
        + "share one unit, e.g. 5km,10km (minutes need road-network mode)."
    }
  }
}
