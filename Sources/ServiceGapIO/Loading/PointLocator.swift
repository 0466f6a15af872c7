import ServiceGap

/// Finds the lon/lat point of every record, shared by the population and service loaders.
///
/// Attributes are parsed first (by the caller's closure), then the position; records
/// with a problem are skipped or stop the load (``LoadContext/handle(_:)``). Positions in
/// a projected CRS are converted in one PROJ batch at the end.
enum PointLocator {
  /// The records that made it through (parallel arrays, to avoid copying attributes).
  struct Located<Attributes> {
    /// 0-based record (row or feature) indices.
    var records: [Int] = []
    /// The caller's parsed attributes per record.
    var attributes: [Attributes] = []
    /// The unit point per record.
    var locations: [LonLat] = []
  }

  /// Records waiting for coordinate conversion.
  ///
  /// `converted[i]` marks positions that are already lon/lat (polygon unit points); the
  /// others are in the input CRS.
  private struct Pending<Attributes> {
    var records: [Int] = []
    var attributes: [Attributes] = []
    var xs: [Double] = []
    var ys: [Double] = []
    var converted: [Bool] = []

    init(capacity: Int) {
      records.reserveCapacity(capacity)
      attributes.reserveCapacity(capacity)
      xs.reserveCapacity(capacity)
      ys.reserveCapacity(capacity)
      converted.reserveCapacity(capacity)
    }

    mutating func append(
      _ record: Int, _ attributes: Attributes, x: Double, y: Double, converted: Bool
    ) {
      records.append(record)
      self.attributes.append(attributes)
      xs.append(x)
      ys.append(y)
      self.converted.append(converted)
    }
  }

  // MARK: CSV

  /// How the rows of a CSV file give their position.
  enum CSVGeometry {
    /// x and y columns.
    case coordinates(x: FieldRef, y: FieldRef)
    /// A Statistics Norway grid-id column and the cell size in metres.
    case grid(FieldRef, cellSize: Double)
  }

  /// Finds the x/y columns, or a grid-id column when `allowGrid` and there are no
  /// coordinate columns.
  ///
  /// - Throws: ``InputError/missingColumn(file:role:requested:lookedFor:available:)``.
  static func geometry(of rows: CSVRows, options: FieldOptions, allowGrid: Bool)
    throws(InputError) -> CSVGeometry
  {
    let records = CSVRecords(rows)
    let explicit = options.xField != nil || options.yField != nil
    let xRef = try records.resolve(.x, requested: options.xField, required: explicit)
    let yRef = try records.resolve(.y, requested: options.yField, required: explicit)
    if let xRef, let yRef { return .coordinates(x: xRef, y: yRef) }
    if xRef == nil, yRef == nil, allowGrid, let ref = try findGridColumn(rows) {
      return .grid(
        ref, cellSize: GridCellID.cellSize(forColumn: ref.name) ?? options.cellSizeMeters ?? 250)
    }
    let missing: FieldRole = xRef == nil ? .x : .y
    throw .missingColumn(
      file: rows.file, role: missing, requested: nil, lookedFor: missing.candidates,
      available: rows.header)
  }

  /// Locates CSV rows by x/y columns or grid ids (see ``geometry(of:options:allowGrid:)``).
  ///
  /// One pass over the streamed rows; ``Located/records`` holds the rows' line numbers.
  static func locate<Attributes>(
    csv rows: CSVRows, geometry: CSVGeometry, options: FieldOptions, expectedArea: LonLatBox?,
    context: inout LoadContext, crs: inout String,
    attributes: (CSVRow) throws(InputError) -> Attributes
  ) throws(InputError) -> Located<Attributes> {
    let records = CSVRecords(rows)
    var grid: (ref: FieldRef, size: Double)?
    var xRef: FieldRef?
    var yRef: FieldRef?
    switch geometry {
    case .grid(let ref, let size): grid = (ref, size)
    case .coordinates(let x, let y):
      xRef = x
      yRef = y
    }

    let input: CoordinateInput
    if grid != nil {
      input = try CoordinateInput(crs: GridCellID.crs, fromFile: true, file: rows.file)
      if let requested = options.crs, CRSName.normalize(requested) != GridCellID.crs {
        context.warn(
          "grid cell ids are always in \(GridCellID.crs); --crs \(requested) was ignored")
      }
    } else {
      input = try CoordinateInput(
        crs: options.crs ?? CRSName.wgs84, fromFile: false, file: rows.file)
    }
    crs = input.crs
    if !rows.isUTF8 {
      context.warn(
        "the file is not valid UTF-8, so it was read as ISO 8859-1 (Latin-1); check names with "
          + "å, ä, ö in the outputs, or save the file as UTF-8 (in Excel: CSV UTF-8)")
    }
    if let warning = repeatedColumnsWarning(rows.header) { context.warn(warning) }

    var pending = Pending<Attributes>(capacity: rows.estimatedRowCount)
    let expectedFields = rows.header.count
    try rows.forEachRow { row throws(InputError) in
      let location = records.location(of: row)
      do throws(InputError) {
        let found = row.fieldCount
        if found != expectedFields {
          let extraBlank =
            found > expectedFields
            && (expectedFields..<found).allSatisfy { row.isBlank(column: $0) }
          if !extraBlank {
            throw .wrongFieldCount(
              file: rows.file, line: row.line, expected: expectedFields, found: found,
              delimiter: rows.delimiterText)
          }
        }
        let parsed = try attributes(row)
        let x: Double
        let y: Double
        if let grid {
          guard let corner = row.withBytes(column: grid.ref.index, GridCellID.corner(ofBytes:))
          else {
            throw .badGridID(
              file: rows.file, location: location, field: grid.ref.name,
              value: row.string(column: grid.ref.index))
          }
          x = corner.x + grid.size / 2
          y = corner.y + grid.size / 2
        } else if let xRef, let yRef {
          x = try number(records, row, xRef)
          y = try number(records, row, yRef)
          try input.checkRange(x: x, y: y, file: rows.file, location: location)
        } else {
          preconditionFailure("x and y columns were resolved above")
        }
        pending.append(row.line, parsed, x: x, y: y, converted: false)
      } catch {
        try context.handle(error)
      }
    }
    if grid == nil, let xRef, let yRef {
      warnAboutCoordinates(
        pending, input: input, expectedArea: expectedArea,
        swapHint: "pass --x-field \(yRef.name) --y-field \(xRef.name) if the columns are swapped",
        context: &context)
    }
    return try finish(pending, input: input, locate: { .line($0) }, context: &context)
  }

