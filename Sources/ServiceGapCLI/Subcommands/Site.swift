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
        Chooses --count new locations for one category, among --candidates (a file of \
        points: every point, or with a category column its points of that category; or \
        grid:2km, cells of a grid near the people beyond reach) or else the population \
        units' own points, \
        maximising the people beyond --threshold from every existing service who would \
        come within it (maximal covering location): greedy selection, then swaps of a \
        chosen site for another while that covers more people, and from the choices a \
        Lagrangian relaxation meets. Prints the plain greedy result too, and a proven \
        bound: no choice of as many sites brings more people within the threshold, so \
        the gap says how far from the best possible the answer may be. Straight-line \
        (geodesic) distances, or road distances with --mode \
        network --roads FILE (one search per candidate, bounded at the threshold); with \
        --mode walk or bike, walking or cycling distances (along the ways of --roads open \
        to them, else the geodesic × 1.3).

        Writes sites.geojson (rank, category, gain_pop, cumulative_pop, bound_pop, gap) \
        to --out.

        Example, from the repository's fixtures/demo_arjeplog_skelleftea folder:

          servicegap site --population population_tatorter_2020.csv \\
            --services services.geojson --category grocery --count 3 \\
            --threshold 5km --out ../../out/site
        """)

    @OptionGroup var input: InputOptions

    @Option(help: ArgumentHelp("The category to place.", valueName: "category"))
    var category: String

    @Option(help: ArgumentHelp("How many new sites.", valueName: "k"))
    var count: Int

    @Option(
      help: ArgumentHelp("Distance to bring people within, such as 5km.", valueName: "length"))
    var threshold: String

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
      guard count >= 1 else { throw ValidationError("'--count \(count)' must be at least 1.") }
      _ = try Length.meters(of: threshold, option: "--threshold", allowZero: false)
    }

    func run() async throws {
      let clock = StageClock()
      let files = try input.files()
      var loaded = try clock.time("load inputs") { try InputSet.load(files) }
      let meters = try Length.meters(of: threshold, option: "--threshold", allowZero: false)
      let roads =
        mode == .straight
        ? nil
        : try network.files(
          skipInvalid: input.skipInvalid, cellMeters: input.cellMeters(),
          profile: mode.profile())
      // Walking or cycling without roads, a trip within the threshold is a geodesic
      // within the threshold over the detour factor.
      let geodesicMeters =
        roads == nil && mode.profile() != .car ? meters / TravelProfile.detourFactor : meters
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
        printError(
          "warning: \(files.services) has no services of category '\(category)': "
            + "every unit starts beyond the threshold.")
      }
      let sites = try candidateSites(
        units: loaded.units, existing: existing, meters: geodesicMeters)
      let result = try clock.time("siting") {
        try roadNetwork.map {
          try CoverageSiting.choose(
            units: loaded.units, services: existing, candidates: sites.map(\.location),
            thresholdMeters: meters, count: count, network: $0,
            workers: ProcessInfo.processInfo.activeProcessorCount)
        }
          ?? CoverageSiting.choose(
            units: loaded.units, services: existing, candidates: sites.map(\.location),
            thresholdMeters: geodesicMeters, count: count)
      }
      if let out {
        let chosen = SitesWriter.sites(result.sites, candidates: sites)
        var manifest = try self.manifest(
          clock: clock, roads: roads, network: roadNetwork?.options, thresholdMeters: meters)
        manifest.parameters["covered_pop"] = .number(result.covered)
        manifest.parameters["bound_pop"] = .number(result.upperBound)
        manifest.parameters["gap"] = .number(result.gap)
        try clock.time("write outputs") {
          try OutputWriting.write(
            [
              OutputFile("sites.geojson") {
                SitesWriter.geojson(
                  chosen, category: category, bound: result.upperBound, gap: result.gap)
              }
            ],
            to: out, manifest: manifest)
        }
      }
      print(
        SitesWriter.table(
          result, sites: sites.map { ($0.id, $0.name) }, category: category,
          thresholdMeters: meters), terminator: "")
    }

    /// The candidates: a grid, a file of points, or the units' own points.
    private func candidateSites(
      units: [PopulationUnit], existing: [ServicePoint], meters: Double
    ) throws -> [(id: String, name: String, location: LonLat)] {
      if let candidates, candidates.lowercased().hasPrefix("grid:") {
        let spacing = try Length.meters(
          of: String(candidates.dropFirst("grid:".count)), option: "--candidates grid",
          allowZero: false)
        let points = try CoverageSiting.gridCandidates(
          units: units, services: existing, thresholdMeters: meters, spacingMeters: spacing)
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
