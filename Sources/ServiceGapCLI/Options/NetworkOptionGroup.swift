import ArgumentParser
import ServiceGap
import ServiceGapIO

/// Options of road-network mode (`--mode network`).
struct NetworkOptionGroup: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Road network: GeoJSON LineStrings with highway, maxspeed and oneway properties "
        + "(needed with --mode network).",
      valueName: "file"))
  var roads: String?

  @Option(
    help: ArgumentHelp(
      "CSV with columns highway,speed_kmh replacing the default speed of those road classes.",
      valueName: "file"))
  var speeds: String?

  @Option(
    help: ArgumentHelp(
      "Road property with the true length in metres, for data drawn straight between "
        + "junctions (scales each road's pieces).",
      valueName: "name"))
  var lengthField: String?

  @Option(help: ArgumentHelp("Speed between a point and the road, km/h.", valueName: "kmh"))
  var accessSpeed: Double = 20

  @Option(
    help: ArgumentHelp(
      "Points farther than this from every road cannot reach any service.",
      valueName: "length"))
  var maxSnap: String = "5km"

  func validate() throws {
    guard accessSpeed > 0, accessSpeed.isFinite else {
      throw ValidationError("'--access-speed \(accessSpeed)' must be a positive speed in km/h.")
    }
    _ = try Length.meters(of: maxSnap, option: "--max-snap")
  }

  /// Loads the roads and speeds; warnings go to `warnings`.
  func load(crs: String?, skipInvalid: Bool, warnings: inout [String]) throws -> NetworkOptions {
    guard let roads else {
      throw ValidationError("'--mode network' needs '--roads FILE' with the road network.")
    }
    let loaded = try RoadLoader.load(
      file: roads,
      options: RoadFieldOptions(lengthField: lengthField, crs: nil, skipInvalid: skipInvalid))
    warnings += loaded.warnings
    if let skipped = loaded.skippedSummary { warnings.append(skipped) }
    let table = try speeds.map { try SpeedTableLoader.load(file: $0) } ?? .defaults
    return NetworkOptions(
      roads: loaded.items, speeds: table, accessSpeedKmh: accessSpeed,
      maxSnapMeters: try Length.meters(of: maxSnap, option: "--max-snap"))
  }
}