  /// A warning naming the header's repeated column names; nil when every name is unique.
  ///
  /// Names are compared case-insensitively, as columns are looked up, and listed with their
  /// 1-based positions. Lookups read the first column of a name, so a repeated column (two
  /// `befolkning` columns after a join) could otherwise be read silently.
  static func repeatedColumnsWarning(_ header: [String]) -> String? {
    var positions: [String: [Int]] = [:]
    var order: [String] = []
    for (index, name) in header.enumerated() where !name.isEmpty {
      let key = name.lowercased()
      if positions[key] == nil { order.append(key) }
      positions[key, default: []].append(index + 1)
    }
    let repeated = order.compactMap { key -> String? in
      guard let columns = positions[key], columns.count > 1 else { return nil }
      let numbers = columns.map(String.init)
      let list = numbers.dropLast().joined(separator: ", ") + " and " + numbers[numbers.count - 1]
      return "'\(header[columns[0] - 1])' (columns \(list))"
    }
    guard !repeated.isEmpty else { return nil }
    return "the header repeats \(repeated.joined(separator: ", ")); the first column of a name "
      + "is read, so rename the other if it holds the values to use"
  }

  /// A column named like a grid id, or (failing that) the first column whose values are
  /// all 14 digits, which takes a pass over the rows.
  static func findGridColumn(_ rows: CSVRows) throws(InputError) -> FieldRef? {
    for (index, name) in rows.header.enumerated()
    where GridCellID.columnNames.contains(name.lowercased()) {
      return FieldRef(name: name, index: index)
    }
    var allIDs = [Bool](repeating: true, count: rows.header.count)
    try rows.forEachRow { row throws(InputError) in
      for index in allIDs.indices where allIDs[index] {
        allIDs[index] = row.withBytes(column: index, GridCellID.isGridID)
      }
    }
    guard let index = allIDs.firstIndex(of: true) else { return nil }
    return FieldRef(name: rows.header[index], index: index)
  }

  private static func number<Table: RecordTable>(
    _ records: Table, _ record: Table.Record, _ field: FieldRef
  ) throws(InputError) -> Double {
    guard let value = records.number(record, field) else {
      throw .badNumber(
        file: records.file, location: records.location(of: record), field: field.name,
        value: records.displayText(record, field))
    }
    return value
  }

  // MARK: GeoJSON

