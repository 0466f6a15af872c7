/// What an analysis needs: people, services, regions and a plan per category.
public struct AnalysisInput: Sendable {
  /// Population units.
  public var units: [PopulationUnit]
  /// Service points of every category (never clipped to the regions).
  public var services: [ServicePoint]
  /// Regions such as municipalities; may be empty (everyone is then `outside`).
  public var regions: [Region]
  /// The categories to analyse, in output order, each with its thresholds.
  public var plans: [CategoryPlan]
  /// Names of the population groups each unit's ``PopulationUnit/groups`` holds, such as
  /// `kvinna` or `age_65_plus`; the summary repeats its counts per group.
  public var groups: [String]

  /// Creates an analysis input.
  public init(
    units: [PopulationUnit], services: [ServicePoint], regions: [Region] = [],
    plans: [CategoryPlan], groups: [String] = []
  ) {
    self.units = units
    self.services = services
    self.regions = regions
    self.plans = plans
    self.groups = groups
  }

  /// Creates an analysis input from categories and their thresholds.
  ///
  /// - Throws: ``CategoryPlanError`` when a category's thresholds mix km and min.
  public init(
    units: [PopulationUnit], services: [ServicePoint], regions: [Region] = [],
    categories: [String], thresholds: [String: [Threshold]]
  ) throws {
    self.init(
      units: units, services: services, regions: regions,
      plans: try categories.map { try CategoryPlan(name: $0, thresholds: thresholds[$0] ?? []) })
  }

  /// The categories, in output order.
  public var categories: [String] { plans.map(\.name) }
}

/// How an analysis runs.
public struct AnalysisOptions: Sendable {
  /// Working CRS (`EPSG:3006`, …); nil chooses one from the data (``WorkCRS/automatic(for:)``).
  public var workCRS: String?
  /// Units outside every region polygon join the nearest region within this distance.
  public var regionToleranceMeters: Double
  /// Join units and services to regions by ``PopulationUnit/regionKey`` = ``Region/id``.
  public var joinRegionsByKey: Bool
  /// Whether to build zone polygons (the most expensive stage).
  public var computeZones: Bool
  /// Threads to use.
  public var workers: Int
  /// Road-network mode; nil measures straight-line distances.
  public var network: NetworkOptions?
  /// Who travels: by car, on foot or by bicycle (``TravelProfile``).
  ///
  /// With ``network``, the network's own profile
  /// (setting this one sets the network's). Without roads, by car the straight line;
  /// walking and cycling the geodesic distance × ``TravelProfile/detourFactor`` at their
  /// speed.
  public var profile: TravelProfile {
    get { network?.profile ?? profileWithoutRoads }
    set {
      profileWithoutRoads = newValue
      network?.profile = newValue
    }
  }
  /// The profile when there is no ``network``.
  private var profileWithoutRoads: TravelProfile
  /// Also find every unit's second-nearest service and each service's closure
  /// criticality (``CategoryResult/solePopulation``).
  public var criticality: Bool
  /// Public transport mode (a timetable, a day and a departure window); nil for the others.
  public var transit: TransitOptions?

  /// Creates options; the defaults follow BRIEF.
  ///
  /// `profile`, when given, is who travels, with or without roads (it replaces the
  /// network's); nil keeps the network's, or the car without roads.
  public init(
    workCRS: String? = nil, regionToleranceMeters: Double = 1000, joinRegionsByKey: Bool = false,
    computeZones: Bool = true, workers: Int = 2, network: NetworkOptions? = nil,
    criticality: Bool = false, profile: TravelProfile? = nil, transit: TransitOptions? = nil
  ) {
    self.transit = transit
    self.network = network
    profileWithoutRoads = profile ?? .car
    if let profile { self.network?.profile = profile }
    self.criticality = criticality
    self.workCRS = workCRS
    self.regionToleranceMeters = regionToleranceMeters
    self.joinRegionsByKey = joinRegionsByKey
    self.computeZones = computeZones
    self.workers = workers
  }
}

/// Reports progress of a long stage: its name and the fraction done (0…1).
public typealias ProgressHandler = @Sendable (_ stage: String, _ fraction: Double) -> Void
