/// Builds the per-region, per-category summary rows.
enum SummaryBuilder {
  static func rows(
    input: AnalysisInput, unitRegions: [Int?], serviceRegions: [Int?],
    nearest: [String: [NearestService?]],
    zoneArea: [StraightLineAnalysis.ZoneKey: Double]?
  ) -> [SummaryRow] {
    // Groups: each region, then outside (when some unit is outside), then ALL.
    enum Group: Hashable {
      case region(Int)
      case outside
      case all
    }
    var groups: [Group] = input.regions.indices.map { .region($0) }
    if unitRegions.contains(where: { $0 == nil }) { groups.append(.outside) }
    groups.append(.all)

    // Group members once: O(units + services), not once per group.
    var unitsByGroup: [Group: [Int]] = [.all: Array(unitRegions.indices)]
    for (unit, region) in unitRegions.enumerated() {
      unitsByGroup[region.map { .region($0) } ?? .outside, default: []].append(unit)
    }
    struct ServiceKey: Hashable {
      var group: Group
      var category: String
    }
    var servicesByGroup: [ServiceKey: Int] = [:]
    for (index, service) in input.services.enumerated() {
      let group: Group = serviceRegions[index].map { .region($0) } ?? .outside
      servicesByGroup[ServiceKey(group: group, category: service.category), default: 0] += 1
      // ALL counts the services located in the study area (in some region);
      // with no regions at all, every service.
      if serviceRegions[index] != nil || input.regions.isEmpty {
        servicesByGroup[ServiceKey(group: .all, category: service.category), default: 0] += 1
      }
    }
    func unitIndices(_ group: Group) -> [Int] { unitsByGroup[group] ?? [] }
    func serviceCount(_ group: Group, _ category: String) -> Int {
      servicesByGroup[ServiceKey(group: group, category: category)] ?? 0
    }
    func name(_ group: Group) -> String {
      switch group {
      case .region(let region): return input.regions[region].name
      case .outside: return StraightLineAnalysis.outsideRegion
      case .all: return StraightLineAnalysis.allRegions
      }
    }

    var rows: [SummaryRow] = []
    for group in groups {
      let members = unitIndices(group)
      let population = members.reduce(0) { $0 + input.units[$1].population }
      for category in input.categories {
        let distances = nearest[category] ?? []
        let samples = members.map { unit -> (value: Double?, weight: Double) in
          (distances[unit].map { $0.distanceMeters / 1000 }, input.units[unit].population)
        }
        let statistics = WeightedStatistics(samples)
        let unreachable = samples.filter { $0.value == nil }.reduce(0) { $0 + $1.weight }
        let services = serviceCount(group, category)
        let beyond = (input.thresholds[category] ?? []).sorted().map { threshold in
          let people = samples.filter { sample in
            sample.value.map { $0 > threshold.value } ?? true
          }.reduce(0) { $0 + $1.weight }
          var area: Double?
          if let zoneArea {
            switch group {
            case .region(let region):
              area = zoneArea[.init(region: region, category: category, threshold: threshold)] ?? 0
            case .all:
              area = input.regions.indices.reduce(0) {
                $0 + (zoneArea[.init(region: $1, category: category, threshold: threshold)] ?? 0)
              }
            case .outside:
              area = nil
            }
          }
          return BeyondThreshold(
            threshold: threshold, population: people,
            share: population > 0 ? people / population : nil, areaKm2: area)
        }
        rows.append(
          SummaryRow(
            region: name(group), category: category, population: population, services: services,
            servicesPer1000: population > 0 ? Double(services) / population * 1000 : nil,
            mean: statistics.mean, median: statistics.median, p90: statistics.p90,
            max: statistics.max, unit: .km, beyond: beyond, unreachablePopulation: unreachable))
      }
    }
    return rows
  }
}
