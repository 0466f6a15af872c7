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

    @Option(
      help: ArgumentHelp(
        "Where to write the outputs: a folder, a GeoPackage (results.gpkg) or a PostGIS "
          + "database (postgresql://user@host/db, one schema per run).",
        valueName: "dir|file.gpkg|url"))
    var out: String?

    func validate() throws {
      _ = try input.servicesFile()
      try validateOutputDirectory(out)
      if catchment.isEmpty {
        throw ValidationError(
          "Give the catchment size: --catchment 10km (per category: grocery=10km).")
      }
      _ = try decay()
    }

    /// `--weights` parsed.
    func decay() throws -> DecayWeights {
      let text = weights.trimmingCharacters(in: .whitespaces).lowercased()
      if text == "none" { return .none }
      if text.hasPrefix("gaussian:") {
        let sigma = try Length.meters(
          of: String(text.dropFirst("gaussian:".count)), option: "--weights gaussian",
          allowZero: false)
        return .gaussian(sigmaKm: sigma / 1000)
      }
      var bands: [DecayWeights.Band] = []
      for part in text.split(separator: ",") {
        let pieces = part.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.count == 2, let weight = Double(pieces[1]), weight >= 0 else {
          throw ValidationError(
            "'--weights \(weights)' is not none, bands such as 5km=1,10km=0.68, or gaussian:5km.")
        }
        let edge = try Length.meters(of: pieces[0], option: "--weights", allowZero: false)
        if let last = bands.last, edge / 1000 <= last.upToKm {
          throw ValidationError("'--weights \(weights)': bands must grow, e.g. 5km=1,10km=0.68.")
        }
        bands.append(.init(upToKm: edge / 1000, weight: weight))
      }
      guard !bands.isEmpty else {
        throw ValidationError("'--weights \(weights)' names no band.")
      }
      return .step(bands)
    }

    func run() async throws {
      let clock = StageClock()
      let progress = ProgressReporter()
      defer { progress.finish() }
      let session = try AnalysisSession.prepare(input: input, analysis: analysis, clock: clock)
      var result = try clock.time("analysis") { try session.run(progress: progress) }
      let catchments = try ThresholdSpecification.resolve(
        catchment, categories: session.categories)
      let decay = try decay()
      let method = decay == .none ? "2sfca" : "e2sfca"
      var rows: [AccessWriter.Row] = []
      let populations = result.units.map(\.population)
      var regionNames: [String] = []
      for region in result.summary.map(\.region) where !regionNames.contains(region) {
        regionNames.append(region)
      }
      for category in session.categories {
        guard let size = catchments[category], size.count == 1, let kilometres = size.first,
          kilometres.unit == .km
        else {
          throw CLIError(
            "give one catchment distance for '\(category)', such as --catchment "
              + "\(category)=10km.")
        }
        let members = result.services.filter { $0.category == category }
        let computed = try clock.time("access: \(category)") {
          try session.options.network.map {
            try FloatingCatchment.compute(
              units: result.units, services: members, catchmentKm: kilometres.value,
              weights: decay, network: $0, workCRS: result.workCRS,
              workers: session.options.workers)
          }
            ?? FloatingCatchment.compute(
              units: result.units, services: members, catchmentKm: kilometres.value,
              weights: decay)
        }
        result.extraUnitColumns.append((name: "\(category)_\(method)", values: computed.index))
        for region in regionNames {
          let unitsOfRegion =
            region == StraightLineAnalysis.allRegions
            ? Array(result.units.indices)
            : result.units.indices.filter { result.unitRegions[$0] == region }
          let (mean, gini) = FloatingCatchment.meanAndGini(
            index: computed.index, populations: populations, members: unitsOfRegion)
          rows.append(
            .init(
              region: region, category: category,
              population: unitsOfRegion.reduce(0) { $0 + populations[$1] }, mean: mean,
              gini: gini))
          for position in result.summary.indices
          where result.summary[position].region == region
            && result.summary[position].category == category
          {
            result.summary[position].extra = [
              ExtraColumn(name: "mean_\(method)", value: mean),
              ExtraColumn(name: "gini_\(method)", value: gini),
            ]
          }
        }
      }
      if let out {
        try clock.time("write outputs") {
          try OutputFiles.write(
            result, to: out, zones: !analysis.noZones,
            manifest: manifest(
              clock: clock, session: session, result: result, catchments: catchments))
        }
      }
      print(AccessWriter.table(rows, method: method), terminator: "")
      if analysis.timings {
        printError(
          TimingsTable.render(
            loading: clock.stages, analysis: result.timings, total: clock.elapsed,
            workCRS: result.workCRS, units: result.units.count, services: result.services.count))
      }
    }
  }
}
