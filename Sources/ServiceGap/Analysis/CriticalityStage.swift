/// The criticality stage: for every service, the people who would move beyond each
/// threshold if it alone closed.
enum CriticalityStage {
  /// Closure criticality of one category's services.
  ///
  /// Those whose nearest service it is, who are within the threshold, and whose next
  /// nearest lies beyond it (or who have no other service) count for the service.
  ///
  /// - Parameters:
  ///   - plan: The category's plan.
  ///   - services: Indices of the category's services, ascending.
  ///   - alternatives: Per unit, its service in the plan's measure and the cost without it.
  ///   - units: The units (their populations).
  /// - Returns: Per service of `services`, per threshold (ascending), the people.
  /// - Complexity: O(*u* · *t*) for *u* units and *t* thresholds.
  static func solePopulation(
    plan: CategoryPlan, services: [Int], alternatives: [ServiceAlternative?],
    units: [PopulationUnit]
  ) -> [[Double]] {
    let position = Dictionary(uniqueKeysWithValues: services.enumerated().map { ($1, $0) })
    var sole = services.map { _ in [Double](repeating: 0, count: plan.thresholds.count) }
    for (unit, person) in units.enumerated() where person.population > 0 {
      guard let found = alternatives[unit], let service = position[found.serviceIndex] else {
        continue
      }
      let value = found.cost / plan.rawPerUnit
      let without = found.secondCost.map { $0 / plan.rawPerUnit } ?? .infinity
      for (index, threshold) in plan.thresholds.enumerated()
      where value <= threshold.value && without > threshold.value {
        sole[service][index] += person.population
      }
    }
    return sole
  }
}
