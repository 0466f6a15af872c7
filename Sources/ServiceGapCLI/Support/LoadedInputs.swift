import ServiceGap
import ServiceGapIO

/// The three inputs loaded and checked, with every warning to show.
struct LoadedInputs {
  var units: [PopulationUnit]
  var services: [ServicePoint]
  var regions: [Region]
  var warnings: [String]

  static func load(_ input: InputOptions) throws -> LoadedInputs {
    var warnings: [String] = []
    var regions: [Region] = []
    if let path = input.regions {
      let loaded = try RegionLoader.load(file: path, options: try input.fieldOptions(forRegions: true))
      regions = loaded.items
      warnings += loaded.warnings
      if let skipped = loaded.skippedSummary { warnings.append(skipped) }
    }
    let area = LonLatBox(regions: regions)
    let options = try input.fieldOptions()
    let units = try PopulationLoader.load(file: input.population, options: options, expectedArea: area)
    warnings += units.warnings
    if let skipped = units.skippedSummary { warnings.append(skipped) }
    var serviceOptions = options
    serviceOptions.populationField = nil
    let services = try ServiceLoader.load(file: input.services, options: serviceOptions, expectedArea: area)
    warnings += services.warnings
    if let skipped = services.skippedSummary { warnings.append(skipped) }
    return LoadedInputs(
      units: units.items, services: services.items, regions: regions, warnings: warnings)
  }
}
