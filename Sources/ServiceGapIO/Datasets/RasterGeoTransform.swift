/// Where a raster's cells lie in its CRS: GDAL's six-number affine geotransform.
///
/// `x = t0 + column·t1 + row·t2` and `y = t3 + column·t4 + row·t5`, with (column, row) a
/// position measured in cells from the raster's top-left corner. A cell's centre is at
/// (column + 0.5, row + 0.5) and its corners at whole numbers. Rotated and sheared rasters
/// (t2, t4 ≠ 0) use the same formula, so no case assumes a north-up image.
struct RasterGeoTransform: Hashable, Sendable {
  let x0, xPerColumn, xPerRow, y0, yPerColumn, yPerRow: Double

  /// Reads GDAL's order; nil unless six finite numbers that map cells to areas (a zero
  /// determinant would put every cell on one line).
  init?(_ numbers: [Double]) {
    guard numbers.count == 6, numbers.allSatisfy(\.isFinite) else { return nil }
    (x0, xPerColumn, xPerRow) = (numbers[0], numbers[1], numbers[2])
    (y0, yPerColumn, yPerRow) = (numbers[3], numbers[4], numbers[5])
    guard determinant != 0 else { return nil }
  }

  /// The signed area of one cell: negative for the usual north-up raster, whose rows run
  /// south while y runs north.
  var determinant: Double { xPerColumn * yPerRow - xPerRow * yPerColumn }

  /// The map position of a fractional cell position.
  func point(column: Double, row: Double) -> (x: Double, y: Double) {
    (x0 + column * xPerColumn + row * xPerRow, y0 + column * yPerColumn + row * yPerRow)
  }

  /// The centre of the cell at a 0-based column and row.
  func centre(column: Int, row: Int) -> (x: Double, y: Double) {
    point(column: Double(column) + 0.5, row: Double(row) + 0.5)
  }

  /// The cell's four corners as a closed ring (five positions, the first repeated),
  /// counter-clockwise in map coordinates as RFC 7946 wants outer rings.
  ///
  /// Corner order in cells is counter-clockwise when the determinant is positive; a north-up
  /// raster's is negative, so the walk goes the other way round: bottom-left, bottom-right,
  /// top-right, top-left.
  func corners(column: Int, row: Int) -> [(x: Double, y: Double)] {
    let (c, r) = (Double(column), Double(row))
    let walk: [(Double, Double)] =
      determinant > 0
      ? [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1), (c, r)]
      : [(c, r + 1), (c + 1, r + 1), (c + 1, r), (c, r), (c, r + 1)]
    return walk.map { point(column: $0.0, row: $0.1) }
  }
}
