import ArgumentParser
import Foundation
import ServiceGap
import ServiceGapIO

extension ServiceGapCommand {
  /// `servicegap whatif`: the same analysis with services closed or opened.
  struct WhatIf: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "whatif",
      abstract: "What if these services closed, or new ones opened?",
      discussion: """
        Runs the analysis twice, on the services as they are and with the changes, and \
        reports per region and category how every indicator of the summary changes, and \
        which units move to another distance class. Works in straight-line and road-network \
        mode alike (the same options as analyze).

        Writes delta.csv, delta.json and changed_units.geojson to --out.

        Example, on the bundled demo area, from the repository's \
        fixtures/demo_arjeplog_skelleftea folder (closes ICA Supermarket Kåge and opens a \
        grocery store in Bastuträsk):

          servicegap whatif --population population_tatorter_2020.csv \\
            --services services.geojson --regions kommuner.geojson \\
            --region-field kommun_kod --categories grocery \\
            --close svc09005 --open 20.0407,64.7902,grocery --out ../../out/whatif
        """)

    @OptionGroup var input: InputOptions

    @OptionGroup var analysis: AnalysisOptionGroup

    @Option(
      help: ArgumentHelp(
        "Ids of services to close, comma-separated; repeat as needed.", valueName: "ids"))
    var close: [String] = []

    @Option(
      help: ArgumentHelp(
        "A new service: lon,lat,category (WGS 84) with an optional capacity; repeat for "
          + "several.",
        valueName: "lon,lat,category[,capacity]"))
    var open: [String] = []

    @Option(
      help: ArgumentHelp(
        "File of services to close: one id per line, or a CSV with an id column.",
        valueName: "file"))
    var closeFile: String?

    @Option(
      help: ArgumentHelp(
        "File of new services (CSV or GeoJSON, read like --services).", valueName: "file"))
    var openFile: String?

    @OptionGroup var output: OutputOptions
    var out: String? { output.out }

    @Option(help: "Format of the changes printed on standard output.")
    var format: DeltaWriter.Format = .table

    func validate() throws {
      _ = try input.servicesFile()
      try analysis.validateModes()
      try validateOutputDirectory(out)
      if close.isEmpty, open.isEmpty, closeFile == nil, openFile == nil {
        throw ValidationError(
          "Say what changes: --close ID, --open lon,lat,category, --close-file or --open-file.")
      }
      for (index, text) in open.enumerated() { _ = try Self.parseOpen(text, number: index + 1) }
    }

    /// The new service of `--open text`, named `new-<number>`.
    static func parseOpen(_ text: String, number: Int) throws -> ServicePoint {
      do {
        return try ServiceChanges.opening(text, number: number, name: "opened by --open")
      } catch .notLonLatCategory {
        throw ValidationError(
          "'--open \(text)' is not lon,lat,category[,capacity] in WGS 84 degrees, "
            + "e.g. --open 20.0407,64.7902,grocery.")
      } catch .capacityNotPositive {
        throw ValidationError("'--open \(text)': the capacity must be a positive number.")
      }
    }

    func run() async throws {
      let clock = StageClock()
      let progress = ProgressReporter()
      defer { progress.finish() }
      let prepared = try PreparedAnalysis.load(input: input, analysis: analysis, clock: clock)
      let changes = try loadChanges(files: prepared.files)
      let services: [ServicePoint]
      do {
        services = try changes.apply(to: prepared.session.inputs.services)
      } catch {
        throw CLIError("\(prepared.files.services): \(error)")
      }
      for service in changes.open where !prepared.categories.contains(service.category) {
        printError(
          "warning: new service \(service.id) has category '\(service.category)', which is "
            + "not analysed (categories: \(prepared.categories.joined(separator: ", "))).")
      }
      let before = try clock.time("analysis before") { try prepared.run(progress: progress) }
      let after = try clock.time("analysis after") {
        try prepared.run(services: services, progress: progress, quiet: true)
      }
      for warning in after.warnings where !before.warnings.contains(warning) {
        printError("warning: after the changes: \(warning)")
      }
      let rows = SituationDelta.rows(before: before.summary, after: after.summary)
      let changed = SituationDelta.changedUnits(before: before, after: after)
      if let out {
        try clock.time("write outputs") {
          try OutputWriting.write(
            AnalysisOutputs.situationFiles(
              rows: rows, changed: changed, after: after, network: after.hasTravelTimes),
            to: out,
            manifest: manifest(clock: clock, prepared: prepared, before: before, after: after))
        }
      }
      print(
        "Closed \(changes.close.count), opened \(changes.open.count) service(s); "
          + "\(changed.count) unit(s) changed class.")
      print(format.render(rows), terminator: "")
      if analysis.timings { clock.printTimings(analysis: after) }
    }

    private func loadChanges(files: InputFiles) throws -> ServiceChanges {
      var closing = close.flatMap { $0.split(separator: ",") }.map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty }
      if let closeFile { closing += try ServiceIDsLoader.load(file: closeFile) }
      var opening = try open.enumerated().map { try Self.parseOpen($1, number: $0 + 1) }
      if let openFile {
        let loaded = try ServiceLoader.load(
          file: openFile, options: files.serviceOptions(for: openFile, dates: false))
        for warning in loaded.warnings { printError("warning: \(warning)") }
        opening += loaded.items
      }
      return ServiceChanges(close: closing, open: opening)
    }
  }
}

/// The changes' formats on standard output, as `--format` takes them.
extension DeltaWriter.Format: ExpressibleByArgument {}
