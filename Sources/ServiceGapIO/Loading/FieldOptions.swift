/// How to read an input file: which columns mean what, its CRS, and how strict to be.
///
/// Every field name is optional: when nil, the loader looks for the names listed in
/// ``FieldRole/candidates`` (case-insensitive). A name given here must exist, or loading
/// stops with ``InputError/missingColumn(file:role:requested:lookedFor:available:)``.
/// The same struct serves population, service and region files; each loader ignores the
/// fields it does not use.
public struct FieldOptions: Hashable, Sendable {
  /// Column or property with the identifier (`--id-field`, `--region-id-field` for regions).
  public var idField: String?
  /// Column or property with the name (`--name-field`).
  public var nameField: String?
  /// Column or property with the population (`--population-field`).
  public var populationField: String?
  /// Column or property with the service category (`--category-field`).
  public var categoryField: String?
  /// Column or property with the service capacity (`--capacity-field`).
  public var capacityField: String?
  /// CSV column with the longitude or easting (`--x-field`).
  public var xField: String?
  /// CSV column with the latitude or northing (`--y-field`).
  public var yField: String?
  /// Column or property joining records to regions (`--region-field`); never guessed.
  public var regionField: String?
  /// Service columns with the opening and closing dates, and the data's year
  /// (`--opened-field`, `--closed-field`, `--year-field` of `compare`).
  public var openedField: String?
  public var closedField: String?
  public var yearField: String?
  /// CRS of the coordinates (`--crs`), such as `EPSG:3006`.
  ///
  /// Nil means the file's own declaration, else EPSG:4326. Overrides a GeoJSON file's
  /// legacy `crs` member.
  public var crs: String?
  /// Skip rows and features with bad values instead of stopping (`--skip-invalid`).
  public var skipInvalid: Bool
  /// Size of grid cells given by id when the column name does not say it (`--cell`);
  /// nil means 250 m.
  public var cellSizeMeters: Double?
  /// Numeric columns that hold population groups (`--groups`), read into
  /// ``PopulationUnit/groups`` in this order; empty for none.
  public var groups: [PopulationGroupColumns] = []
  /// Whether population loaders keep each unit's cell or area as
  /// ``PopulationUnit/outline`` (`--unit-geometry cell`); off, points only, to save memory.
  public var keepsOutlines = false
  /// Which tags make services when the services come from an OpenStreetMap extract
  /// (`--osm-service`); the documented defaults unless replaced.
  public var osmServiceTags = OSMServiceTags.defaults
  /// The category of every record of a services file without a category column.
  ///
  /// Nil means the column is required. Set by
  /// ``ServiceLoader/loadCandidates(file:category:options:)``.
  var categoryWhenAbsent: String?

  /// Creates options; everything defaults to automatic detection and strict checking.
  public init(
    idField: String? = nil, nameField: String? = nil, populationField: String? = nil,
    categoryField: String? = nil, capacityField: String? = nil, xField: String? = nil,
    yField: String? = nil, regionField: String? = nil, crs: String? = nil,
    skipInvalid: Bool = false, cellSizeMeters: Double? = nil
  ) {
    self.idField = idField
    self.nameField = nameField
    self.populationField = populationField
    self.categoryField = categoryField
    self.capacityField = capacityField
    self.xField = xField
    self.yField = yField
    self.regionField = regionField
    self.crs = crs
    self.skipInvalid = skipInvalid
    self.cellSizeMeters = cellSizeMeters
  }
}
