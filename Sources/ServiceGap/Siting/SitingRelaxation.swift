/// An upper bound on the value any choice of sites can reach: the Lagrangian relaxation of
/// a ``SitingProblem``, tightened by subgradient steps.
///
/// The problem with people yᵢⱼ of unit i served by site j: maximise Σ gᵢⱼ yᵢⱼ subject to
/// Σⱼ yᵢⱼ ≤ wᵢ, yᵢⱼ ≤ wᵢ xⱼ, Σᵢ yᵢⱼ ≤ N xⱼ (with a capacity), Σⱼ xⱼ = k. Relaxing each
/// unit's Σⱼ yᵢⱼ ≤ wᵢ with a price μᵢ ≥ 0 per person leaves
/// L(μ) = Σᵢ wᵢ μᵢ + the k largest ρⱼ(μ), where ρⱼ is the best site j can do alone at
/// gains gᵢⱼ − μᵢ: every unit with a positive one, or with a capacity the best N people
/// (a fractional knapsack). L(μ) is at least the optimum for every μ, and its minimum is
/// the linear programme's bound (Geoffrion's integrality property: each ρⱼ is solved by
/// its linear relaxation). The same relaxation bounds the maximal covering problem
/// (gains 1), the p-median (gains in km saved) and the capacitated covering problem.
///
/// Sites may be fixed in or out, for ``SitingBranchAndBound``. Each step's k sites are a
/// real choice too; the best of them is kept.
struct SitingRelaxation {
  /// No allowed choice reaches more than this.
  var upper: Double
  /// The prices that gave it, to start the next relaxation from.
  var prices: [Double]
  /// The best choice met on the way and its value.
  var bestChoice: [Int]
  var bestValue: Double
  /// The last step's chosen free sites (those that reach someone), most valuable first:
  /// which site to branch on.
  var ranking: [Int]

  /// Runs up to `iterations` subgradient steps from `prices` (zero prices give the sum of
  /// the k largest single-site values), halving the step size when the bound stalls for
  /// 20 steps, and stopping once the bound proves `lowerBound` or a choice it meets.
  ///
  /// - Parameters:
  ///   - problem: The problem.
  ///   - fixedIn: Sites every choice must hold.
  ///   - fixedOut: Sites no choice may hold (by candidate).
  ///   - prices: Where the prices start (one per unit), or nil for zero.
  ///   - lowerBound: The value of a choice already known.
  ///   - iterations: The most steps.
  init(
    problem: SitingProblem, fixedIn: [Int] = [], fixedOut: [Bool]? = nil,
    prices: [Double]? = nil, lowerBound: Double, iterations: Int
  ) {
    let units = problem.population.count
    let w = problem.population
    var mu = prices ?? [Double](repeating: 0, count: units)
    let isIn = Set(fixedIn)
    let open = (0..<problem.candidates).filter { !isIn.contains($0) && fixedOut?[$0] != true }
    // Sites that reach nobody are worth nothing at any price: they only fill the count.
    let free = open.filter { !problem.pairs($0).isEmpty }
    let slots = max(0, problem.count - fixedIn.count)
    let filler = Array(open.lazy.filter { problem.pairs($0).isEmpty }.prefix(slots))
    var upper = Double.infinity
    var best = lowerBound
    var bestChoice: [Int] = []
    var ranking: [Int] = []
    var theta = 2.0
    var stalled = 0
    var bestPrices = mu
    var served = [Double](repeating: 0, count: units)
    var worth = [Double](repeating: 0, count: problem.candidates)
    for _ in 0..<iterations {
      for site in isIn { worth[site] = Self.worth(problem, site, mu) }
      for site in free { worth[site] = Self.worth(problem, site, mu) }
      ranking = Self.best(slots, of: free, by: worth)
      let chosen = fixedIn + ranking + filler.prefix(slots - ranking.count)
      var value = zip(w, mu).reduce(0.0) { $0 + $1.0 * $1.1 }
      for site in chosen { value += worth[site] }
      if value < upper - 1e-9 * max(1, abs(upper == .infinity ? value : upper)) {
        upper = value
        bestPrices = mu
        stalled = 0
      } else {
        stalled += 1
        if stalled >= 20 {
          theta /= 2
          stalled = 0
        }
      }
      let real = problem.value(of: chosen)
      if real > best {
        best = real
        bestChoice = chosen
      }
      if problem.proves(bound: upper, value: best) || theta < 1e-4 { break }
      // Subgradient of L: the people each unit has minus those the chosen sites take.
      for unit in served.indices { served[unit] = 0 }
      for site in chosen { Self.take(problem, site, mu, into: &served) }
      var norm = 0.0
      for unit in 0..<units {
        let g = w[unit] - served[unit]
        norm += g * g
      }
      guard norm > 0 else { break }
      let step = theta * max(upper - best, 1e-9 * max(1, abs(upper))) / norm
      for unit in 0..<units {
        mu[unit] = max(0, mu[unit] - step * (w[unit] - served[unit]))
      }
    }
    self.upper = max(upper, best)
    self.prices = bestPrices
    self.bestChoice = bestChoice
    self.bestValue = best
    self.ranking = ranking
  }

