import ArgumentParser
import Foundation
import ServiceGap
import ServiceGapIO

extension ServiceGapCommand {
  /// `servicegap analyze`: distances, zones and the summary.
  struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure how far every unit lives from the nearest service of each category.",
      discussion: """
        For every population unit and category, finds the nearest service by straight-line \
        (geodesic, WGS 84) distance, classifies the unit against the thresholds, draws the \
        service-sparse zones (each region minus discs of the threshold's radius around every \
        service) and prints a summary per region and category. Services outside the regions \
        still serve the people inside them.

        With --mode network --roads FILE, distances run along the roads instead: the \
        shortest road distance and the fastest travel time (thresholds may then be minutes, \
        10min,20min), zones are cells of a --cell grid beyond the threshold, and a \
        diagnostics section on standard error lists what to check by hand.

        With --mode walk (or bike), the trip is walked (cycled) at --walk-speed 5 \
        (--bike-speed 15) km/h: along the ways of --roads a pedestrian (cyclist) may use, \
        motorways and foot=no (bicycle=no) ways excluded, or without --roads the geodesic \
        distance × 1.3; thresholds may be minutes.

        With --mode transit --gtfs FEED --date YYYY-MM-DD, travel times run by public \
        transport and walking: every minute of --departure (08:00-10:00) is one departure, \
        each unit gets the median time (and any --percentiles) and the share of departures \
        that reach a service; thresholds are minutes; --route-types exclude=715,1501 leaves \
        out on-demand services that must be booked.

        Default thresholds: grocery, parcel, post and school 5km,10km; fuel, pharmacy and \
        health 10km,20km; atm 10km,25km; any other category 5km,10km.

        Writes units.geojson, zones.geojson, summary.csv and summary.json to --out.

        Example, on the bundled demo area (five pilot municipalities in northern \
        Sweden), from the repository's fixtures/demo_arjeplog_skelleftea folder:

          servicegap analyze --population population_tatorter_2020.csv \\
            --services services.geojson --regions kommuner.geojson \\
            --region-field kommun_kod --categories grocery,pharmacy,atm \\
            --thresholds 5km,10km --thresholds atm=10km,25km --out ../../out/demo

        Along the roads, from the repository's fixtures/roads folder:

          servicegap analyze --mode network --roads umea_region_roads.geojson \\
            --length-field length_m --population umea_units.csv \\
            --services umea_services.csv --regions umea_kommuner.geojson \\
            --thresholds 10min,20min --out ../../out/umea

        On foot, within 15 and 30 minutes' walk, from the same folder:

          servicegap analyze --mode walk --roads umea_region_roads.geojson \\
            --length-field length_m --population umea_units.csv \\
            --services umea_services.csv --thresholds 15min,30min --out ../../out/walk

        By bus, from the repository's fixtures/ folder (zones on a 1 km grid):

          servicegap analyze --mode transit --gtfs gtfs/norrbotten_2022-12-14.zip \\
            --date 2023-01-17 --departure 08:00-10:00 --percentiles 90 \\
            --population sweden/norrbotten_1km_2024.csv \\
            --services sweden/services_sweden.csv \\
            --regions sweden/norrbotten_kommuner.geojson \\
            --categories grocery,pharmacy,health --thresholds 30min,60min --cell 1km \\
            --out ../out/bus
        """)

    @OptionGroup var input: InputOptions

    @OptionGroup var analysis: AnalysisOptionGroup

    @OptionGroup var output: OutputOptions
    var out: String? { output.out }

    @Option(help: "Format of the summary printed on standard output.")
    var format: SummaryWriter.Format = .table

    @Option(
      help: ArgumentHelp(
        "Write one self-contained HTML page: a map per category (zones, units by distance "
          + "class, services), the summary and the curves.",
        valueName: "file.html"))
    var report: String?

    @Flag(
      help: ArgumentHelp(
        "Write curves.csv and curves.svg: the share of people beyond every distance (0.5 km "
          + "steps) or time (1 min), up to 3 × the largest threshold, per region and category."))
    var curves = false

    @Option(
      help: ArgumentHelp(
        "A rule to check per region, such as atm:25km<=0.3% (the payment-services rule); "
          + "repeat for several.",
        valueName: "category:threshold<=percent"))
    var check: [String] = []

    @Option(
      help: ArgumentHelp(
        "Write combined.geojson: where people miss several services at once, e.g. "
          + "grocery:10km,atm:25km (each threshold must be one of the category's).",
        valueName: "category:threshold,…"))
    var combined: String?

    /// `--combined` as (category, threshold) pairs.
    func combinedLayers() throws -> [(category: String, threshold: Threshold)] {
      guard let combined else { return [] }
      do {
        return try CombinedZones.layers(parsing: combined)
      } catch .notPairs {
        throw ValidationError(
          "'--combined \(combined)': write category:threshold pairs, e.g. "
            + "grocery:10km,atm:25km.")
      } catch .fewerThanTwo {
        throw ValidationError("'--combined' needs at least two category:threshold pairs.")
      }
    }

    func validate() throws {
      _ = try input.servicesFile()
      try analysis.validateModes()
      try validateOutputDirectory(out)
      try ReportOutput.validate(report)
      if try !combinedLayers().isEmpty {
        if out == nil {
          throw ValidationError("'--combined' writes combined.geojson: add '--out DIR'.")
        }
        if analysis.noZones {
          throw ValidationError("'--combined' overlays the zones: drop '--no-zones'.")
        }
      }
      if curves, out == nil {
        throw ValidationError("'--curves' writes curves.csv and curves.svg: add '--out DIR'.")
      }
      for rule in check where ComplianceRule(parsing: rule) == nil {
        throw ValidationError(
          "'--check \(rule)' is not a rule; write category:threshold<=percent, "
            + "e.g. atm:25km<=0.3%.")
      }
    }

    func run() async throws {
      let clock = StageClock()
      let progress = ProgressReporter()
      defer { progress.finish() }
      let prepared = try PreparedAnalysis.load(input: input, analysis: analysis, clock: clock)
      let result = try clock.time("analysis") { try prepared.run(progress: progress) }
      let rules = check.compactMap(ComplianceRule.init(parsing:))
      for rule in rules where result[rule.category] == nil {
        throw CLIError(
          "'--check \(rule)' names category '\(rule.category)', which is not analysed "
            + "(categories: \(result.categories.joined(separator: ", "))).")
      }
      let checks = try rules.map { try ($0, AccessCurves.check($0, in: result)) }
      if let out {
        let extra = try extraFiles(result, clock: clock)
        try clock.time("write outputs") {
          try OutputWriting.writeAnalysis(
            result, to: out, zones: !analysis.noZones, extra: extra,
            manifest: manifest(clock: clock, prepared: prepared, result: result))
        }
      }
      if let report {
        try clock.time("write report") {
          try ReportOutput.write(
            result, regions: prepared.session.inputs.regions, input: input,
            roads: analysis.network.roads, to: report)
        }
      }
      print(format.render(result.summary), terminator: "")
      if analysis.criticality, format == .table {
        print("\n" + ServicesWriter.table(result: result), terminator: "")
      }
      for (rule, rows) in checks {
        let table = CurvesWriter.complianceTable(rule, rows: rows)
        if format == .table { print("\n" + table, terminator: "") } else { printError(table) }
      }
      if analysis.timings { clock.printTimings(analysis: result) }
    }

    /// `curves.csv` and `curves.svg` (`--curves`), `combined.geojson` (`--combined`).
    private func extraFiles(_ result: AnalysisResult, clock: StageClock) throws -> [OutputFile] {
      var files: [OutputFile] = []
      if curves {
        let points = AccessCurves.curves(result)
        files.append(OutputFile("curves.csv") { CurvesWriter.csv(points) })
        files.append(OutputFile("curves.svg") { CurvesWriter.svg(points, plans: result.plans) })
      }
      let layers = try combinedLayers()
      if !layers.isEmpty {
        let overlay = try clock.time("combined zones") {
          try CombinedZones.build(result: result, layers: layers)
        }
        files.append(OutputFile("combined.geojson") { CombinedZonesWriter.geojson(overlay) })
      }
      return files
    }
  }
}

/// How distance is measured.
enum DistanceMode: String, ExpressibleByArgument, CaseIterable {
  /// Geodesic distance on the WGS 84 ellipsoid.
  case straight
  /// Shortest distance and fastest time along the roads by car (`--roads`).
  case network
  /// Walking: along the ways of `--roads` a pedestrian may use, else geodesic × 1.3.
  case walk
  /// Cycling: along the ways of `--roads` a cyclist may use, else geodesic × 1.3.
  case bike

  /// Travel time by public transport and walking (`--gtfs`, `--date`).
  case transit

  /// Who travels in this mode, walking and cycling at the speeds given; by car otherwise
  /// (public transport's walks are its own, ``TransitOptions``).
  func profile(walkSpeedKmh: Double = 5, bikeSpeedKmh: Double = 15) -> TravelProfile {
    switch self {
    case .straight, .network, .transit: return .car
    case .walk: return .walk(speedKmh: walkSpeedKmh)
    case .bike: return .bike(speedKmh: bikeSpeedKmh)
    }
  }
}

/// The summary's formats on standard output, as `--format` takes them.
extension SummaryWriter.Format: ExpressibleByArgument {}
