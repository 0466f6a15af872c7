import Foundation
import ServiceGap
import ServiceGapIO

/// Gathers what `run.json` records while a subcommand runs: the inputs it read, the
/// settings it used and the stages it timed.
///
/// The manifest itself is made only when the output set is written, as the set's last
/// file (``file(after:)``): the input files are hashed then, and the timings include
/// writing the other files.
struct RunManifestBuilder {
  /// The subcommand, such as `analyze`.
  let command: String
  /// The clock the subcommand times its stages with.
  let clock: StageClock
  /// Input files by role, in the order given; a role may repeat (never a path per role).
  var inputs: [(role: String, path: String)] = []
  /// The effective settings after defaults.
  var parameters: [String: RunManifest.Value] = [:]
  /// The analysis's own stages, by the name of the clock stage they ran in.
  var innerStages: [String: [StageTiming]] = [:]

  init(command: String, clock: StageClock) {
    self.command = command
    self.clock = clock
  }

  /// Records an input file; nothing for nil.
  mutating func addInput(_ role: String, _ path: String?) {
    if let path { inputs.append((role, path)) }
  }

  /// Records the files and reading settings of the shared input options.
  ///
  /// - Parameters:
  ///   - input: The shared input options.
  ///   - services: The services file actually read (nil: `--services`).
  ///   - servicesRole: Its role: `services`, or `before` in `compare --before FILE`.
  /// - Throws: `ValidationError` for a length that does not parse (checked earlier).
  mutating func addInputOptions(
    _ input: InputOptions, services: String? = nil, servicesRole: String = "services"
  ) throws {
    addInput("population", input.population)
    addInput(servicesRole, services ?? input.services)
    addInput("regions", input.regions)
    parameters["crs"] = .string(input.crs ?? "EPSG:4326")
    parameters["fields"] = .object([
      "id": .optional(input.idField), "name": .optional(input.nameField),
      "population": .optional(input.populationField),
      "category": .optional(input.categoryField), "x": .optional(input.xField),
      "y": .optional(input.yField), "region": .optional(input.regionField),
      "region_id": .optional(input.regionIdField),
      "region_name": .optional(input.regionNameField),
    ])
    parameters["region_tolerance_m"] = .number(try input.regionToleranceMeters())
    parameters["cell_m"] = try input.cellMeters().map(RunManifest.Value.number) ?? .null
    parameters["skip_invalid"] = .bool(input.skipInvalid)
    parameters["osm_service"] = .strings(input.osmService)
  }

  /// Records the road network's files and settings (`null` in straight-line mode).
  mutating func addNetwork(_ roads: RoadFiles?, options: NetworkOptions?) {
    guard let roads, let options else {
      parameters["network"] = .null
      return
    }
    addInput("roads", roads.roads)
    addInput("speeds", roads.speeds)
    parameters["network"] = .object([
      "length_field": .optional(roads.lengthField),
      "access_speed_kmh": .number(options.accessSpeedKmh),
      "max_snap_m": .number(options.maxSnapMeters), "cell_m": .number(options.cellMeters),
      "speeds_kmh": .object(options.speeds.speeds.mapValues(RunManifest.Value.number)),
      "other_roads_speed_kmh": .number(options.speeds.fallbackKmh),
    ])
  }

  /// Records what `analyze`, `whatif`, `compare` and `access` share: the inputs, the
  /// network, and the settings the analysis actually used (categories, thresholds and
  /// working CRS from the result).
  mutating func addAnalysis(
    input: InputOptions, analysis: AnalysisOptionGroup, prepared: PreparedAnalysis,
    result: AnalysisResult, services: String? = nil, servicesRole: String = "services"
  ) throws {
    let options = prepared.session.options
    try addInputOptions(input, services: services, servicesRole: servicesRole)
    addNetwork(prepared.roads, options: options.network)
    parameters["mode"] = .string(analysis.mode.rawValue)
    parameters["categories"] = .strings(result.categories)
    parameters["thresholds"] = .object(
      Dictionary(
        result.plans.map { ($0.name, RunManifest.Value.strings($0.thresholds.map(\.label))) },
        uniquingKeysWith: { first, _ in first }))
    parameters["work_crs"] = .string(result.workCRS)
    parameters["work_crs_option"] = .string(analysis.workCRS)
    parameters["zones"] = .bool(options.computeZones)
    parameters["criticality"] = .bool(options.criticality)
    parameters["threads"] = .integer(options.workers)
  }

  /// The `run.json` entry of an output set whose other files are `names`: it must come
  /// last, so that its timings include writing them.
  func file(after names: [String]) -> OutputFile {
    OutputFile(RunManifest.fileName) { url in
      try AtomicFileWriter.write(manifest(outputs: names + [RunManifest.fileName]).json(), to: url)
    }
  }

