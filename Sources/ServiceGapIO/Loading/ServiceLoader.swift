import ServiceGap

/// Loads service points (stores, fuel stations, pharmacies, …) from CSV or GeoJSON.
///
/// **Columns** (case-insensitive; a `--…-field` option overrides):
/// - category: `category`, `kategori`, `type`, `amenity` (required; an empty value is an
///   error, or skipped with `--skip-invalid`); the text is trimmed, case kept;
/// - id: `id`, `fid`, … as for ``PopulationLoader`` (else the row or feature number);
/// - name: `name`, `namn`, …;
/// - capacity: `capacity`, `kapacitet` (optional; empty means none, negative is an error);
/// - opened, closed: `opened`, `closed`, … (optional dates, `YYYY`, `YYYY-MM` or
///   `YYYY-MM-DD`, stored as `YYYY-MM-DD` with missing parts as 01); year: `year`, `ar`;
/// - region key: only with ``FieldOptions/regionField``, and only when the file has that
///   column (services without it are placed by point in polygon).
///
/// Positions and CRS work as for ``PopulationLoader``, without grid ids. GeoJSON
/// Polygons (e.g. OpenStreetMap areas) are reduced to their unit point.
public enum ServiceLoader {
  /// Loads services from a file (format from the extension or the content).
  ///
  /// - Parameters:
  ///   - file: Path of a `.csv` or `.geojson` file; also the name in messages.
  ///   - options: Field names, CRS and strictness.
  ///   - expectedArea: The regions' bounding box, to detect swapped axes; optional.
  /// - Returns: The services with skipped records and warnings.
  /// - Throws: ``InputError``.
  public static func load(
    file: String, options: FieldOptions = FieldOptions(), expectedArea: LonLatBox? = nil
  ) throws -> LoadResult<ServicePoint> {
    if let document = try DatasetInput.document(file: file, role: .services(options.osmServiceTags))
    {
      return try load(
        source: .document(document), file: file, options: options, expectedArea: expectedArea)
    }
    return try load(
      source: LoadSource(file: file), file: file, options: options, expectedArea: expectedArea)
  }

  /// Loads the candidate sites of one category for siting: a services file's points of
  /// `category`, or every point of a file without a category column (a plain list of
  /// possible sites, as planners keep them).
  ///
  /// A category column is looked for as in ``load(file:options:expectedArea:)``; a
  /// `categoryField` given in `options` must exist. Rows of a file with the column whose
  /// category is empty are skipped or refused as there.
  ///
  /// - Parameters:
  ///   - file: Path of the candidates file; also the name in messages.
  ///   - category: The category being placed.
  ///   - options: Field names, CRS and strictness.
  /// - Returns: The candidates (with `category` as their category), skipped records and
  ///   warnings; empty items when the file's column holds no such category.
  /// - Throws: ``InputError``.
  public static func loadCandidates(
    file: String, category: String, options: FieldOptions = FieldOptions()
  ) throws -> LoadResult<ServicePoint> {
    var options = options
    options.categoryWhenAbsent = category
    var result = try load(file: file, options: options)
    result.items.removeAll { $0.category != category }
    return result
  }

  /// Loads services from file content already in memory.
  ///
  /// - Parameters:
  ///   - content: The file's bytes.
  ///   - file: The file name (its extension picks the format; used in messages).
  ///   - options: Field names, CRS and strictness.
  ///   - expectedArea: The regions' bounding box, to detect swapped axes; optional.
  /// - Returns: The services with skipped records and warnings.
  /// - Throws: ``InputError``.
  public static func load(
    content: consuming [UInt8], file: String, options: FieldOptions = FieldOptions(),
    expectedArea: LonLatBox? = nil
  ) throws -> LoadResult<ServicePoint> {
    try load(
      source: LoadSource(content: consume content, file: file), file: file, options: options,
      expectedArea: expectedArea)
  }

