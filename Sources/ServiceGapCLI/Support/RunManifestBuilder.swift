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

  /// Records the files and reading settings of the inputs.
  ///
  /// - Parameters:
  ///   - files: The inputs as read.
  ///   - input: The input options (`--region-tolerance` and `--osm-service` as given).
  ///   - servicesRole: The services' role: `services`, or `before` in `compare --before`.
  /// - Throws: `ValidationError` for a length that does not parse (checked earlier).
  mutating func addInputs(
    _ files: InputFiles, input: InputOptions, servicesRole: String = "services"
  ) throws {
    addInput("population", files.population)
    addInput(servicesRole, files.services)
    addInput("regions", files.regions)
    parameters.merge(RunManifest.parameters(reading: files)) { $1 }
    parameters["region_tolerance_m"] = .number(try input.regionToleranceMeters())
    parameters["osm_service"] = .strings(input.osmService)
  }

  /// Records the road network's files and settings (`null` in straight-line mode).
  mutating func addNetwork(_ roads: RoadFiles?, options: NetworkOptions?) {
    if let roads, options != nil {
      addInput("roads", roads.roads)
      addInput("speeds", roads.speeds)
    }
    parameters["network"] = RunManifest.parameters(roads: roads, network: options)
  }

  /// Records the timetable and public transport's settings (`null` in the other modes).
  mutating func addTransit(_ options: TransitOptions?, feed: String?) {
    // A feed given as a folder has no one file to hash; its path is in the parameters.
    if options != nil, let feed {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: feed, isDirectory: &isFolder)
      if !isFolder.boolValue { addInput("gtfs", feed) }
    }
    parameters["transit"] = RunManifest.parameters(transit: options)
  }

  /// Records what `analyze`, `whatif`, `compare` and `access` share: the inputs, the
  /// network, and the settings the analysis actually used.
  mutating func addAnalysis(
    input: InputOptions, analysis: AnalysisOptionGroup, prepared: PreparedAnalysis,
    result: AnalysisResult, servicesRole: String = "services"
  ) throws {
    let options = prepared.session.options
    try addInputs(prepared.files, input: input, servicesRole: servicesRole)
    addNetwork(prepared.roads, options: options.network)
    addTransit(options.transit, feed: analysis.transit.gtfs)
    parameters.merge(RunManifest.parameters(analysis: result, options: options)) { $1 }
    parameters["mode"] = .string(prepared.mode.rawValue)
    parameters["work_crs_option"] = .string(analysis.workCRS)
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
    try RunManifest.describe(
      version: ServiceGapVersion.current, command: command, started: clock.started,
      inputs: inputs, parameters: parameters, innerStages: innerStages, outputs: outputs
    ) { (clock.stagesSoFar, clock.elapsed) }
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
  /// (without `--before`/`--after`), `other` the first mode's analysis when two modes are
  /// compared.
  func manifest(
    clock: StageClock, prepared: PreparedAnalysis, result: AnalysisResult,
    stages: [String: [StageTiming]], rankBy: [String: String] = [:],
    other: PreparedAnalysis? = nil
  ) throws -> RunManifestBuilder {
    var builder = RunManifestBuilder(command: "compare", clock: clock)
    if let before, let after, let modes = Self.modes(before, after) {
      // Car against bus: each mode's settings, whichever side it is on.
      try builder.addAnalysis(input: input, analysis: analysis, prepared: prepared, result: result)
      for side in [other, prepared].compactMap({ $0 }) {
        if side.roads != nil {
          builder.addNetwork(side.roads, options: side.session.options.network)
        }
        if side.session.options.transit != nil {
          builder.addTransit(side.session.options.transit, feed: analysis.transit.gtfs)
        }
      }
      builder.parameters["mode"] = .strings(modes.map(\.rawValue))
    } else if let before, let after, ServiceDate.normalise(before) == nil {
      try builder.addAnalysis(
        input: input, analysis: analysis, prepared: prepared, result: result,
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
    clock: StageClock, roads: RoadFiles?, network options: NetworkOptions?, model: SitingModel,
    result: SitingResult
  ) throws -> RunManifestBuilder {
    var builder = RunManifestBuilder(command: "site", clock: clock)
    try builder.addInputs(try input.files(), input: input)
    builder.addNetwork(roads, options: options)
    let candidateFile = candidates.map { !$0.lowercased().hasPrefix("grid:") } ?? false
    if candidateFile { builder.addInput("candidates", candidates) }
    builder.parameters["mode"] = .string(mode.rawValue)
    builder.parameters["category"] = .string(category)
    builder.parameters["objective"] = .string(model.objective.rawValue)
    if model.objective != .coverAll { builder.parameters["count"] = .integer(model.count) }
    if let threshold = model.thresholdMeters {
      builder.parameters["threshold_m"] = .number(threshold)
    }
    if let capacity = model.capacity { builder.parameters["capacity"] = .number(capacity) }
    builder.parameters["exact"] = .bool(model.nodeLimit == nil)
    // The answer and its proof, named as in sites.geojson.
    switch model.objective {
    case .coverage:
      builder.parameters["covered_pop"] = .number(result.value)
      builder.parameters["bound_pop"] = .number(result.bound)
    case .personKm:
      builder.parameters["base_person_km"] = .number(result.basePersonKm)
      builder.parameters["person_km"] = .number(result.value)
      builder.parameters["bound_person_km"] = .number(result.bound)
    case .coverAll:
      builder.parameters["sites"] = .integer(Int(result.value))
      builder.parameters["bound_sites"] = .integer(Int(result.bound))
    }
    builder.parameters["gap"] = .number(result.gap)
    builder.parameters["proven"] = .bool(result.proven)
    builder.parameters["nodes"] = .integer(result.nodes)
    builder.parameters["candidates"] = .string(candidates ?? "units")
    builder.parameters["threads"] = .integer(ProcessInfo.processInfo.activeProcessorCount)
    return builder
  }
}
