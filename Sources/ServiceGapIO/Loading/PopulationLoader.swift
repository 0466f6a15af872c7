import ServiceGap

/// Loads population units from CSV or GeoJSON.
///
/// **Columns** (case-insensitive; a `--…-field` option overrides):
/// - population: `population`, `pop`, `befolkning`, `pop_tot`, `folkmangd`, … (required);
/// - id: `id`, `fid`, `tatortskod`, `geonameid`, `objectid`, `gid`, `code`, `kod`
///   (else the 1-based row or feature number, or a GeoJSON feature's own `id`);
/// - name: `name`, `namn`, `ortnamn`, `tatort`, `place` (else empty);
/// - region key: only with ``FieldOptions/regionField``.
///
/// **Positions.** CSV: `lon`/`lng`/`long`/`longitude`/`x`/`easting`/`e` and
/// `lat`/`latitude`/`y`/`northing`/`n`, in `--crs` (default EPSG:4326; a decimal comma is
/// accepted in `;`- and tab-separated files). A CSV without coordinate columns may give
/// Statistics Norway grid cells by id (``GridCellID``): a column named `ru250m`,
/// `ru1000m`, `ssbid`, `ssbid_1000m`, … or any column whose values are all 14 digits;
/// the unit point is the cell centre (corner + half the cell size, which comes from the
/// column name, else ``FieldOptions/cellSizeMeters``, else 250 m), and the name is the id.
/// GeoJSON: Points (or one-point MultiPoints), and Polygons/MultiPolygons (grid cells,
/// areas), which are validated, repaired if needed (with a warning) and reduced to their
/// unit point (``PolygonTools/unitPoint(of:)``); CRS from `--crs`, else the legacy `crs`
/// member, else EPSG:4326.
///
/// **Checks.** Non-numeric, NaN or empty populations and coordinates, negative
/// populations, coordinates outside ±180/±90 in a geographic CRS (with a `--crs` hint) and
/// unsupported geometries stop the load with an ``InputError``, or are skipped and
/// counted with ``FieldOptions/skipInvalid``. Duplicate ids, swapped-looking axes,
/// degrees declared as metres, repeated CSV column names and a CSV read as ISO 8859-1
/// are warnings (see ``LoadResult/warnings``).
public enum PopulationLoader {
  /// Loads population units from a file (format from the extension or the content).
  ///
  /// - Parameters:
  ///   - file: Path of a `.csv` or `.geojson` file; also the name in messages.
  ///   - options: Field names, CRS and strictness.
  ///   - expectedArea: The regions' bounding box, to detect swapped axes; optional.
  /// - Returns: The units with skipped records and warnings.
  /// - Throws: ``InputError``.
  public static func load(
    file: String, options: FieldOptions = FieldOptions(), expectedArea: LonLatBox? = nil
  ) throws -> LoadResult<PopulationUnit> {
    if let path = DatasetPath(file), path.kind == .raster {
      return try RasterPopulation.load(path, file: file, options: options)
    }
    if let document = try DatasetInput.document(file: file, role: .population) {
      return try load(
        source: .document(document), file: file, options: options, expectedArea: expectedArea)
    }
    return try load(
      source: LoadSource(file: file), file: file, options: options, expectedArea: expectedArea)
  }

  /// Loads population units from file content already in memory.
  ///
  /// - Parameters:
  ///   - content: The file's bytes.
  ///   - file: The file name (its extension picks the format; used in messages).
  ///   - options: Field names, CRS and strictness.
  ///   - expectedArea: The regions' bounding box, to detect swapped axes; optional.
  /// - Returns: The units with skipped records and warnings.
  /// - Throws: ``InputError``.
  public static func load(
    content: consuming [UInt8], file: String, options: FieldOptions = FieldOptions(),
    expectedArea: LonLatBox? = nil
  ) throws -> LoadResult<PopulationUnit> {
    try load(
      source: LoadSource(content: consume content, file: file), file: file, options: options,
      expectedArea: expectedArea)
  }

