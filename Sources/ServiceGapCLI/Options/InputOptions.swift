import ArgumentParser
import Foundation
import ServiceGap
import ServiceGapIO

/// Inputs shared by every subcommand: population, services, regions and how to read them.
struct InputOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Population units: CSV (lon/lat or x/y columns, or grid cell ids: SCB rutid_scb, "
        + "INSPIRE GRD_ID, Statistics Norway), GeoJSON points/polygons, a GeoPackage layer "
        + "(file.gpkg or file.gpkg:layer), or a population raster (GeoTIFF, .asc: one unit per "
        + "cell with people).",
      valueName: "file"))
  var population: String

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Service points with a category column: CSV, GeoJSON or a GeoPackage layer; or an "
        + "OpenStreetMap extract (.osm.pbf), tags mapped by --osm-service (needed except by "
        + "compare --before FILE --after FILE).", valueName: "file"))
  var services: String?

  /// The `--services` file, which analyze and whatif need.
  func servicesFile() throws -> String {
    guard let services else {
      throw ValidationError("Missing expected argument '--services <file>'")
    }
    return services
  }

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Regions (e.g. municipalities) as GeoJSON or GeoPackage polygons; summaries and zones "
        + "are per region.",
      valueName: "file"))
  var regions: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "CRS of CSV coordinates (default EPSG:4326). GeoJSON is always lon/lat (RFC 7946) "
        + "unless it carries a legacy crs member.",
      valueName: "crs"))
  var crs: String?

  @Option(
    help: ArgumentHelp(
      "CRS of the population file's coordinates whatever the file declares: for a layer or "
        + "raster recorded in the wrong CRS (the error message names the one to use).",
      valueName: "crs"))
  var populationCrs: String?

  @Option(
    help: ArgumentHelp(
      "CRS of the services file's coordinates whatever the file declares.", valueName: "crs"))
  var servicesCrs: String?

  @Option(
    help: ArgumentHelp(
      "CRS of the regions file's coordinates whatever the file declares.", valueName: "crs"))
  var regionsCrs: String?

  @Option(
    help: ArgumentHelp(
      "Population groups to count separately in the summary: numeric columns of the "
        + "population file, or name=col1+col2 to add several, e.g. kvinna,man or "
        + "age_65_plus=ald65_74+ald75_.",
      valueName: "groups"))
  var groups: String?

  /// How `units.geojson` draws each unit.
  enum UnitGeometry: String, ExpressibleByArgument, CaseIterable {
    case point, cell
  }

  @Option(
    help: ArgumentHelp(
      "How units.geojson draws each unit: point (the unit point), or cell (its grid cell "
        + "or area, for population given as grid ids, polygons or a raster).",
      valueName: "point|cell"))
  var unitGeometry: UnitGeometry = .point

  @Option(help: ArgumentHelp("Identifier column of units and services.", valueName: "name"))
  var idField: String?
  @Option(help: ArgumentHelp("Name column of units and services.", valueName: "name"))
  var nameField: String?
  @Option(help: ArgumentHelp("Population column.", valueName: "name"))
  var populationField: String?
  @Option(help: ArgumentHelp("Category column of the services.", valueName: "name"))
  var categoryField: String?
  @Option(help: ArgumentHelp("Column with x or longitude.", valueName: "name"))
  var xField: String?
  @Option(help: ArgumentHelp("Column with y or latitude.", valueName: "name"))
  var yField: String?

  @Option(
    help: ArgumentHelp(
      "Column of units (and services, if they have it) naming their region; joined to the "
        + "regions' --region-id-field instead of point in polygon.",
      valueName: "name"))
  var regionField: String?

  @Option(
    help: ArgumentHelp(
      "Identifier property of the regions (default: id, kommun_kod, code or kod).",
      valueName: "name"))
  var regionIdField: String?

  @Option(
    help: ArgumentHelp(
      "Name property of the regions (default: name, namn or kommun).",
      valueName: "name"))
  var regionNameField: String?

  @Option(
    help: ArgumentHelp(
      "Units outside every region polygon join the nearest region within this distance.",
      valueName: "length"))
  var regionTolerance: String = "1km"

  @Option(
    help: ArgumentHelp(
      "Grid cell size: of population cells given by id when the column name does not tell "
        + "(250m or 1km), and of the grid of network-mode zones (default 250m).",
      valueName: "length"))
  var cell: String?

  @Option(
    help: ArgumentHelp(
      "With an OpenStreetMap --services extract: the tags of one category, replacing its "
        + "default rules, e.g. grocery:shop=supermarket|convenience|greengrocer; repeat for "
        + "more. Defaults: "
        + OSMServiceTags.defaults.rules.map(\.description).joined(separator: ", ") + ".",
      valueName: "category:key=value|…"))
  var osmService: [String] = []

  @Flag(help: "Skip invalid rows and features (and count them) instead of stopping.")
  var skipInvalid = false

  /// The inputs as the library reads them, with `services` (default `--services`) as the
  /// services file.
  func files(services: String? = nil, dates: ServiceDateFields = ServiceDateFields()) throws
    -> InputFiles
  {
    var files = InputFiles(
      population: population, services: try services ?? servicesFile(), regions: regions,
      fields: try fieldOptions(),
      regionFields: FieldOptions(
        idField: regionIdField, nameField: regionNameField, crs: crs, skipInvalid: skipInvalid),
      serviceDates: dates)
    files.populationCRS = populationCrs
    files.servicesCRS = servicesCrs
    files.regionsCRS = regionsCrs
    return files
  }

  /// The `--groups` columns; empty when not given.
  func populationGroups() throws -> [PopulationGroupColumns] {
    guard let groups else { return [] }
    guard let parsed = PopulationGroupColumns.list(parsing: groups) else {
      throw ValidationError(
        "'--groups \(groups)' is not a list of groups; write column names separated by commas, "
          + "or name=col1+col2 to add columns, e.g. kvinna,man or age_65_plus=ald65_74+ald75_ "
          + "(names of letters, digits and _, each once).")
    }
    return parsed
  }

  /// Refuses `--unit-geometry cell` when a unit has no cell or area to draw.
  func checkUnitGeometry(_ inputs: InputSet) throws {
    guard unitGeometry == .cell, let unit = inputs.units.first(where: { $0.outline == nil })
    else { return }
    throw CLIError(
      "'--unit-geometry cell' draws each unit's cell or area, but \(population) gives unit "
        + "'\(unit.id)' as a point. Give the population as grid cell ids, polygons or a raster, "
        + "or leave out --unit-geometry.")
  }

  /// `--region-tolerance` in metres.
  func regionToleranceMeters() throws -> Double {
    try Length.meters(of: regionTolerance, option: "--region-tolerance")
  }

  /// `--cell` in metres; nil when not given.
  func cellMeters() throws -> Double? {
    try cell.map { try Length.meters(of: $0, option: "--cell", allowZero: false) }
  }

  /// How to read the population and service files.
  func fieldOptions() throws -> FieldOptions {
    var options = FieldOptions(
      idField: idField, nameField: nameField, populationField: populationField,
      categoryField: categoryField, xField: xField, yField: yField, regionField: regionField,
      crs: crs, skipInvalid: skipInvalid, cellSizeMeters: try cellMeters())
    options.groups = try populationGroups()
    options.keepsOutlines = unitGeometry == .cell
    options.osmServiceTags = OSMServiceTags.defaults.replacing(with: try osmServiceRules())
    return options
  }

  /// The `--osm-service` rules.
  func osmServiceRules() throws -> [OSMServiceTags.Rule] {
    try osmService.map { text in
      guard let rule = OSMServiceTags.Rule(parsing: text) else {
        throw ValidationError(
          "'--osm-service \(text)' is not a rule; write category:key=value|value, e.g. "
            + "grocery:shop=supermarket|convenience (key=* accepts any value).")
      }
      return rule
    }
  }

  func validate() throws {
    _ = try regionToleranceMeters()
    _ = try cellMeters()
    _ = try osmServiceRules()
    _ = try populationGroups()
    if regionField != nil, regions == nil {
      throw ValidationError(
        "'--region-field' joins units to regions, so it needs '--regions FILE' as well.")
    }
  }
}

/// Lengths written as `250m`, `1km` or `1.5 km`.
enum Length {
  /// Metres in `text`; zero only where `allowZero` (a tolerance may be 0, a cell may not).
  static func meters(of text: String, option: String, allowZero: Bool = true) throws -> Double {
    guard let meters = LengthText.meters(text) else {
      throw ValidationError(
        "'\(option) \(text)' is not a length; write it with a unit, e.g. 250m or 1km.")
    }
    if meters < 0 || (meters == 0 && !allowZero) {
      throw ValidationError(
        "'\(option) \(text)' must be \(allowZero ? "zero or more" : "greater than zero").")
    }
    return meters
  }
}
