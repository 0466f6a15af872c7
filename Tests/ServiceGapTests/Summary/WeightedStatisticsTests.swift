import ServiceGap
import Testing

@testable import ServiceGap

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
