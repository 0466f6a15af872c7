/// Zones on a grid (road network, public transport): cells of the analysis grid clipped to
/// each region, classified by the value at their centre, dissolved (``GridZoneBuilder``);
/// regions in parallel.
struct GridZones {
  let run: AnalysisRun
  let regions: RegionStage
  let pricing: any GridCellPricing

  /// The zones, ordered by region, then category, threshold and area (largest first), and
  /// the zone area of every region, category and threshold.
  ///
  /// - Returns: The zones and the areas by region, plan and threshold.
  /// - Throws: Geometry library errors, ``AnalysisError/zoneGridTooLarge(region:cells:cellMeters:)``.
  func build() throws -> ([Zone], [ZoneStage.ZoneKey: Double]) {
    let input = run.input
    // A category without thresholds (or without a search) is not priced: no zones.
    let named = pricing.plans.map { (plan: $0, zone: input.plans[$0]) }
    let builder = GridZoneBuilder(categories: named.map(\.zone), pricing: pricing)
    var unitsByRegion = [[Int]](repeating: [], count: input.regions.count)
    for (unit, region) in regions.units.containing.enumerated() {
      if let region { unitsByRegion[region].append(unit) }
    }
    let unitLists = unitsByRegion
    let polygons = regions.index.projectedPolygons
    // Largest regions first, so the threads finish together.
    let order = polygons.indices.sorted {
      let left = ZoneBuilder.boundingBox(polygons[$0])
      let right = ZoneBuilder.boundingBox(polygons[$1])
      return (left.maxX - left.minX) * (left.maxY - left.minY)
        > (right.maxX - right.minX) * (right.maxY - right.minY)
    }
    let populations = input.units.map(\.population)
    let points = run.coordinates
    let done = ProgressCounter(total: order.count, stage: "zones", progress: run.progress)
    let computed = try parallelMap(order.count, workers: run.workers) { position in
      defer { done.increment() }
      let region = order[position]
      return try builder.parts(
        region: polygons[region], regionName: input.regions[region].name,
        units: unitLists[region], unitXs: points.unitXs, unitYs: points.unitYs,
        populations: populations)
    }
    var byRegion = [[GridZoneBuilder.Part]](repeating: [], count: polygons.count)
    for (position, region) in order.enumerated() { byRegion[region] = computed[position] }
    var areas: [ZoneStage.ZoneKey: Double] = [:]
    for (region, parts) in byRegion.enumerated() {
      for entry in named {
        for threshold in input.plans[entry.plan].thresholds.indices {
          areas[.init(region: region, category: entry.plan, threshold: threshold)] = 0
        }
      }
      for part in parts {
        let key = ZoneStage.ZoneKey(
          region: region, category: named[part.category].plan, threshold: part.threshold)
        areas[key, default: 0] += part.areaSquareMeters / 1e6
      }
    }
    return (try unproject(byRegion, categories: named.map(\.plan)), areas)
  }

  /// The parts as zones in WGS 84, on every thread, each with its own PROJ objects: the
  /// staircase outlines of a national run hold millions of vertices.
  private func unproject(_ byRegion: [[GridZoneBuilder.Part]], categories: [Int]) throws
    -> [Zone]
  {
    let input = run.input
    let workers = max(1, run.workers)
    let regionCount = byRegion.count
    let workCRS = run.projection.workCRS
    let blocks = try parallelMap(workers, workers: workers) { worker -> [Zone] in
      let own = try Projection(workCRS: workCRS)
      var zones: [Zone] = []
      for region in (regionCount * worker / workers)..<(regionCount * (worker + 1) / workers) {
        for part in byRegion[region] {
          let plan = input.plans[categories[part.category]]
          zones.append(
            Zone(
              region: input.regions[region].name, category: plan.name,
              threshold: plan.thresholds[part.threshold], population: part.population,
              areaKm2: part.areaSquareMeters / 1e6,
              largestPlace: ZoneStage.placeName(input.units, part.largestUnit),
              polygon: part.rings.map { own.unproject(interleaved: $0) }))
        }
      }
      return zones
    }
    return blocks.flatMap { $0 }
  }
}
