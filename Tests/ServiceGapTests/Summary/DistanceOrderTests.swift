import ServiceGapTestSupport
import Testing

@testable import ServiceGap

/// The summary's radix order against the plain comparison of (value, index) pairs.
@Suite("Summary order")
struct DistanceOrderTests {
  /// Values drawn to collide: repeated values, zeros of both signs, unreachable units,
  /// units without people, values spanning every 16-bit digit of the bit pattern.
  static func values(count: Int, random: inout SeededRandom) -> (
    values: [Double?], populations: [Double]
  ) {
    let pool: [Double] = (0..<20).map { _ in Double.random(in: 0..<50_000, using: &random) }
    var values: [Double?] = []
    var populations: [Double] = []
    for _ in 0..<count {
      switch Int.random(in: 0..<10, using: &random) {
      case 0: values.append(nil)
      case 1: values.append(Bool.random(using: &random) ? 0.0 : -0.0)
      case 2, 3: values.append(pool.randomElement(using: &random))
      case 4: values.append(Double.random(in: 0..<1e-300, using: &random))
      case 5: values.append(Double.random(in: 0..<1e300, using: &random))
      default: values.append(Double.random(in: 0..<200_000, using: &random))
      }
      populations.append(Int.random(in: 0..<8, using: &random) == 0 ? 0 : 12.5)
    }
    return (values, populations)
  }

  @Test func sameOrderAsComparingPairs() {
    withEvery(seed: 0..<12) { seed, random in
      let count = seed < 4 ? Int.random(in: 0..<40, using: &random) : 100_000
      let (values, populations) = Self.values(count: count, random: &random)
      let radix = DistanceOrder.units(values: values, populations: populations)
      #expect(
        radix == DistanceOrder.comparing(values: values, populations: populations),
        "seed \(seed)")
      #expect(radix.allSatisfy { populations[Int($0)] > 0 }, "seed \(seed)")
    }
  }

  /// The comparison is itself checked by hand here, so the test above cannot pass with
  /// both wrong in the same way.
  @Test func handMadeOrder() {
    let values: [Double?] = [5, nil, 0, 5, -0.0, 1e-310, 3, nil, 2]
    let populations: [Double] = [1, 1, 1, 1, 1, 1, 0, 1, 1]
    #expect(
      DistanceOrder.units(values: values, populations: populations) == [2, 4, 5, 8, 0, 3, 1, 7])
  }

  @Test func negativeValuesFallBackToComparing() {
    let values: [Double?] = [2, -1, nil, 0]
    #expect(DistanceOrder.units(values: values, populations: [1, 1, 1, 1]) == [1, 3, 0, 2])
  }
}
