import ServiceGap

/// A road network's files and settings, as a run is asked to use them.
public struct RoadFiles: Sendable {
  /// The roads: GeoJSON, a GDAL layer or an OpenStreetMap extract.
  public var roads: String
  /// A CSV of `highway,speed_kmh` replacing default speeds; nil for the defaults.
  public var speeds: String?
  /// The road property holding the true length in metres; nil for geodesic lengths.
  public var lengthField: String?
  /// Skip invalid features instead of stopping.
  public var skipInvalid: Bool
  /// Speed of the legs between a point and the road, km/h.
  public var accessSpeedKmh: Double
  /// Points farther than this from every road are unreachable.
  public var maxSnapMeters: Double
  /// The side of network zones' grid cells, metres.
  public var cellMeters: Double
  /// Who travels the roads: by car, on foot or by bicycle.
  public var profile: TravelProfile

  /// Describes the network; the defaults follow BRIEF (by car, 20 km/h, 5 km, 250 m
  /// cells).
  public init(
    roads: String, speeds: String? = nil, lengthField: String? = nil,
    skipInvalid: Bool = false, accessSpeedKmh: Double = 20, maxSnapMeters: Double = 5000,
    cellMeters: Double = 250, profile: TravelProfile = .car
  ) {
    self.profile = profile
    self.roads = roads
    self.speeds = speeds
    self.lengthField = lengthField
    self.skipInvalid = skipInvalid
    self.accessSpeedKmh = accessSpeedKmh
    self.maxSnapMeters = maxSnapMeters
    self.cellMeters = cellMeters
  }

  /// Loads the roads and the speed table.
  ///
  /// - Returns: The network options, and the loaders' warnings and skipped-record
  ///   summaries.
  /// - Throws: ``InputError``.
  public func load() throws -> (options: NetworkOptions, warnings: [String]) {
    let loaded = try RoadLoader.load(
      file: roads,
      options: RoadFieldOptions(
        lengthField: lengthField, crs: nil, skipInvalid: skipInvalid, profile: profile))
    let table = try speeds.map { try SpeedTableLoader.load(file: $0) } ?? .defaults
    return (
      NetworkOptions(
        roads: loaded.items, speeds: table, accessSpeedKmh: accessSpeedKmh,
        maxSnapMeters: maxSnapMeters, cellMeters: cellMeters, profile: profile),
      loaded.remarks
    )
  }
}

/// Inputs loaded once, with a plan per category and the analysis settings: ready to be
/// analysed with one set of services or another (`whatif` and `compare` run the same
/// analysis on two situations).
public struct AnalysisSession: Sendable {
  public var inputs: InputSet
  public var plans: [CategoryPlan]
  public var options: AnalysisOptions

  /// Creates a session.
  public init(inputs: InputSet, plans: [CategoryPlan], options: AnalysisOptions) {
    self.inputs = inputs
    self.plans = plans
    self.options = options
  }

  /// Runs the analysis with `services` (the loaded ones by default), put in canonical
  /// order like the loaded ones.
  ///
  /// - Throws: What ``Analysis/run(_:options:progress:)`` throws.
  public func run(services: [ServicePoint]? = nil, progress: ProgressHandler? = nil) throws
    -> AnalysisResult
  {
    try Analysis.run(
      AnalysisInput(
        units: inputs.units, services: CanonicalOrder.services(services ?? inputs.services),
        regions: inputs.regions, plans: plans, groups: inputs.groups),
      options: options, progress: progress)
  }
}
