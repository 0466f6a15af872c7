import ServiceGap
import ServiceGapIO

/// The three inputs loaded and checked, with every warning to show.
struct LoadedInputs {
  var units: [PopulationUnit]
  var services: [ServicePoint]
  var regions: [Region]
  var warnings: [String]

  /// Loads population, regions and the services of `servicesFile` (default `--services`),
  /// reading the services' date and year columns named in `dates`.
  static func load(
    _ input: InputOptions, servicesFile: String? = nil, dates: ServiceDateFields = .init()
  ) throws -> LoadedInputs {
    let servicesPath = try servicesFile ?? input.servicesFile()
    var warnings: [String] = []
    var regions: [Region] = []
    if let path = input.regions {
      var regionOptions = try input.fieldOptions(forRegions: true)
      regionOptions.crs = nil
      let loaded = try RegionLoader.load(file: path, options: regionOptions)
      regions = loaded.items
      warnings += loaded.warnings
      if let skipped = loaded.skippedSummary { warnings.append(skipped) }
    }
    let area = LonLatBox(regions: regions)
    var options = try input.fieldOptions()
    // RFC 7946: GeoJSON is lon/lat unless it carries a legacy crs member, so --crs
    // (meant for CSV coordinates) never reinterprets it.
    options.crs = carriesOwnCRS(input.population) ? nil : input.crs
    let units = try PopulationLoader.load(
      file: input.population, options: options, expectedArea: area)
    warnings += units.warnings
    if let skipped = units.skippedSummary { warnings.append(skipped) }
    var serviceOptions = options
    serviceOptions.populationField = nil
    serviceOptions.openedField = dates.opened
    serviceOptions.closedField = dates.closed
    serviceOptions.yearField = dates.year
    serviceOptions.crs = carriesOwnCRS(servicesPath) ? nil : input.crs
    let services = try ServiceLoader.load(
      file: servicesPath, options: serviceOptions, expectedArea: area)
    warnings += services.warnings
    if let skipped = services.skippedSummary { warnings.append(skipped) }
    // The canonical order makes every output independent of the files' row order.
    return LoadedInputs(
      units: CanonicalOrder.units(units.items), services: CanonicalOrder.services(services.items),
      regions: CanonicalOrder.regions(regions), warnings: warnings)
  }
}

/// Whether a path names a file that declares its coordinates' CRS itself, so `--crs`
/// (meant for CSV) must not apply: GeoJSON (lon/lat, or its legacy `crs` member), a
/// GeoPackage layer, an OpenStreetMap extract.
func carriesOwnCRS(_ path: String) -> Bool {
  let lowered = path.lowercased()
  return lowered.hasSuffix(".geojson") || lowered.hasSuffix(".json") || DatasetPath(path) != nil
}

/// Columns of the services' opening and closing dates and year (`compare`); nil looks
/// for the usual names.
struct ServiceDateFields {
  var opened: String?
  var closed: String?
  var year: String?
}
