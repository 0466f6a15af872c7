import ServiceGap

/// The files of an analysis and how to read each of them.
public struct InputFiles: Sendable {
  /// Population units (CSV, GeoJSON, a GDAL layer).
  public var population: String
  /// Service points with a category (CSV, GeoJSON, a GDAL layer, an OpenStreetMap extract).
  public var services: String
  /// Region polygons; nil for none.
  public var regions: String?
  /// Columns, CRS of CSV coordinates, strictness and cell size of the population and
  /// service files.
  ///
  /// The CRS never applies to files that declare their own
  /// (``InputFiles/declaresOwnCRS(_:)``).
  public var fields: FieldOptions
  /// Id and name columns of the regions (and strictness).
  public var regionFields: FieldOptions
  /// Columns of the services' opening and closing dates and of their year.
  public var serviceDates: ServiceDateFields
  /// The CRS of the population file's coordinates whatever the file declares
  /// (`--population-crs`): for a layer recorded in the wrong CRS; nil trusts the file.
  public var populationCRS: String?
  /// The same for the services file (and other service files read like it).
  public var servicesCRS: String?
  /// The same for the regions file.
  public var regionsCRS: String?

  /// Describes the inputs.
  public init(
    population: String, services: String, regions: String? = nil,
    fields: FieldOptions = FieldOptions(), regionFields: FieldOptions = FieldOptions(),
    serviceDates: ServiceDateFields = ServiceDateFields()
  ) {
    self.population = population
    self.services = services
    self.regions = regions
    self.fields = fields
    self.regionFields = regionFields
    self.serviceDates = serviceDates
  }

  /// Whether a path names a file that declares its coordinates' CRS itself, so the CRS of
  /// ``fields`` (meant for CSV) must not apply: GeoJSON (lon/lat, or its legacy `crs`
  /// member; RFC 7946), a GeoPackage layer, an OpenStreetMap extract.
  public static func declaresOwnCRS(_ path: String) -> Bool {
    let lowered = path.lowercased()
    return lowered.hasSuffix(".geojson") || lowered.hasSuffix(".json")
      || DatasetPath(path) != nil
  }

  /// How to read another file of service points (`--after`, `--open-file`): like the
  /// services, with their dates and year when `dates` is true.
  public func serviceOptions(for file: String, dates: Bool = true) -> FieldOptions {
    var options = fields
    options.populationField = nil
    if dates {
      options.openedField = serviceDates.opened
      options.closedField = serviceDates.closed
      options.yearField = serviceDates.year
    }
    options.crs = servicesCRS ?? (Self.declaresOwnCRS(file) ? nil : fields.crs)
    return options
  }
}

/// Columns of the services' opening and closing dates and their year (`compare`); nil looks
/// for the usual names.
public struct ServiceDateFields: Hashable, Sendable {
  public var opened: String?
  public var closed: String?
  public var year: String?

  public init(opened: String? = nil, closed: String? = nil, year: String? = nil) {
    self.opened = opened
    self.closed = closed
    self.year = year
  }
}

/// An analysis' inputs, loaded, checked and in canonical order.
///
/// The canonical order (``CanonicalOrder``) makes every output independent of the files'
/// row order, for a library user as for the command line.
public struct InputSet: Sendable {
  public var units: [PopulationUnit]
  public var services: [ServicePoint]
  public var regions: [Region]
  /// The population groups' names (``FieldOptions/groups``), in the order of each unit's
  /// ``PopulationUnit/groups``.
  public var groups: [String]
  /// Every loader's warnings and skipped-record summaries, in loading order (regions,
  /// population, services).
  public var warnings: [String]

  /// Loads the regions, the population and the services.
  ///
  /// - Parameter files: The files and how to read them.
  /// - Returns: The inputs in canonical order.
  /// - Throws: ``InputError`` naming the file, the line or feature and the fix.
  public static func load(_ files: InputFiles) throws -> InputSet {
    var warnings: [String] = []
    var regions: [Region] = []
    if let path = files.regions {
      var regionOptions = files.regionFields
      regionOptions.crs = files.regionsCRS
      let loaded = try namingCRSOption(.regions, override: files.regionsCRS) {
        try RegionLoader.load(file: path, options: regionOptions)
      }
      regions = loaded.items
      warnings += loaded.remarks
    }
    let area = LonLatBox(regions: regions)
    var options = files.fields
    options.crs =
      files.populationCRS
      ?? (InputFiles.declaresOwnCRS(files.population) ? nil : files.fields.crs)
    let units = try namingCRSOption(.population, override: files.populationCRS) {
      try PopulationLoader.load(file: files.population, options: options, expectedArea: area)
    }
    warnings += units.remarks
    let services = try namingCRSOption(.services, override: files.servicesCRS) {
      try ServiceLoader.load(
        file: files.services, options: files.serviceOptions(for: files.services),
        expectedArea: area)
    }
    warnings += services.remarks
    return InputSet(
      units: CanonicalOrder.units(units.items), services: CanonicalOrder.services(services.items),
      regions: CanonicalOrder.regions(regions), groups: files.fields.groups.map(\.name),
      warnings: warnings)
  }

  /// Runs a loader, naming in an unknown-CRS error the option that sets `kind`'s CRS: the
  /// per-input option (`--population-crs`, …) when it gave the CRS or would override the
  /// file's; `--crs` stays for a CSV file's CRS given with `--crs`.
  private static func namingCRSOption<Loaded>(
    _ kind: InputKind, override: String?, _ load: () throws -> Loaded
  ) throws -> Loaded {
    do {
      return try load()
    } catch let error as InputError {
      guard case .unknownCRS(let file, let crs, let fromFile, let message, _) = error,
        let option = kind.crsOption, fromFile || override != nil
      else { throw error }
      throw InputError.unknownCRS(
        file: file, crs: crs, fromFile: fromFile, message: message, option: option)
    }
  }
}
