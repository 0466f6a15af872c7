/// The nearest service of one category for one population unit.
public struct NearestService: Hashable, Sendable {
  /// Index of the service in the analysis input's `services` array.
  public var serviceIndex: Int
  /// Identifier of the service (`C_nearest` in `units.geojson`).
  public var serviceID: String
  /// Straight-line (geodesic) distance in metres, or the road distance in network mode.
  public var distanceMeters: Double

  /// Creates a nearest-service record.
  public init(serviceIndex: Int, serviceID: String, distanceMeters: Double) {
    self.serviceIndex = serviceIndex
    self.serviceID = serviceID
    self.distanceMeters = distanceMeters
  }
}

/// One connected service-sparse zone: territory of a region beyond a threshold.
public struct Zone: Hashable, Sendable {
  /// Name of the region the zone lies in.
  public var region: String
  /// Service category.
  public var category: String
  /// The threshold the zone lies beyond.
  public var threshold: Threshold
  /// People whose unit point lies inside the zone, whatever region they were assigned to.
  public var population: Double
  /// Area in km², measured in the working CRS.
  public var areaKm2: Double
  /// Name of the most populous unit inside the zone; empty when nobody lives there.
  public var largestPlace: String
  /// The zone's polygon in WGS 84 (outer ring first, then holes).
  public var polygon: PolygonRings

  /// Creates a zone.
  public init(
    region: String, category: String, threshold: Threshold, population: Double,
    areaKm2: Double, largestPlace: String, polygon: PolygonRings
  ) {
    self.region = region
    self.category = category
    self.threshold = threshold
    self.population = population
    self.areaKm2 = areaKm2
    self.largestPlace = largestPlace
    self.polygon = polygon
  }
}

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
  /// Further columns added by other tools (such as `mean_2sfca`, `gini_2sfca` from
  /// `access`), written after `unreachable_pop`.
  public var extra: [ExtraColumn] = []

  /// Creates a summary row.
  public init(
    region: String, category: String, population: Double, services: Int,
    servicesPer1000: Double?, mean: Double?, median: Double?, p90: Double?, max: Double?,
    unit: ThresholdUnit, beyond: [BeyondThreshold], unreachablePopulation: Double
  ) {
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

/// A named number added to a summary row by another tool.
public struct ExtraColumn: Hashable, Sendable {
  public var name: String
  public var value: Double?
  public init(name: String, value: Double?) {
    self.name = name
    self.value = value
  }
}

/// The time one stage of an analysis took, for `--timings`.
public struct StageTiming: Hashable, Sendable {
  /// Stage name, such as `nearest services`.
  public var stage: String
  /// Wall-clock seconds.
  public var seconds: Double
  /// The process's peak resident memory when the stage ended (``PeakMemory``), if
  /// measured.
  public var peakResidentBytes: Int?

  /// Creates a stage timing.
  public init(stage: String, seconds: Double, peakResidentBytes: Int? = nil) {
    self.stage = stage
    self.seconds = seconds
    self.peakResidentBytes = peakResidentBytes
  }
}

/// Everything one straight-line analysis produces.
public struct AnalysisResult: Sendable {
  /// The population units, in input order.
  public var units: [PopulationUnit]
  /// The services, in input order.
  public var services: [ServicePoint]
  /// Region name per unit (parallel to ``units``): a region's name or `outside`.
  public var unitRegions: [String]
  /// Region name per service (parallel to ``services``).
  public var serviceRegions: [String]
  /// Categories analysed, in the order requested.
  public var categories: [String]
  /// Thresholds per category, ascending.
  public var thresholds: [String: [Threshold]]
  /// Nearest service per category, parallel to ``units``; nil = unreachable.
  public var nearest: [String: [NearestService?]]
  /// Service-sparse zones, ordered by region, category, threshold, then area (largest first).
  public var zones: [Zone]
  /// Summary rows: each region (in input order), then `outside` if any, then `ALL`;
  /// within a region, categories in the requested order.
  public var summary: [SummaryRow]
  /// The working CRS used for indexing, buffering and areas, such as `EPSG:3006`.
  public var workCRS: String
  /// Non-fatal remarks worth showing the user (repaired polygons, empty categories, …).
  public var warnings: [String]
  /// Time per stage.
  public var timings: [StageTiming]
  /// Network mode: fastest travel time in minutes per category, parallel to ``units``
  /// (nil = unreachable); empty in straight-line mode.
  public var travelMinutes: [String: [Double?]] = [:]
  /// Network mode: road distance divided by straight-line distance to the nearest
  /// service, per category and unit (nil when either is missing or the latter is 0).
  public var detour: [String: [Double?]] = [:]
  /// Network mode: facts about the road graph and snapping.
  public var networkDiagnostics: NetworkDiagnostics?
  /// Closure criticality, parallel to ``services`` (with ``AnalysisOptions/criticality``).
  ///
  /// Per threshold of the service's category (ascending), the people who would move
  /// beyond it if this service alone closed: those whose nearest service it is, within
  /// the threshold, whose next nearest lies beyond. Empty for services of categories not
  /// analysed, and when not asked for.
  public var solePopulation: [[Double]] = []
  /// Further per-unit columns for `units.geojson` added by other tools (such as
  /// `grocery_2sfca` from `access`), in order, each parallel to ``units``.
  public var extraUnitColumns: [(name: String, values: [Double?])] = []
}
