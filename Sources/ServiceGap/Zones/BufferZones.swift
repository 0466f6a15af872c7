import Foundation

/// Straight-line zones: each region minus the union of discs of the threshold's radius
/// around every service of the category (``ZoneBuilder``), with the people in each part.
struct BufferZones {
  let run: AnalysisRun
  let regions: RegionStage
  /// Each threshold's disc radius.
  let radius: DiscRadius

  /// One union to compute: a category (plan position) and one of its thresholds.
  private struct Job: Sendable {
    var category: Int
    var threshold: Int
    var meters: Double
  }

  /// The zones, ordered by category, threshold, region and then area (largest first), and
  /// the zone area of every region, category and threshold.
  ///
  /// - Parameter nearest: Per plan, every unit's geodesically nearest service: most units
  ///   are settled by it without a planar search.
  /// - Returns: The zones and the areas by region, plan and threshold.
  /// - Throws: Geometry library errors.
  func build(nearest: [[NearestService?]]) throws -> ([Zone], [ZoneStage.ZoneKey: Double]) {
    let plans = run.input.plans
    var jobs: [Job] = []
    for (category, plan) in plans.enumerated() {
      for (threshold, limit) in plan.thresholds.enumerated() {
        if let meters = radius.meters(of: limit) {
          jobs.append(Job(category: category, threshold: threshold, meters: meters))
        }
      }
    }
    let points = run.coordinates
    let projectedServices = plans.map { plan in
      let members = run.services(of: plan.name)
      return ZoneBuilder.ProjectedServices(
        xs: members.map { points.serviceXs[$0] }, ys: members.map { points.serviceYs[$0] })
    }
    let polygons = regions.index.projectedPolygons
    let done = ProgressCounter(total: jobs.count, stage: "zones", progress: run.progress)
    let allJobs = jobs
    // Heaviest first (small radii make the most intricate unions) to balance the threads.
    let order = allJobs.indices.sorted { allJobs[$0].meters < allJobs[$1].meters }
    let computed = try run.stage("zones: polygons") {
      try parallelMap(order.count, workers: run.workers) { position in
        let job = allJobs[order[position]]
        defer { done.increment() }
        return try ZoneBuilder.parts(
          regionPolygons: polygons, services: projectedServices[job.category], radius: job.meters)
      }
    }
    // The parts of every job and region.
    var parts: [ZoneStage.ZoneKey: [ZoneBuilder.Part]] = [:]
    for (position, jobIndex) in order.enumerated() {
      let job = allJobs[jobIndex]
      for region in run.input.regions.indices {
        parts[.init(region: region, category: job.category, threshold: job.threshold)] =
          computed[position][region]
      }
    }
    return try run.stage("zones: population") {
      try plans.indices.reduce(into: ([Zone](), [ZoneStage.ZoneKey: Double]())) { found, plan in
        let (zones, areas) = try populate(
          plan: plan, parts: parts, services: projectedServices[plan], nearest: nearest[plan])
        found.0 += zones
        found.1.merge(areas) { $1 }
      }
    }
  }

