/// The fewest sites that bring everyone within the threshold whom any candidate can (set
/// cover), or with a capacity the fewest that can serve everyone some site could.
///
/// Solved through the covering problem: k sites suffice exactly when the best choice of k
/// covers everyone. Greedy gives a feasible count; the covering problem's relaxation
/// proves every smaller count that cannot (a lower bound, by binary search, since the
/// optimum only grows with k); then each count from the lower bound up is searched
/// exactly, within the node limit, until one covers everyone.
enum SetCoverSiting {
  static func solve(
    covers: [[(unit: Int, gain: Double)]], population: [Double], capacity: Double?,
    nodeLimit: Int?, uncoveredPopulation: Double
  ) -> SitingResult {
    // Without a capacity every unit counts once, whatever its people: each must be covered.
    let weights = capacity == nil ? population.map { $0 > 0 ? 1.0 : 0 } : population
    func problem(_ count: Int, _ weights: [Double]) -> SitingProblem {
      SitingProblem(population: weights, reach: covers, count: count, capacity: capacity)
    }
    let all = problem(covers.count, weights)
    let target = all.value(of: Array(covers.indices))
    let reachable = problem(covers.count, population).value(of: Array(covers.indices))
    func coversEveryone(_ value: Double) -> Bool { value >= target - 1e-9 * max(1, target) }

    // Greedy until everyone is covered.
    let greedyAll = SitingSearch.greedyOrder(
      all, allowed: Array(covers.indices), count: covers.count)
    let greedyCount =
      (greedyAll.firstIndex { coversEveryone($0.cumulative) } ?? (greedyAll.count - 1)) + 1
    var best = target > 0 ? Array(greedyAll.prefix(greedyCount).map(\.candidate)) : []

    // The lower bound: every count whose relaxation cannot reach everyone is too few.
    var low = best.isEmpty ? 0 : 1
    var high = best.count
    while low < high {
      let middle = (low + high) / 2
      let relaxation = SitingRelaxation(
        problem: problem(middle, weights), lowerBound: 0, iterations: 400)
      let bound = all.integral ? (relaxation.upper + 1e-9).rounded(.down) : relaxation.upper
      if coversEveryone(bound) { high = middle } else { low = middle + 1 }
    }
    var lower = low
    var nodes = 0
    // Search each count from the bound up until one covers everyone.
    var count = lower
    while count < best.count {
      let outcome = SitingSearch.solve(problem(count, weights), nodeLimit: nodeLimit)
      nodes += outcome.nodes
      if coversEveryone(outcome.value) {
        best = outcome.sites.map(\.candidate)
        break
      }
      guard outcome.proven else { break }
      lower = count + 1
      count += 1
    }
    let display = problem(best.count, population)
    let sites = SitingSearch.greedyOrder(display, allowed: best.sorted(), count: best.count)
    let greedy = SitingSearch.greedyOrder(
      display, allowed: greedyAll.prefix(greedyCount).map(\.candidate).sorted(),
      count: greedyCount)
    return SitingResult(
      objective: .coverAll, sites: sites, greedy: target > 0 ? greedy : [],
      value: Double(best.count), bound: Double(min(lower, best.count)),
      proven: lower >= best.count, nodes: nodes, uncoveredPopulation: uncoveredPopulation,
      unreachablePopulation: uncoveredPopulation - reachable, basePersonKm: 0,
      unservedPopulation: 0)
  }
}
