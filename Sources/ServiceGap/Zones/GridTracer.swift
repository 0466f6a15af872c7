/// Turns a mask of grid cells into polygons, one per 4-connected group of cells,
/// by walking the cell edges between a group and everything else (as GDAL's
/// polygonize does) instead of unioning squares.
///
/// Each boundary edge is directed with its cell on the left, so outer rings come
/// out counter-clockwise and holes clockwise, and only corners are kept. Where two
/// cells of one group touch only diagonally, the walk turns right and keeps them
/// together: the ring does not touch itself, and a hole meeting the outer ring
/// at that corner becomes a ring of its own, as OGC validity wants.
enum GridTracer {
  /// One connected group of cells as a polygon in the working CRS.
  struct Component: Sendable {
    /// Outer ring first, then holes; closed rings of interleaved x, y.
    var rings: [[Double]]
    /// Number of cells in the group.
    var cellCount: Int
  }

  /// Groups and polygons of the cells where `mask` is true.
  ///
  /// - Returns: The components and, per local cell, the component it belongs
  ///   to (−1 outside the mask).
  /// - Complexity: O(cells of the window).
  static func trace(mask: [Bool], window: GridWindow) -> (
    components: [Component], label: [Int32]
  ) {
    let label = labelComponents(mask: mask, columns: window.columns, rows: window.rows)
    var componentCount = 0
    for value in label where Int(value) >= componentCount { componentCount = Int(value) + 1 }
    guard componentCount > 0 else { return ([], label) }
    var walk = BoundaryWalk(label: label, window: window)
    var rings = [[[Double]]](repeating: [], count: componentCount)
    var areas = [[Double]](repeating: [], count: componentCount)
    for startCorner in walk.outgoing.indices where walk.outgoing[startCorner] != 0 {
      while walk.outgoing[startCorner] != 0 {
        guard let found = walk.ring(from: startCorner) else { continue }
        rings[found.component].append(found.ring)
        areas[found.component].append(found.twiceArea)
      }
    }
    var cellCounts = [Int](repeating: 0, count: componentCount)
    for value in label where value >= 0 { cellCounts[Int(value)] += 1 }
    let components = (0..<componentCount).map { component -> Component in
      // The one counter-clockwise ring is the outside; the rest are holes.
      var ordered = rings[component]
      if let shell = areas[component].firstIndex(where: { $0 > 0 }), shell != 0 {
        ordered.swapAt(0, shell)
      }
      return Component(rings: ordered, cellCount: cellCounts[component])
    }
    return (components, label)
  }

  /// Labels 4-connected groups of true cells 0, 1, 2… in scan order; −1 elsewhere.
  static func labelComponents(mask: [Bool], columns: Int, rows: Int) -> [Int32] {
    var label = [Int32](repeating: -1, count: mask.count)
    var next: Int32 = 0
    var stack: [Int] = []
    for start in mask.indices where mask[start] && label[start] < 0 {
      label[start] = next
      stack.append(start)
      while let cell = stack.popLast() {
        let column = cell % columns
        let row = cell / columns
        if column > 0, mask[cell - 1], label[cell - 1] < 0 {
          label[cell - 1] = next
          stack.append(cell - 1)
        }
        if column + 1 < columns, mask[cell + 1], label[cell + 1] < 0 {
          label[cell + 1] = next
          stack.append(cell + 1)
        }
        if row > 0, mask[cell - columns], label[cell - columns] < 0 {
          label[cell - columns] = next
          stack.append(cell - columns)
        }
        if row + 1 < rows, mask[cell + columns], label[cell + columns] < 0 {
          label[cell + columns] = next
          stack.append(cell + columns)
        }
      }
      next += 1
    }
    return label
  }
}

/// The boundary edges of a labelled grid, walked into rings one at a time.
///
/// Directions 0 east, 1 north, 2 west, 3 south; per corner, the directions of the
/// boundary edges that start there (at most two, at a diagonal touch). Walking a ring
/// removes its edges.
private struct BoundaryWalk {
  let label: [Int32]
  let window: GridWindow
  let columns: Int
  let rows: Int
  let cornerColumns: Int
  /// Per corner, a bit per direction of a boundary edge not yet walked.
  var outgoing: [UInt8]

