import ServiceGapTestSupport
import Testing

@testable import ServiceGap

/// The reference statistics (test support) on hand-made cases.
@Suite("Population-weighted statistics")
struct WeightedStatisticsTests {
  @Test func quantileIsFirstUnitReachingTheShare() {
    // 100 people at 1 km, 100 at 2 km, 800 at 10 km.
    let stats = WeightedStatistics([(1, 100), (10, 800), (2, 100)])
    #expect(stats.median == 10)
    #expect(stats.p90 == 10)
    #expect(stats.max == 10)
    #expect(stats.mean == (100 + 200 + 8000) / 1000.0)
  }

  @Test func giniOfTwoGroups() {
    // Half the people at 0 km, half at 2 km: mean 1, mean absolute difference 1, Gini 0.5.
    #expect(WeightedStatistics([(0, 10), (2, 10)]).gini == 0.5)
    // Everyone equally far, or everyone at 0 km: 0; nobody reachable: nil.
    #expect(WeightedStatistics([(3, 5), (3, 7)]).gini == 0)
    #expect(WeightedStatistics([(0, 5), (0, 7)]).gini == 0)
    #expect(WeightedStatistics([(nil, 5)]).gini == nil)
  }

  @Test func exactBoundaryTakesTheUnitThatReachesIt() {
    let stats = WeightedStatistics([(1, 50), (2, 50)])
    #expect(stats.median == 1)  // cumulative 50 reaches 0.5 × 100 at the first unit
    #expect(stats.p90 == 2)
  }

  @Test func quantileOnUnreachablePeopleIsNil() {
    let stats = WeightedStatistics([(1, 10), (nil, 90)])
    #expect(stats.median == nil)
    #expect(stats.p90 == nil)
    #expect(stats.mean == 1)
    #expect(stats.max == 1)
  }

  @Test func emptyUnitsAreIgnored() {
    let stats = WeightedStatistics([(100, 0), (3, 5)])
    #expect(stats.max == 3)
    #expect(stats.median == 3)
    #expect(WeightedStatistics([]).mean == nil)
  }
}

/// The library's one-pass summary against the reference on seeded random data,
/// with several regions, unreachable units, empty units and ties.
@Suite("One-pass summary tallies")
struct SummaryTallyTests {
  @Test func matchesReferenceStatistics() {
    withEvery(seed: 0..<30) { seed, random in
      let count = Int.random(in: 1...300, using: &random)
      let regions = Int.random(in: 1...5, using: &random)
      var distances: [Double?] = []
      var populations: [Double] = []
      var slots: [Int] = []
      for _ in 0..<count {
        // Rounded distances make ties common.
        let distance = (Double.random(in: 0...30, using: &random) * 2).rounded() / 2
        distances.append(Int.random(in: 0..<10, using: &random) == 0 ? nil : distance)
        populations.append(Double(Int.random(in: 0...50, using: &random)))
        slots.append(Int.random(in: 0...regions, using: &random))  // `regions` = outside
      }
      var groupPopulation = [Double](repeating: 0, count: regions + 2)
      for (unit, slot) in slots.enumerated() {
        groupPopulation[slot] += populations[unit]
        groupPopulation[regions + 1] += populations[unit]
      }
      let thresholds = [5.0, 10.0]
      let tallies = SummaryBuilder.tallies(
        distances: distances, populations: populations, slots: slots,
        groupPopulation: groupPopulation, thresholds: thresholds)
      for slot in 0...(regions + 1) {
        let members = slots.indices.filter { slot == regions + 1 || slots[$0] == slot }
        let reference = WeightedStatistics(members.map { (distances[$0], populations[$0]) })
        let tally = tallies[slot]
        #expect(tally.median == reference.median, "seed \(seed) slot \(slot)")
        #expect(tally.p90 == reference.p90, "seed \(seed) slot \(slot)")
        #expect(tally.max == reference.max, "seed \(seed) slot \(slot)")
        let mean = tally.reachableWeight > 0 ? tally.weightedSum / tally.reachableWeight : nil
        switch (mean, reference.mean) {
        case (nil, nil): break
        case (let mean?, let expected?):
          #expect(abs(mean - expected) < 1e-9, "seed \(seed) slot \(slot)")
        case (let mean, let expected):
          let (found, wanted) = (String(describing: mean), String(describing: expected))
          Issue.record("seed \(seed) slot \(slot): mean \(found) vs \(wanted)")
        }
        #expect(
          abs(tally.weightedSum - reference.weightedSum) <= 1e-9 * Swift.max(1, tally.weightedSum),
          "seed \(seed) slot \(slot): person-km")
        switch (tally.gini, reference.gini) {
        case (nil, nil): break
        case (let gini?, let expected?):
          #expect(abs(gini - expected) < 1e-12, "seed \(seed) slot \(slot): Gini")
        case (let gini, let expected):
          let (found, wanted) = (String(describing: gini), String(describing: expected))
          Issue.record("seed \(seed) slot \(slot): Gini \(found) vs \(wanted)")
        }
        for (index, threshold) in thresholds.enumerated() {
          let beyond = members.filter { distances[$0].map { $0 > threshold } ?? true }
            .reduce(0) { $0 + populations[$1] }
          #expect(tally.beyond[index] == beyond, "seed \(seed) slot \(slot)")
        }
      }
    }
  }
}
