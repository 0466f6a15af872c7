/// Builds the per-region, per-category summary rows.
///
/// Units are sorted by distance once per category; one pass in that order
/// then fills every region's weighted quantiles at once, so the cost is
/// O(*u* log *u*) per category however many regions there are.
enum SummaryBuilder {
  /// A summary group: a region, the units in no region, or everybody.
  enum Group: Hashable {
    case region(Int)
    case outside
    case all
  }

  /// The summary rows.
  ///
  /// - Parameters:
  ///   - input: The analysis input (units, services, regions, plans).
  ///   - unitRegions: Each unit's region (nil = outside).
  ///   - serviceRegions: Each service's region (nil = outside).
  ///   - values: Per plan (by position), every unit's value in the plan's unit (nil =
  ///     unreachable); asked for when the plan is summarised, so only the plans in hand
  ///     hold theirs (8 categories × 500,000 units would be 64 MB at the run's peak).
  ///   - zoneArea: Zone areas in km² by region, plan and threshold; nil when not drawn.
  ///   - workers: Threads (one category each).
  /// - Returns: Each region (in input order), then `outside` if any, then `ALL`; within a
  ///   region, the plans' order.
  static func rows(
    input: AnalysisInput, unitRegions: [Int?], serviceRegions: [Int?],
    values: @Sendable (Int) -> [Double?], zoneArea: [ZoneStage.ZoneKey: Double]?,
    workers: Int = 1
  ) -> [SummaryRow] {
    let regionCount = input.regions.count
    // Group slots: 0..<regionCount are regions, then outside, then ALL.
    let outsideSlot = regionCount
    let allSlot = regionCount + 1
    let unitSlot = unitRegions.map { $0 ?? outsideSlot }
    let populations = input.units.map(\.population)
    var groupPopulation = [Double](repeating: 0, count: regionCount + 2)
    for (unit, slot) in unitSlot.enumerated() {
      groupPopulation[slot] += populations[unit]
      groupPopulation[allSlot] += populations[unit]
    }
    var groups: [Group] = input.regions.indices.map { .region($0) }
    // Without regions, everybody is "outside" and ALL already says it all: one row, not two.
    if !input.regions.isEmpty, unitRegions.contains(where: { $0 == nil }) {
      groups.append(.outside)
    }
    groups.append(.all)

    // ALL counts the services located in the study area (in some region);
    // with no regions at all, every service.
    var serviceCounts: [String: [Int]] = [:]
    for (index, service) in input.services.enumerated() {
      var counts = serviceCounts[service.category] ?? Array(repeating: 0, count: regionCount + 2)
      counts[serviceRegions[index] ?? outsideSlot] += 1
      if serviceRegions[index] != nil || input.regions.isEmpty { counts[allSlot] += 1 }
      serviceCounts[service.category] = counts
    }

    let plans = input.plans
    let totals = groupPopulation
    // parallelMap only rethrows what the body throws, and this body throws nothing.
    let summarised: [(tallies: [Tally], groups: [[GroupCount]])] =
      (try? parallelMap(plans.count, workers: workers) { index in
        let distances = values(index)
        let thresholds = plans[index].thresholds.map(\.value)
        return (
          tallies(
            distances: distances, populations: populations, slots: unitSlot,
            groupPopulation: totals, thresholds: thresholds),
          groupCounts(
            input: input, distances: distances, slots: unitSlot, slotCount: regionCount + 2,
            thresholds: thresholds)
        )
      }) ?? []
    let statistics = summarised.map(\.tallies)
    let groupStatistics = summarised.map(\.groups)

    var rows: [SummaryRow] = []
    for group in groups {
      let slot: Int
      let name: String
      switch group {
      case .region(let region):
        slot = region
        name = input.regions[region].name
      case .outside:
        slot = outsideSlot
        name = Analysis.outsideRegion
      case .all:
        slot = allSlot
        name = Analysis.allRegions
      }
      let population = groupPopulation[slot]
      for (category, plan) in plans.enumerated() {
        let tally = statistics[category][slot]
        let services = serviceCounts[plan.name]?[slot] ?? 0
        let beyond = plan.thresholds.enumerated().map { index, threshold in
          var area: Double?
          if let zoneArea {
            switch group {
            case .region(let region):
              area = zoneArea[.init(region: region, category: category, threshold: index)] ?? 0
            case .all:
              area = input.regions.indices.reduce(0) {
                $0 + (zoneArea[.init(region: $1, category: category, threshold: index)] ?? 0)
              }
            case .outside:
              area = nil
            }
          }
          let people = tally.beyond[index]
          return BeyondThreshold(
            threshold: threshold, population: people,
            share: population > 0 ? people / population : nil, areaKm2: area)
        }
        let groups = zip(input.groups, groupStatistics[category][slot]).map { name, count in
          count.tally(name: name, thresholds: plan.thresholds)
        }
        rows.append(
          SummaryRow(
            region: name, category: plan.name, population: population, services: services,
            servicesPer1000: population > 0 ? Double(services) / population * 1000 : nil,
            mean: tally.reachableWeight > 0 ? tally.weightedSum / tally.reachableWeight : nil,
            median: tally.median, p90: tally.p90, max: tally.max, unit: plan.unit,
            beyond: beyond, unreachablePopulation: tally.unreachable, gini: tally.gini,
            personDistance: tally.weightedSum, groups: groups))
      }
    }
    return rows
  }

