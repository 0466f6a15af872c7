/// The region stage: which region every unit and service belongs to.
struct RegionStage {
  /// The regions in the working CRS.
  let index: RegionIndex
  /// Units: assigned region (nil = outside) and the region whose polygon holds them.
  let units: RegionAssignment
  /// Services: assigned region (nil = outside).
  let services: RegionAssignment

  /// Assigns every unit and service (BRIEF's "Region of a unit"): by key with
  /// ``AnalysisOptions/joinRegionsByKey`` (services only when some have a key), else by
  /// point in polygon, within the tolerance of the nearest region.
  ///
  /// Units whose key matches no region are counted outside, with a warning; services with
  /// such keys are expected (services beyond the study area serve it too).
  init(_ run: AnalysisRun) throws {
    let input = run.input
    let options = run.options
    let index = RegionIndex(regions: input.regions, projection: run.projection)
    self.index = index
    let regionIDs = input.regions.map(\.id)
    let points = run.coordinates
    (units, services) = try run.stage("assign regions") {
      run.progress?("assigning regions", 0)
      let unitKeys: [String?]? = options.joinRegionsByKey ? input.units.map(\.regionKey) : nil
      let serviceKeys: [String?]? =
        options.joinRegionsByKey && input.services.contains(where: { $0.regionKey != nil })
        ? input.services.map(\.regionKey) : nil
      let units = try RegionAssignment.assign(
        xs: points.unitXs, ys: points.unitYs, keys: unitKeys, regionIDs: regionIDs,
        index: index, toleranceMeters: options.regionToleranceMeters, workers: options.workers)
      let services = try RegionAssignment.assign(
        xs: points.serviceXs, ys: points.serviceYs, keys: serviceKeys, regionIDs: regionIDs,
        index: index, toleranceMeters: options.regionToleranceMeters, workers: options.workers)
      return (units, services)
    }
    let unmatched = units.unmatchedKeys
    if !unmatched.isEmpty {
      let sample = unmatched.sorted().prefix(5).joined(separator: ", ")
      run.warnings.append(
        "units with \(unmatched.count) region key value(s) that match no region id (\(sample)) "
          + "are counted as '\(Analysis.outsideRegion)'")
    }
  }

  /// Region names per unit: a region's name or `outside`.
  func unitRegionNames(_ regions: [Region]) -> [String] {
    units.assigned.map { $0.map { regions[$0].name } ?? Analysis.outsideRegion }
  }

  /// Region names per service.
  func serviceRegionNames(_ regions: [Region]) -> [String] {
    services.assigned.map { $0.map { regions[$0].name } ?? Analysis.outsideRegion }
  }
}
