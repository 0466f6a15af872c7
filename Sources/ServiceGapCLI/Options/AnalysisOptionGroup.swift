import ArgumentParser
import Foundation
import ServiceGap
import ServiceGapIO

/// What to measure and how: shared by `analyze`, `whatif` and `compare`.
struct AnalysisOptionGroup: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Categories to analyse, comma-separated (default: every category in the services).",
      valueName: "list"))
  var categories: String?

  // Unconditional, so `--thresholds -5km` reaches the threshold check ("not a threshold;
  // write a positive number") instead of failing as an unknown option "-5km".
  @Option(
    parsing: .unconditionalSingleValue,
    help: ArgumentHelp(
      "Thresholds for every category (5km,10km) or one category (grocery=5km,10km); "
        + "repeat for several categories.",
      valueName: "list"))
  var thresholds: [String] = []

  @Option(
    help: ArgumentHelp(
      "How distance is measured: straight-line (geodesic), along the roads by car "
        + "(network), walking or cycling (walk, bike: along --roads, else geodesic × 1.3), "
        + "or by public transport (transit: a GTFS timetable)."))
  var mode: DistanceMode = .straight

  @OptionGroup(title: "Road-network mode") var network: NetworkOptionGroup

  @OptionGroup(title: "Walking and cycling") var travel: TravelOptionGroup

  @OptionGroup(title: "Public transport mode") var transit: TransitOptionGroup

  @Option(
    help: ArgumentHelp(
      "Metric CRS for zones and areas: an EPSG code, or auto (SWEREF99 TM in Sweden, "
        + "else the UTM zone of the data).",
      valueName: "crs"))
  var workCRS: String = "auto"

  @Flag(help: "Skip the zone polygons (faster; area columns are left empty).")
  var noZones = false

  @Option(help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
  var threads: Int?

  @Flag(help: "Print the time each stage took and the peak memory so far, on standard error.")
  var timings = false

  @Flag(
    help: ArgumentHelp(
      "Closure criticality: for every service, the people who would move beyond each "
        + "threshold if it alone closed (services.geojson, and a table of the most critical)."))
  var criticality = false

  /// Checks the options of the modes measured: `--mode`, or the two that `compare` sets.
  ///
  /// Each subcommand calls it from its own `validate()`, since `compare` decides which
  /// modes are measured.
  func validateModes(_ modes: [DistanceMode]? = nil) throws {
    let modes = modes ?? [mode]
    try network.validate(modes: modes)
    try travel.validate(modes: modes)
    try transit.validate(modes: modes)
  }

  func validate() throws {
    if let threads, threads < 1 {
      throw ValidationError("'--threads \(threads)' must be at least 1.")
    }
  }

  /// Who travels: by car, or walking or cycling at the speeds given.
  var profile: TravelProfile { travel.profile(for: mode) }

  /// The requested categories, checked against the services; all of them by default.
  func resolveCategories(_ services: [ServicePoint], servicesFile: String) throws -> [String] {
    do {
      return try ServiceSelection.categories(requested: categories, in: services)
    } catch .empty {
      throw CLIError("'--categories' is empty; name at least one, e.g. grocery.")
    } catch .absent(let category, let present) {
      throw CLIError(
        "\(servicesFile) has no services of category '\(category)'; categories present: "
          + "\(present.joined(separator: ", ")). Check the spelling, or name the category "
          + "column with --category-field.")
    }
  }
}

/// An analysis' inputs loaded and its settings resolved, as one subcommand asked for them.
struct PreparedAnalysis {
  /// The inputs, plans and settings.
  var session: AnalysisSession
  /// The files it read (for the run manifest).
  var files: InputFiles
  var roads: RoadFiles?
  /// How it measures.
  var mode: DistanceMode

  /// Loads the inputs (and roads), resolves the categories and their plans, and prints the
  /// loading warnings.
  static func load(
    input: InputOptions, analysis: AnalysisOptionGroup, clock: StageClock,
    servicesFile: String? = nil, dates: ServiceDateFields = ServiceDateFields()
  ) throws -> PreparedAnalysis {
    try load(
      input: input, analysis: analysis, mode: analysis.mode, clock: clock,
      servicesFile: servicesFile, dates: dates)
  }

