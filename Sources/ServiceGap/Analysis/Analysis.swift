/// Runs an analysis: for every unit and category, the nearest service and how far it is,
/// the service-sparse zones and the summary per region.
///
/// A short pipeline of stages, each in its own file: project the units and services into
/// the working CRS (``AnalysisRun``), assign regions (``RegionStage``), measure (a
/// ``MeasuringMode``: the straight line, or along the roads), draw zones (``ZoneStage``),
/// summarise (``SummaryBuilder``) and, when asked, measure criticality
/// (``CriticalityStage``). A new way of measuring is a new mode, not a branch here.
public enum Analysis {
  /// Name of the pseudo-region that totals every region.
  public static let allRegions = "ALL"
  /// Name of the pseudo-region for units that lie in no region.
  public static let outsideRegion = "outside"

  /// Analyses `input`.
  ///
  /// Every service of a category serves every unit, wherever the region boundaries run.
  /// Categories with no services leave every unit unreachable.
  ///
  /// - Parameters:
  ///   - input: Units, services, regions and a plan per category. Thresholds in minutes
  ///     need road-network mode.
  ///   - options: Working CRS, region tolerance, zones on or off, threads, roads.
  ///   - progress: Called from worker threads with the stage and fraction done.
  /// - Returns: Per category the nearest services and values, the zones, the summary.
  /// - Throws: ``CRSError`` for an unusable working CRS, ``AnalysisError`` for
  ///   inconsistent input, and geometry library errors from zone building.
  /// - Complexity: O(*u* log *s*) per category for straight-line distances, with *u*
  ///   units and *s* services; O((*V* + *E*) log *V*) per category along the roads;
  ///   zones depend on the geometry.
  public static func run(
    _ input: AnalysisInput, options: AnalysisOptions = AnalysisOptions(),
    progress: ProgressHandler? = nil
  ) throws -> AnalysisResult {
    try validate(input, options: options)
    let run = try AnalysisRun(input: input, options: options, progress: progress)
    let regions = try RegionStage(run)
    let measured = try mode(for: input, options: options).measure(run)
    let zones = try ZoneStage(run, regions: regions, measured: measured)
    var categories = zip(input.plans, measured.categories).map { plan, found in
      CategoryResult(
        plan: plan, serviceIndices: run.services(of: plan.name), nearest: found.nearest,
        minutes: found.minutes, detour: found.detour, transit: found.transit)
    }
    // A constant copy for the summary's workers (no copying: arrays share storage).
    let summarised = categories
    let summary = run.stage("summary") {
      SummaryBuilder.rows(
        input: input, unitRegions: regions.units.assigned,
        serviceRegions: regions.services.assigned, values: { summarised[$0].values },
        zoneArea: zones.areas, workers: options.workers)
    }
    if options.criticality {
      run.stage("criticality") {
        for (position, found) in measured.categories.enumerated() {
          let (plan, services) = (input.plans[position], categories[position].serviceIndices)
          let alternatives = found.alternatives ?? []
          categories[position].solePopulation = CriticalityStage.solePopulation(
            plan: plan, services: services, alternatives: alternatives, units: input.units)
          categories[position].closureBurden = CriticalityStage.closureBurden(
            plan: plan, services: services, alternatives: alternatives, units: input.units)
        }
      }
    }
    return AnalysisResult(
      units: input.units, services: input.services,
      unitRegions: regions.unitRegionNames(input.regions),
      serviceRegions: regions.serviceRegionNames(input.regions), perCategory: categories,
      zones: zones.zones, summary: summary, workCRS: run.coordinates.workCRS,
      warnings: run.warnings, timings: run.timer.timings,
      networkDiagnostics: measured.diagnostics, roadNetwork: measured.roadNetwork,
      transitDiagnostics: measured.transitDiagnostics, profile: options.profile,
      coordinates: run.coordinates)
  }

  /// The measuring mode the options ask for: the roads when there are roads (by car, on
  /// foot or by bicycle), else the straight line (times a detour factor on foot or by
  /// bicycle).
  static func mode(for input: AnalysisInput, options: AnalysisOptions) -> MeasuringMode {
    if let transit = options.transit { return TransitMeasuring(options: transit) }
    guard let network = options.network else {
      return StraightLineMeasuring(secondNearest: options.criticality, profile: options.profile)
    }
    return RoadMeasuring(
      options: network, secondLabels: options.criticality,
      keepSearchesForZones: options.computeZones && !input.regions.isEmpty)
  }

  /// Refuses settings that cannot work: road settings and walking or cycling speeds that
  /// are not positive, and time thresholds without roads by car.
  static func validate(_ input: AnalysisInput, options: AnalysisOptions) throws {
    if let transit = options.transit {
      try validate(input, transit: transit, options: options)
      return
    }
    if let speed = options.profile.speedKmh, !(speed.isFinite && speed > 0) {
      let name: String
      if case .bike = options.profile {
        name = "the cycling speed"
      } else {
        name = "the walking speed"
      }
      throw AnalysisError.invalidNetworkSetting(name: name, value: speed)
    }
    if let network = options.network {
      for (name, value) in [
        ("the access speed", network.accessSpeedKmh), ("the snapping limit", network.maxSnapMeters),
        ("the zone cell size", network.cellMeters),
      ] where !(value.isFinite && value > 0) {
        throw AnalysisError.invalidNetworkSetting(name: name, value: value)
      }
      return
    }
    // Walking and cycling have a speed: minutes work without roads too.
    for plan in input.plans where plan.unit == .min && options.profile.speedKmh == nil {
      throw AnalysisError.minutesNeedNetwork(
        category: plan.name, threshold: plan.thresholds[0].label)
    }
  }

  /// Public transport measures minutes, walks and rides; it has no closure criticality
  /// (no second service per departure) and no road network of its own.
  private static func validate(
    _ input: AnalysisInput, transit: TransitOptions, options: AnalysisOptions
  ) throws {
    if options.criticality { throw AnalysisError.notInTransitMode(what: "closure criticality") }
    if options.network != nil {
      throw AnalysisError.notInTransitMode(what: "along a road network for cars")
    }
    if options.profile != .car {
      throw AnalysisError.notInTransitMode(what: "whole trips on foot or by bicycle")
    }
    for plan in input.plans where plan.unit == .km {
      throw AnalysisError.transitNeedsMinutes(
        category: plan.name, threshold: plan.thresholds[0].label)
    }
    guard transit.windowEnd > transit.windowStart else {
      throw AnalysisError.invalidTransitSetting(
        name: "the departure window", value: "empty (it must end after it starts)")
    }
    for (name, value) in [
      ("the walking limit", transit.maxWalkMeters),
      ("the transfer walking limit", transit.maxTransferMeters),
      ("the travel time cap", transit.maxTravelSeconds),
      ("the walking speed", transit.walkSpeedKmh),
      ("the detour factor", transit.detourFactor), ("the zone cell size", transit.cellMeters),
    ] where !(value.isFinite && value > 0) {
      throw AnalysisError.invalidTransitSetting(name: name, value: "\(value)")
    }
    for percentile in transit.percentiles where !(1...100).contains(percentile) {
      throw AnalysisError.invalidTransitSetting(name: "a percentile", value: "\(percentile)")
    }
  }
}
