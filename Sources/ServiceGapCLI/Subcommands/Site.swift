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
        chosen site for another while that covers more people. Prints the plain greedy \
        result too. Straight-line (geodesic) distances, or road distances with --mode \
        network --roads FILE (one search per candidate, bounded at the threshold).

        Writes sites.geojson (rank, category, gain_pop, cumulative_pop) to --out.

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

    @Option(help: "How distance is measured: straight-line (geodesic) or along the roads.")
    var mode: DistanceMode = .straight

    @OptionGroup(title: "Road-network mode") var network: NetworkOptionGroup

    @Option(
      help: ArgumentHelp(
        "Where to write the outputs: a folder, a GeoPackage (results.gpkg) or a PostGIS "
          + "database (postgresql://user@host/db, one schema per run).",
        valueName: "dir|file.gpkg|url"))
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
      guard count >= 1 else { throw ValidationError("'--count \(count)' must be at least 1.") }
      _ = try Length.meters(of: threshold, option: "--threshold", allowZero: false)
    }

    private func people(_ value: Double) -> String { String(Int(value.rounded())) }

    func run() async throws {
      let clock = StageClock()
      var loaded = try clock.time("load inputs") { try LoadedInputs.load(input) }
      var roads: NetworkOptions?
      if mode == .network {
        roads = try clock.time("load roads") {
          try network.load(
            crs: input.crs, skipInvalid: input.skipInvalid, cell: input.cell,
            warnings: &loaded.warnings)
        }
      }
      for warning in loaded.warnings { printError("warning: \(warning)") }
      let existing = loaded.services.filter { $0.category == category }
      if existing.isEmpty {
        printError(
          "warning: \(try input.servicesFile()) has no services of category '\(category)': "
            + "every unit starts beyond the threshold.")
      }
      var sites: [(id: String, name: String, location: LonLat)]
      if let candidates, candidates.lowercased().hasPrefix("grid:") {
        let spacing = try Length.meters(
          of: String(candidates.dropFirst("grid:".count)), option: "--candidates grid",
          allowZero: false)
        let meters = try Length.meters(of: threshold, option: "--threshold", allowZero: false)
        let points = try CoverageSiting.gridCandidates(
          units: loaded.units, services: existing, thresholdMeters: meters,
          spacingMeters: spacing)
        sites = points.enumerated().map { ("grid-\($0.offset + 1)", "", $0.element) }
      } else if let candidates {
        var options = try input.fieldOptions()
        options.populationField = nil
        options.regionField = nil
        options.crs = carriesOwnCRS(candidates) ? nil : input.crs
        let file = try ServiceLoader.loadCandidates(
          file: candidates, category: category, options: options)
        for warning in file.warnings { printError("warning: \(warning)") }
        if let skipped = file.skippedSummary { printError("warning: \(skipped)") }
        sites = file.items.map { ($0.id, $0.name, $0.location) }
        guard !sites.isEmpty else {
          throw CLIError(
            "\(candidates) has no candidate of category '\(category)' in its category column "
              + "(a file without that column makes every point a candidate).")
        }
      } else {
        sites = loaded.units.map { ($0.id, $0.name, $0.location) }
      }
      let meters = try Length.meters(of: threshold, option: "--threshold", allowZero: false)
      let result = try clock.time("siting") {
        try roads.map {
          try CoverageSiting.choose(
            units: loaded.units, services: existing, candidates: sites.map(\.location),
            thresholdMeters: meters, count: count, network: $0,
            workers: ProcessInfo.processInfo.activeProcessorCount)
        }
          ?? CoverageSiting.choose(
            units: loaded.units, services: existing, candidates: sites.map(\.location),
            thresholdMeters: meters, count: count)
      }
      let label = Threshold(value: meters / 1000, unit: .km).label
      if let out {
        let data = SitesWriter.geojson(
          result.sites.map { choice in
            SitesWriter.Site(
              id: sites[choice.candidate].id, name: sites[choice.candidate].name,
              location: sites[choice.candidate].location, gain: choice.gain,
              cumulative: choice.cumulative)
          }, category: category)
        let manifest = try self.manifest(clock: clock, roads: roads)
        try clock.time("write outputs") {
          try OutputFiles.writeSet(
            [("sites.geojson", { try AtomicFileWriter.write(data, to: $0) })], to: out,
            manifest: manifest)
        }
      }
      print(
        "\(category): \(people(result.uncoveredPopulation)) people live beyond "
          + "\(label) from every existing service.")
      for (title, choices) in [
        ("chosen (greedy, then swaps)", result.sites), ("greedy alone", result.greedy),
      ] {
        print("\n\(title): \(people(choices.last?.cumulative ?? 0)) people within \(label)")
        for (rank, choice) in choices.enumerated() {
          let site = sites[choice.candidate]
          print(
            "  \(rank + 1). \(site.id) \(site.name.isEmpty ? "" : "(\(site.name)) ")"
              + "+\(people(choice.gain)) → \(people(choice.cumulative))")
        }
      }
    }
  }
}
