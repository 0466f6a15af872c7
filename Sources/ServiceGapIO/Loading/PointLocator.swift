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
    /// The record's cell or area in lon/lat per record (nil for points) when outlines were
    /// asked for; empty otherwise.
    var outlines: [[PolygonRings]?] = []
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
    /// Per record, the polygons already in lon/lat, when outlines are kept.
    var outlines: [[PolygonRings]?] = []
    /// Per record, the grid cell's size (the cell is the square around x, y), when
    /// outlines of grid cells are kept.
    var cellSizes: [Double] = []

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
    /// A grid-id column.
    case grid(GridColumns)
  }

  /// The columns that give grid cells by id (``GridCellID``).
  struct GridColumns {
    /// The id column.
    var id: FieldRef
    /// The id system.
    var system: GridCellID.System
    /// A column with each cell's size in metres (SCB's `rutstorl`); nil when absent.
    var size: FieldRef?
    /// The size of cells whose id and size column do not give one.
    var fallbackSize: Double

    /// The row's cell: its corner and size.
    func cell(_ row: CSVRow, records: CSVRecords, file: String) throws(InputError) -> (
      x: Double, y: Double, size: Double
    ) {
      guard let cell = row.withBytes(column: id.index, { GridCellID.cell(ofBytes: $0, in: system) })
      else {
        throw .badGridID(
          file: file, location: records.location(of: row), field: id.name,
          value: row.string(column: id.index), expected: system.format)
      }
      if let size = cell.size { return (cell.x, cell.y, size) }
      guard let size else { return (cell.x, cell.y, fallbackSize) }
      guard let value = records.number(row, size), value > 0 else {
        throw .badNumber(
          file: file, location: records.location(of: row), field: size.name,
          value: records.displayText(row, size))
      }
      return (cell.x, cell.y, value)
    }
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
    if xRef == nil, yRef == nil, allowGrid, let (ref, system) = try findGridColumn(rows) {
      let sizeColumn = rows.header.firstIndex {
        GridCellID.sizeColumnNames.contains($0.lowercased())
      }
      let nameSize = system == .statisticsNorway ? GridCellID.cellSize(forColumn: ref.name) : nil
      return .grid(
        GridColumns(
          id: ref, system: system,
          size: sizeColumn.map { FieldRef(name: rows.header[$0], index: $0) },
          fallbackSize: nameSize ?? options.cellSizeMeters ?? system.defaultCellSize))
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
    keepOutlines: Bool = false, context: inout LoadContext, crs: inout String,
    attributes: (CSVRow) throws(InputError) -> Attributes
  ) throws(InputError) -> Located<Attributes> {
    let records = CSVRecords(rows)
    var grid: GridColumns?
    var xRef: FieldRef?
    var yRef: FieldRef?
    switch geometry {
    case .grid(let columns): grid = columns
    case .coordinates(let x, let y):
      xRef = x
      yRef = y
    }

    let input: CoordinateInput
    if let grid {
      let crs = grid.system.crs
      input = try CoordinateInput(crs: crs, fromFile: true, file: rows.file)
      if let requested = options.crs, CRSName.normalize(requested) != crs {
        context.warn("grid cell ids are always in \(crs); --crs \(requested) was ignored")
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
          let cell = try grid.cell(row, records: records, file: rows.file)
          x = cell.x + cell.size / 2
          y = cell.y + cell.size / 2
          if keepOutlines { pending.cellSizes.append(cell.size) }
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

  /// The grid-id column and its system.
  ///
  /// A column named like a grid id (``GridCellID``), or failing that the first column whose
  /// values are all ids of one system. A named column whose values are all ids of another
  /// system is read in that system. Takes a pass over the rows.
  static func findGridColumn(_ rows: CSVRows) throws(InputError) -> (
    FieldRef, GridCellID.System
  )? {
    let systems = GridCellID.System.allCases
    let namedColumn = rows.header.indices.lazy.compactMap { index in
      GridCellID.system(forColumn: rows.header[index]).map { (index, $0) }
    }.first
    let named = namedColumn?.0
    let columns = named.map { [$0] } ?? Array(rows.header.indices)
    // matches[c][s]: every value of column c so far is an id of system s.
    var matches = columns.map { _ in [Bool](repeating: true, count: systems.count) }
    var sawRow = false
    try rows.forEachRow { row throws(InputError) in
      sawRow = true
      for (position, column) in columns.enumerated() {
        for (index, system) in systems.enumerated() where matches[position][index] {
          matches[position][index] = row.withBytes(column: column) {
            GridCellID.cell(ofBytes: $0, in: system) != nil
          }
        }
      }
    }
    if let (named, byName) = namedColumn {
      let byValues = sawRow ? systems.indices.first { matches[0][$0] }.map { systems[$0] } : nil
      return (FieldRef(name: rows.header[named], index: named), byValues ?? byName)
    }
    guard sawRow else { return nil }
    for (position, column) in columns.enumerated() {
      if let index = systems.indices.first(where: { matches[position][$0] }) {
        return (FieldRef(name: rows.header[column], index: column), systems[index])
      }
    }
    return nil
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
    expectedArea: LonLatBox?, keepOutlines: Bool = false, context: inout LoadContext,
    crs: inout String,
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
          if keepOutlines { pending.outlines.append(valid) }
        case let other?: throw unsupported(other.typeName)
        case nil: throw unsupported("null")
        }
        if let position {
          try input.checkRange(
            x: position.x, y: position.y, file: document.file, location: location)
          pending.append(index, parsed, x: position.x, y: position.y, converted: false)
          if keepOutlines { pending.outlines.append(nil) }
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

  /// The CRS of a GeoJSON document or GDAL layer: the override, else its declared CRS (a
  /// GeoJSON legacy `crs` member, a layer's SRS), else EPSG:4326.
  static func coordinateInput(
    for document: GeoJSONDocument, options: FieldOptions, context: inout LoadContext
  ) throws(InputError) -> CoordinateInput {
    if let requested = options.crs {
      if let declared = document.declaredCRS, declared != CRSName.normalize(requested) {
        // Only the per-input option (--population-crs, …) reaches a file that declares its
        // own CRS (`InputFiles.declaresOwnCRS`), so the warning names that one, not --crs.
        let option = context.kind.crsOption ?? "--crs"
        let source =
          DatasetPath(document.file) == nil
          ? "named in the file's crs member" : "the layer declares"
        context.warn("\(option) \(requested) overrides the CRS \(source) (\(declared))")
      }
      return try CoordinateInput(crs: requested, fromFile: false, file: document.file)
    }
    if let declared = document.declaredCRS {
      return try CoordinateInput(
        crs: declared, fromFile: true, file: document.file, declaredBy: context.kind)
    }
    return try CoordinateInput(
      crs: CRSName.wgs84, fromFile: false, file: document.file, declaredBy: context.kind)
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
    let outlines = pending.cellSizes.isEmpty ? pending.outlines : cellOutlines(pending, input)
    var locations: [LonLat?]
    if input.converter == nil {
      // Longitude/latitude already: no optional array in between.
      return Located(
        records: pending.records, attributes: pending.attributes,
        locations: zip(pending.xs, pending.ys).map { LonLat(lon: $0, lat: $1) },
        outlines: outlines)
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
        locations: locations.map { $0 ?? LonLat(lon: 0, lat: 0) }, outlines: outlines)
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
      if !outlines.isEmpty { result.outlines.append(outlines[index]) }
    }
    return result
  }

  /// Each grid cell's square (corners counter-clockwise from the lower left) in lon/lat,
  /// converted in one batch; nil for a cell whose corners PROJ could not convert.
  private static func cellOutlines<Attributes>(
    _ pending: Pending<Attributes>, _ input: CoordinateInput
  ) -> [[PolygonRings]?] {
    var xs: [Double] = []
    var ys: [Double] = []
    xs.reserveCapacity(pending.xs.count * 4)
    ys.reserveCapacity(pending.xs.count * 4)
    for index in pending.xs.indices {
      let half = pending.cellSizes[index] / 2
      let (x, y) = (pending.xs[index], pending.ys[index])
      xs += [x - half, x + half, x + half, x - half]
      ys += [y - half, y - half, y + half, y + half]
    }
    let corners = input.lonLats(xs: xs, ys: ys)
    return pending.xs.indices.map { index in
      var ring: Ring = []
      for corner in corners[(index * 4)..<(index * 4 + 4)] {
        guard let corner else { return nil }
        ring.append(corner)
      }
      ring.append(ring[0])
      return [[ring]]
    }
  }

}