  /// Locates GeoJSON features: Points, single-point MultiPoints and (when
  /// `allowPolygons`) Polygons/MultiPolygons reduced to their unit point.
  static func locate<Attributes>(
    geojson document: GeoJSONDocument, options: FieldOptions, allowPolygons: Bool,
    expectedArea: LonLatBox?, context: inout LoadContext, crs: inout String,
    attributes: (Int) throws(InputError) -> Attributes
  ) throws(InputError) -> Located<Attributes> {
    let records = GeoJSONRecords(document: document)
    let input = try coordinateInput(for: document, options: options, context: &context)
    crs = input.crs
    let expected =
      allowPolygons
      ? ["Point", "MultiPoint with one point", "Polygon", "MultiPolygon"]
      : ["Point", "MultiPoint with one point"]
    var pending = Pending<Attributes>(capacity: document.features.count)
    for (index, feature) in document.features.enumerated() {
      let location = InputLocation.feature(feature.number)
      do throws(InputError) {
        let parsed = try attributes(index)
        func unsupported(_ type: String) -> InputError {
          .unsupportedGeometry(
            file: document.file, feature: feature.number, type: type, expected: expected)
        }
        var position: GeoJSONPosition?
        switch feature.geometry {
        case .point(let point)?: position = point
        case .multiPoint(let points)?:
          guard points.count == 1 else {
            throw unsupported("MultiPoint with \(points.count) points")
          }
          position = points[0]
        case .polygon?, .multiPolygon?:
          guard allowPolygons, let polygons = feature.geometry?.polygons else {
            throw unsupported(feature.geometry?.typeName ?? "null")
          }
          let rings = try PolygonConversion.lonLatPolygons(
            polygons, input: input, file: document.file, feature: feature.number)
          let valid = try PolygonConversion.validated(
            rings, file: document.file, feature: feature.number,
            label: "feature \(feature.number)", context: &context)
          let point = try PolygonConversion.unitPoint(
            of: valid, file: document.file, feature: feature.number)
          pending.append(index, parsed, x: point.lon, y: point.lat, converted: true)
        case let other?: throw unsupported(other.typeName)
        case nil: throw unsupported("null")
        }
        if let position {
          try input.checkRange(
            x: position.x, y: position.y, file: document.file, location: location)
          pending.append(index, parsed, x: position.x, y: position.y, converted: false)
        }
      } catch {
        try context.handle(error)
      }
    }
    warnAboutCoordinates(
      pending, input: input, expectedArea: expectedArea,
      swapHint: "GeoJSON positions are [longitude, latitude]; swap the two numbers in the file",
      context: &context)
    return try finish(pending, input: input, locate: records.location(of:), context: &context)
  }

  /// The CRS of a GeoJSON document: `--crs`, else its legacy `crs` member, else EPSG:4326.
  static func coordinateInput(
    for document: GeoJSONDocument, options: FieldOptions, context: inout LoadContext
  ) throws(InputError) -> CoordinateInput {
    if let requested = options.crs {
      if let declared = document.declaredCRS, declared != CRSName.normalize(requested) {
        context.warn(
          "--crs \(requested) overrides the CRS named in the file's crs member (\(declared))")
      }
      return try CoordinateInput(crs: requested, fromFile: false, file: document.file)
    }
    if let declared = document.declaredCRS {
      return try CoordinateInput(crs: declared, fromFile: true, file: document.file)
    }
    return try CoordinateInput(crs: CRSName.wgs84, fromFile: false, file: document.file)
  }

  // MARK: Shared

  private static func warnAboutCoordinates<Attributes>(
    _ pending: Pending<Attributes>, input: CoordinateInput, expectedArea: LonLatBox?,
    swapHint: String, context: inout LoadContext
  ) {
    var xs: [Double] = []
    var ys: [Double] = []
    if pending.converted.contains(true) {
      for index in pending.xs.indices where !pending.converted[index] {
        xs.append(pending.xs[index])
        ys.append(pending.ys[index])
      }
    } else {
      xs = pending.xs
      ys = pending.ys
    }
    let warning =
      input.isGeographic
      ? CoordinateHeuristics.swappedWarning(
        xs: xs, ys: ys, expectedArea: expectedArea, hint: swapHint)
      : CoordinateHeuristics.degreesWarning(xs: xs, ys: ys, input: input)
    if let warning { context.warn(warning) }
  }

  private static func finish<Attributes>(
    _ pending: Pending<Attributes>, input: CoordinateInput, locate: (Int) -> InputLocation,
    context: inout LoadContext
  ) throws(InputError) -> Located<Attributes> {
    var locations: [LonLat?]
    if input.converter == nil {
      // Longitude/latitude already: no optional array in between.
      return Located(
        records: pending.records, attributes: pending.attributes,
        locations: zip(pending.xs, pending.ys).map { LonLat(lon: $0, lat: $1) })
    } else if !pending.converted.contains(true) {
      locations = input.lonLats(xs: pending.xs, ys: pending.ys)
    } else {
      var rawIndices: [Int] = []
      for index in pending.xs.indices where !pending.converted[index] { rawIndices.append(index) }
      let converted = input.lonLats(
        xs: rawIndices.map { pending.xs[$0] }, ys: rawIndices.map { pending.ys[$0] })
      locations = zip(pending.xs, pending.ys).map { LonLat(lon: $0, lat: $1) }
      for (offset, index) in rawIndices.enumerated() { locations[index] = converted[offset] }
    }
    guard locations.contains(nil) else {
      return Located(
        records: pending.records, attributes: pending.attributes,
        locations: locations.map { $0 ?? LonLat(lon: 0, lat: 0) })
    }
    var result = Located<Attributes>()
    for index in locations.indices {
      guard let location = locations[index] else {
        try context.handle(
          .untransformable(
            file: context.file, location: locate(pending.records[index]), x: pending.xs[index],
            y: pending.ys[index], crs: input.crs))
        continue
      }
      result.records.append(pending.records[index])
      result.attributes.append(pending.attributes[index])
      result.locations.append(location)
    }
    return result
  }
}
