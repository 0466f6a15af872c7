/// A rectangle of cells of the analysis grid: square cells of side `cellSize`
/// whose corners lie on multiples of `cellSize` in the working CRS, so the cells
/// of neighbouring regions line up.
struct GridWindow: Sendable, Equatable {
  var cellSize: Double
  /// Global column and row of the window's lower-left cell.
  var column0: Int
  var row0: Int
  var columns: Int
  var rows: Int

  var cellCount: Int { columns * rows }

  /// The smallest window covering the box.
  init(cellSize: Double, minX: Double, minY: Double, maxX: Double, maxY: Double) {
    self.cellSize = cellSize
    column0 = Int((minX / cellSize).rounded(.down))
    row0 = Int((minY / cellSize).rounded(.down))
    columns = max(1, Int((maxX / cellSize).rounded(.down)) - column0 + 1)
    rows = max(1, Int((maxY / cellSize).rounded(.down)) - row0 + 1)
  }

  /// Centre of the cell at local `column`, `row`.
  func centre(column: Int, row: Int) -> (x: Double, y: Double) {
    (
      (Double(column0 + column) + 0.5) * cellSize,
      (Double(row0 + row) + 0.5) * cellSize
    )
  }

  /// Local index of the cell holding the point; nil outside the window.
  func cellIndex(x: Double, y: Double) -> Int? {
    let column = Int((x / cellSize).rounded(.down)) - column0
    let row = Int((y / cellSize).rounded(.down)) - row0
    guard column >= 0, column < columns, row >= 0, row < rows else { return nil }
    return row * columns + column
  }

  /// Coordinates of the grid corner at local corner `column`, `row` (0…columns, 0…rows).
  func corner(column: Int, row: Int) -> (x: Double, y: Double) {
    (Double(column0 + column) * cellSize, Double(row0 + row) * cellSize)
  }
}

/// The cells of a grid window that a polygon touches.
///
/// A cell belongs to the polygon when its centre lies inside (even-odd over all
/// rings, scanned row by row) or an edge of the polygon passes through it; the
/// latter are the *edge cells*, the only ones a clip to the polygon can change.
struct PolygonRaster: Sendable {
  let window: GridWindow
  /// Per local cell: 0 outside, 1 inside, 2 on the polygon's edge.
  let cells: [UInt8]

  static let outside: UInt8 = 0
  static let inside: UInt8 = 1
  static let edge: UInt8 = 2

  /// Rasterises polygons given as rings of interleaved x, y values.
  init(polygons: [[[Double]]], cellSize: Double) {
    var box = (
      minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity
    )
    for ring in polygons.joined() {
      for index in stride(from: 0, to: ring.count - 1, by: 2) {
        box.minX = min(box.minX, ring[index])
        box.maxX = max(box.maxX, ring[index])
        box.minY = min(box.minY, ring[index + 1])
        box.maxY = max(box.maxY, ring[index + 1])
      }
    }
    guard box.minX.isFinite, box.maxX.isFinite, box.minY.isFinite, box.maxY.isFinite else {
      window = GridWindow(cellSize: cellSize, minX: 0, minY: 0, maxX: 0, maxY: 0)
      cells = [UInt8](repeating: Self.outside, count: window.cellCount)
      return
    }
    let window = GridWindow(
      cellSize: cellSize, minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY)
    var cells = [UInt8](repeating: Self.outside, count: window.cellCount)
    // A ring with a vertex the working CRS could not take (NaN) is left out whole:
    // half a ring would fill the wrong cells.
    let rings = polygons.joined().filter { ring in
      ring.count >= 6 && ring.allSatisfy(\.isFinite)
    }

    // Centres inside: even-odd crossings of each row's centre line.
    var crossings: [Double] = []
    for row in 0..<window.rows {
      let y = window.centre(column: 0, row: row).y
      crossings.removeAll(keepingCapacity: true)
      for ring in rings {
        let count = ring.count / 2
        for index in 0..<count {
          let next = (index + 1) % count
          let (ax, ay) = (ring[2 * index], ring[2 * index + 1])
          let (bx, by) = (ring[2 * next], ring[2 * next + 1])
          // Half-open rule: a vertex on the line counts once.
          guard (ay <= y) != (by <= y) else { continue }
          crossings.append(ax + (y - ay) / (by - ay) * (bx - ax))
        }
      }
      crossings.sort()
      for pair in stride(from: 0, to: crossings.count - 1, by: 2) {
        // Cells whose centre x lies in [left, right).
        let first = Int((crossings[pair] / cellSize - 0.5).rounded(.up)) - window.column0
        let last = Int((crossings[pair + 1] / cellSize - 0.5).rounded(.up)) - window.column0 - 1
        guard first <= last else { continue }
        for column in max(0, first)...min(window.columns - 1, last) {
          cells[row * window.columns + column] = Self.inside
        }
      }
    }

    // Edge cells: every cell a ring segment passes through (grid traversal).
    for ring in rings {
      let count = ring.count / 2
      for index in 0..<count {
        let next = (index + 1) % count
        Self.traverse(
          from: (ring[2 * index], ring[2 * index + 1]), to: (ring[2 * next], ring[2 * next + 1]),
          window: window
        ) { cell in cells[cell] = Self.edge }
      }
    }
    self.window = window
    self.cells = cells
  }

  /// Calls `visit` with every local cell the segment passes through
  /// (Amanatides–Woo traversal).
  static func traverse(
    from a: (x: Double, y: Double), to b: (x: Double, y: Double), window: GridWindow,
    visit: (Int) -> Void
  ) {
    let size = window.cellSize
    let localA = (x: a.x / size - Double(window.column0), y: a.y / size - Double(window.row0))
    let localB = (x: b.x / size - Double(window.column0), y: b.y / size - Double(window.row0))
    func clampColumn(_ value: Double) -> Int {
      max(0, min(window.columns - 1, Int(value.rounded(.down))))
    }
    func clampRow(_ value: Double) -> Int {
      max(0, min(window.rows - 1, Int(value.rounded(.down))))
    }
    var column = clampColumn(localA.x)
    var row = clampRow(localA.y)
    let endColumn = clampColumn(localB.x)
    let endRow = clampRow(localB.y)
    let dx = localB.x - localA.x
    let dy = localB.y - localA.y
    let stepX = dx > 0 ? 1 : -1
    let stepY = dy > 0 ? 1 : -1
    let deltaX = dx == 0 ? Double.infinity : abs(1 / dx)
    let deltaY = dy == 0 ? Double.infinity : abs(1 / dy)
    var nextX =
      dx == 0
      ? Double.infinity
      : (dx > 0 ? (Double(column + 1) - localA.x) : (localA.x - Double(column))) * deltaX
    var nextY =
      dy == 0
      ? Double.infinity
      : (dy > 0 ? (Double(row + 1) - localA.y) : (localA.y - Double(row))) * deltaY
    visit(row * window.columns + column)
    // Bounded by the cells between the two ends, whatever rounding does.
    var steps = abs(endColumn - column) + abs(endRow - row)
    while steps > 0, column != endColumn || row != endRow {
      if nextX < nextY {
        column += stepX
        nextX += deltaX
      } else {
        row += stepY
        nextY += deltaY
      }
      guard column >= 0, column < window.columns, row >= 0, row < window.rows else { break }
      visit(row * window.columns + column)
      steps -= 1
    }
  }
}
