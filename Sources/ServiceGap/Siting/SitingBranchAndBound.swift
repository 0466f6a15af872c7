/// The exact search for a ``SitingProblem``: depth-first branch and bound on
/// ``SitingRelaxation``, fixing one site in (first) or out at each node.
///
/// A node whose bound cannot beat the best known choice is dropped; the search ends when
/// none is left (the best choice is then proven optimal) or after `nodeLimit` nodes. A
/// search cut short still proves a bound: the largest bound among the nodes left open.
struct SitingBranchAndBound {
  /// The best choice found and its value.
  var choice: [Int]
  var value: Double
  /// No choice reaches more than this.
  var upper: Double
  /// Nodes explored.
  var nodes: Int

  private struct Node {
    var fixedIn: [Int]
    var fixedOut: [Int]
    var prices: [Double]
    /// The parent's bound: no choice below this node beats it.
    var bound: Double
  }

  init(
    problem: SitingProblem, incumbent: [Int], value: Double, root: SitingRelaxation,
    nodeLimit: Int?
  ) {
    var choice = incumbent
    var value = value
    var nodes = 0
    var stack = [Node(fixedIn: [], fixedOut: [], prices: root.prices, bound: root.upper)]
    func consider(_ sites: [Int]) {
      let candidate = problem.value(of: sites)
      if candidate > value {
        value = candidate
        choice = sites
      }
    }
    while let node = stack.popLast() {
      if let nodeLimit, nodes >= nodeLimit {
        stack.append(node)
        break
      }
      if problem.proves(bound: node.bound, value: value) { continue }
      nodes += 1
      var out = [Bool](repeating: false, count: problem.candidates)
      for site in node.fixedOut { out[site] = true }
      let free = problem.candidates - node.fixedIn.count - node.fixedOut.count
      let slots = problem.count - node.fixedIn.count
      if slots == 0 || free <= slots {
        // A leaf: the choice is settled (every free site taken when too few are left).
        let rest = (0..<problem.candidates).filter { !out[$0] && !node.fixedIn.contains($0) }
        consider(node.fixedIn + (slots == 0 ? [] : rest))
        continue
      }
      let relaxation = SitingRelaxation(
        problem: problem, fixedIn: node.fixedIn, fixedOut: out, prices: node.prices,
        lowerBound: value, iterations: 60)
      if relaxation.bestValue > value { consider(relaxation.bestChoice) }
      let bound = min(node.bound, relaxation.upper)
      if problem.proves(bound: bound, value: value) { continue }
      guard let site = relaxation.ranking.first else { continue }
      // Out is pushed first so that in, the likelier branch, is explored first.
      stack.append(
        Node(
          fixedIn: node.fixedIn, fixedOut: node.fixedOut + [site], prices: relaxation.prices,
          bound: bound))
      stack.append(
        Node(
          fixedIn: node.fixedIn + [site], fixedOut: node.fixedOut, prices: relaxation.prices,
          bound: bound))
    }
    self.choice = choice
    self.value = value
    self.nodes = nodes
    self.upper = stack.reduce(value) { max($0, $1.bound) }
  }
}
