/// Population-weighted statistics of distances, written straight from BRIEF's
/// definition: a slow, obvious reference for the library's one-pass summary.
///
/// Units with no people are ignored. Unreachable units (nil distance) sort after
/// every reachable one, so a quantile that falls on them is nil.
public struct WeightedStatistics: Equatable, Sendable {
  public var mean: Double?
  public var median: Double?
  public var p90: Double?
  public var max: Double?
  /// The population-weighted Gini of the reachable values, pair by pair (O(n²)):
  /// Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 W² mean); 0 when the mean is 0, nil without reachable people.
  public var gini: Double?
  /// Σ weight × value over the reachable samples.
  public var weightedSum: Double

  /// - Parameter samples: (distance or nil when unreachable, population) pairs.
  public init(_ samples: [(value: Double?, weight: Double)]) {
    let populated = samples.filter { $0.weight > 0 }
    let total = populated.reduce(0) { $0 + $1.weight }
    let reachable = populated.compactMap { sample in sample.value.map { ($0, sample.weight) } }
    let reachableWeight = reachable.reduce(0) { $0 + $1.1 }
    mean = reachableWeight > 0 ? reachable.reduce(0) { $0 + $1.0 * $1.1 } / reachableWeight : nil
    max = reachable.map(\.0).max()
    weightedSum = reachable.reduce(0) { $0 + $1.0 * $1.1 }
    if reachableWeight > 0 {
      var pairs = 0.0
      for (x, w) in reachable {
        for (y, v) in reachable { pairs += w * v * abs(x - y) }
      }
      gini = weightedSum > 0 ? pairs / (2 * reachableWeight * weightedSum) : 0
    }
    let sorted = populated.sorted { lhs, rhs in
      switch (lhs.value, rhs.value) {
      case (let a?, let b?): return a < b
      case (.some, nil): return true
      default: return false
      }
    }
    median = Self.quantile(0.5, sorted, total)
    p90 = Self.quantile(0.9, sorted, total)
  }

  /// The value of the first unit where cumulative population reaches q × total.
  static func quantile(
    _ q: Double, _ sorted: [(value: Double?, weight: Double)], _ total: Double
  ) -> Double? {
    guard total > 0 else { return nil }
    let target = q * total
    var cumulative = 0.0
    for sample in sorted {
      cumulative += sample.weight
      // A relative epsilon keeps round-off in the running sum from skipping a unit.
      if cumulative >= target * (1 - 1e-12) { return sample.value }
    }
    return sorted.last?.value
  }
}
