import Foundation

/// Runs the straight-line analysis: nearest service by geodesic distance for
/// every unit and category, region assignment, zones and the summary.
public enum StraightLineAnalysis {
  /// Name of the pseudo-region that totals every region.
  public static let allRegions = "ALL"
  /// Name of the pseudo-region for units that lie in no region.
  public static let outsideRegion = "outside"

  /// Analyses `input`.
  ///
  /// Every service of a category serves every unit, wherever the region
  /// boundaries run. Categories with no services leave every unit unreachable.
  ///
  /// - Parameters:
  ///   - input: Units, services, regions, categories and thresholds. Thresholds
  ///     must be in km (minutes need road-network mode).
  ///   - options: Working CRS, region tolerance, zones on or off, threads.
  ///   - progress: Called from worker threads with the stage and fraction done.
  /// - Returns: Per-unit nearest services, zones, summary, timings.
  /// - Throws: ``CRSError`` for an unusable working CRS, ``AnalysisError`` for
  ///   inconsistent input, and geometry library errors from zone building.
  /// - Complexity: O((*u* log *s*) per category for the distances, with *u*
  ///   units and *s* services; zones depend on the geometry.
  public static func run(
    _ input: AnalysisInput, options: AnalysisOptions = AnalysisOptions(),
    progress: ProgressHandler? = nil
  ) throws -> AnalysisResult {
    var timings: [StageTiming] = []
    var warnings: [String] = []
    func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
      let start = DispatchTime.now().uptimeNanoseconds
      defer {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        timings.append(
          StageTiming(
            stage: stage, seconds: seconds, peakResidentBytes: PeakMemory.bytes()))
      }
      return try body()
    }

    if let network = options.network {
      for (name, value) in [
        ("the access speed", network.accessSpeedKmh), ("the snapping limit", network.maxSnapMeters),
        ("the zone cell size", network.cellMeters),
      ] where !(value.isFinite && value > 0) {
        throw AnalysisError.invalidNetworkSetting(name: name, value: value)
      }
    }
    if options.network == nil {
      for category in input.categories {
        for threshold in input.thresholds[category] ?? [] where threshold.unit != .km {
          throw AnalysisError.minutesNeedNetwork(category: category, threshold: threshold.label)
        }
      }
    }
    let workCRS =
      options.workCRS ?? WorkCRS.automatic(for: input.units.map(\.location))
    let projection = try Projection(workCRS: workCRS)
    let (unitXs, unitYs) = timed("project to \(workCRS)") {
      projection.project(input.units.map(\.location))
    }
    let (serviceXs, serviceYs) = projection.project(input.services.map(\.location))

    // Regions.
    let regionIndex = RegionIndex(regions: input.regions, projection: projection)
    let regionIDs = input.regions.map(\.id)
    let (unitAssignment, serviceAssignment) = try timed("assign regions") {
      progress?("assigning regions", 0)
      let unitKeys: [String?]? = options.joinRegionsByKey ? input.units.map(\.regionKey) : nil
      let serviceKeys: [String?]? =
        options.joinRegionsByKey && input.services.contains(where: { $0.regionKey != nil })
        ? input.services.map(\.regionKey) : nil
      let units = try RegionAssignment.assign(
        xs: unitXs, ys: unitYs, keys: unitKeys, regionIDs: regionIDs, index: regionIndex,
        toleranceMeters: options.regionToleranceMeters, workers: options.workers)
      let services = try RegionAssignment.assign(
        xs: serviceXs, ys: serviceYs, keys: serviceKeys, regionIDs: regionIDs,
        index: regionIndex, toleranceMeters: options.regionToleranceMeters,
        workers: options.workers)
      return (units, services)
    }
    // Services with keys of other regions are expected (services beyond the
    // study area serve it too); units with such keys are worth a word.
    let unmatched = unitAssignment.unmatchedKeys
    if !unmatched.isEmpty {
      let sample = unmatched.sorted().prefix(5).joined(separator: ", ")
      warnings.append(
        "units with \(unmatched.count) region key value(s) that match no region id (\(sample)) "
          + "are counted as '\(outsideRegion)'")
    }

