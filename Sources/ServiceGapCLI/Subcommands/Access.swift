import ArgumentParser
import Foundation
import ServiceGap
import ServiceGapIO

extension ServiceGapCommand {
  /// `servicegap access`: 2SFCA and E2SFCA accessibility indices.
  struct Access: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Accessibility indices: two-step floating catchment area (2SFCA, E2SFCA).",
      discussion: """
        For every service, its capacity (a capacity column, else 1) over the people \
        within its catchment; for every unit, the sum of those ratios over the services \
        within its catchment, per 1,000 inhabitants (Luo & Wang 2003). E2SFCA weights both \
        steps by distance: by bands (--weights 5km=1,10km=0.68) or a Gaussian \
        (--weights gaussian:5km, the σ). Straight-line (geodesic) distances, or road \
        distances with --mode network --roads FILE (one search per service, bounded at \
        the catchment).

        Runs the analysis as analyze does (same options) and adds C_2sfca (or C_e2sfca) \
        per category to units.geojson and mean_2sfca and gini_2sfca (population-weighted, \
        per region) to summary.csv and summary.json in --out.

        Example, from the repository's fixtures/demo_arjeplog_skelleftea folder:

          servicegap access --population population_tatorter_2020.csv \\
            --services services.geojson --regions kommuner.geojson \\
            --region-field kommun_kod --categories grocery,pharmacy \\
            --catchment 10km --catchment pharmacy=30km --out ../../out/access
        """)

    @OptionGroup var input: InputOptions

    @OptionGroup var analysis: AnalysisOptionGroup

    @Option(
      help: ArgumentHelp(
        "Catchment size for every category (10km) or one (pharmacy=30km); repeat as needed.",
        valueName: "length"))
    var catchment: [String] = []

    @Option(
      help: ArgumentHelp(
        "Distance decay (E2SFCA): bands such as 5km=1,10km=0.68, or gaussian:σ such as "
          + "gaussian:5km; none for plain 2SFCA.",
        valueName: "weights"))
    var weights: String = "none"

    @OptionGroup var output: OutputOptions
    var out: String? { output.out }

    func validate() throws {
      _ = try input.servicesFile()
      try analysis.validateModes()
      try validateOutputDirectory(out)
      if analysis.mode == .transit {
        throw ValidationError(
          "'access' measures catchments in straight-line, road, walking or cycling distance: "
            + "use '--mode straight', 'network', 'walk' or 'bike' (public transport catchments "
            + "are not available).")
      }
      if catchment.isEmpty {
        throw ValidationError(
          "Give the catchment size: --catchment 10km (per category: grocery=10km).")
      }
      _ = try decay()
    }

    /// `--weights` parsed.
    func decay() throws -> DecayWeights {
      do {
        return try DecayWeights(parsing: weights)
      } catch .badLength(let text, let gaussian) {
        // The length's own message, naming the option.
        _ = try Length.meters(
          of: text, option: gaussian ? "--weights gaussian" : "--weights", allowZero: false)
        throw ValidationError("'--weights \(weights)': '\(text)' is not a length.")
      } catch .bandsMustGrow {
        throw ValidationError("'--weights \(weights)': bands must grow, e.g. 5km=1,10km=0.68.")
      } catch .noBand {
        throw ValidationError("'--weights \(weights)' names no band.")
      } catch .notWeights {
        throw ValidationError(
          "'--weights \(weights)' is not none, bands such as 5km=1,10km=0.68, or gaussian:5km.")
      }
    }

    func run() async throws {
      let clock = StageClock()
      let progress = ProgressReporter()
      defer { progress.finish() }
      let prepared = try PreparedAnalysis.load(input: input, analysis: analysis, clock: clock)
      let result = try clock.time("analysis") { try prepared.run(progress: progress) }
      let catchments = try thresholdPlans(
        catchment, categories: prepared.categories, option: "--catchment")
      var kilometres: [String: Double] = [:]
      for plan in catchments {
        guard plan.thresholds.count == 1, plan.unit == .km else {
          throw CLIError(
            "give one catchment distance for '\(plan.name)', such as --catchment "
              + "\(plan.name)=10km.")
        }
        kilometres[plan.name] = plan.thresholds[0].value
      }
      let access = try Accessibility.compute(
        result, catchmentKm: kilometres, weights: try decay(),
        workers: prepared.session.options.workers)
      clock.record(access.timings)
      if let out {
        try clock.time("write outputs") {
          try OutputWriting.writeAnalysis(
            result, to: out, zones: !analysis.noZones, access: access,
            manifest: manifest(
              clock: clock, prepared: prepared, result: result, catchments: catchments))
        }
      }
      print(AccessWriter.table(access), terminator: "")
      if analysis.timings { clock.printTimings(analysis: result) }
    }
  }
}
