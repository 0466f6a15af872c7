import ArgumentParser
import Foundation
import ServiceGap
import ServiceGapIO

extension ServiceGapCommand {
  /// `servicegap site`: where K new service points would help most.
  struct Site: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Where would new service points bring the most people within a threshold?",
      discussion: """
        Chooses new locations for one category among --candidates (a file of points: \
        every point, or with a category column its points of that category; or grid:2km, \
        cells of a grid near the people concerned) or else the population units' own \
        points. Three questions (models):

          coverage (default)       --count K --threshold T: the K sites that bring the most \
        people beyond T from every existing service within it (maximal covering).
          --objective person-km    --count K: the K sites that leave the fewest person-km \
        to the nearest of the existing and new services (p-median).
          --cover-all              --threshold T: the fewest sites that bring everyone \
        within T whom any candidate can (set cover).

        With --capacity N (coverage and --cover-all) a new site serves at most N people; \
        a place's people may be shared between sites.

        Every answer comes with a proven bound from a Lagrangian relaxation: no choice \
        does better than it, so the gap says how far from the best possible the answer \
        may be ("proven optimal" at 0). The search: greedy selection, swaps, the \
        relaxation's own choices, then branch and bound on the relaxation while the gap \
        stays open (at most 2000 nodes; --exact searches until the optimum is proven). \
        Straight-line (geodesic) distances, or road distances with --mode network \
        --roads FILE (one search per candidate); with --mode walk or bike, walking or \
        cycling distances (along the ways of --roads open to them, else the geodesic × \
        1.3).

        Writes sites.geojson (rank, category, id, name, the gain and running total, the \
        answer, its bound and gap) to --out.

        Examples, from the repository's fixtures/demo_arjeplog_skelleftea folder:

          servicegap site --population population_tatorter_2020.csv \\
            --services services.geojson --category grocery --count 3 \\
            --threshold 5km --out ../../out/site
          servicegap site --population population_tatorter_2020.csv \\
            --services services.geojson --category grocery --count 2 \\
            --objective person-km --out ../../out/site-person-km
          servicegap site --population population_tatorter_2020.csv \\
            --services services.geojson --category grocery --cover-all \\
            --threshold 5km --capacity 800 --out ../../out/site-cover-all
        """)

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("The category to place.", valueName: "category"))
    var category: String

    @Option(
      help: ArgumentHelp(
        "How many new sites (coverage and person-km; --cover-all finds the number).",
        valueName: "k"))
    var count: Int?

    @Option(
      help: ArgumentHelp(
        "Distance to bring people within, such as 5km (coverage and --cover-all).",
        valueName: "length"))
    var threshold: String?

    @Option(
      help: ArgumentHelp(
        "What to optimise: coverage (the most people newly within --threshold) or "
          + "person-km (the least person-km to the nearest service).",
        valueName: "objective"))
    var objective: SitingObjectiveArgument = .coverage

    @Flag(
      help: "The fewest sites that bring everyone within --threshold whom any candidate can.")
    var coverAll = false

    @Option(
      help: ArgumentHelp(
        "The most people one new site may serve (coverage and --cover-all).",
        valueName: "people"))
    var capacity: Double?

    @Flag(help: "Search until the optimum is proven (branch and bound without a node limit).")
    var exact = false

    @Option(
      help: ArgumentHelp(
        "Candidate sites: a file of points (all may be chosen, or those of --category when "
          + "it has a category column), or grid:2km for a grid of that spacing (default: the "
          + "population units' points).",
        valueName: "file|grid:length"))
    var candidates: String?

    @Option(
      help: ArgumentHelp(
        "How distance is measured: straight-line (geodesic), along the roads by car "
          + "(network), walking or cycling (walk, bike: along --roads, else geodesic × 1.3)."))
    var mode: DistanceMode = .straight

    @OptionGroup(title: "Road-network mode") var network: NetworkOptionGroup

    @OptionGroup var output: OutputOptions
    var out: String? { output.out }

    func validate() throws {
      _ = try input.servicesFile()
      try network.validate(modes: [mode])
      if mode == .transit {
        throw ValidationError(
          "'site' measures straight-line, road, walking or cycling distance: use '--mode "
            + "straight', 'network', 'walk' or 'bike' (public transport siting is not "
            + "available).")
      }
      try validateOutputDirectory(out)
      try validateModel()
    }

    /// Each model's options, and only those.
    private func validateModel() throws {
      if coverAll {
        if objective == .personKm {
          throw ValidationError(
            "'--cover-all' finds the fewest sites for --threshold; it does not combine with "
              + "'--objective person-km'.")
        }
        if count != nil {
          throw ValidationError(
            "'--cover-all' finds how many sites are needed: leave out '--count'.")
        }
      } else {
        guard let count else {
          throw ValidationError("Missing '--count <k>': how many new sites to choose.")
        }
        guard count >= 1 else { throw ValidationError("'--count \(count)' must be at least 1.") }
      }
      if objective == .personKm {
        if threshold != nil {
          throw ValidationError(
            "'--objective person-km' minimises person-km and has no threshold: leave out "
              + "'--threshold' (or use the coverage objective).")
        }
        if capacity != nil {
          throw ValidationError(
            "'--capacity' applies to coverage and '--cover-all', not to "
              + "'--objective person-km'.")
        }
      } else {
        guard let threshold else {
          throw ValidationError(
            "Missing '--threshold <length>': the distance to bring people within, such as "
              + "5km.")
        }
        _ = try Length.meters(of: threshold, option: "--threshold", allowZero: false)
      }
      if let capacity, !(capacity > 0) || !capacity.isFinite {
        throw ValidationError("'--capacity \(capacity)' must be a number of people above 0.")
      }
    }

    /// The question the options ask.
    private func model() throws -> SitingModel {
      SitingModel(
        objective: coverAll ? .coverAll : objective.objective,
        thresholdMeters: try threshold.map {
          try Length.meters(of: $0, option: "--threshold", allowZero: false)
        },
        count: count ?? 0, capacity: capacity, nodeLimit: exact ? nil : 2000)
    }

    func run() async throws {
      let clock = StageClock()
      let files = try input.files()
      var loaded = try clock.time("load inputs") { try InputSet.load(files) }
      let model = try self.model()
      let roads =
        mode == .straight
        ? nil
        : try network.files(
          skipInvalid: input.skipInvalid, cellMeters: input.cellMeters(),
          profile: mode.profile())
      var roadNetwork: RoadNetwork?
      if let roads {
        let (options, warnings) = try clock.time("load roads") { try roads.load() }
        loaded.warnings += warnings
        // Built once, in the working CRS the units choose, for every candidate's search.
        roadNetwork = try clock.time("road network") {
          try RoadNetwork(
            options: options, workCRS: WorkCRS.automatic(for: loaded.units.map(\.location)),
            workers: ProcessInfo.processInfo.activeProcessorCount)
        }
      }
      for warning in loaded.warnings { printError("warning: \(warning)") }
      let existing = loaded.services.filter { $0.category == category }
      if existing.isEmpty {
        if model.objective == .personKm {
          throw CLIError(
            "\(files.services) has no services of category '\(category)': person-km is "
              + "measured to the nearest existing service. Place the first ones with the "
              + "coverage objective (--count and --threshold) or --cover-all.")
        }
        printError(
          "warning: \(files.services) has no services of category '\(category)': "
            + "every unit starts beyond the threshold.")
      }
      // Walking or cycling without roads, a trip is the geodesic × the detour factor.
      let detour = roads == nil && mode.profile() != .car ? TravelProfile.detourFactor : 1
      let sites = try candidateSites(
        units: loaded.units, existing: existing, model: model, detour: detour)
      let result = try clock.time("siting") {
        try roadNetwork.map {
          try Siting.solve(
            units: loaded.units, services: existing, candidates: sites.map(\.location),
            model: model, network: $0, workers: ProcessInfo.processInfo.activeProcessorCount)
        }
          ?? Siting.solve(
            units: loaded.units, services: existing, candidates: sites.map(\.location),
            model: model, detourFactor: detour)
      }
      if let out {
        let chosen = SitesWriter.sites(result.sites, candidates: sites)
        let manifest = try self.manifest(
          clock: clock, roads: roads, network: roadNetwork?.options, model: model,
          result: result)
        try clock.time("write outputs") {
          try OutputWriting.write(
            [
              OutputFile("sites.geojson") {
                SitesWriter.geojson(chosen, category: category, result: result)
              }
            ],
            to: out, manifest: manifest)
        }
      }
      print(
        SitesWriter.table(
          result, sites: sites.map { ($0.id, $0.name) }, category: category,
          thresholdMeters: model.thresholdMeters, capacity: model.capacity), terminator: "")
    }

    /// The candidates: a grid, a file of points, or the units' own points.
    private func candidateSites(
      units: [PopulationUnit], existing: [ServicePoint], model: SitingModel, detour: Double
    ) throws -> [(id: String, name: String, location: LonLat)] {
      if let candidates, candidates.lowercased().hasPrefix("grid:") {
        let spacing = try Length.meters(
          of: String(candidates.dropFirst("grid:".count)), option: "--candidates grid",
          allowZero: false)
        // Cells within the threshold of the people beyond it; for person-km (no
        // threshold), the cells holding or touching people.
        let reach = model.thresholdMeters.map { $0 / detour } ?? spacing * 0.5.squareRoot()
        let points = try CoverageSiting.gridCandidates(
          units: units, services: existing, thresholdMeters: reach, spacingMeters: spacing)
        return points.enumerated().map { ("grid-\($0.offset + 1)", "", $0.element) }
      }
      guard let candidates else { return units.map { ($0.id, $0.name, $0.location) } }
      var options = try input.fieldOptions()
      options.populationField = nil
      options.regionField = nil
      options.crs = InputFiles.declaresOwnCRS(candidates) ? nil : input.crs
      let file = try ServiceLoader.loadCandidates(
        file: candidates, category: category, options: options)
      for warning in file.remarks { printError("warning: \(warning)") }
      guard !file.items.isEmpty else {
        throw CLIError(
          "\(candidates) has no candidate of category '\(category)' in its category column "
            + "(a file without that column makes every point a candidate).")
      }
      return file.items.map { ($0.id, $0.name, $0.location) }
    }
  }
}

/// `--objective`'s values.
enum SitingObjectiveArgument: String, ExpressibleByArgument, CaseIterable {
  case coverage
  case personKm = "person-km"

  var objective: SitingObjective { self == .coverage ? .coverage : .personKm }
}
