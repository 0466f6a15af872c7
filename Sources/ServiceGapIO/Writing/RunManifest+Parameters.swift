import ServiceGap

extension RunManifest {
  /// How the inputs were read, as `run.json` records it: `crs` (of CSV coordinates),
  /// `fields`, `cell_m` and `skip_invalid`; `groups` and the per-input CRS overrides
  /// (`population_crs`, …) when given.
  public static func parameters(reading files: InputFiles) -> [String: Value] {
    let fields = files.fields
    var parameters: [String: Value] = [:]
    if !fields.groups.isEmpty {
      parameters["groups"] = .array(
        fields.groups.map {
          .object(["name": .string($0.name), "columns": .array($0.columns.map(Value.string))])
        })
    }
    for (key, crs) in [
      ("population_crs", files.populationCRS), ("services_crs", files.servicesCRS),
      ("regions_crs", files.regionsCRS),
    ] {
      if let crs { parameters[key] = .string(CRSName.normalize(crs)) }
    }
    return parameters.merging(base(fields, files)) { first, _ in first }
  }

  private static func base(_ fields: FieldOptions, _ files: InputFiles) -> [String: Value] {
    [
      "crs": .string(fields.crs ?? CRSName.wgs84),
      "fields": .object([
        "id": .optional(fields.idField), "name": .optional(fields.nameField),
        "population": .optional(fields.populationField),
        "category": .optional(fields.categoryField), "x": .optional(fields.xField),
        "y": .optional(fields.yField), "region": .optional(fields.regionField),
        "region_id": .optional(files.regionFields.idField),
        "region_name": .optional(files.regionFields.nameField),
      ]),
      "cell_m": fields.cellSizeMeters.map(Value.number) ?? .null,
      "skip_invalid": .bool(fields.skipInvalid),
    ]
  }

  /// The road network's settings as `run.json` records them; null without roads.
  public static func parameters(roads: RoadFiles?, network: NetworkOptions?) -> Value {
    guard let roads, let network else { return .null }
    var fields: [String: Value] = [
      "length_field": .optional(roads.lengthField),
      "access_speed_kmh": .number(network.accessLegSpeedKmh),
      "max_snap_m": .number(network.maxSnapMeters), "cell_m": .number(network.cellMeters),
    ]
    // Walking and cycling go at one speed: the car's speed table would only mislead.
    if network.profile == .car {
      fields["speeds_kmh"] = .object(network.speeds.speeds.mapValues(Value.number))
      fields["other_roads_speed_kmh"] = .number(network.speeds.fallbackKmh)
    }
    return .object(fields)
  }

  /// Public transport's settings (`null` in the other modes): the day, the window, the
  /// percentiles, the walking limits and speed, the cap and the route filter.
  public static func parameters(transit: TransitOptions?) -> Value {
    guard let transit else { return .null }
    func clock(_ seconds: Int) -> Value {
      .string(String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60))
    }
    let routeTypes: Value
    switch transit.routeTypes {
    case .all: routeTypes = .string("all")
    case .exclude(let types):
      routeTypes = .string("exclude=\(types.sorted().map(String.init).joined(separator: ","))")
    case .only(let types):
      routeTypes = .string("only=\(types.sorted().map(String.init).joined(separator: ","))")
    }
    return .object([
      "trips": .integer(transit.feed.trips.count), "stops": .integer(transit.feed.stops.count),
      "date": .string(transit.date.description), "departure_start": clock(transit.windowStart),
      "departure_end": clock(transit.windowEnd), "departures": .integer(transit.departures.count),
      "percentiles": .array(transit.reportedPercentiles.map { .integer($0) }),
      "max_walk_m": .number(transit.maxWalkMeters),
      "max_transfer_walk_m": .number(transit.maxTransferMeters),
      "max_time_min": .number(transit.maxTravelSeconds / 60),
      "walk_speed_kmh": .number(transit.walkSpeedKmh),
      "detour_factor": .number(transit.detourFactor), "route_types": routeTypes,
      "cell_m": .number(transit.cellMeters),
    ])
  }

  /// What an analysis used, as `run.json` records it: `categories`, `thresholds`,
  /// `work_crs`, `zones`, `criticality`, `threads`, `region_tolerance_m`, and the walking
  /// or cycling `speed_kmh` and, without roads, `detour_factor` (both null by car).
  public static func parameters(analysis result: AnalysisResult, options: AnalysisOptions)
    -> [String: Value]
  {
    [
      "categories": .strings(result.categories),
      "thresholds": .object(
        Dictionary(
          result.plans.map { ($0.name, Value.strings($0.thresholds.map(\.label))) },
          uniquingKeysWith: { first, _ in first })),
      "work_crs": .string(result.workCRS), "zones": .bool(options.computeZones),
      "criticality": .bool(options.criticality), "threads": .integer(options.workers),
      "region_tolerance_m": .number(options.regionToleranceMeters),
      "speed_kmh": options.profile.speedKmh.map(Value.number) ?? .null,
      "detour_factor": options.profile.speedKmh != nil && options.network == nil
        ? .number(TravelProfile.detourFactor) : .null,
    ]
  }
}
