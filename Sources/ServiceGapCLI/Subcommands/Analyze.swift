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

        Default thresholds: grocery, parcel, post and school 5km,10km; fuel, pharmacy and \
        health 10km,20km; atm 10km,25km; any other category 5km,10km.

        Writes units.geojson, zones.geojson, summary.csv and summary.json to --out.

        Example, on the bundled demo area (five pilot municipalities in northern \
        Sweden), from the repository's fixtures/demo_arjeplog_skelleftea folder:

          servicegap analyze --population population_tatorter_2020.csv \\
            --services services.geojson --regions kommuner.geojson \\
            --region-field kommun_kod --categories grocery,pharmacy,atm \\
            --thresholds 5km,10km --thresholds atm=10km,25km --out ../../out/demo
        """)

    @OptionGroup var input: InputOptions

    @Option(
      help: ArgumentHelp(
        "Categories to analyse, comma-separated (default: every category in the services).",
        valueName: "list"))
    var categories: String?

    @Option(
      help: ArgumentHelp(
        "Thresholds for every category (5km,10km) or one category (grocery=5km,10km); "
          + "repeat for several categories.",
        valueName: "list"))
    var thresholds: [String] = []

    @Option(help: "How distance is measured: straight-line (geodesic) or along the roads.")
    var mode: DistanceMode = .straight

    @OptionGroup(title: "Road-network mode") var network: NetworkOptionGroup

    @Option(
      help: ArgumentHelp(
        "Metric CRS for zones and areas: an EPSG code, or auto (SWEREF99 TM in Sweden, "
          + "else the UTM zone of the data).",
        valueName: "crs"))
    var workCRS: String = "auto"

    @Option(help: ArgumentHelp("Directory for the output files.", valueName: "dir"))
    var out: String?

    @Option(help: "Format of the summary printed on standard output.")
    var format: SummaryFormat = .table

    @Flag(help: "Skip the zone polygons (faster; area columns are left empty).")
    var noZones = false

    @Option(help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
    var threads: Int?

    @Flag(help: "Print the time each stage took, on standard error.")
    var timings = false

    func validate() throws {
      if mode == .network, network.roads == nil {
        throw ValidationError("'--mode network' needs '--roads FILE' with the road network.")
      }
      if mode == .straight, let option = network.given.first {
        throw ValidationError(
          "'\(option)' is only used along the roads: add '--mode network', or drop '\(option)'.")
      }
      if let threads, threads < 1 {
        throw ValidationError("'--threads \(threads)' must be at least 1.")
      }
      if let out, FileManager.default.fileExists(atPath: out),
        !((try? URL(fileURLWithPath: out).resourceValues(forKeys: [.isDirectoryKey]))?
          .isDirectory ?? false)
      {
        throw ValidationError("'--out \(out)' is a file; give a directory for the outputs.")
      }
    }

    func run() async throws {
      let clock = StageClock()
      let progress = ProgressReporter()
      defer { progress.finish() }

      var loaded = try clock.time("load inputs") { try LoadedInputs.load(input) }
      var networkOptions: NetworkOptions?
      if mode == .network {
        networkOptions = try clock.time("load roads") {
          try network.load(
            crs: input.crs, skipInvalid: input.skipInvalid, cell: input.cell,
            warnings: &loaded.warnings)
        }
      }
      for warning in loaded.warnings { printError("warning: \(warning)") }

      let categories = try resolveCategories(loaded.services)
      let thresholdsByCategory = try ThresholdSpecification.resolve(
        thresholds, categories: categories)
      let analysisInput = AnalysisInput(
        units: loaded.units, services: loaded.services, regions: loaded.regions,
        categories: categories, thresholds: thresholdsByCategory)
      let options = AnalysisOptions(
        workCRS: workCRS.lowercased() == "auto" ? nil : workCRS,
        regionToleranceMeters: try Length.meters(
          of: input.regionTolerance, option: "--region-tolerance"),
        joinRegionsByKey: input.regionField != nil, computeZones: !noZones,
        workers: threads ?? ProcessInfo.processInfo.activeProcessorCount, network: networkOptions)
      let result = try clock.time("analysis") {
        try StraightLineAnalysis.run(analysisInput, options: options, progress: progress.handler)
      }
      progress.finish()
      for warning in result.warnings { printError("warning: \(warning)") }
      if let diagnostics = result.networkDiagnostics {
        printError(NetworkReport.render(diagnostics, result: result))
      }

      if let out {
        try clock.time("write outputs") {
          try OutputFiles.write(result, to: out, zones: !noZones)
        }
      }
      print(format.render(result.summary), terminator: "")
      if timings {
        printError(
          TimingsTable.render(
            loading: clock.stages, analysis: result.timings, total: clock.elapsed,
            workCRS: result.workCRS, units: result.units.count, services: result.services.count))
      }
    }

    /// The requested categories, checked against the services; all of them by default.
    private func resolveCategories(_ services: [ServicePoint]) throws -> [String] {
      var counts: [String: Int] = [:]
      for service in services { counts[service.category, default: 0] += 1 }
      guard let categories else { return counts.keys.sorted() }
      let requested = categories.split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty }
      guard !requested.isEmpty else {
        throw CLIError("'--categories' is empty; name at least one, e.g. grocery.")
      }
      for category in requested where counts[category] == nil {
        let present = counts.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
        throw CLIError(
          "\(input.services) has no services of category '\(category)'; categories present: "
            + "\(present.joined(separator: ", ")). Check the spelling, or name the category "
            + "column with --category-field.")
      }
      var seen: Set<String> = []
      return requested.filter { seen.insert($0).inserted }
    }
  }
}

/// How distance is measured.
enum DistanceMode: String, ExpressibleByArgument, CaseIterable {
  /// Geodesic distance on the WGS 84 ellipsoid.
  case straight
  /// Shortest distance and fastest time along the roads (`--roads`).
  case network
}

/// Formats of the summary printed on standard output.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, md, json

  func render(_ rows: [SummaryRow]) -> String {
    switch self {
    case .table: return SummaryWriter.table(rows: rows)
    case .csv: return String(decoding: SummaryWriter.csv(rows: rows), as: UTF8.self)
    case .md: return SummaryWriter.markdown(rows: rows)
    case .json: return String(decoding: SummaryWriter.json(rows: rows), as: UTF8.self)
    }
  }
}