  private static func load(
    source: LoadSource, file: String, options: FieldOptions, expectedArea: LonLatBox?
  ) throws -> LoadResult<PopulationUnit> {
    var context = LoadContext(file: file, kind: .population, skipInvalid: options.skipInvalid)
    var crs = CRSName.wgs84
    var units: [PopulationUnit] = []
    let locate: (Int) -> InputLocation
    var hasIDs = false
    switch source {
    case .csv(let rows):
      let records = CSVRecords(rows)
      let geometry = try PointLocator.geometry(of: rows, options: options, allowGrid: true)
      var fields = try Fields(records: records, options: options)
      if case .grid(let grid) = geometry {
        if options.idField == nil { fields.id = grid.id }
        if options.nameField == nil, fields.name == nil { fields.name = grid.id }
      }
      hasIDs = fields.id != nil
      var located = try PointLocator.locate(
        csv: rows, geometry: geometry, options: options, expectedArea: expectedArea,
        keepOutlines: options.keepsOutlines, context: &context, crs: &crs
      ) { (row) throws(InputError) in try fields.unit(records, row, fallbackID: nil) }
      units = placed(&located)
      let lines = located.records
      locate = { .line(lines[$0]) }
    case .document(let document):
      let records = GeoJSONRecords(document: document)
      let fields = try Fields(records: records, options: options)
      hasIDs = fields.id != nil || document.features.contains { $0.id != nil }
      var located = try PointLocator.locate(
        geojson: document, options: options, allowPolygons: true, expectedArea: expectedArea,
        keepOutlines: options.keepsOutlines, context: &context, crs: &crs
      ) { (index) throws(InputError) in
        try fields.unit(records, index, fallbackID: document.features[index].id?.text)
      }
      units = placed(&located)
      let recordIndices = located.records
      locate = { records.location(of: recordIndices[$0]) }
    }
    if hasIDs, let warning = DuplicateIDs.warning(ids: units.map(\.id), location: locate) {
      context.warn(warning)
    }
    return LoadResult(
      items: units, skipped: context.skipped, warnings: context.warnings, sourceCRS: crs)
  }

  /// The located units with their points filled in, in the array the locator built: a
  /// second array of units would be the largest allocation of a 5-million-row load.
  private static func placed(_ located: inout PointLocator.Located<PopulationUnit>)
    -> [PopulationUnit]
  {
    // Moved out, not copied: the buffer has one owner, so it is changed in place.
    var units: [PopulationUnit] = []
    swap(&units, &located.attributes)
    for index in units.indices { units[index].location = located.locations[index] }
    if !located.outlines.isEmpty {
      for index in units.indices { units[index].outline = located.outlines[index] }
    }
    return units
  }

  /// The resolved columns of a population file.
  private struct Fields {
    var id: FieldRef?
    var name: FieldRef?
    var population: FieldRef
    var region: FieldRef?
    /// Per group, its columns.
    var groups: [[FieldRef]]

    init<Table: RecordTable>(records: Table, options: FieldOptions) throws(InputError) {
      population = try records.require(.population, requested: options.populationField)
      groups = try options.groups.map { group throws(InputError) in
        var columns: [FieldRef] = []
        for column in group.columns {
          columns.append(try records.require(.group, requested: column))
        }
        return columns
      }
      id = try records.resolve(.id, requested: options.idField, required: false)
      name = try records.resolve(.name, requested: options.nameField, required: false)
      if let regionField = options.regionField {
        region = try records.require(.region, requested: regionField)
      }
    }

    /// The record's unit, at a placeholder point until the locator has found it.
    func unit<Table: RecordTable>(
      _ records: Table, _ record: Table.Record, fallbackID: String?
    ) throws(InputError) -> PopulationUnit {
      guard let population = records.number(record, population) else {
        throw .badNumber(
          file: records.file, location: records.location(of: record), field: self.population.name,
          value: records.displayText(record, self.population))
      }
      guard population >= 0 else {
        throw .negativePopulation(
          file: records.file, location: records.location(of: record), field: self.population.name,
          value: records.displayText(record, self.population))
      }
      let id =
        self.id.flatMap { records.text(record, $0) } ?? fallbackID
        ?? String(records.ordinal(of: record))
      return PopulationUnit(
        id: id, name: name.flatMap { records.text(record, $0) } ?? "", population: population,
        location: LonLat(lon: 0, lat: 0), regionKey: region.flatMap { records.text(record, $0) },
        groups: try groupCounts(records, record))
    }

    /// The record's people per group: each group's columns added up.
    ///
    /// Counts are used as given, even where they add up to more than the unit's population
    /// (SCB adjusts small counts for confidentiality).
    private func groupCounts<Table: RecordTable>(_ records: Table, _ record: Table.Record)
      throws(InputError) -> [Double]
    {
      guard !groups.isEmpty else { return [] }
      var counts: [Double] = []
      counts.reserveCapacity(groups.count)
      for columns in groups {
        var sum = 0.0
        for column in columns {
          guard let value = records.number(record, column) else {
            throw .badNumber(
              file: records.file, location: records.location(of: record), field: column.name,
              value: records.displayText(record, column))
          }
          guard value >= 0 else {
            throw .negativePopulation(
              file: records.file, location: records.location(of: record), field: column.name,
              value: records.displayText(record, column))
          }
          sum += value
        }
        counts.append(sum)
      }
      return counts
    }
  }
}
