import ArgumentParser
import ServiceGap
import ServiceGapIO

/// Options of road-network mode (`--mode network`), also walking and cycling along the
/// roads (`--mode walk`, `--mode bike` with `--roads`).
struct NetworkOptionGroup: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Road network: GeoJSON (or GeoPackage) LineStrings with highway, maxspeed and oneway "
        + "properties, or an OpenStreetMap extract (.osm.pbf; its car roads, or with --mode "
        + "walk|bike also its paths) (needed with --mode network; optional with walk|bike).",
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

  /// Refuses road-network mode without roads, road options when no mode measured uses
  /// them (`modes`: the run's mode, or the two modes `compare` sets side by side), and car
  /// speeds when walking or cycling.
  func validate(modes: [DistanceMode]) throws {
    if modes.contains(.network), roads == nil {
      throw ValidationError("'--mode network' needs '--roads FILE' with the road network.")
    }
    guard !modes.contains(.network), let option = given.first else { return }
    if let mode = modes.first(where: { $0 == .walk || $0 == .bike }) {
      try validate(walkingOrCycling: mode)
      return
    }
    if modes.contains(.transit) {
      throw ValidationError(
        "'\(option)' is not used by public transport, whose walks are the geodesic × 1.3 "
          + "at 5 km/h: drop '\(option)'.")
    }
    throw ValidationError(
      "'\(option)' is only used along the roads: add '--mode network', or drop '\(option)'.")
  }

  /// Walking and cycling use the roads and the snapping limit, not the car's speeds.
  private func validate(walkingOrCycling mode: DistanceMode) throws {
    let speed = mode == .walk ? "--walk-speed" : "--bike-speed"
    if speeds != nil {
      throw ValidationError(
        "'--speeds' sets car speeds; '--mode \(mode.rawValue)' goes at \(speed) on every "
          + "way: drop '--speeds'.")
    }
    if accessSpeed != nil {
      throw ValidationError(
        "'--access-speed' is the car's speed to the road; '--mode \(mode.rawValue)' covers "
          + "it at \(speed): drop '--access-speed'.")
    }
    if roads == nil, let option = given.first {
      throw ValidationError(
        "'\(option)' is only used along the roads: add '--roads FILE', or drop '\(option)'.")
    }
  }

  func validate() throws {
    if let accessSpeed, !(accessSpeed > 0 && accessSpeed.isFinite) {
      throw ValidationError("'--access-speed \(accessSpeed)' must be a positive speed in km/h.")
    }
    _ = try maxSnapMeters()
  }

  /// `--max-snap` in metres; nil when not given.
  func maxSnapMeters() throws -> Double? {
    try maxSnap.map { try Length.meters(of: $0, option: "--max-snap", allowZero: false) }
  }

  /// The road network's files and settings; nil without `--roads`.
  ///
  /// `cellMeters` is the analysis grid's cell size for zones (`--cell`, default 250 m);
  /// `profile` who travels the roads.
  func files(skipInvalid: Bool, cellMeters: Double?, profile: TravelProfile = .car) throws
    -> RoadFiles?
  {
    guard let roads else { return nil }
    return RoadFiles(
      roads: roads, speeds: speeds, lengthField: lengthField, skipInvalid: skipInvalid,
      accessSpeedKmh: accessSpeed ?? 20, maxSnapMeters: try maxSnapMeters() ?? 5000,
      cellMeters: cellMeters ?? 250, profile: profile)
  }
}