  /// Running statistics of one group for one category.
  struct Tally: Sendable {
    var weightedSum = 0.0
    var reachableWeight = 0.0
    /// Σ over pairs of reachable units of wᵢ wⱼ |xᵢ − xⱼ|, each pair once: the Gini's
    /// numerator, built in ascending order as Σᵢ wᵢ (xᵢ · W₍<ᵢ₎ − S₍<ᵢ₎).
    var pairDifferences = 0.0
    var unreachable = 0.0
    var max: Double?
    var cumulative = 0.0
    var median: Double?
    var p90: Double?
    var medianFound = false
    var p90Found = false
    var beyond: [Double]

    /// The population-weighted Gini coefficient, Σᵢ Σⱼ wᵢ wⱼ |xᵢ − xⱼ| / (2 W² mean) =
    /// pairs / (W · S); 0 when every reachable unit is at the same distance, nil when
    /// nobody is reachable.
    var gini: Double? {
      guard reachableWeight > 0 else { return nil }
      guard weightedSum > 0 else { return 0 }
      return Swift.min(1, Swift.max(0, pairDifferences / (reachableWeight * weightedSum)))
    }
  }

  /// One pass over the units sorted by distance (unreachable last), filling
  /// each unit's group and ALL.
  ///
  /// Quantiles follow ``WeightedStatistics``.
  static func tallies(
    distances: [Double?], populations: [Double], slots: [Int], groupPopulation: [Double],
    thresholds: [Double]
  ) -> [Tally] {
    let allSlot = groupPopulation.count - 1
    var tallies = [Tally](
      repeating: Tally(beyond: Array(repeating: 0, count: thresholds.count)),
      count: groupPopulation.count)
    func add(_ unit: Int, to slot: Int) {
      let weight = populations[unit]
      let value = distances[unit]
      // Mutated in place: copying a Tally out would copy its `beyond` array per unit.
      if let value {
        // Units arrive in ascending order, so every earlier reachable unit is nearer.
        tallies[slot].pairDifferences +=
          weight * (value * tallies[slot].reachableWeight - tallies[slot].weightedSum)
        tallies[slot].weightedSum += value * weight
        tallies[slot].reachableWeight += weight
        tallies[slot].max = Swift.max(tallies[slot].max ?? value, value)
      } else {
        tallies[slot].unreachable += weight
      }
      for (index, threshold) in thresholds.enumerated() where value.map({ $0 > threshold }) ?? true
      {
        tallies[slot].beyond[index] += weight
      }
      tallies[slot].cumulative += weight
      let cumulative = tallies[slot].cumulative
      let total = groupPopulation[slot]
      // A relative epsilon keeps round-off in the running sum from skipping a unit.
      if !tallies[slot].medianFound, cumulative >= 0.5 * total * (1 - 1e-12) {
        tallies[slot].median = value
        tallies[slot].medianFound = true
      }
      if !tallies[slot].p90Found, cumulative >= 0.9 * total * (1 - 1e-12) {
        tallies[slot].p90 = value
        tallies[slot].p90Found = true
      }
    }
    for unit in DistanceOrder.units(values: distances, populations: populations) {
      let unit = Int(unit)
      // The unit's own group, then ALL.
      if slots[unit] != allSlot { add(unit, to: slots[unit]) }
      add(unit, to: allSlot)
    }
    return tallies
  }

  /// One population group's counts in one summary group.
  struct GroupCount {
    var population = 0.0
    var beyond: [Double]
    var unreachable = 0.0

    func tally(name: String, thresholds: [Threshold]) -> GroupTally {
      GroupTally(
        name: name, population: population,
        beyond: zip(thresholds, beyond).map { threshold, people in
          BeyondThreshold(
            threshold: threshold, population: people,
            share: population > 0 ? people / population : nil, areaKm2: nil)
        }, unreachablePopulation: unreachable)
    }
  }

  /// Per summary slot, per population group: its people, beyond each threshold, unreachable.
  ///
  /// Counts need no order, so every unit with group members counts, even one whose total
  /// population is 0.
  static func groupCounts(
    input: AnalysisInput, distances: [Double?], slots: [Int], slotCount: Int,
    thresholds: [Double]
  ) -> [[GroupCount]] {
    let groupCount = input.groups.count
    guard groupCount > 0 else { return Array(repeating: [], count: slotCount) }
    let allSlot = slotCount - 1
    var counts = [[GroupCount]](
      repeating: Array(
        repeating: GroupCount(beyond: Array(repeating: 0, count: thresholds.count)),
        count: groupCount),
      count: slotCount)
    for (unit, person) in input.units.enumerated() {
      let value = distances[unit]
      let targets = slots[unit] == allSlot ? [allSlot] : [slots[unit], allSlot]
      for group in 0..<Swift.min(groupCount, person.groups.count) {
        let people = person.groups[group]
        guard people > 0 else { continue }
        for slot in targets {
          counts[slot][group].population += people
          if value == nil { counts[slot][group].unreachable += people }
          for (index, threshold) in thresholds.enumerated()
          where value.map({ $0 > threshold }) ?? true {
            counts[slot][group].beyond[index] += people
          }
        }
      }
    }
    return counts
  }
}
