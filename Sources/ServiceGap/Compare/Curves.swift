/// Share of the population beyond every distance or time: the curve behind each
/// threshold, per region and category.
public struct CurvePoint: Hashable, Sendable {
  public var region: String
  public var category: String
  /// Distance in km or time in min, per ``unit``.
  public var value: Double
  public var unit: ThresholdUnit
  /// People beyond `value` (unreachable included) over the region's people.
  public var shareBeyond: Double
}

/// A compliance rule such as `atm:25km<=0.3%`: at most that share of the people may
/// live beyond the distance (or time).
public struct ComplianceRule: Hashable, Sendable, CustomStringConvertible {
  public var category: String
  public var threshold: Threshold
  /// The largest allowed share, 0…1.
  public var maximumShare: Double

  /// Parses `category:threshold<=percent`, such as `atm:25km<=0.3%` or `grocery:10min<=2%`.
  public init?(parsing text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    // `<=` is looked for after the colon: one before it (`a<=b:5km`) made a reversed range.
    guard let colon = trimmed.firstIndex(of: ":"),
      let less = trimmed.range(of: "<=", range: colon..<trimmed.endIndex)
    else { return nil }
    let category = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
    let limit = trimmed[trimmed.index(after: colon)..<less.lowerBound]
    var share = trimmed[less.upperBound...].trimmingCharacters(in: .whitespaces)
    guard share.hasSuffix("%") else { return nil }
    share.removeLast()
    guard !category.isEmpty, let threshold = Threshold(parsing: String(limit)),
      let percent = Double(share.trimmingCharacters(in: .whitespaces)), percent >= 0,
      percent <= 100
    else { return nil }
    self.category = category
    self.threshold = threshold
    maximumShare = percent / 100
  }

  public var description: String {
    "\(category):\(threshold.label)<=\(Threshold.formatNumber(maximumShare * 100))%"
  }

  /// A percentage from 0 to 100, with or without `%` (`10%`, `0.3 %`, `5`), as a fraction.
  public static func fraction(percent text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let number = trimmed.hasSuffix("%") ? String(trimmed.dropLast()) : trimmed
    guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value >= 0,
      value <= 100
    else { return nil }
    return value / 100
  }
}

/// The verdict of a compliance rule for one region (or `ALL`).
public struct ComplianceRow: Hashable, Sendable {
  public var region: String
  public var population: Double
  public var beyondPopulation: Double
  public var share: Double?
  public var passes: Bool
  /// Allowed share minus actual share, in percentage points (negative = failing).
  public var marginPoints: Double?
}

/// Curves and compliance checks from an analysis result.
public enum AccessCurves {
  /// Per unit, the category's value in `unit` (km or min), nil when unreachable; nil when
  /// the category was not analysed or its times were not measured.
  static func values(
    _ result: AnalysisResult, category: String, unit: ThresholdUnit
  ) -> [Double?]? {
    guard let found = result[category] else { return nil }
    switch unit {
    case .km: return found.nearest.map { $0.map { $0.distanceMeters / 1000 } }
    case .min: return found.minutes
    }
  }

  /// Regions in summary order, `ALL` last, each with the indices of its units.
  static func groups(_ result: AnalysisResult) -> [(String, [Int])] {
    var order: [String] = []
    var members: [String: [Int]] = [:]
    for (unit, region) in result.unitRegions.enumerated() {
      if members[region] == nil { order.append(region) }
      members[region, default: []].append(unit)
    }
    let summaryOrder = result.summary.map(\.region)
    order.sort {
      (summaryOrder.firstIndex(of: $0) ?? .max) < (summaryOrder.firstIndex(of: $1) ?? .max)
    }
    return order.map { ($0, members[$0] ?? []) }
      + [(Analysis.allRegions, Array(result.units.indices))]
  }

  /// The curves of `--curves` and the report: every 0.5 km (or 1 min) up to three times
  /// a category's largest threshold (30 km without thresholds).
  public static func curves(_ result: AnalysisResult) -> [CurvePoint] {
    curves(
      result, step: { $0 == .min ? 1 : 0.5 },
      maximum: { 3 * ($0.thresholds.last?.value ?? 10) })
  }

  /// The share beyond every multiple of `step` from 0 to `maximum`, per region (and
  /// `ALL`) and category, in each category's threshold unit.
  public static func curves(
    _ result: AnalysisResult, step: (ThresholdUnit) -> Double, maximum: (CategoryPlan) -> Double
  ) -> [CurvePoint] {
    var points: [CurvePoint] = []
    let regions = groups(result)
    for found in result.perCategory {
      let category = found.name
      let unit = found.plan.unit
      guard let values = values(result, category: category, unit: unit) else { continue }
      let increment = step(unit)
      let top = maximum(found.plan)
      for (region, members) in regions {
        let total = members.reduce(0) { $0 + result.units[$1].population }
        guard total > 0 else { continue }
        // Sorted reachable values with their people; the unreachable are always beyond.
        var reachable = members.compactMap { unit in
          values[unit].map { ($0, result.units[unit].population) }
        }.filter { $0.1 > 0 }
        reachable.sort { $0.0 < $1.0 }
        var within = 0.0
        var next = 0
        var stepIndex = 0
        while Double(stepIndex) * increment <= top + 1e-9 {
          let value = Double(stepIndex) * increment
          while next < reachable.count, reachable[next].0 <= value {
            within += reachable[next].1
            next += 1
          }
          points.append(
            CurvePoint(
              region: region, category: category, value: value, unit: unit,
              shareBeyond: (total - within) / total))
          stepIndex += 1
        }
      }
    }
    return points
  }

  /// The rule checked in every region and overall.
  ///
  /// - Throws: ``AnalysisError/minutesNeedNetwork(category:threshold:)`` for a time rule
  ///   without travel times.
  public static func check(_ rule: ComplianceRule, in result: AnalysisResult) throws
    -> [ComplianceRow]
  {
    guard let values = values(result, category: rule.category, unit: rule.threshold.unit),
      rule.threshold.unit == .km || result.hasTravelTimes
    else {
      throw AnalysisError.minutesNeedNetwork(
        category: rule.category, threshold: rule.threshold.label)
    }
    return groups(result).map { region, members in
      let total = members.reduce(0) { $0 + result.units[$1].population }
      let beyond = members.reduce(0) { sum, unit in
        sum
          + ((values[unit] ?? .infinity) > rule.threshold.value ? result.units[unit].population : 0)
      }
      let share = total > 0 ? beyond / total : nil
      return ComplianceRow(
        region: region, population: total, beyondPopulation: beyond, share: share,
        passes: (share ?? 0) <= rule.maximumShare + 1e-12,
        marginPoints: share.map { (rule.maximumShare - $0) * 100 })
    }
  }
}
