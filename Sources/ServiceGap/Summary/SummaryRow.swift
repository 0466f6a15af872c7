/// Population and area beyond one threshold, within one summary row.
public struct BeyondThreshold: Hashable, Sendable {
  /// The threshold.
  public var threshold: Threshold
  /// People beyond the threshold, unreachable people included.
  public var population: Double
  /// `population` divided by the row's population; nil when the row has nobody.
  public var share: Double?
  /// Zone area beyond the threshold in km²; nil when no zones were computed.
  public var areaKm2: Double?

  /// Creates a beyond-threshold tally.
  public init(threshold: Threshold, population: Double, share: Double?, areaKm2: Double?) {
    self.threshold = threshold
    self.population = population
    self.share = share
    self.areaKm2 = areaKm2
  }
}

/// A population group's counts within one summary row (``AnalysisInput/groups``).
public struct GroupTally: Hashable, Sendable {
  /// The group's name, such as `kvinna` or `age_65_plus`.
  public var name: String
  /// The group's people in the row's region.
  public var population: Double
  /// Per threshold (the row's order), the group's people beyond it.
  ///
  /// Unreachable people included; the share is of the group (nil when the group has
  /// nobody there). Areas are nil.
  public var beyond: [BeyondThreshold]
  /// The group's people who cannot reach any service of the category.
  public var unreachablePopulation: Double

  /// Creates a group tally.
  public init(
    name: String, population: Double, beyond: [BeyondThreshold], unreachablePopulation: Double
  ) {
    self.name = name
    self.population = population
    self.beyond = beyond
    self.unreachablePopulation = unreachablePopulation
  }
}

/// One row of the summary: a region and a category.
public struct SummaryRow: Hashable, Sendable {
  /// Region name, `ALL` for the total, `outside` for units in no region.
  public var region: String
  /// Service category.
  public var category: String
  /// Total population of the region's units.
  public var population: Double
  /// Services of the category located in the region.
  public var services: Int
  /// Services per 1,000 inhabitants; nil when the region has nobody.
  public var servicesPer1000: Double?
  /// Population-weighted mean over reachable units, in ``unit``.
  public var mean: Double?
  /// Population-weighted median in ``unit``; nil when it falls on unreachable people.
  public var median: Double?
  /// Population-weighted 90th percentile in ``unit``; nil when it falls on unreachable people.
  public var p90: Double?
  /// Largest distance of a populated reachable unit, in ``unit``.
  public var max: Double?
  /// Unit of the statistics: km or min.
  public var unit: ThresholdUnit
  /// One tally per threshold, in ascending order.
  public var beyond: [BeyondThreshold]
  /// People who cannot reach any service of the category.
  public var unreachablePopulation: Double
  /// Population-weighted Gini coefficient of the distance (or time) over the reachable
  /// people: 0 when everyone is equally far, towards 1 when a few carry all the
  /// distance; nil when nobody can reach a service.
  public var gini: Double?
  /// The total travel burden: Σ population × distance over reachable people, in
  /// person-``unit`` (person-km, or person-minutes for times).
  public var personDistance: Double
  /// The row's counts per population group, in ``AnalysisInput/groups`` order.
  public var groups: [GroupTally]

  /// The Palma-style ratio ``p90`` / ``median``; nil when either is nil or the median is 0.
  public var p90ToMedian: Double? {
    guard let p90, let median, median > 0 else { return nil }
    return p90 / median
  }

  /// Creates a summary row.
  public init(
    region: String, category: String, population: Double, services: Int,
    servicesPer1000: Double?, mean: Double?, median: Double?, p90: Double?, max: Double?,
    unit: ThresholdUnit, beyond: [BeyondThreshold], unreachablePopulation: Double,
    gini: Double? = nil, personDistance: Double = 0, groups: [GroupTally] = []
  ) {
    self.gini = gini
    self.personDistance = personDistance
    self.groups = groups
    self.region = region
    self.category = category
    self.population = population
    self.services = services
    self.servicesPer1000 = servicesPer1000
    self.mean = mean
    self.median = median
    self.p90 = p90
    self.max = max
    self.unit = unit
    self.beyond = beyond
    self.unreachablePopulation = unreachablePopulation
  }
}
