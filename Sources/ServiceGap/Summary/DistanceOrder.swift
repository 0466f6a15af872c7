/// The order in which the summary visits units: by value, ties by unit index, unreachable
/// (nil) last.
///
/// A least-significant-digit radix sort of the values' bit patterns, 16 bits a pass: a
/// non-negative double's bits order as the number does, and each pass is stable, so units
/// with equal values keep their index order. On a national run this is several times
/// faster than comparing pairs, for the same order. Negative values (no measure gives
/// them) fall back to that comparison sort.
enum DistanceOrder {
  /// The units with `populations[unit] > 0`, in summary order.
  static func units(values: [Double?], populations: [Double]) -> [Int32] {
    var keys: [UInt64] = []
    var units: [Int32] = []
    keys.reserveCapacity(values.count)
    units.reserveCapacity(values.count)
    for unit in values.indices where populations[unit] > 0 {
      guard let value = values[unit] else {
        keys.append(.max)
        units.append(Int32(unit))
        continue
      }
      guard value >= 0 else { return comparing(values: values, populations: populations) }
      // + 0 turns −0 into +0, which compares equal to it.
      keys.append((value + 0).bitPattern)
      units.append(Int32(unit))
    }
    radixSort(&keys, carrying: &units)
    return units
  }

  /// The same order by comparing (value, index) pairs.
  static func comparing(values: [Double?], populations: [Double]) -> [Int32] {
    var keyed: [(Double, Int32)] = []
    for unit in values.indices where populations[unit] > 0 {
      keyed.append((values[unit] ?? .infinity, Int32(unit)))
    }
    keyed.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
    return keyed.map(\.1)
  }

  /// Sorts `keys` ascending, stably, moving `units` along.
  private static func radixSort(_ keys: inout [UInt64], carrying units: inout [Int32]) {
    let count = keys.count
    guard count > 1 else { return }
    var keyBuffer = [UInt64](repeating: 0, count: count)
    var unitBuffer = [Int32](repeating: 0, count: count)
    var counts = [Int](repeating: 0, count: 1 << 16)
    for shift in stride(from: 0, to: 64, by: 16) {
      for index in counts.indices { counts[index] = 0 }
      for key in keys { counts[Int(truncatingIfNeeded: key >> UInt64(shift)) & 0xFFFF] += 1 }
      // A digit every key shares moves nothing.
      if counts.contains(count) { continue }
      var start = 0
      for digit in counts.indices {
        let size = counts[digit]
        counts[digit] = start
        start += size
      }
      keys.withUnsafeBufferPointer { keys in
        units.withUnsafeBufferPointer { units in
          keyBuffer.withUnsafeMutableBufferPointer { keyOut in
            unitBuffer.withUnsafeMutableBufferPointer { unitOut in
              for index in 0..<count {
                let digit = Int(truncatingIfNeeded: keys[index] >> UInt64(shift)) & 0xFFFF
                let target = counts[digit]
                counts[digit] = target + 1
                keyOut[target] = keys[index]
                unitOut[target] = units[index]
              }
            }
          }
        }
      }
      swap(&keys, &keyBuffer)
      swap(&units, &unitBuffer)
    }
  }
}