  /// The zones of one category: which part every unit lies in, the people and largest
  /// place of each part.
  private func populate(
    plan planIndex: Int, parts: [ZoneStage.ZoneKey: [ZoneBuilder.Part]],
    services: ZoneBuilder.ProjectedServices, nearest geodesicNearest: [NearestService?]
  ) throws -> ([Zone], [ZoneStage.ZoneKey: Double]) {
    let input = run.input
    let plan = input.plans[planIndex]
    let points = run.coordinates
    let containing = regions.units.containing
    let thresholds = plan.thresholds.indices.filter {
      radius.meters(of: plan.thresholds[$0]) != nil
    }
    let radii = thresholds.map { radius.meters(of: plan.thresholds[$0]) ?? 0 }
    let chunk = 8192
    let chunks = (input.units.count + chunk - 1) / chunk
    let smallestInner = (radii.first ?? 0) * ZoneBuilder.inscribedFraction * (1 - 1e-9)
    // Per threshold and region, the parts: looked up by position in the hot loop below.
    let partsByRegion = thresholds.map { threshold in
      input.regions.indices.map {
        parts[.init(region: $0, category: planIndex, threshold: threshold)]
      }
    }
    // Which zone part each unit lies in, per threshold (-1: none). A unit nearer than the
    // disc's inscribed radius to some service is inside a disc polygon, so only the others
    // need a point-in-polygon test, and only against the parts of the region holding it.
    let membership = try parallelMap(chunks, workers: run.workers) { piece in
      var found: [[Int32]] = Array(repeating: [], count: thresholds.count)
      for unit in piece * chunk..<min(points.unitXs.count, (piece + 1) * chunk) {
        let x = points.unitXs[unit]
        let y = points.unitYs[unit]
        guard let region = containing[unit] else {
          for index in thresholds.indices { found[index].append(-1) }
          continue
        }
        // The geodesically nearest service usually settles it: if even its planar
        // distance is inside the smallest disc, no zone of this category holds the unit.
        // Only the others need the planar nearest search.
        var planar =
          geodesicNearest[unit].map { service in
            // Plain square root, not hypot: metres never overflow, and hypot is slower.
            let dx = x - points.serviceXs[service.serviceIndex]
            let dy = y - points.serviceYs[service.serviceIndex]
            return (dx * dx + dy * dy).squareRoot()
          } ?? .infinity
        if planar > smallestInner {
          planar = services.nearestDistance(x: x, y: y) ?? .infinity
        }
        for index in thresholds.indices {
          var hit: Int32 = -1
          let inner = radii[index] * ZoneBuilder.inscribedFraction * (1 - 1e-9)
          // A unit on the zone's edge where it is the region's border counts, as it counts
          // in the region (``RegionIndex/borderTolerance``).
          if planar > inner, let candidates = partsByRegion[index][region] {
            for (partIndex, part) in candidates.enumerated()
            where part.polygon.covers(x: x, y: y, tolerance: RegionIndex.borderTolerance) {
              hit = Int32(partIndex)
              break
            }
          }
          found[index].append(hit)
        }
      }
      return found
    }
    var zones: [Zone] = []
    var areas: [ZoneStage.ZoneKey: Double] = [:]
    for (position, threshold) in thresholds.enumerated() {
      let tally = PartTally(
        membership: membership.map { $0[position] }, containing: containing,
        populations: input.units.map(\.population),
        partCounts: input.regions.indices.map {
          parts[.init(region: $0, category: planIndex, threshold: threshold)]?.count ?? 0
        })
      for region in input.regions.indices {
        let key = ZoneStage.ZoneKey(region: region, category: planIndex, threshold: threshold)
        guard let regionParts = parts[key] else { continue }
        let regionZones = regionParts.enumerated().map { partIndex, part in
          Zone(
            region: input.regions[region].name, category: plan.name,
            threshold: plan.thresholds[threshold],
            population: tally.population[region][partIndex],
            areaKm2: part.areaSquareMeters / 1e6,
            largestPlace: ZoneStage.placeName(input.units, tally.largest[region][partIndex]),
            polygon: part.rings.map { run.projection.unproject(interleaved: $0) })
        }
        areas[key] = regionParts.reduce(0) { $0 + $1.areaSquareMeters } / 1e6
        zones += regionZones.sorted { $0.areaKm2 > $1.areaKm2 }
      }
    }
    return (zones, areas)
  }
}

/// The people and the most populous unit of every part of one category and threshold.
private struct PartTally {
  /// Per region and part: people whose point lies in the part.
  var population: [[Double]]
  /// Per region and part: the most populous unit inside, or −1.
  var largest: [[Int]]

  /// - Parameters:
  ///   - membership: Per chunk of units, each unit's part (−1: none), in unit order.
  ///   - containing: Per unit, the region whose polygon holds it.
  ///   - populations: Per unit, its people.
  ///   - partCounts: Per region, its number of parts.
  init(membership: [[Int32]], containing: [Int?], populations: [Double], partCounts: [Int]) {
    population = partCounts.map { [Double](repeating: 0, count: $0) }
    largest = partCounts.map { [Int](repeating: -1, count: $0) }
    var unit = 0
    for piece in membership {
      for partIndex in piece {
        defer { unit += 1 }
        guard partIndex >= 0, let region = containing[unit] else { continue }
        let part = Int(partIndex)
        population[region][part] += populations[unit]
        // Ties keep the first unit in input order; a unit without people names no zone
        // (nobody lives there).
        let current = largest[region][part]
        if populations[unit] > 0, current < 0 || populations[unit] > populations[current] {
          largest[region][part] = unit
        }
      }
    }
  }
}