    // Nearest services.
    let servicesByCategory = Dictionary(grouping: input.services.indices) {
      input.services[$0].category
    }
    var nearest: [String: [NearestService?]] = [:]
    // With criticality: the distance to the next nearest other service, per unit.
    var secondMeters: [String: [Double?]] = [:]
    let unitLocations = input.units.map(\.location)
    try timed("nearest services") {
      let chunk = 8192
      let chunkCount = (unitLocations.count + chunk - 1) / chunk
      let done = ProgressCounter(
        total: chunkCount * input.categories.count, stage: "nearest services", progress: progress)
      for category in input.categories {
        let members = servicesByCategory[category] ?? []
        if members.isEmpty {
          warnings.append("category '\(category)' has no services: every unit is unreachable")
        }
        let index = NearestServiceIndex(
          services: members.map { input.services[$0] }, indices: members)
        let locations = unitLocations
        if options.criticality && options.network == nil {
          let pieces = try parallelMap(chunkCount, workers: options.workers) { piece in
            defer { done.increment() }
            return (piece * chunk..<min(locations.count, (piece + 1) * chunk)).map {
              index.nearestTwoPositions(to: locations[$0])
            }
          }
          let found = pieces.flatMap { $0 }
          nearest[category] = found.map { $0.map { index.record($0.first) } }
          secondMeters[category] = found.map { $0?.second?.meters }
          continue
        }
        let pieces = try parallelMap(chunkCount, workers: options.workers) { piece in
          defer { done.increment() }
          return (piece * chunk..<min(locations.count, (piece + 1) * chunk)).map {
            index.nearestPosition(to: locations[$0])
          }
        }
        nearest[category] = pieces.flatMap { $0.map { $0.map(index.record) } }
      }
    }

    // Road network: replaces the distances, adds travel times and detours.
    var travelMinutes: [String: [Double?]] = [:]
    var detour: [String: [Double?]] = [:]
    var diagnostics: NetworkDiagnostics?
    var alternatives: [String: [NetworkMeasurement.Alternative?]] = [:]
    let straightNearest = nearest
    let drawZones = options.computeZones && !input.regions.isEmpty
    var zones: [Zone] = []
    var zoneArea: [ZoneKey: Double] = [:]
    if let network = options.network {
      let zoneMeasures: [String: MultiSourceSearch.Measure] =
        drawZones
        ? Dictionary(
          uniqueKeysWithValues: input.categories.map { category in
            (category, input.thresholds[category]?.first?.unit == .min ? .seconds : .meters)
          })
        : [:]
      let thresholdMeasures: [String: MultiSourceSearch.Measure] = Dictionary(
        uniqueKeysWithValues: input.categories.map { category in
          (category, input.thresholds[category]?.first?.unit == .min ? .seconds : .meters)
        })
      let measured = try timed("road network") {
        try NetworkMeasurement.run(
          network: network, input: input, projection: projection, unitXs: unitXs,
          unitYs: unitYs, serviceXs: serviceXs, serviceYs: serviceYs,
          servicesByCategory: servicesByCategory, zoneMeasures: zoneMeasures,
          criticalMeasures: options.criticality ? thresholdMeasures : [:],
          workers: options.workers)
      }
      alternatives = measured.alternatives
      timings += measured.timings
      nearest = measured.nearest
      travelMinutes = measured.minutes
      diagnostics = measured.diagnostics
      for category in input.categories {
        let road = nearest[category] ?? []
        let straight = straightNearest[category] ?? []
        detour[category] = zip(road, straight).map { road, straight in
          guard let road, let straight, straight.distanceMeters > 0 else { return nil }
          return road.distanceMeters / straight.distanceMeters
        }
      }
      if drawZones {
        (zones, zoneArea) = try timed("zones: road grid") {
          try buildNetworkZones(
            input: input, options: options, network: network, measured: measured,
            projection: projection, regionIndex: regionIndex, unitXs: unitXs, unitYs: unitYs,
            containing: unitAssignment.containing, progress: progress)
        }
      }
    } else if drawZones {
      (zones, zoneArea) = try buildZones(
        timed: { stage, body in try timed(stage, body) },
        input: input, options: options, projection: projection, regionIndex: regionIndex,
        servicesByCategory: servicesByCategory, serviceXs: serviceXs, serviceYs: serviceYs,
        unitXs: unitXs, unitYs: unitYs, containing: unitAssignment.containing,
        nearest: nearest, progress: progress)
    }

