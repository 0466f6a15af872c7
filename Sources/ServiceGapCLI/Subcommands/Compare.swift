import ArgumentParser
import Foundation
import ServiceGap
import ServiceGapIO

extension ServiceGapCommand {
  /// `servicegap compare`: regions side by side, or two situations.
  struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare regions side by side, or two situations (years, service files).",
      discussion: """
        Without --before/--after: ranks the regions on one indicator of the summary per \
        category (--rank-by, default the share beyond the largest threshold) and says in \
        one line how many lie above --share-limit. Writes compare.csv to --out.

        With --before and --after: runs the analysis on two situations and reports, like \
        whatif, how every indicator changes per region and category, and which units \
        changed class (delta.csv, delta.json, changed_units.geojson). The situations are \
        two service files (--before FILE --after FILE), or two dates (--before 2020-01-01 \
        --after 2024-01-01) on one --services file with opened/closed columns. Warns when \
        the two situations' vintages differ (a year column, else the files' dates).

        Examples, from the repository's fixtures/demo_arjeplog_skelleftea folder:

          servicegap compare --population population_tatorter_2020.csv \\
            --services services.geojson --regions kommuner.geojson \\
            --region-field kommun_kod --categories grocery,pharmacy \\
            --out ../../out/rank

          servicegap compare --population population_tatorter_2020.csv \\
            --before services.geojson --after services.geojson \\
            --regions kommuner.geojson --categories grocery --out ../../out/same
        """)

    @OptionGroup var input: InputOptions

    @OptionGroup var analysis: AnalysisOptionGroup

    @Option(
      help: ArgumentHelp(
        "The earlier situation: a services file, a date (YYYY-MM-DD) applied to "
          + "--services, or a mode (straight, network, walk, bike, transit) measuring --services.",
        valueName: "file|date|mode"))
    var before: String?

    @Option(
      help: ArgumentHelp(
        "The later situation: a services file, a date applied to --services, or a mode.",
        valueName: "file|date|mode"))
    var after: String?

    @Option(
      help: ArgumentHelp(
        "Summary column to rank regions by, e.g. beyond_10km_share, median, "
          + "unreachable_pop (default: the share beyond each category's largest threshold).",
        valueName: "column"))
    var rankBy: String?

    @Option(
      help: ArgumentHelp(
        "Share beyond a threshold that the verdict counts regions above.",
        valueName: "percent"))
    var shareLimit: String = "10%"

    @Option(help: ArgumentHelp("Column with the services' opening dates.", valueName: "name"))
    var openedField: String?

    @Option(help: ArgumentHelp("Column with the services' closing dates.", valueName: "name"))
    var closedField: String?

    @Option(help: ArgumentHelp("Column with the year the data describes.", valueName: "name"))
    var yearField: String?

    @OptionGroup var output: OutputOptions
    var out: String? { output.out }

    @Option(help: "Format of the comparison printed on standard output.")
    var format: DeltaWriter.Format = .table

    func validate() throws {
      try validateOutputDirectory(out)
      _ = try limit()
      switch (before, after) {
      case (nil, nil):
        _ = try input.servicesFile()
        try analysis.validateModes()
      case (let first?, let second?):
        if let modes = Self.modes(first, second) {
          if input.services == nil {
            throw ValidationError(
              "Two modes in --before/--after measure one '--services FILE'; add --services.")
          }
          try analysis.validateModes(modes)
          return
        }
        try analysis.validateModes()
        let dates = [first, second].map { ServiceDate.normalise($0) != nil }
        if dates[0] != dates[1] {
          throw ValidationError(
            "'--before' and '--after' must both be service files or both dates.")
        }
        if dates[0], input.services == nil {
          throw ValidationError(
            "Dates in --before/--after select from '--services FILE' by its opened and "
              + "closed columns; add --services.")
        }
        if !dates[0], input.services != nil {
          throw ValidationError(
            "With two service files in --before/--after, '--services' is not used; drop it.")
        }
      default:
        throw ValidationError("Give both '--before' and '--after', or neither.")
      }
    }

    /// The two modes `--before` and `--after` name, such as car against bus.
    ///
    /// Nil when they are files or dates; a file of a mode's name wins.
    static func modes(_ before: String, _ after: String) -> [DistanceMode]? {
      let modes = [before, after].compactMap { value in
        FileManager.default.fileExists(atPath: value) ? nil : DistanceMode(rawValue: value)
      }
      return modes.count == 2 ? modes : nil
    }

    /// `--share-limit` as a fraction.
    func limit() throws -> Double {
      guard let share = ComplianceRule.fraction(percent: shareLimit) else {
        throw ValidationError("'--share-limit \(shareLimit)' must be a percentage such as 10%.")
      }
      return share
    }

    /// The services' date and year columns.
    private var dates: ServiceDateFields {
      ServiceDateFields(opened: openedField, closed: closedField, year: yearField)
    }

    func run() async throws {
      if let before, let after {
        try await compareSituations(before: before, after: after)
      } else {
        try await rankRegions()
      }
    }

    private func rankRegions() async throws {
      let clock = StageClock()
      let progress = ProgressReporter()
      defer { progress.finish() }
      let prepared = try PreparedAnalysis.load(
        input: input, analysis: analysis, clock: clock, dates: dates)
      let result = try clock.time("analysis") { try prepared.run(progress: progress) }
      let share = try limit()
      var lines: [String] = []
      var rankings: [RankingWriter.Ranking] = []
      for plan in result.plans {
        let category = plan.name
        let indicator = rankBy ?? "beyond_\(plan.thresholds.last?.label ?? "")_share"
        guard
          let ranked = RegionComparison.rank(
            result.summary, category: category, indicator: indicator)
        else {
          let columns = result.summary.first { $0.category == category }.map {
            SituationDelta.indicators($0).map(\.0).joined(separator: ", ")
          }
          throw CLIError(
            "'--rank-by \(indicator)' is not a summary column of \(category); its columns are: "
              + "\(columns ?? "none").")
        }
        let ranking = RankingWriter.Ranking(
          category: category, indicator: indicator, regions: ranked)
        rankings.append(ranking)
        lines.append(
          RegionComparison.verdict(
            ranked, category: category, indicator: indicator, shareLimit: share))
        lines.append(RankingWriter.table(ranking))
      }
      if let out {
        let manifest = try self.manifest(
          clock: clock, prepared: prepared, result: result,
          stages: ["analysis": result.timings],
          rankBy: Dictionary(uniqueKeysWithValues: rankings.map { ($0.category, $0.indicator) }))
        try clock.time("write outputs") {
          try OutputWriting.write(
            [OutputFile("compare.csv") { RankingWriter.csv(rankings) }], to: out,
            manifest: manifest)
        }
      }
      print(lines.joined(separator: "\n"), terminator: "")
    }

    private func compareSituations(before: String, after: String) async throws {
      let clock = StageClock()
      let progress = ProgressReporter()
      defer { progress.finish() }
      if let modes = Self.modes(before, after) {
        try compareModes(modes, clock: clock, progress: progress)
        return
      }
      let byDate = ServiceDate.normalise(before) != nil
      var first: PreparedAnalysis
      let secondServices: [ServicePoint]
      var vintages: (String?, String?)
      if byDate, let from = ServiceDate.normalise(before), let to = ServiceDate.normalise(after) {
        first = try PreparedAnalysis.load(
          input: input, analysis: analysis, clock: clock, dates: dates)
        guard
          let situations = ServiceSelection.situations(
            first.session.inputs.services, before: from, after: to)
        else {
          throw CLIError(
            "\(first.files.services) has no opened or closed dates, so --before \(before) "
              + "and --after \(after) select the same services; name the columns with "
              + "--opened-field and --closed-field.")
        }
        first.session.inputs.services = situations.before
        secondServices = situations.after
        vintages = situations.vintages
      } else {
        first = try PreparedAnalysis.load(
          input: input, analysis: analysis, clock: clock, servicesFile: before, dates: dates)
        let loaded = try ServiceLoader.load(
          file: after, options: first.files.serviceOptions(for: after))
        for warning in loaded.warnings { printError("warning: \(warning)") }
        secondServices = loaded.items
        vintages = (
          ServiceSelection.vintage(first.session.inputs.services, file: before),
          ServiceSelection.vintage(secondServices, file: after)
        )
        for category in first.categories
        where !secondServices.contains(where: { $0.category == category }) {
          printError("warning: \(after) has no services of category '\(category)'.")
        }
      }
      if let old = vintages.0, let new = vintages.1, old != new {
        printError(
          "warning: the situations are of different vintages (\(old) and \(new)); the "
            + "population is the same in both runs, so the change shows the services only.")
      }
      let earlier = try clock.time("analysis before") { try first.run(progress: progress) }
      let later = try clock.time("analysis after") {
        try first.run(services: secondServices, progress: progress, quiet: true)
      }
      for warning in later.warnings where !earlier.warnings.contains(warning) {
        printError("warning: after: \(warning)")
      }
      let delta = try writeDelta(
        earlier, later, prepared: first, timed: first.mode != .straight, clock: clock)
      print(
        "Before \(earlier.services.count), after \(later.services.count) service(s); "
          + "\(delta.changed) unit(s) changed class.")
      print(format.render(delta.rows), terminator: "")
    }

    /// The same people and services measured two ways, such as by car and by bus.
    private func compareModes(
      _ modes: [DistanceMode], clock: StageClock, progress: ProgressReporter
    ) throws {
      let first = try PreparedAnalysis.load(
        input: input, analysis: analysis, mode: modes[0], clock: clock, dates: dates)
      let second = try PreparedAnalysis.load(
        input: input, analysis: analysis, mode: modes[1], clock: clock, dates: dates)
      let earlier = try clock.time("analysis before") { try first.run(progress: progress) }
      let later = try clock.time("analysis after") { try second.run(progress: progress) }
      let delta = try writeDelta(
        earlier, later, prepared: second, timed: modes.contains { $0 != .straight },
        clock: clock, other: first)
      print(
        "Before: \(modes[0].rawValue), after: \(modes[1].rawValue); \(delta.changed) unit(s) "
          + "changed class.")
      print(format.render(delta.rows), terminator: "")
    }

    /// Writes how every indicator changed (with `--out`).
    ///
    /// - Returns: The delta rows and how many units changed class.
    private func writeDelta(
      _ earlier: AnalysisResult, _ later: AnalysisResult, prepared: PreparedAnalysis,
      timed: Bool, clock: StageClock, other: PreparedAnalysis? = nil
    ) throws -> (rows: [DeltaRow], changed: Int) {
      let rows = SituationDelta.rows(before: earlier.summary, after: later.summary)
      let changed = SituationDelta.changedUnits(before: earlier, after: later)
      if let out {
        let manifest = try self.manifest(
          clock: clock, prepared: prepared, result: later,
          stages: ["analysis before": earlier.timings, "analysis after": later.timings],
          other: other)
        try clock.time("write outputs") {
          try OutputWriting.write(
            AnalysisOutputs.situationFiles(
              rows: rows, changed: changed, after: later, network: timed),
            to: out, manifest: manifest)
        }
      }
      return (rows, changed.count)
    }
  }
}
