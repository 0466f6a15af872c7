/// One chosen site, in the order that adds the most first.
public struct SiteChoice: Hashable, Sendable {
  /// Index into the candidates.
  public var candidate: Int
  /// What this site adds given the earlier ones: people newly within the threshold
  /// (coverage), or person-km saved (p-median).
  public var gain: Double
  /// What this site and the earlier ones bring together.
  public var cumulative: Double
}

/// Solves a ``SitingProblem``: greedy selection, swaps, the Lagrangian relaxation's own
/// choices, and branch and bound on the relaxation while the gap stays open.
public enum SitingSearch {
  /// The best choice found, how far the best possible may lie above it, and how hard the
  /// search had to look.
  public struct Outcome: Sendable {
    /// The chosen sites in greedy order among themselves.
    public var sites: [SiteChoice]
    /// Plain greedy (each step the largest gain; ties to the earlier candidate).
    public var greedy: [SiteChoice]
    /// The chosen sites' value.
    public var value: Double
    /// No choice reaches more (whole for whole-number problems).
    public var upperBound: Double
    /// Whether the bound proves the answer optimal.
    public var proven: Bool
    /// Branch-and-bound nodes explored (0 when the relaxation proved the answer).
    public var nodes: Int
  }

  /// - Parameters:
  ///   - problem: The problem.
  ///   - nodeLimit: The most branch-and-bound nodes to explore while the gap is open
  ///     (nil: until the optimum is proven).
  /// - Returns: The best choice and its proof.
  public static func solve(_ problem: SitingProblem, nodeLimit: Int? = 2000) -> Outcome {
    let all = Array(0..<problem.candidates)
    let greedy = greedyOrder(problem, allowed: all, count: problem.count)
    var chosen = greedy.map(\.candidate)
    improveBySwaps(&chosen, problem)
    var value = problem.value(of: chosen)
    let root = SitingRelaxation(problem: problem, lowerBound: value, iterations: 400)
    // The relaxation's steps may have met a better choice: improve that one by swaps too.
    if root.bestValue > value + 1e-9 {
      var steered = root.bestChoice
      improveBySwaps(&steered, problem)
      let steeredValue = problem.value(of: steered)
      if steeredValue > value {
        chosen = steered
        value = steeredValue
      }
    }
    var upper = root.upper
    var nodes = 0
    if !problem.proves(bound: upper, value: value), nodeLimit != 0 {
      // A node costs up to 60 relaxation steps over every pair: on large instances fewer
      // nodes keep the search to about 10⁹ such steps unless asked to prove.
      let work = 60 * (problem.unit.count + problem.candidates)
      let limit = nodeLimit.map { min($0, max(20, 1_000_000_000 / max(1, work))) }
      let exact = SitingBranchAndBound(
        problem: problem, incumbent: chosen, value: value, root: root, nodeLimit: limit)
      chosen = exact.choice
      value = exact.value
      upper = min(upper, exact.upper)
      nodes = exact.nodes
    }
    if problem.integral { upper = (upper + 1e-9).rounded(.down) }
    upper = max(upper, value)
    let ordered = greedyOrder(problem, allowed: chosen.sorted(), count: chosen.count)
    return Outcome(
      sites: ordered, greedy: greedy, value: ordered.last?.cumulative ?? 0, upperBound: upper,
      proven: problem.proves(bound: upper, value: value), nodes: nodes)
  }

