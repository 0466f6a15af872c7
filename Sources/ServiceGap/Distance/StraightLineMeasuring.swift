/// Straight-line measuring: the geodesic distance to the nearest service of each category.
struct StraightLineMeasuring: MeasuringMode {
  /// Whether to find every unit's second-nearest service too (criticality).
  var secondNearest: Bool

  /// Measures every category: one index of its services, searched from every unit in
  /// chunks on all workers.
  ///
  /// A category without services leaves every unit unreachable, with a warning.
  func measure(_ run: AnalysisRun) throws -> Measurements {
    let locations = run.input.units.map(\.location)
    let chunk = 8192
    let chunkCount = (locations.count + chunk - 1) / chunk
    let plans = run.input.plans
    let done = ProgressCounter(
      total: chunkCount * plans.count, stage: "nearest services", progress: run.progress)
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
          let found = try parallelMap(chunkCount, workers: run.workers) { piece in
            defer { done.increment() }
            return (piece * chunk..<min(locations.count, (piece + 1) * chunk)).map {
              index.nearestTwoPositions(to: locations[$0])
            }
          }.flatMap { $0 }
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
        let nearest = try parallelMap(chunkCount, workers: run.workers) { piece in
          defer { done.increment() }
          return (piece * chunk..<min(locations.count, (piece + 1) * chunk)).map {
            index.nearestPosition(to: locations[$0])
          }
        }.flatMap { $0.map { $0.map(index.record) } }
        return MeasuredCategory(nearest: nearest)
      }
    }
    return Measurements(categories: categories, zones: .buffers)
  }
}
