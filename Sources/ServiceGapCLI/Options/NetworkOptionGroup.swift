import ArgumentParser
import ServiceGap
import ServiceGapIO

/// Options of road-network mode (`--mode network`).
struct NetworkOptionGroup: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Road network: GeoJSON (or GeoPackage) LineStrings with highway, maxspeed and oneway "
        + "properties, or an OpenStreetMap extract (.osm.pbf; its car roads) (needed with "
        + "--mode network).",
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

  @Option(
    help: ArgumentHelp(
      "Speed between a point and the road, km/h (default: 20).", valueName: "kmh"))
  var accessSpeed: Double?

  @Option(
    help: ArgumentHelp(
      "Points farther than this from every road cannot reach any service (default: 5km).",
      valueName: "length"))
  var maxSnap: String?

  /// The options given on the command line, to refuse them outside network mode.
  var given: [String] {
    [
      roads.map { _ in "--roads" }, speeds.map { _ in "--speeds" },
      lengthField.map { _ in "--length-field" }, accessSpeed.map { _ in "--access-speed" },
      maxSnap.map { _ in "--max-snap" },
    ].compactMap { $0 }
  }

  func validate() throws {
    if let accessSpeed, !(accessSpeed > 0 && accessSpeed.isFinite) {
      throw ValidationError("'--access-speed \(accessSpeed)' must be a positive speed in km/h.")
    }
    if let maxSnap { _ = try Length.meters(of: maxSnap, option: "--max-snap", allowZero: false) }
  }

  /// Loads the roads and speeds; warnings go to `warnings`.
  ///
  /// `cell` is the analysis grid's cell size for zones (`--cell`, default 250 m).
  func load(
    crs: String?, skipInvalid: Bool, cell: String?, warnings: inout [String]
  ) throws -> NetworkOptions {
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
      roads: loaded.items, speeds: table, accessSpeedKmh: accessSpeed ?? 20,
      maxSnapMeters: try maxSnap.map {
        try Length.meters(of: $0, option: "--max-snap", allowZero: false)
      } ?? 5000,
      cellMeters: try cell.map { try Length.meters(of: $0, option: "--cell", allowZero: false) }
        ?? 250)
  }
}