  static let stepColumn = [1, 0, -1, 0]
  static let stepRow = [0, 1, 0, -1]

  init(label: [Int32], window: GridWindow) {
    self.label = label
    self.window = window
    columns = window.columns
    rows = window.rows
    cornerColumns = columns + 1
    outgoing = [UInt8](repeating: 0, count: cornerColumns * (rows + 1))
    for row in 0..<rows {
      for column in 0..<columns {
        let own = label[row * columns + column]
        guard own >= 0 else { continue }
        let corner = row * cornerColumns + column
        // Bottom side runs east, right side north, top side west, left side south.
        if labelAt(column, row - 1) != own { outgoing[corner] |= 1 << 0 }
        if labelAt(column + 1, row) != own { outgoing[corner + 1] |= 1 << 1 }
        if labelAt(column, row + 1) != own { outgoing[corner + cornerColumns + 1] |= 1 << 2 }
        if labelAt(column - 1, row) != own { outgoing[corner + cornerColumns] |= 1 << 3 }
      }
    }
  }

  func labelAt(_ column: Int, _ row: Int) -> Int32 {
    guard column >= 0, column < columns, row >= 0, row < rows else { return -1 }
    return label[row * columns + column]
  }

  /// The cell on the left of the edge leaving corner (column, row) in `direction`.
  func leftCell(_ column: Int, _ row: Int, _ direction: Int) -> Int32 {
    switch direction {
    case 0: return labelAt(column, row)
    case 1: return labelAt(column - 1, row)
    case 2: return labelAt(column - 1, row - 1)
    default: return labelAt(column, row - 1)
    }
  }

  /// Walks the ring of the first edge left at `startCorner` until that edge comes up
  /// again, keeping only corners.
  ///
  /// - Returns: The ring's component, its closed ring of interleaved x, y in the working
  ///   CRS and twice its signed area in cells; nil for a degenerate ring (its edges are
  ///   removed all the same).
  mutating func ring(from startCorner: Int) -> (
    component: Int, ring: [Double], twiceArea: Double
  )? {
    let startColumn = startCorner % cornerColumns
    let startRow = startCorner / cornerColumns
    var direction = outgoing[startCorner].trailingZeroBitCount
    let component = Int(leftCell(startColumn, startRow, direction))
    let startDirection = direction
    var column = startColumn
    var row = startRow
    var ring: [Double] = []
    var twiceArea = 0.0
    var previous: (Int, Int)?
    var first: (Int, Int)?
    while true {
      outgoing[row * cornerColumns + column] &= ~(1 << UInt8(direction))
      let nextColumn = column + Self.stepColumn[direction]
      let nextRow = row + Self.stepRow[direction]
      let nextCorner = nextRow * cornerColumns + nextColumn
      let closing = nextCorner == startCorner
      var choices = outgoing[nextCorner]
      if closing { choices |= 1 << UInt8(startDirection) }
      guard choices != 0 else { break }
      let turn: Int
      if choices.nonzeroBitCount == 1 {
        turn = choices.trailingZeroBitCount
      } else {
        // A diagonal touch: keep to this component, turning right when both edges are
        // its own.
        let right = (direction + 3) % 4
        let rightOwn =
          choices & (1 << UInt8(right)) != 0
          && Int(leftCell(nextColumn, nextRow, right)) == component
        turn = rightOwn ? right : (direction + 1) % 4
      }
      if turn != direction {
        // A corner of the ring.
        let point = (nextColumn, nextRow)
        if first == nil { first = point }
        if let (px, py) = previous { twiceArea += Double(px * point.1 - point.0 * py) }
        previous = point
        let (x, y) = window.corner(column: nextColumn, row: nextRow)
        ring.append(x)
        ring.append(y)
      }
      if closing, turn == startDirection { break }
      column = nextColumn
      row = nextRow
      direction = turn
    }
    guard ring.count >= 6, let (fx, fy) = first, let (px, py) = previous else { return nil }
    twiceArea += Double(px * fy - fx * py)
    ring.append(ring[0])
    ring.append(ring[1])
    return (component, ring, twiceArea)
  }
}