  /// Loads as ``load(input:analysis:clock:servicesFile:dates:)`` does, measuring by `mode`
  /// (`compare` sets two modes side by side).
  static func load(
    input: InputOptions, analysis: AnalysisOptionGroup, mode: DistanceMode, clock: StageClock,
    servicesFile: String? = nil, dates: ServiceDateFields = ServiceDateFields()
  ) throws -> PreparedAnalysis {
    let files = try input.files(services: servicesFile, dates: dates)
    let profile = analysis.travel.profile(for: mode)
    var loaded = try clock.time("load inputs") { try InputSet.load(files) }
    try input.checkUnitGeometry(loaded)
    let roads =
      mode == .straight || mode == .transit
      ? nil
      : try analysis.network.files(
        skipInvalid: input.skipInvalid, cellMeters: input.cellMeters(), profile: profile)
    var network: NetworkOptions?
    if let roads {
      let (options, warnings) = try clock.time("load roads") { try roads.load() }
      network = options
      loaded.warnings += warnings
    }
    var transit: TransitOptions?
    if mode == .transit {
      let cell = try input.cellMeters()
      if let (options, warnings) = try clock.time(
        "load timetable",
        {
          try analysis.transit.load(cellMeters: cell)
        })
      {
        transit = options
        loaded.warnings += warnings
      }
    }
    for warning in loaded.warnings { printError("warning: \(warning)") }
    let categories = try analysis.resolveCategories(loaded.services, servicesFile: files.services)
    let plans = try thresholdPlans(
      analysis.thresholds, categories: categories, option: "--thresholds")
    let options = AnalysisOptions(
      workCRS: analysis.workCRS.lowercased() == "auto" ? nil : analysis.workCRS,
      regionToleranceMeters: try input.regionToleranceMeters(),
      joinRegionsByKey: input.regionField != nil, computeZones: !analysis.noZones,
      workers: analysis.threads ?? ProcessInfo.processInfo.activeProcessorCount,
      network: network, criticality: analysis.criticality, profile: profile, transit: transit)
    return PreparedAnalysis(
      session: AnalysisSession(inputs: loaded, plans: plans, options: options), files: files,
      roads: roads, mode: mode)
  }

  var categories: [String] { session.plans.map(\.name) }

  /// Runs the analysis with `services` (the loaded ones by default), printing its
  /// warnings and, along the roads or by public transport, its diagnostics.
  func run(
    services: [ServicePoint]? = nil, progress: ProgressReporter, quiet: Bool = false
  ) throws -> AnalysisResult {
    let result = try session.run(services: services, progress: progress.handler)
    progress.finish()
    if !quiet {
      for warning in result.warnings { printError("warning: \(warning)") }
      if let diagnostics = result.networkDiagnostics {
        printError(NetworkReport.render(diagnostics, result: result))
      }
      if let diagnostics = result.transitDiagnostics {
        printError(TransitReport.render(diagnostics))
      }
    }
    return result
  }
}

/// The plans of `categories` from threshold lists given with `option` (`--thresholds`,
/// `--catchment`); an error names the option.
func thresholdPlans(_ values: [String], categories: [String], option: String) throws
  -> [CategoryPlan]
{
  do {
    return try ThresholdSpecification.plans(values, categories: categories)
  } catch let error as ThresholdSpecificationError {
    switch error {
    case .badThreshold(_, let value):
      throw CLIError("'\(option) \(value)': \(error)")
    case .unknownCategory(let category, let value, let categories):
      throw CLIError(
        "'\(option) \(value)': '\(category)' is not one of the analysed categories "
          + "(\(categories.joined(separator: ", "))); check the spelling or add it to "
          + "--categories.")
    case .mixedUnits:
      throw CLIError(error.description)
    }
  }
}