  private static func load(
    source: LoadSource, file: String, options: FieldOptions, expectedArea: LonLatBox?
  ) throws -> LoadResult<ServicePoint> {
    var context = LoadContext(file: file, kind: .services, skipInvalid: options.skipInvalid)
    var crs = CRSName.wgs84
    var services: [ServicePoint] = []
    let locate: (Int) -> InputLocation
    var hasIDs = false
    switch source {
    case .csv(let rows):
      let records = CSVRecords(rows)
      let geometry = try PointLocator.geometry(of: rows, options: options, allowGrid: false)
      let fields = try Fields(records: records, options: options)
      hasIDs = fields.id != nil
      let located = try PointLocator.locate(
        csv: rows, geometry: geometry, options: options, expectedArea: expectedArea,
        context: &context, crs: &crs
      ) { (row) throws(InputError) in try fields.attributes(records, row, fallbackID: nil) }
      services = zip(located.attributes, located.locations).map { $0.service(at: $1) }
      let lines = located.records
      locate = { .line(lines[$0]) }
    case .document(let document):
      let records = GeoJSONRecords(document: document)
      let fields = try Fields(records: records, options: options)
      hasIDs = fields.id != nil || document.features.contains { $0.id != nil }
      let located = try PointLocator.locate(
        geojson: document, options: options, allowPolygons: true, expectedArea: expectedArea,
        context: &context, crs: &crs
      ) { (index) throws(InputError) in
        try fields.attributes(records, index, fallbackID: document.features[index].id?.text)
      }
      services = zip(located.attributes, located.locations).map { $0.service(at: $1) }
      let recordIndices = located.records
      locate = { records.location(of: recordIndices[$0]) }
    }
    if hasIDs, let warning = DuplicateIDs.warning(ids: services.map(\.id), location: locate) {
      context.warn(warning)
    }
    return LoadResult(
      items: services, skipped: context.skipped, warnings: context.warnings, sourceCRS: crs)
  }

  private struct Fields {
    var id: FieldRef?
    var name: FieldRef?
    /// The category column; nil for a candidates file without one (every row is one).
    var category: FieldRef?
    var categoryWhenAbsent: String?
    var capacity: FieldRef?
    var region: FieldRef?
    var opened: FieldRef?
    var closed: FieldRef?
    var year: FieldRef?

    init<Table: RecordTable>(records: Table, options: FieldOptions) throws(InputError) {
      categoryWhenAbsent = options.categoryWhenAbsent
      if options.categoryWhenAbsent == nil || options.categoryField != nil {
        category = try records.require(.category, requested: options.categoryField)
      } else {
        category = try records.resolve(.category, requested: nil, required: false)
      }
      id = try records.resolve(.id, requested: options.idField, required: false)
      name = try records.resolve(.name, requested: options.nameField, required: false)
      capacity = try records.resolve(.capacity, requested: options.capacityField, required: false)
      opened = try records.resolve(.opened, requested: options.openedField, required: false)
      closed = try records.resolve(.closed, requested: options.closedField, required: false)
      year = try records.resolve(.year, requested: options.yearField, required: false)
      // Services may lack the units' region column (they are then placed by point in
      // polygon, as BRIEF says: "and services, if they have it").
      if let regionField = options.regionField,
        records.fieldNames.contains(where: { $0.lowercased() == regionField.lowercased() })
      {
        region = try records.require(.region, requested: regionField)
      }
    }

    func attributes<Table: RecordTable>(
      _ records: Table, _ record: Table.Record, fallbackID: String?
    ) throws(InputError) -> Attributes {
      let category: String
      if let column = self.category {
        guard let text = records.text(record, column) else {
          throw .missingValue(
            file: records.file, location: records.location(of: record), field: column.name)
        }
        category = text
      } else {
        // Only a candidates file may lack the column (see `init`).
        category = categoryWhenAbsent ?? ""
      }
      var capacityValue: Double?
      if let capacity, records.text(record, capacity) != nil {
        guard let value = records.number(record, capacity) else {
          throw .badNumber(
            file: records.file, location: records.location(of: record), field: capacity.name,
            value: records.displayText(record, capacity))
        }
        guard value >= 0 else {
          throw .negativeCapacity(
            file: records.file, location: records.location(of: record), field: capacity.name,
            value: records.displayText(record, capacity))
        }
        capacityValue = value
      }
      func date(_ field: FieldRef?) throws(InputError) -> String? {
        guard let field, let text = records.text(record, field) else { return nil }
        guard let normalised = ServiceDate.normalise(text) else {
          throw .badDate(
            file: records.file, location: records.location(of: record), field: field.name,
            value: text)
        }
        return normalised
      }
      let id =
        self.id.flatMap { records.text(record, $0) } ?? fallbackID
        ?? String(records.ordinal(of: record))
      return Attributes(
        id: id, name: name.flatMap { records.text(record, $0) } ?? "", category: category,
        regionKey: region.flatMap { records.text(record, $0) }, capacity: capacityValue,
        opened: try date(opened), closed: try date(closed),
        year: year.flatMap { records.text(record, $0) })
    }
  }

  private struct Attributes {
    var id: String
    var name: String
    var category: String
    var regionKey: String?
    var capacity: Double?
    var opened: String?
    var closed: String?
    var year: String?

    func service(at location: LonLat) -> ServicePoint {
      var service = ServicePoint(
        id: id, name: name, category: category, location: location, regionKey: regionKey,
        capacity: capacity)
      service.opened = opened
      service.closed = closed
      service.year = year
      return service
    }
  }
}
