/// A tiny deterministic generator (SplitMix64) for seeded sweeps.
public struct SeededRandom: RandomNumberGenerator {
  private var state: UInt64

  /// Creates a generator; the same seed always gives the same sequence.
  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Runs `body` once per seed; the seed is passed in so failures can name it.
public func withEvery(
  seed seeds: Range<UInt64>, _ body: (UInt64, inout SeededRandom) throws -> Void
)
  rethrows
{
  for seed in seeds {
    var random = SeededRandom(seed: seed)
    try body(seed, &random)
  }
}