  /// Greedy selection among `allowed` with lazy gain updates (CELF: every model here is
  /// submodular, so a gain only shrinks as sites are added); ties go to the smaller
  /// candidate index.
  static func greedyOrder(_ problem: SitingProblem, allowed: [Int], count: Int) -> [SiteChoice] {
    var chosen: [Int] = []
    var best = [Double](repeating: 0, count: problem.population.count)
    var total = 0.0
    func gain(_ candidate: Int) -> Double {
      if problem.capacity != nil { return problem.value(of: chosen + [candidate]) - total }
      return problem.excess(of: candidate, over: best)
    }
    // Upper bounds of each candidate's gain, best first (then smaller index).
    var bounds = allowed.map { (candidate: $0, bound: gain($0)) }
    bounds.sort { $0.bound != $1.bound ? $0.bound > $1.bound : $0.candidate < $1.candidate }
    var choices: [SiteChoice] = []
    while choices.count < count, !bounds.isEmpty {
      let top = bounds.removeFirst()
      let fresh = gain(top.candidate)
      if let next = bounds.first,
        fresh < next.bound || (fresh == next.bound && top.candidate > next.candidate)
      {
        // Stale bound: put it back in order and look again.
        let position =
          bounds.firstIndex {
            $0.bound < fresh || ($0.bound == fresh && $0.candidate > top.candidate)
          } ?? bounds.count
        bounds.insert((candidate: top.candidate, bound: fresh), at: position)
        continue
      }
      chosen.append(top.candidate)
      for position in problem.pairs(top.candidate) {
        let unit = Int(problem.unit[position])
        best[unit] = max(best[unit], problem.gain[position])
      }
      total += fresh
      choices.append(SiteChoice(candidate: top.candidate, gain: fresh, cumulative: total))
    }
    return choices
  }

  /// Swaps a chosen site for an unchosen candidate while that gains (first improvement,
  /// at most 50 rounds).
  static func improveBySwaps(_ chosen: inout [Int], _ problem: SitingProblem) {
    guard !chosen.isEmpty else { return }
    let useful = (0..<problem.candidates).filter { !problem.pairs($0).isEmpty }
    for _ in 0..<50 {
      let improved =
        problem.capacity == nil
        ? swapOnce(&chosen, problem, useful: useful)
        : swapOnceByValue(&chosen, problem, useful: useful)
      if !improved { return }
    }
  }

  /// One first-improving swap, priced from each unit's best and second-best gain.
  private static func swapOnce(_ chosen: inout [Int], _ problem: SitingProblem, useful: [Int])
    -> Bool
  {
    let units = problem.population.count
    var first = [Double](repeating: 0, count: units)
    var firstSite = [Int](repeating: -1, count: units)
    var second = [Double](repeating: 0, count: units)
    for site in chosen {
      for position in problem.pairs(site) {
        let unit = Int(problem.unit[position])
        let gain = problem.gain[position]
        if gain > first[unit] {
          second[unit] = first[unit]
          first[unit] = gain
          firstSite[unit] = site
        } else if gain > second[unit] {
          second[unit] = gain
        }
      }
    }
    let isChosen = Set(chosen)
    for (slot, site) in chosen.enumerated() {
      // What the units lose when this site goes: their best falls to the second best.
      var loss = 0.0
      for position in problem.pairs(site) {
        let unit = Int(problem.unit[position])
        if firstSite[unit] == site {
          loss += problem.population[unit] * (first[unit] - second[unit])
        }
      }
      for candidate in useful where !isChosen.contains(candidate) {
        var gain = 0.0
        for position in problem.pairs(candidate) {
          let unit = Int(problem.unit[position])
          let left = firstSite[unit] == site ? second[unit] : first[unit]
          let more = problem.gain[position] - left
          if more > 0 { gain += problem.population[unit] * more }
        }
        if gain > loss + 1e-9 * max(1, loss) {
          chosen[slot] = candidate
          return true
        }
      }
    }
    return false
  }

  /// One first-improving swap, each priced by valuing the whole new choice (capacities).
  private static func swapOnceByValue(
    _ chosen: inout [Int], _ problem: SitingProblem, useful: [Int]
  ) -> Bool {
    let value = problem.value(of: chosen)
    let isChosen = Set(chosen)
    for slot in chosen.indices {
      for candidate in useful where !isChosen.contains(candidate) {
        var trial = chosen
        trial[slot] = candidate
        if problem.value(of: trial) > value + 1e-9 * max(1, value) {
          chosen = trial
          return true
        }
      }
    }
    return false
  }
}
