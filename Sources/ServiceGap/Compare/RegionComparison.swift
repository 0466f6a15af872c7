/// Regions side by side: one indicator of one category, ranked.
public struct RankedRegion: Hashable, Sendable {
  /// 1 for the highest value, equal values sharing a rank; regions with no value come
  /// last, unnumbered.
  public var rank: Int?
  public var region: String
  public var population: Double
  public var value: Double?
}

/// Ranks regions on a summary indicator and says in words how they compare.
public enum RegionComparison {
  /// The value of a summary column, such as `beyond_10km_share` or `median`.
  public static func value(of indicator: String, in row: SummaryRow) -> Double?? {
    SituationDelta.indicators(row).first { $0.0 == indicator }.map(\.1)
  }

  /// The category's regions (not `ALL`, not `outside`), highest value first; ties keep
  /// the summary's order.
  ///
  /// - Returns: nil when no row of the category has this indicator.
  public static func rank(
    _ rows: [SummaryRow], category: String, indicator: String
  ) -> [RankedRegion]? {
    let regions = rows.filter {
      $0.category == category && $0.region != Analysis.allRegions
        && $0.region != Analysis.outsideRegion
    }
    guard regions.contains(where: { value(of: indicator, in: $0) != nil }) else { return nil }
    let valued = regions.map { row in
      RankedRegion(
        rank: nil, region: row.region, population: row.population,
        value: value(of: indicator, in: row) ?? nil)
    }
    let ordered = valued.enumerated().sorted { a, b in
      switch (a.element.value, b.element.value) {
      case (let x?, let y?): return x != y ? x > y : a.offset < b.offset
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return a.offset < b.offset
      }
    }.map(\.element)
    // Competition ranking: equal values share a rank (1, 2, 2, 4).
    var result: [RankedRegion] = []
    for (position, entry) in ordered.enumerated() {
      var ranked = entry
      if let value = entry.value {
        if let previous = result.last, previous.value == value {
          ranked.rank = previous.rank
        } else {
          ranked.rank = position + 1
        }
      }
      result.append(ranked)
    }
    return result
  }

  /// A one-line verdict in words.
  ///
  /// For a share indicator: "3 of 5 regions have more than 10 % of their people beyond
  /// 10km from grocery (Norsjö 13.7 %, …)."; for any other, the highest and lowest region.
  public static func verdict(
    _ ranked: [RankedRegion], category: String, indicator: String, shareLimit: Double
  ) -> String {
    let valued = ranked.filter { $0.value != nil }
    guard let top = valued.first, let bottom = valued.last else {
      return "No region has a value of \(indicator) for \(category)."
    }
    func percent(_ share: Double) -> String {
      let value = (share * 1000).rounded() / 10
      return (value == value.rounded() ? String(Int(value)) : String(value)) + " %"
    }
    if indicator.hasPrefix("beyond_"), indicator.hasSuffix("_share") {
      let threshold = indicator.dropFirst("beyond_".count).dropLast("_share".count)
      let over = valued.filter { ($0.value ?? 0) > shareLimit }
      let names = over.prefix(5).map { "\($0.region) \(percent($0.value ?? 0))" }
      let list =
        names.isEmpty
        ? ""
        : " (" + names.joined(separator: ", ")
          + (over.count > 5 ? ", …" : "") + ")"
      return "\(over.count) of \(valued.count) regions have more than \(percent(shareLimit)) "
        + "of their people beyond \(threshold) from \(category)\(list)."
    }
    func number(_ value: Double?) -> String {
      guard let value else { return "–" }
      return String((value * 1000).rounded() / 1000)
    }
    return "\(indicator) for \(category): highest in \(top.region) (\(number(top.value))), "
      + "lowest in \(bottom.region) (\(number(bottom.value)))."
  }
}

extension ServicePoint {
  /// Whether the service is open on `date` (`YYYY-MM-DD`): opened on or before it (or
  /// no opening date) and not closed on or before it.
  public func isOpen(on date: String) -> Bool {
    (opened.map { $0 <= date } ?? true) && (closed.map { $0 > date } ?? true)
  }
}
