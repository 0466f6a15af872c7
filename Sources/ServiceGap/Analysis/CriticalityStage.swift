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

  /// What closing each service alone would add to everyone's trips.
  ///
  /// A unit whose nearest service it is adds population × (cost to the second-nearest −
  /// cost to the nearest) to ``ClosureBurden/added``; a unit with no other service of the
  /// category would become unreachable and adds its people to ``ClosureBurden/orphaned``.
  ///
  /// - Parameters: As ``solePopulation(plan:services:alternatives:units:)``.
  /// - Returns: Per service of `services`, in the plan's unit (person-km or person-minutes).
  /// - Complexity: O(*u*) for *u* units.
  static func closureBurden(
    plan: CategoryPlan, services: [Int], alternatives: [ServiceAlternative?],
    units: [PopulationUnit]
  ) -> [ClosureBurden] {
    let position = Dictionary(uniqueKeysWithValues: services.enumerated().map { ($1, $0) })
    var burden = [ClosureBurden](
      repeating: ClosureBurden(added: 0, orphaned: 0), count: services.count)
    for (unit, person) in units.enumerated() where person.population > 0 {
      guard let found = alternatives[unit], let service = position[found.serviceIndex] else {
        continue
      }
      if let second = found.secondCost {
        burden[service].added += person.population * (second - found.cost) / plan.rawPerUnit
      } else {
        burden[service].orphaned += person.population
      }
    }
    return burden
  }
}

/// What closing one service would cost the people who use it (criticality in person-km).
public struct ClosureBurden: Hashable, Sendable {
  /// Σ population × (second-nearest − nearest) over the units whose nearest service it
  /// is, in the category's unit: person-km, or person-minutes for travel times.
  public var added: Double
  /// People left with no service of the category: they would become unreachable.
  public var orphaned: Double

  /// Creates a burden.
  public init(added: Double, orphaned: Double) {
    self.added = added
    self.orphaned = orphaned
  }
}
