import Foundation

/// Where a point joins the road network: the closest point of the closest piece.
struct SnapPoint: Sendable, Hashable {
  /// The piece snapped to.
  var piece: Int
  /// Fraction along the piece from its first drawn vertex, 0…1.
  var fraction: Double
  /// Length of the access leg (point to snap point) in metres, measured in the working CRS.
  var legMeters: Double
}

/// Finds the closest piece to a point with a uniform grid of piece bounding boxes.
///
/// The search walks rings of cells outwards from the point's cell and stops once
/// the best distance found is shorter than anything the next ring could hold,
/// or the ring lies beyond the snapping limit. Ties (two carriageways drawn on the same
/// line, say) go to the piece first in ``RoadGraph/piecePrecedes(_:_:)``: by position,
/// length, speed and directions, never by the order of the roads in the file.
struct PieceIndex: Sendable {
  private let graph: RoadGraph
  // The graph's arrays the search reads, held here: reading them through the class
  // instance costs a retain and release per access in the hot loop.
  private let nodeX: [Double]
  private let nodeY: [Double]
  private let pieceFrom: [Int32]
  private let pieceTo: [Int32]
  private let minX: Double
  private let minY: Double
  private let cellSize: Double
  private let columns: Int
  private let rows: Int
  private let cellStart: [Int32]
  private let cellPieces: [Int32]
  /// Per cell, how many rings out the nearest cell holding a piece lies (Chebyshev
  /// distance in cells): far from every road a search starts there, or gives up at once.
  private let emptyRings: [UInt16]

  init(graph: RoadGraph) {
    self.graph = graph
    nodeX = graph.nodeX
    nodeY = graph.nodeY
    pieceFrom = graph.pieceFrom
    pieceTo = graph.pieceTo
    let xs = graph.nodeX
    let ys = graph.nodeY
    let minX = xs.min() ?? 0
    let minY = ys.min() ?? 0
    let maxX = xs.max() ?? 1
    let maxY = ys.max() ?? 1
    // About an eighth of a piece per cell on average (roads cluster in towns), never
    // finer than 50 m, at most 8192 cells a side.
    let area = max((maxX - minX) * (maxY - minY), 1)
    let cellSize = max(50, (area / Double(max(1, graph.pieceCount)) / 8).squareRoot())
    let columns = max(1, min(8192, Int((maxX - minX) / cellSize) + 1))
    let rows = max(1, min(8192, Int((maxY - minY) / cellSize) + 1))
    self.minX = minX
    self.minY = minY
    let size = max(cellSize, (maxX - minX) / Double(columns), (maxY - minY) / Double(rows))
    self.cellSize = size
    self.columns = columns
    self.rows = rows
    // Two passes (count, then fill) into one flat array: no array per cell.
    func cellRange(_ piece: Int) -> (c0: Int, r0: Int, c1: Int, r1: Int) {
      let a = Int(graph.pieceFrom[piece])
      let b = Int(graph.pieceTo[piece])
      let (c0, r0) = Self.cell(
        min(xs[a], xs[b]), min(ys[a], ys[b]), minX, minY, size, columns, rows)
      let (c1, r1) = Self.cell(
        max(xs[a], xs[b]), max(ys[a], ys[b]), minX, minY, size, columns, rows)
      return (c0, r0, c1, r1)
    }
    var start = [Int32](repeating: 0, count: columns * rows + 1)
    for piece in 0..<graph.pieceCount {
      let range = cellRange(piece)
      for row in range.r0...range.r1 {
        for column in range.c0...range.c1 { start[row * columns + column + 1] += 1 }
      }
    }
    for cell in 0..<columns * rows { start[cell + 1] += start[cell] }
    var fill = start
    var pieces = [Int32](repeating: 0, count: Int(start[columns * rows]))
    for piece in 0..<graph.pieceCount {
      let range = cellRange(piece)
      for row in range.r0...range.r1 {
        for column in range.c0...range.c1 {
          let cell = row * columns + column
          pieces[Int(fill[cell])] = Int32(piece)
          fill[cell] += 1
        }
      }
    }
    cellStart = start
    cellPieces = pieces
    emptyRings = Self.ringsToNearestPiece(start: start, columns: columns, rows: rows)
  }

