/// An upper bound on the people any choice of `count` sites can cover: the Lagrangian
/// relaxation of the maximal covering location problem, tightened by subgradient steps.
///
/// The problem: maximise Σᵢ wᵢ yᵢ subject to yᵢ ≤ Σ_{j covers i} xⱼ, Σⱼ xⱼ = k, x and y in
/// {0, 1}. Relaxing the coverage constraints with multipliers λᵢ ≥ 0 leaves
/// L(λ) = Σᵢ max(0, wᵢ − λᵢ) + the sum of the k largest Σ_{i covered by j} λᵢ, which is at
/// least the optimum for every λ (Church and ReVelle's model; Galvão and ReVelle's
/// Lagrangian bound, equal to the LP bound). Each step's k sites are also a feasible
/// choice; the best of them is kept as a lower bound beside it.
struct CoverageBound {
  /// No choice of the sites covers more people than this.
  let upper: Double
  /// The best choice met on the way and the people it covers.
  let bestChoice: [Int]
  let bestValue: Double

  /// Runs up to `iterations` subgradient steps from λ = w (whose bound is the sum of the
  /// k largest single-site coverages), halving the step size when the bound stalls.
  init(
    covers: [[Int32]], population: [Double], count: Int, lowerBound: Double,
    iterations: Int = 400
  ) {
    let sites = covers.count
    let k = min(count, sites)
    var lambda = population
    var upper = Double.infinity
    var best = lowerBound
    var bestChoice: [Int] = []
    var theta = 2.0
    var stalled = 0
    var covering = [Int32](repeating: 0, count: population.count)
    for _ in 0..<iterations {
      // The relaxed problem: each site's worth, the k best, and the units kept.
      let worth = covers.map { $0.reduce(0.0) { $0 + lambda[Int($1)] } }
      let chosen = Array(
        sites == 0
          ? [] : worth.indices.sorted { (worth[$0], $1) > (worth[$1], $0) }.prefix(k))
      var value = chosen.reduce(0.0) { $0 + worth[$1] }
      for unit in population.indices where population[unit] > lambda[unit] {
        value += population[unit] - lambda[unit]
      }
      if value < upper - 1e-9 {
        upper = value
        stalled = 0
      } else {
        stalled += 1
        if stalled >= 20 {
          theta /= 2
          stalled = 0
        }
      }
      // The chosen sites as a real answer.
      for unit in covering.indices { covering[unit] = 0 }
      for site in chosen { for unit in covers[site] { covering[Int(unit)] += 1 } }
      let covered = population.indices.reduce(0.0) { covering[$1] > 0 ? $0 + population[$1] : $0 }
      if covered > best {
        best = covered
        bestChoice = chosen
      }
      if upper - best < 0.5 || theta < 1e-6 { break }
      // Subgradient of L: (sites covering i among the chosen) − (unit i kept).
      var gradient = [Double](repeating: 0, count: population.count)
      var norm = 0.0
      for unit in population.indices {
        let kept: Double = population[unit] > lambda[unit] ? 1 : 0
        let g = Double(covering[unit]) - kept
        gradient[unit] = g
        norm += g * g
      }
      guard norm > 0 else { break }
      let step = theta * (upper - best) / norm
      for unit in population.indices {
        lambda[unit] = max(0, lambda[unit] - step * gradient[unit])
      }
    }
    // Never below what some choice covers (rounding), never above everyone reachable.
    let reachable = Set(covers.flatMap { $0 }).reduce(0.0) { $0 + population[Int($1)] }
    self.upper = min(max(upper, best), reachable)
    self.bestChoice = bestChoice
    self.bestValue = best
  }
}
