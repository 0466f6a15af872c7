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

        Writes units.geojson (C_2sfca or C_e2sfca per category) and access_summary.csv \
        (population-weighted mean and Gini per region) to --out.

        Example, from the repository's fixtures/demo_arjeplog_skelleftea folder:

          servicegap access --population population_tatorter_2020.csv \\
            --services services.geojson --regions kommuner.geojson \\
            --region-field kommun_kod --categories grocery,pharmacy \\
            --catchment 10km --catchment pharmacy=30km --out ../../out/access
        """)

    @OptionGroup var input: InputOptions

    @Option(
      help: ArgumentHelp(
        "Categories, comma-separated (default: every category in the services).",
        valueName: "list"))
    var categories: String?

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

    @Option(help: "How distance is measured: straight-line (geodesic) or along the roads.")
    var mode: DistanceMode = .straight

    @OptionGroup(title: "Road-network mode") var network: NetworkOptionGroup

    @Option(help: ArgumentHelp("Directory for the output files.", valueName: "dir"))
    var out: String?

    func validate() throws {
      _ = try input.servicesFile()
      if mode == .network, network.roads == nil {
        throw ValidationError("'--mode network' needs '--roads FILE' with the road network.")
      }
      if mode == .straight, let option = network.given.first {
        throw ValidationError(
          "'\(option)' is only used along the roads: add '--mode network', or drop '\(option)'.")
      }
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
      var loaded = try clock.time("load inputs") { try LoadedInputs.load(input) }
      var roads: NetworkOptions?
      if mode == .network {
        roads = try network.load(
          crs: input.crs, skipInvalid: input.skipInvalid, cell: input.cell,
          warnings: &loaded.warnings)
      }
      for warning in loaded.warnings { printError("warning: \(warning)") }
      loaded.warnings = []
      var group = try AnalysisOptionGroup.parse([])
      group.categories = categories
      let names = try group.resolveCategories(
        loaded.services, servicesFile: try input.servicesFile())
      let catchments = try ThresholdSpecification.resolve(catchment, categories: names)
      for category in names where catchments[category]?.count != 1 {
        throw CLIError(
          "give one catchment size for '\(category)' (e.g. --catchment \(category)=10km), "
            + "not \(catchments[category]?.count ?? 0).")
      }
      // Regions come from a plain analysis (no zones): the same assignment as analyze.
      let placed = try StraightLineAnalysis.run(
        AnalysisInput(
          units: loaded.units, services: loaded.services, regions: loaded.regions,
          categories: names, thresholds: catchments),
        options: AnalysisOptions(
          regionToleranceMeters: try Length.meters(
            of: input.regionTolerance, option: "--region-tolerance"),
          joinRegionsByKey: input.regionField != nil, computeZones: false,
          workers: ProcessInfo.processInfo.activeProcessorCount))
      let decay = try decay()
      let method = decay == .none ? "2sfca" : "e2sfca"
      var columns: [AccessWriter.Column] = []
      var rows: [AccessWriter.Row] = []
      var regionNames: [String] = []
      for region in placed.summary.map(\.region) where !regionNames.contains(region) {
        regionNames.append(region)
      }
      let populations = loaded.units.map(\.population)
      for category in names {
        guard let kilometres = catchments[category]?.first, kilometres.unit == .km else {
          throw CLIError("the catchment of '\(category)' must be a distance, such as 10km.")
        }
        let members = loaded.services.filter { $0.category == category }
        let computed =
          try roads.map {
            try FloatingCatchment.compute(
              units: loaded.units, services: members, catchmentKm: kilometres.value,
              weights: decay, network: $0, workCRS: placed.workCRS,
              workers: ProcessInfo.processInfo.activeProcessorCount)
          }
          ?? FloatingCatchment.compute(
            units: loaded.units, services: members, catchmentKm: kilometres.value,
            weights: decay)
        columns.append(.init(name: "\(category)_\(method)", values: computed.index))
        for region in regionNames {
          let members =
            region == StraightLineAnalysis.allRegions
            ? Array(loaded.units.indices)
            : loaded.units.indices.filter { placed.unitRegions[$0] == region }
          let (mean, gini) = FloatingCatchment.meanAndGini(
            index: computed.index, populations: populations, members: members)
          rows.append(
            .init(
              region: region, category: category,
              population: members.reduce(0) { $0 + populations[$1] }, mean: mean, gini: gini))
        }
      }
      if let out {
        let units = AccessWriter.units(loaded.units, regions: placed.unitRegions, columns: columns)
        let summary = AccessWriter.summaryCSV(rows, method: method)
        try OutputFiles.writeSet(
          [
            ("units.geojson", { try AtomicFileWriter.write(units, to: $0) }),
            ("access_summary.csv", { try AtomicFileWriter.write(summary, to: $0) }),
          ], to: out)
      }
      print(AccessWriter.table(rows, method: method), terminator: "")
    }
  }
}