  /// Chebyshev distance transform of the occupied cells (two passes).
  private static func ringsToNearestPiece(start: [Int32], columns: Int, rows: Int) -> [UInt16] {
    var rings = [UInt16](repeating: UInt16.max, count: columns * rows)
    for cell in rings.indices where start[cell + 1] > start[cell] { rings[cell] = 0 }
    func relax(_ cell: Int, _ neighbour: Int) {
      let through = rings[neighbour] == UInt16.max ? UInt16.max : rings[neighbour] + 1
      if through < rings[cell] { rings[cell] = through }
    }
    for row in 0..<rows {
      for column in 0..<columns {
        let cell = row * columns + column
        if column > 0 { relax(cell, cell - 1) }
        if row > 0 {
          relax(cell, cell - columns)
          if column > 0 { relax(cell, cell - columns - 1) }
          if column + 1 < columns { relax(cell, cell - columns + 1) }
        }
      }
    }
    for row in stride(from: rows - 1, through: 0, by: -1) {
      for column in stride(from: columns - 1, through: 0, by: -1) {
        let cell = row * columns + column
        if column + 1 < columns { relax(cell, cell + 1) }
        if row + 1 < rows {
          relax(cell, cell + columns)
          if column + 1 < columns { relax(cell, cell + columns + 1) }
          if column > 0 { relax(cell, cell + columns - 1) }
        }
      }
    }
    return rings
  }

  private static func cell(
    _ x: Double, _ y: Double, _ minX: Double, _ minY: Double, _ size: Double, _ columns: Int,
    _ rows: Int
  ) -> (Int, Int) {
    let column = Int(((x - minX) / size).rounded(.down))
    let row = Int(((y - minY) / size).rounded(.down))
    return (max(0, min(columns - 1, column)), max(0, min(rows - 1, row)))
  }

  /// The closest point of the closest piece within `maxMeters`; nil when none.
  func snap(x: Double, y: Double, maxMeters: Double) -> SnapPoint? {
    guard x.isFinite, y.isFinite, graph.pieceCount > 0 else { return nil }
    let rawColumn = Int(((x - minX) / cellSize).rounded(.down))
    let rawRow = Int(((y - minY) / cellSize).rounded(.down))
    // Squared distances while searching: no square root per piece.
    var best: (piece: Int, squared: Double, fraction: Double)?
    func visit(_ column: Int, _ row: Int) {
      guard row >= 0, row < rows, column >= 0, column < columns else { return }
      let cell = row * columns + column
      for slot in Int(cellStart[cell])..<Int(cellStart[cell + 1]) {
        let piece = Int(cellPieces[slot])
        let (squared, fraction) = squaredDistanceToPiece(piece, x, y)
        if let current = best,
          squared > current.squared
            || (squared == current.squared && !graph.piecePrecedes(piece, current.piece))
        {
          continue
        }
        best = (piece, squared, fraction)
      }
    }
    // Rings nearer than the nearest occupied cell are empty; a piece `ring` cells out
    // is at least `ring - 1` cells away. Outside the grid, the grid itself is that far.
    let outside = max(0, -rawColumn, rawColumn - (columns - 1), -rawRow, rawRow - (rows - 1))
    let clamped = max(0, min(rows - 1, rawRow)) * columns + max(0, min(columns - 1, rawColumn))
    let empty = Int(emptyRings[clamped])
    guard empty != Int(UInt16.max) else { return nil }
    var ring = max(outside, empty)
    if Double(ring - 1) * cellSize > maxMeters { return nil }
    while true {
      // The border cells of the square of Chebyshev radius `ring`.
      if ring == 0 {
        visit(rawColumn, rawRow)
      } else {
        for column in (rawColumn - ring)...(rawColumn + ring) {
          visit(column, rawRow - ring)
          visit(column, rawRow + ring)
        }
        for row in (rawRow - ring + 1)...(rawRow + ring - 1) {
          visit(rawColumn - ring, row)
          visit(rawColumn + ring, row)
        }
      }
      // A piece not met yet has its closest point in a cell beyond this ring, so it
      // lies at least `ring` cells away.
      let unseen = Double(ring) * cellSize
      // Strictly closer than anything unseen: an equally close piece in the next ring
      // must still be met (ties follow `piecePrecedes`).
      if let best, best.squared < unseen * unseen { break }
      if unseen > maxMeters { break }
      ring += 1
    }
    guard let best, best.squared <= maxMeters * maxMeters else { return nil }
    return SnapPoint(
      piece: best.piece, fraction: best.fraction, legMeters: best.squared.squareRoot())
  }

  private func squaredDistanceToPiece(_ piece: Int, _ x: Double, _ y: Double) -> (Double, Double) {
    let a = Int(pieceFrom[piece])
    let b = Int(pieceTo[piece])
    let ax = nodeX[a]
    let ay = nodeY[a]
    let dx = nodeX[b] - ax
    let dy = nodeY[b] - ay
    let lengthSquared = dx * dx + dy * dy
    var t = lengthSquared > 0 ? ((x - ax) * dx + (y - ay) * dy) / lengthSquared : 0
    t = min(1, max(0, t))
    let ex = ax + t * dx - x
    let ey = ay + t * dy - y
    return (ex * ex + ey * ey, t)
  }
}
