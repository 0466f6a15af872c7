/// One indicator of one region and category in two situations.
public struct DeltaRow: Hashable, Sendable {
  public var region: String
  public var category: String
  /// Summary column name, such as `beyond_10km_pop` or `median`.
  public var indicator: String
  public var before: Double?
  public var after: Double?
  /// `after - before`; nil when either is missing.
  public var change: Double?
}

/// A unit whose threshold class changed in some category.
public struct ChangedUnit: Sendable {
  /// Index of the unit in both results.
  public var unit: Int
  /// Per category (in the results' order): the values and classes before and after.
  public var categories: [Category]

  public struct Category: Sendable {
    public var category: String
    /// Road or straight-line distance in metres; nil when unreachable.
    public var beforeMeters: Double?
    public var afterMeters: Double?
    /// Travel time in minutes (network mode); nil when unreachable or not measured.
    public var beforeMinutes: Double?
    public var afterMinutes: Double?
    /// Class labels such as `<=5km`, `5km-10km`, `>10km` or `unreachable`.
    public var beforeClass: String
    public var afterClass: String
  }
}

/// The difference between two analyses of the same units, regions, categories and
/// thresholds with different services: what `whatif` and `compare` report.
public enum SituationDelta {
  /// Every summary indicator of every region and category, before and after.
  ///
  /// Rows follow the *after* summary's order (regions, then categories); a region or
  /// category present in only one situation gets nil on the other side.
  public static func rows(before: [SummaryRow], after: [SummaryRow]) -> [DeltaRow] {
    struct Key: Hashable {
      var region: String
      var category: String
    }
    let earlier = Dictionary(
      before.map { (Key(region: $0.region, category: $0.category), $0) },
      uniquingKeysWith: { first, _ in first })
    var keys = after.map { Key(region: $0.region, category: $0.category) }
    let later = Dictionary(
      after.map { (Key(region: $0.region, category: $0.category), $0) },
      uniquingKeysWith: { first, _ in first })
    keys += before.map { Key(region: $0.region, category: $0.category) }.filter {
      later[$0] == nil
    }
    var rows: [DeltaRow] = []
    for key in keys {
      let first = earlier[key].map(indicators) ?? []
      let second = later[key].map(indicators) ?? []
      var names = second.map(\.0)
      names += first.map(\.0).filter { name in !names.contains(name) }
      let firstValues = Dictionary(first, uniquingKeysWith: { value, _ in value })
      let secondValues = Dictionary(second, uniquingKeysWith: { value, _ in value })
      for name in names {
        let old = firstValues[name] ?? nil
        let new = secondValues[name] ?? nil
        rows.append(
          DeltaRow(
            region: key.region, category: key.category, indicator: name, before: old,
            after: new, change: old.flatMap { old in new.map { $0 - old } }))
      }
    }
    return rows
  }

  /// The summary row's indicators by column name, in the summary's column order.
  public static func indicators(_ row: SummaryRow) -> [(String, Double?)] {
    var values: [(String, Double?)] = [
      ("population", row.population), ("services", Double(row.services)),
      ("services_per_1000", row.servicesPer1000), ("mean", row.mean), ("median", row.median),
      ("p90", row.p90), ("max", row.max),
    ]
    for beyond in row.beyond {
      let label = beyond.threshold.label
      values.append(("beyond_\(label)_pop", beyond.population))
      values.append(("beyond_\(label)_share", beyond.share))
      values.append(("beyond_\(label)_area_km2", beyond.areaKm2))
    }
    values += [
      ("unreachable_pop", row.unreachablePopulation), ("gini", row.gini),
      ("p90_p50", row.p90ToMedian), ("person_km", row.personDistance),
    ]
    for group in row.groups {
      values.append(("\(group.name)_population", group.population))
      for beyond in group.beyond {
        let label = beyond.threshold.label
        values.append(("\(group.name)_beyond_\(label)_pop", beyond.population))
        values.append(("\(group.name)_beyond_\(label)_share", beyond.share))
      }
      values.append(("\(group.name)_unreachable_pop", group.unreachablePopulation))
    }
    return values
  }

  /// Units whose class changed in at least one category, in unit order.
  ///
  /// A unit's class is set by the thresholds' unit: the distance for km, the travel
  /// time for minutes; beyond the last threshold and unreachable are different classes.
  public static func changedUnits(before: AnalysisResult, after: AnalysisResult) -> [ChangedUnit] {
    var changed: [ChangedUnit] = []
    for unit in after.units.indices {
      var categories: [ChangedUnit.Category] = []
      var differs = false
      for found in after.perCategory {
        let plan = found.plan
        func value(_ result: AnalysisResult) -> (meters: Double?, minutes: Double?) {
          let category = result[plan.name]
          return (category?.nearest[unit]?.distanceMeters, category?.minutes?[unit] ?? nil)
        }
        let old = value(before)
        let new = value(after)
        let oldClass = plan.className(of: plan.value(meters: old.meters, minutes: old.minutes))
        let newClass = plan.className(of: plan.value(meters: new.meters, minutes: new.minutes))
        differs = differs || oldClass != newClass
        categories.append(
          ChangedUnit.Category(
            category: plan.name, beforeMeters: old.meters, afterMeters: new.meters,
            beforeMinutes: old.minutes, afterMinutes: new.minutes, beforeClass: oldClass,
            afterClass: newClass))
      }
      if differs { changed.append(ChangedUnit(unit: unit, categories: categories)) }
    }
    return changed
  }
}