    let unitRegions = unitAssignment.assigned.map {
      $0.map { input.regions[$0].name } ?? outsideRegion
    }
    let serviceRegions = serviceAssignment.assigned.map {
      $0.map { input.regions[$0].name } ?? outsideRegion
    }
    let summary = timed("summary") {
      SummaryBuilder.rows(
        input: input, unitRegions: unitAssignment.assigned,
        serviceRegions: serviceAssignment.assigned,
        values: Dictionary(
          uniqueKeysWithValues: input.categories.map { category in
            let inMinutes = input.thresholds[category]?.first?.unit == .min
            let values: [Double?] =
              inMinutes
              ? travelMinutes[category] ?? []
              : (nearest[category] ?? []).map { $0.map { $0.distanceMeters / 1000 } }
            return (category, values)
          }),
        valueUnits: Dictionary(
          uniqueKeysWithValues: input.categories.map {
            ($0, input.thresholds[$0]?.first?.unit ?? .km)
          }),
        zoneArea: drawZones ? zoneArea : nil,
        workers: options.workers)
    }
    let unwritable = zones.filter { crossesAntimeridian($0.polygon) }.count
    if unwritable > 0 {
      warnings.append(
        "\(unwritable) zone(s) cross the antimeridian or enclose a pole: servicegap does not "
          + "cut zones there (RFC 7946 3.1.9), so in zones.geojson their longitudes jump "
          + "between 180 and -180 and a zone around a pole may be left out; their areas and "
          + "populations are right")
    }
    var result = AnalysisResult(
      units: input.units, services: input.services, unitRegions: unitRegions,
      serviceRegions: serviceRegions, categories: input.categories,
      thresholds: input.thresholds.mapValues { $0.sorted() }, nearest: nearest, zones: zones,
      summary: summary, workCRS: workCRS, warnings: warnings, timings: timings)
    result.travelMinutes = travelMinutes
    result.detour = detour
    result.networkDiagnostics = diagnostics
    if options.criticality {
      result.solePopulation = timed("criticality") {
        solePopulation(
          input: input, options: options, nearest: nearest, secondMeters: secondMeters,
          alternatives: alternatives)
      }
    }
    return result
  }

  /// People who would move beyond each threshold if a service alone closed, per service.
  private static func solePopulation(
    input: AnalysisInput, options: AnalysisOptions, nearest: [String: [NearestService?]],
    secondMeters: [String: [Double?]],
    alternatives: [String: [NetworkMeasurement.Alternative?]]
  ) -> [[Double]] {
    var sole = input.services.map { _ in [Double]() }
    for category in input.categories {
      let thresholds = (input.thresholds[category] ?? []).sorted()
      let perUnit = thresholds.first?.unit == .min ? 60.0 : 1000.0
      for (service, point) in input.services.enumerated() where point.category == category {
        sole[service] = Array(repeating: 0, count: thresholds.count)
      }
      for (unit, person) in input.units.enumerated() where person.population > 0 {
        // The unit's service in the thresholds' measure, its value, and the value
        // without it (nil: no other service reachable).
        let found: (service: Int, value: Double, without: Double?)?
        if options.network == nil {
          found = nearest[category]?[unit].map { nearest in
            (
              nearest.serviceIndex, nearest.distanceMeters / perUnit,
              (secondMeters[category]?[unit] ?? nil).map { $0 / perUnit }
            )
          }
        } else {
          found = alternatives[category]?[unit].flatMap { $0 }.map {
            ($0.serviceIndex, $0.cost / perUnit, $0.secondCost.map { $0 / perUnit })
          }
        }
        guard let found else { continue }
        for (index, threshold) in thresholds.enumerated()
        where found.value <= threshold.value && (found.without ?? .infinity) > threshold.value {
          sole[found.service][index] += person.population
        }
      }
    }
    return sole
  }

  /// Whether a polygon in WGS 84 has an edge between two vertices more than 180° of
  /// longitude apart: it crosses the antimeridian (or winds around a pole).
  static func crossesAntimeridian(_ polygon: PolygonRings) -> Bool {
    polygon.contains { ring in
      zip(ring, ring.dropFirst()).contains { abs($0.lon - $1.lon) > 180 }
    }
  }

  /// Identifies the zone area of one region, category and threshold.
  struct ZoneKey: Hashable {
    var region: Int
    var category: String
    var threshold: Threshold
  }

  /// Network zones of every region, category and threshold (see ``NetworkZoneBuilder``).
  private static func buildNetworkZones(
    input: AnalysisInput, options: AnalysisOptions, network: NetworkOptions,
    measured: NetworkMeasurement.Output, projection: Projection, regionIndex: RegionIndex,
    unitXs: [Double], unitYs: [Double], containing: [Int?], progress: ProgressHandler?
  ) throws -> ([Zone], [ZoneKey: Double]) {
    // Names and searches side by side: a category without thresholds has no zones.
    let named = input.categories.compactMap {
      category -> (name: String, zone: NetworkZoneBuilder.Category)? in
      let thresholds = (input.thresholds[category] ?? []).sorted()
      guard let search = measured.zoneSearches[category], let first = thresholds.first else {
        return nil
      }
      return (
        category,
        NetworkZoneBuilder.Category(
          evaluator: search, thresholds: thresholds, costPerUnit: first.unit == .min ? 60 : 1000)
      )
    }
    let categories = named.map(\.zone)
    let categoryNames = named.map(\.name)
    let builder = NetworkZoneBuilder(
      cellSize: network.cellMeters, index: measured.pieceIndex,
      maxSnapMeters: network.maxSnapMeters, categories: categories)
    var unitsByRegion = [[Int]](repeating: [], count: input.regions.count)
    for (unit, region) in containing.enumerated() {
      if let region { unitsByRegion[region].append(unit) }
    }
    let unitLists = unitsByRegion
    let polygons = regionIndex.projectedPolygons
    // Largest regions first, so the threads finish together.
    let order = polygons.indices.sorted {
      let left = ZoneBuilder.boundingBox(polygons[$0])
      let right = ZoneBuilder.boundingBox(polygons[$1])
      return (left.maxX - left.minX) * (left.maxY - left.minY)
        > (right.maxX - right.minX) * (right.maxY - right.minY)
    }
    let populations = input.units.map(\.population)
    let done = ProgressCounter(total: order.count, stage: "zones", progress: progress)
    let computed = try parallelMap(order.count, workers: options.workers) { position in
      defer { done.increment() }
      let region = order[position]
      return try builder.parts(
        region: polygons[region], regionName: input.regions[region].name,
        units: unitLists[region], unitXs: unitXs, unitYs: unitYs,
        populations: populations)
    }
    var byRegion = [[NetworkZoneBuilder.Part]](repeating: [], count: polygons.count)
    for (position, region) in order.enumerated() { byRegion[region] = computed[position] }
    var areas: [ZoneKey: Double] = [:]
    for (region, parts) in byRegion.enumerated() {
      for category in categories.indices {
        for threshold in categories[category].thresholds {
          areas[
            ZoneKey(region: region, category: categoryNames[category], threshold: threshold)
          ] = 0
        }
      }
      for part in parts {
        let threshold = categories[part.category].thresholds[part.threshold]
        let key = ZoneKey(
          region: region, category: categoryNames[part.category], threshold: threshold)
        areas[key, default: 0] += part.areaSquareMeters / 1e6
      }
    }
    // Back to WGS 84 on every thread, each with its own PROJ objects: the staircase
    // outlines of a national run hold millions of vertices.
    let workers = max(1, options.workers)
    let regionCount = byRegion.count
    let allParts = byRegion
    let workCRS = projection.workCRS
    let blocks = try parallelMap(workers, workers: workers) { worker -> [Zone] in
      let own = try Projection(workCRS: workCRS)
      var zones: [Zone] = []
      for region in (regionCount * worker / workers)..<(regionCount * (worker + 1) / workers) {
        for part in allParts[region] {
          let unit = part.largestUnit
          zones.append(
            Zone(
              region: input.regions[region].name, category: categoryNames[part.category],
              threshold: categories[part.category].thresholds[part.threshold],
              population: part.population, areaKm2: part.areaSquareMeters / 1e6,
              largestPlace: unit < 0
                ? ""
                : (input.units[unit].name.isEmpty ? input.units[unit].id : input.units[unit].name),
              polygon: part.rings.map { own.unproject(interleaved: $0) }))
        }
      }
      return zones
    }
    let zones = blocks.flatMap { $0 }
    return (zones, areas)
  }

  private static func buildZones(
    timed: (String, () throws -> Void) throws -> Void,
    input: AnalysisInput, options: AnalysisOptions, projection: Projection,
    regionIndex: RegionIndex, servicesByCategory: [String: [Int]], serviceXs: [Double],
    serviceYs: [Double], unitXs: [Double], unitYs: [Double], containing: [Int?],
    nearest: [String: [NearestService?]], progress: ProgressHandler?
  ) throws -> ([Zone], [ZoneKey: Double]) {
    struct Job: Sendable {
      var category: Int
      var threshold: Threshold
    }
    var jobs: [Job] = []
    for (categoryIndex, category) in input.categories.enumerated() {
      for threshold in (input.thresholds[category] ?? []).sorted() where threshold.meters != nil {
        jobs.append(Job(category: categoryIndex, threshold: threshold))
      }
    }
    let projectedServices = input.categories.map { category in
      let members = servicesByCategory[category] ?? []
      return ZoneBuilder.ProjectedServices(
        xs: members.map { serviceXs[$0] }, ys: members.map { serviceYs[$0] })
    }
    let polygons = regionIndex.projectedPolygons
    let done = ProgressCounter(total: jobs.count, stage: "zones", progress: progress)
    let allJobs = jobs
    // Heaviest first (small radii make the most intricate unions) to balance the threads.
    let order = allJobs.indices.sorted { allJobs[$0].threshold.value < allJobs[$1].threshold.value }
    var computed: [[[ZoneBuilder.Part]]] = []
    try timed("zones: polygons") {
      computed = try parallelMap(order.count, workers: options.workers) { position in
        let job = allJobs[order[position]]
        defer { done.increment() }
        return try ZoneBuilder.parts(
          regionPolygons: polygons, services: projectedServices[job.category],
          radius: job.threshold.meters ?? 0)
      }
    }
    // parts[(job, region)] flattened as job * regions + region.
    var parts: [[ZoneBuilder.Part]] = Array(repeating: [], count: jobs.count * input.regions.count)
    var jobsByKey: [ZoneKey: Int] = [:]
    for (position, jobIndex) in order.enumerated() {
      let job = allJobs[jobIndex]
      for region in input.regions.indices {
        let slot = jobIndex * input.regions.count + region
        parts[slot] = computed[position][region]
        jobsByKey[
          ZoneKey(
            region: region, category: input.categories[job.category], threshold: job.threshold)
        ] = slot
      }
    }

    // Which zone part each unit lies in. A unit nearer than the disc's inscribed
    // radius to some service is inside a disc polygon, so only the others need a
    // point-in-polygon test, and only against the parts of the region containing it.
    var zones: [Zone] = []
    var areas: [ZoneKey: Double] = [:]
    let populations = input.units.map(\.population)
    let chunk = 8192
    let chunks = (input.units.count + chunk - 1) / chunk
    let sortedParts = parts
    try timed("zones: population") {
      for (categoryIndex, category) in input.categories.enumerated() {
        let services = projectedServices[categoryIndex]
        let thresholds = (input.thresholds[category] ?? []).sorted().filter { $0.meters != nil }
        let slots = thresholds.map { threshold in
          input.regions.indices.map { region in
            jobsByKey[ZoneKey(region: region, category: category, threshold: threshold)]
          }
        }
        let geodesicNearest = nearest[category] ?? []
        let smallestInner =
          (thresholds.first?.meters ?? 0) * ZoneBuilder.inscribedFraction * (1 - 1e-9)
        // Per unit and threshold: the part index, or -1.
        let membership = try parallelMap(chunks, workers: options.workers) { piece in
          var found: [[Int32]] = Array(repeating: [], count: thresholds.count)
          for unit in piece * chunk..<min(unitXs.count, (piece + 1) * chunk) {
            let x = unitXs[unit]
            let y = unitYs[unit]
            guard let region = containing[unit] else {
              for index in thresholds.indices { found[index].append(-1) }
              continue
            }
            // The geodesically nearest service usually settles it: if even its planar
            // distance is inside the smallest disc, no zone of this category holds
            // the unit. Only the others need the planar nearest search.
            var planar =
              geodesicNearest[unit].map { service in
                hypot(x - serviceXs[service.serviceIndex], y - serviceYs[service.serviceIndex])
              } ?? .infinity
            if planar > smallestInner {
              planar = services.nearestDistance(x: x, y: y) ?? .infinity
            }
            for (index, threshold) in thresholds.enumerated() {
              var hit: Int32 = -1
              let inner = (threshold.meters ?? 0) * ZoneBuilder.inscribedFraction * (1 - 1e-9)
              // A unit on the zone's edge where it is the region's border counts, as it
              // counts in the region (``RegionIndex/borderTolerance``).
              if planar > inner, let slot = slots[index][region] {
                for (partIndex, part) in sortedParts[slot].enumerated()
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
        for (thresholdIndex, threshold) in thresholds.enumerated() {
          var population: [Int: [Double]] = [:]
          var largest: [Int: [Int]] = [:]
          for region in input.regions.indices {
            let count = slots[thresholdIndex][region].map { parts[$0].count } ?? 0
            population[region] = Array(repeating: 0, count: count)
            largest[region] = Array(repeating: -1, count: count)
          }
          var unit = 0
          for piece in membership {
            for partIndex in piece[thresholdIndex] {
              defer { unit += 1 }
              guard partIndex >= 0, let region = containing[unit] else { continue }
              let part = Int(partIndex)
              population[region]?[part] += populations[unit]
              // Ties keep the first unit in input order; a unit without people names
              // no zone (nobody lives there).
              let current = largest[region]?[part] ?? -1
              if populations[unit] > 0, current < 0 || populations[unit] > populations[current] {
                largest[region]?[part] = unit
              }
            }
          }
          for region in input.regions.indices {
            guard let slot = slots[thresholdIndex][region] else { continue }
            var regionZones: [Zone] = []
            var total = 0.0
            for (partIndex, part) in parts[slot].enumerated() {
              total += part.areaSquareMeters
              let largestUnit = largest[region]?[partIndex] ?? -1
              let place =
                largestUnit < 0
                ? ""
                : (input.units[largestUnit].name.isEmpty
                  ? input.units[largestUnit].id : input.units[largestUnit].name)
              regionZones.append(
                Zone(
                  region: input.regions[region].name, category: category, threshold: threshold,
                  population: population[region]?[partIndex] ?? 0,
                  areaKm2: part.areaSquareMeters / 1e6, largestPlace: place,
                  polygon: part.rings.map { projection.unproject(interleaved: $0) }))
            }
            areas[ZoneKey(region: region, category: category, threshold: threshold)] = total / 1e6
            zones += regionZones.sorted { $0.areaKm2 > $1.areaKm2 }
          }
        }
      }
    }
    return (zones, areas)
  }
}

/// Errors in what was asked of an analysis.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A time threshold was given in straight-line mode.
  case minutesNeedNetwork(category: String, threshold: String)
  /// A road-network setting is out of range (zero, negative or not a number).
  case invalidNetworkSetting(name: String, value: Double)
  /// The zone grid of one region would be too large to hold.
  case zoneGridTooLarge(region: String, cells: Int, cellMeters: Double)

  public var description: String {
    switch self {
    case .invalidNetworkSetting(let name, let value):
      return "\(name) must be a positive number, not \(value)."
    case .zoneGridTooLarge(let region, let cells, let cellMeters):
      return "the zone grid of region '\(region)' would have \(cells) cells of "
        + "\(Int(cellMeters)) m; use a larger --cell or --no-zones."
    case .minutesNeedNetwork(let category, let threshold):
      return
        "threshold '\(threshold)' for '\(category)' is a travel time, which needs road-network "
        + "mode; use distances such as 5km,10km in straight-line mode."
    }
  }
}

/// Counts finished jobs from several threads and reports the fraction done.
final class ProgressCounter: @unchecked Sendable {
  // Safety: `done` is only touched under the lock.
  private let lock = NSLockLike()
  private var done = 0
  private let total: Int
  private let stage: String
  private let progress: ProgressHandler?

  init(total: Int, stage: String, progress: ProgressHandler?) {
    self.total = total
    self.stage = stage
    self.progress = progress
  }

  func increment() {
    let fraction = lock.withLock {
      done += 1
      return Double(done) / Double(max(1, total))
    }
    progress?(stage, fraction)
  }
}