  /// The manifest as of now: inputs hashed, stages timed up to this moment.
  func manifest(outputs: [String]) throws -> RunManifest {
    var described: [String: RunManifest.InputFile] = [:]
    var files: [RunManifest.InputFile] = []
    for (role, path) in inputs {
      // One file given for two roles (a GeoPackage's layers) is read once.
      let key = DatasetPath(path)?.file ?? path
      var file = try described[key] ?? RunManifest.InputFile(role: role, path: path)
      described[key] = file
      file.role = role
      file.path = path
      files.append(file)
    }
    let timings = clock.stagesSoFar.map {
      RunManifest.Timing(
        stage: $0.stage, seconds: $0.seconds, stages: innerStages[$0.stage] ?? [],
        peakResidentBytes: $0.peakResidentBytes)
    }
    return RunManifest(
      version: ServiceGapVersion.current, command: command,
      arguments: Array(CommandLine.arguments.dropFirst()),
      workingDirectory: FileManager.default.currentDirectoryPath, started: clock.started,
      finished: Date(), inputs: files, parameters: parameters,
      versions: RunManifest.versions(servicegap: ServiceGapVersion.current),
      timings: timings, totalSeconds: clock.elapsed, outputs: outputs)
  }
}

// What each subcommand records, kept here so the subcommands pass one value.

extension ServiceGapCommand.Analyze {
  /// The manifest of an `analyze` run.
  func manifest(
    clock: StageClock, prepared: PreparedAnalysis, result: AnalysisResult
  ) throws -> RunManifestBuilder {
    var builder = RunManifestBuilder(command: "analyze", clock: clock)
    try builder.addAnalysis(
      input: input, analysis: analysis, prepared: prepared, result: result)
    builder.parameters["curves"] = .bool(curves)
    builder.parameters["check"] = .strings(check)
    builder.parameters["combined"] = .optional(combined)
    builder.innerStages["analysis"] = result.timings
    return builder
  }
}

extension ServiceGapCommand.Access {
  /// The manifest of an `access` run.
  func manifest(
    clock: StageClock, prepared: PreparedAnalysis, result: AnalysisResult,
    catchments: [CategoryPlan]
  ) throws -> RunManifestBuilder {
    var builder = RunManifestBuilder(command: "access", clock: clock)
    try builder.addAnalysis(
      input: input, analysis: analysis, prepared: prepared, result: result)
    builder.parameters["catchment"] = .object(
      Dictionary(
        catchments.map { ($0.name, RunManifest.Value.strings($0.thresholds.map(\.label))) },
        uniquingKeysWith: { first, _ in first }))
    builder.parameters["weights"] = .string(weights)
    builder.innerStages["analysis"] = result.timings
    return builder
  }
}

extension ServiceGapCommand.WhatIf {
  /// The manifest of a `whatif` run.
  func manifest(
    clock: StageClock, prepared: PreparedAnalysis, before: AnalysisResult,
    after: AnalysisResult
  ) throws -> RunManifestBuilder {
    var builder = RunManifestBuilder(command: "whatif", clock: clock)
    try builder.addAnalysis(input: input, analysis: analysis, prepared: prepared, result: after)
    builder.addInput("close_file", closeFile)
    builder.addInput("open_file", openFile)
    builder.parameters["close"] = .strings(close)
    builder.parameters["open"] = .strings(open)
    builder.innerStages["analysis before"] = before.timings
    builder.innerStages["analysis after"] = after.timings
    return builder
  }
}

extension ServiceGapCommand.Compare {
  /// The manifest of a `compare` run: `result` is the (last) analysis, `stages` the
  /// analyses' own stages by clock stage, `rankBy` the indicator ranked per category
  /// (without `--before`/`--after`).
  func manifest(
    clock: StageClock, prepared: PreparedAnalysis, result: AnalysisResult,
    stages: [String: [StageTiming]], rankBy: [String: String] = [:]
  ) throws -> RunManifestBuilder {
    var builder = RunManifestBuilder(command: "compare", clock: clock)
    if let before, let after, ServiceDate.normalise(before) == nil {
      try builder.addAnalysis(
        input: input, analysis: analysis, prepared: prepared, result: result, services: before,
        servicesRole: "before")
      builder.addInput("after", after)
    } else {
      try builder.addAnalysis(
        input: input, analysis: analysis, prepared: prepared, result: result)
    }
    if before == nil {
      builder.parameters["rank_by"] = .object(rankBy.mapValues(RunManifest.Value.string))
      builder.parameters["share_limit"] = .number(try limit())
    }
    builder.parameters["before"] = .optional(before)
    builder.parameters["after"] = .optional(after)
    builder.innerStages = stages
    builder.parameters["date_fields"] = .object([
      "opened": .optional(openedField), "closed": .optional(closedField),
      "year": .optional(yearField),
    ])
    return builder
  }
}

extension ServiceGapCommand.Site {
  /// The manifest of a `site` run.
  func manifest(
    clock: StageClock, roads: RoadFiles?, network options: NetworkOptions?,
    thresholdMeters: Double
  ) throws -> RunManifestBuilder {
    var builder = RunManifestBuilder(command: "site", clock: clock)
    try builder.addInputOptions(input)
    builder.addNetwork(roads, options: options)
    let candidateFile = candidates.map { !$0.lowercased().hasPrefix("grid:") } ?? false
    if candidateFile { builder.addInput("candidates", candidates) }
    builder.parameters["mode"] = .string(mode.rawValue)
    builder.parameters["category"] = .string(category)
    builder.parameters["count"] = .integer(count)
    builder.parameters["threshold_m"] = .number(thresholdMeters)
    builder.parameters["candidates"] = .string(candidates ?? "units")
    builder.parameters["threads"] = .integer(ProcessInfo.processInfo.activeProcessorCount)
    return builder
  }
}