  /// The `count` sites of `sites` with the largest `worth`, largest first (ties to the
  /// smaller index): one pass keeping a short sorted list, since `count` is small beside
  /// the candidates.
  static func best(_ count: Int, of sites: [Int], by worth: [Double]) -> [Int] {
    guard count > 0 else { return [] }
    var top: [Int] = []
    top.reserveCapacity(count + 1)
    func before(_ a: Int, _ b: Int) -> Bool { (worth[a], b) > (worth[b], a) }
    for site in sites {
      if top.count == count, let last = top.last, !before(site, last) { continue }
      var position = top.count
      while position > 0 && before(site, top[position - 1]) { position -= 1 }
      top.insert(site, at: position)
      if top.count > count { top.removeLast() }
    }
    return top
  }

  /// ρⱼ(μ): what site j alone earns at the reduced gains.
  static func worth(_ problem: SitingProblem, _ site: Int, _ mu: [Double]) -> Double {
    guard let capacity = problem.capacity else { return problem.excess(of: site, over: mu) }
    var sum = 0.0
    for (unit, amount) in knapsack(problem, site, mu, capacity: capacity) {
      sum += amount * (problem.gain[problem.start[site]] - mu[unit])
    }
    return sum
  }

  /// Adds the people site j takes at its best (ρⱼ's solution) to `served`.
  static func take(
    _ problem: SitingProblem, _ site: Int, _ mu: [Double], into served: inout [Double]
  ) {
    guard let capacity = problem.capacity else {
      for position in problem.pairs(site) {
        let unit = Int(problem.unit[position])
        if problem.gain[position] > mu[unit] { served[unit] += problem.population[unit] }
      }
      return
    }
    for (unit, amount) in knapsack(problem, site, mu, capacity: capacity) {
      served[unit] += amount
    }
  }

  /// The fractional knapsack of a capacitated site: its units by reduced gain, best first,
  /// filled to the capacity.
  static func knapsack(_ problem: SitingProblem, _ site: Int, _ mu: [Double], capacity: Double)
    -> [(unit: Int, amount: Double)]
  {
    var items: [(unit: Int, reduced: Double)] = []
    for position in problem.pairs(site) {
      let unit = Int(problem.unit[position])
      let reduced = problem.gain[position] - mu[unit]
      if reduced > 0 { items.append((unit, reduced)) }
    }
    items.sort { ($0.reduced, $1.unit) > ($1.reduced, $0.unit) }
    var room = capacity
    var taken: [(unit: Int, amount: Double)] = []
    for item in items where room > 0 {
      let amount = min(room, problem.population[item.unit])
      taken.append((item.unit, amount))
      room -= amount
    }
    return taken
  }
}
