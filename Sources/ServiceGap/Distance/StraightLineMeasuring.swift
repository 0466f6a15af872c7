/// Straight-line measuring: the geodesic distance to the nearest service of each category.
///
/// Walking and cycling without roads measure the same way, with a factor: a trip is the
/// geodesic distance × ``TravelProfile/detourFactor`` (1.3), and its time that distance
/// at the profile's speed; the nearest service is the geodesically nearest, and zones are
/// discs of the threshold's radius over the factor.
struct StraightLineMeasuring: MeasuringMode {
  /// Whether to find every unit's second-nearest service too (criticality).
  var secondNearest: Bool
  /// By car the straight line itself; on foot or by bicycle, the detour factor and speed.
  var profile: TravelProfile = .car

  /// Measures every category: one index of its services, searched from every unit in
  /// chunks on all workers.
  ///
  /// A category without services leaves every unit unreachable, with a warning.
  func measure(_ run: AnalysisRun) throws -> Measurements {
    let locations = run.input.units.map(\.location)
    let plans = run.input.plans
    let done = ProgressCounter(
      total: Self.chunkCount(locations.count) * plans.count, stage: "nearest services",
      progress: run.progress)
    let categories = try run.stage("nearest services") {
      try plans.map { plan -> MeasuredCategory in
        let members = run.services(of: plan.name)
        if members.isEmpty {
          run.warnings.append(
            "category '\(plan.name)' has no services: every unit is unreachable")
        }
        let index = NearestServiceIndex(
          services: members.map { run.input.services[$0] }, indices: members)
        if secondNearest {
          let found = try Self.everyUnit(run, locations, done) {
            index.nearestTwoPositions(to: $0)
          }
          let nearest = found.map { $0.map { index.record($0.first) } }
          let alternatives = zip(nearest, found).map { nearest, pair in
            nearest.map {
              ServiceAlternative(
                serviceIndex: $0.serviceIndex, cost: $0.distanceMeters,
                secondCost: pair?.second?.meters)
            }
          }
          return MeasuredCategory(nearest: nearest, alternatives: alternatives)
        }
        let nearest = try Self.everyUnit(run, locations, done) {
          index.nearestPosition(to: $0).map(index.record)
        }
        return MeasuredCategory(nearest: nearest)
      }
    }
    guard let speedKmh = profile.speedKmh else {
      return Measurements(categories: categories, zones: .buffers(DiscRadius()))
    }
    let trip = TripScale(factor: TravelProfile.detourFactor, metresPerSecond: speedKmh / 3.6)
    return Measurements(
      categories: zip(plans, categories).map { trip.scaled($1, measure: $0.measure) },
      zones: .buffers(DiscRadius(detourFactor: trip.factor, metresPerSecond: trip.metresPerSecond))
    )
  }

  /// Per plan, every unit's geodesic metres to the nearest service, NaN where there is
  /// none: the straight line a road run compares with (the detour), without the services
  /// themselves, so a national run holds 8 bytes a unit and category instead of a record.
  func geodesicMetres(_ run: AnalysisRun) throws -> [[Double]] {
    let locations = run.input.units.map(\.location)
    let plans = run.input.plans
    let done = ProgressCounter(
      total: Self.chunkCount(locations.count) * plans.count, stage: "nearest services",
      progress: run.progress)
    return try run.stage("nearest services") {
      try plans.map { plan -> [Double] in
        let members = run.services(of: plan.name)
        let index = NearestServiceIndex(
          services: members.map { run.input.services[$0] }, indices: members)
        return try Self.everyUnit(run, locations, done) {
          index.nearestPosition(to: $0)?.meters ?? .nan
        }
      }
    }
  }

  /// Units per parallel piece: small enough to share out evenly, large enough that the
  /// progress counter is not a hot spot.
  private static let chunk = 8192

  private static func chunkCount(_ units: Int) -> Int { (units + chunk - 1) / chunk }

  /// `body` at every unit's location, in chunks on all workers, in unit order.
  private static func everyUnit<Value: Sendable>(
    _ run: AnalysisRun, _ locations: [LonLat], _ done: ProgressCounter,
    _ body: @escaping @Sendable (LonLat) -> Value
  ) throws -> [Value] {
    try parallelMap(chunkCount(locations.count), workers: run.workers) { piece in
      defer { done.increment() }
      return (piece * chunk..<min(locations.count, (piece + 1) * chunk)).map {
        body(locations[$0])
      }
    }.flatMap { $0 }
  }
}

/// Walking or cycling trips without roads: the geodesic distance × a factor, at a speed.
struct TripScale {
  /// Trip length over the geodesic distance.
  var factor: Double
  /// The speed of the trip.
  var metresPerSecond: Double

  /// A category measured along the straight line, as trips: distances × the factor,
  /// times at the speed, the detour the factor itself (nil where the distance is 0),
  /// and criticality's costs in `measure`.
  func scaled(_ found: MeasuredCategory, measure: Measure) -> MeasuredCategory {
    let nearest = found.nearest.map { nearest in
      nearest.map { service in
        var trip = service
        trip.distanceMeters = service.distanceMeters * factor
        return trip
      }
    }
    let cost = { (meters: Double) in
      measure == .meters ? meters * factor : meters * factor / metresPerSecond
    }
    return MeasuredCategory(
      nearest: nearest,
      minutes: nearest.map { $0.map { $0.distanceMeters / metresPerSecond / 60 } },
      detour: found.nearest.map { $0.flatMap { $0.distanceMeters > 0 ? factor : nil } },
      alternatives: found.alternatives?.map { alternative in
        alternative.map {
          ServiceAlternative(
            serviceIndex: $0.serviceIndex, cost: cost($0.cost), secondCost: $0.secondCost.map(cost))
        }
      })
  }
}
