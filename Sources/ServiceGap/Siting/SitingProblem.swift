/// A siting problem in one shape for every model: choose `count` candidates so that the
/// people they serve gain the most.
///
/// Each candidate lists the units it could serve and the gain per person there: 1 for
/// coverage (a person brought within the threshold), the kilometres saved for the
/// p-median (how much nearer than the nearest existing service). A unit counts its best
/// gain among the chosen sites, so the value of a choice is Σᵢ wᵢ · max_{j chosen} gᵢⱼ.
/// With a `capacity`, a new site serves at most that many people, and the people of a
/// unit may be shared between sites (then every gain must be 1: capacitated coverage).
public struct SitingProblem: Sendable {
  /// People per unit (only units some candidate could serve matter).
  public let population: [Double]
  /// How many sites to choose (at most the number of candidates).
  public let count: Int
  /// The most people one new site may serve, or nil for no limit.
  public let capacity: Double?
  /// Candidate j's units are `unit[start[j]..<start[j + 1]]` with `gain` beside them.
  let start: [Int]
  let unit: [Int32]
  let gain: [Double]
  /// Whether every value is a whole number (whole people, every gain 1): then a bound
  /// below the answer plus one proves it optimal.
  let integral: Bool

  /// - Parameters:
  ///   - population: People per unit.
  ///   - reach: Per candidate, the units it could serve with the gain per person (> 0;
  ///     pairs with no gain are dropped).
  ///   - count: Sites to choose.
  ///   - capacity: People one new site may serve; then every gain must be 1.
  public init(
    population: [Double], reach: [[(unit: Int, gain: Double)]], count: Int,
    capacity: Double? = nil
  ) {
    precondition(
      capacity == nil || reach.allSatisfy { $0.allSatisfy { $0.gain == 1 } },
      "a capacity applies to coverage (every gain 1)")
    self.population = population
    self.count = min(count, reach.count)
    self.capacity = capacity
    var start = [0]
    var unit: [Int32] = []
    var gain: [Double] = []
    for pairs in reach {
      for pair in pairs.sorted(by: { $0.unit < $1.unit }) where pair.gain > 0 {
        unit.append(Int32(pair.unit))
        gain.append(pair.gain)
      }
      start.append(unit.count)
    }
    self.start = start
    self.unit = unit
    self.gain = gain
    integral = gain.allSatisfy { $0 == 1 } && population.allSatisfy { $0 == $0.rounded() }
  }

  /// The number of candidates.
  public var candidates: Int { start.count - 1 }

  /// Candidate j's positions in `unit` and `gain`.
  func pairs(_ candidate: Int) -> Range<Int> { start[candidate]..<start[candidate + 1] }

  /// The value of choosing `sites`: the gain of every unit at its best chosen site, or
  /// with a capacity the most people the sites can serve together (a maximum flow).
  public func value(of sites: [Int]) -> Double {
    if let capacity {
      return CapacitatedFlow.served(problem: self, sites: sites, capacity: capacity)
    }
    var best = [Double](repeating: 0, count: population.count)
    for site in sites {
      for position in pairs(site) {
        let unit = Int(unit[position])
        best[unit] = max(best[unit], gain[position])
      }
    }
    return zip(best, population).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// What `site` earns above each unit's `level` per person: Σ wᵢ · max(0, gᵢ − levelᵢ)
  /// over its units (the greedy gain over the best gains so far, or the relaxation's worth
  /// at prices μ).
  func excess(of site: Int, over level: [Double]) -> Double {
    var sum = 0.0
    for position in pairs(site) {
      let member = Int(unit[position])
      let more = gain[position] - level[member]
      if more > 0 { sum += population[member] * more }
    }
    return sum
  }

  /// Two values equal as far as proofs go: within half a person for whole numbers, else
  /// within a relative 1e-9.
  func proves(bound: Double, value: Double) -> Bool {
    integral
      ? bound < value + 1 - 1e-9
      : bound <= value + 1e-9 * max(1, abs(value))
  }
}
