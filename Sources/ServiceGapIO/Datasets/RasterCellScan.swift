import ServiceGap

/// Turns a raster's rows, block after block, into population units: the populated cells at
/// their centres in lon/lat (see ``RasterPopulation`` for the rules).
///
/// Kept apart from GDAL so the rules can be tested with arrays of values alone.
struct RasterCellScan {
  let transform: RasterGeoTransform
  let input: CoordinateInput
  /// The band's nodata value; NaN when it has none (NaN equals no value).
  let noData: Double
  let keepsOutlines: Bool
  /// The units so far, in row-major order (top row first, left to right).
  private(set) var units: [PopulationUnit] = []

  init(
    transform: RasterGeoTransform, input: CoordinateInput, noData: Double?, keepsOutlines: Bool
  ) {
    self.transform = transform
    self.input = input
    self.noData = noData ?? .nan
    self.keepsOutlines = keepsOutlines
  }

  /// A populated cell waiting for its lon/lat.
  private struct Cell {
    let row: Int
    let column: Int
    let population: Double
  }

  /// Adds the populated cells of rows `firstRow…`, given row after row (`width` values each).
  ///
  /// - Throws: ``InputError`` for a negative or infinite value that is not nodata, cells out
  ///   of ±180/±90 in a geographic CRS, and cells PROJ cannot transform, unless
  ///   `context` skips them.
  mutating func add(_ values: [Double], firstRow: Int, width: Int, context: inout LoadContext)
    throws(InputError)
  {
    var cells: [Cell] = []
    var xs: [Double] = []
    var ys: [Double] = []
    for index in values.indices {
      let value = values[index]
      // Nodata before the sign: it may be positive (65535 in a UInt16 band, 3.4e38).
      if value == noData || value.isNaN || value == 0 { continue }
      let (row, column) = (firstRow + index / width, index % width)
      guard value > 0, value.isFinite else {
        try context.handle(Self.badValue(value, row: row, column: column, file: context.file))
        continue
      }
      let centre = transform.centre(column: column, row: row)
      do {
        try input.checkRange(
          x: centre.x, y: centre.y, file: context.file, location: .cell(row: row, column: column))
      } catch {
        try context.handle(error)
        continue
      }
      cells.append(Cell(row: row, column: column, population: value))
      xs.append(centre.x)
      ys.append(centre.y)
    }
    guard !cells.isEmpty else { return }
    let locations = input.lonLats(xs: xs, ys: ys)
    let outlines = keepsOutlines ? self.outlines(of: cells) : nil
    units.reserveCapacity(units.count + cells.count)
    for (index, cell) in cells.enumerated() {
      // Nil when outlines are not kept, or PROJ failed on a corner.
      let ring = outlines?[index]
      guard let location = locations[index], ring != nil || outlines == nil else {
        try context.handle(
          .untransformable(
            file: context.file, location: .cell(row: cell.row, column: cell.column),
            x: xs[index], y: ys[index], crs: input.crs))
        continue
      }
      units.append(
        PopulationUnit(
          id: "r\(cell.row)c\(cell.column)", population: cell.population, location: location,
          outline: ring.map { [[$0]] }))
    }
  }

  /// Each cell's corners in lon/lat as a closed ring; nil where PROJ failed on a corner.
  private func outlines(of cells: [Cell]) -> [Ring?] {
    var xs: [Double] = []
    var ys: [Double] = []
    xs.reserveCapacity(cells.count * 4)
    ys.reserveCapacity(cells.count * 4)
    for cell in cells {
      // The ring's fifth position repeats the first: converted once, copied after.
      for corner in transform.corners(column: cell.column, row: cell.row).prefix(4) {
        xs.append(corner.x)
        ys.append(corner.y)
      }
    }
    let converted = input.lonLats(xs: xs, ys: ys)
    return cells.indices.map { index in
      var ring: Ring = []
      for corner in converted[(index * 4)..<(index * 4 + 4)] {
        guard let corner else { return nil }
        ring.append(corner)
      }
      ring.append(ring[0])
      return ring
    }
  }

  /// The error for a value that is neither people nor "no people": below zero, or infinite.
  private static func badValue(_ value: Double, row: Int, column: Int, file: String)
    -> InputError
  {
    let location = InputLocation.cell(row: row, column: column)
    let text = InputError.number(value)
    return value < 0
      ? .negativePopulation(file: file, location: location, field: "1", value: text)
      : .badNumber(file: file, location: location, field: "1", value: text)
  }
}
