/// The regions projected into the working CRS, for point-in-polygon and
/// nearest-region lookups.
struct RegionIndex: Sendable {
  /// One indexed polygon per region (all its parts, as separate polygons).
  let parts: [[PlanarPolygon]]
  /// The regions' polygons in the working CRS (rings of interleaved x, y).
  let projectedPolygons: [[[[Double]]]]
  /// A uniform grid over all regions: each cell lists the (region, part) pairs whose
  /// bounding box touches it, in region order, so a lookup tests a handful of
  /// polygons instead of every region.
  private let grid: [[(region: Int, part: Int)]]
  private let gridMinX: Double
  private let gridMinY: Double
  private let cellWidth: Double
  private let cellHeight: Double
  private static let gridSide = 64

  init(regions: [Region], projection: Projection) {
    var parts: [[PlanarPolygon]] = []
    var projected: [[[[Double]]]] = []
    for region in regions {
      let polygons = region.polygons.map { polygon in
        polygon.map { projection.project(interleaved: PolygonTools.interleaved(ring: $0)) }
      }
      projected.append(polygons)
      parts.append(polygons.map { PlanarPolygon(rings: $0) })
    }
    self.parts = parts
    self.projectedPolygons = projected
    let boxes = parts.flatMap { $0 }.filter { $0.minX.isFinite && $0.maxX.isFinite }
    let minX = boxes.map(\.minX).min() ?? 0
    let minY = boxes.map(\.minY).min() ?? 0
    let maxX = boxes.map(\.maxX).max() ?? 1
    let maxY = boxes.map(\.maxY).max() ?? 1
    let side = Self.gridSide
    gridMinX = minX
    gridMinY = minY
    cellWidth = max((maxX - minX) / Double(side), 1e-9)
    cellHeight = max((maxY - minY) / Double(side), 1e-9)
    var grid = [[(region: Int, part: Int)]](repeating: [], count: side * side)
    for (region, polygons) in parts.enumerated() {
      for (part, polygon) in polygons.enumerated() where polygon.minX.isFinite {
        let columns =
          Self.cell(
            polygon.minX, minX, cellWidth, side)...Self.cell(
            polygon.maxX, minX, cellWidth, side)
        let rows =
          Self.cell(
            polygon.minY, minY, cellHeight, side)...Self.cell(
            polygon.maxY, minY, cellHeight, side)
        for row in rows {
          for column in columns { grid[row * side + column].append((region, part)) }
        }
      }
    }
    self.grid = grid
  }

  private static func cell(_ value: Double, _ origin: Double, _ size: Double, _ side: Int) -> Int {
    max(0, min(side - 1, Int(((value - origin) / size).rounded(.down))))
  }

  /// How near a region's border a point must be to count as on it, in metres of the
  /// working CRS: the border belongs to the region (as shapely's `covers` has it), and
  /// round-off in projecting a point that lies on it does not move it out.
  static let borderTolerance = 1e-6

  /// The first region (in input order) whose polygon contains the point or has it on
  /// its border (within ``borderTolerance``).
  ///
  /// A point on a border shared by several regions (an edge, or a vertex where they
  /// meet) therefore goes to the first of them, whatever the crossing test would say.
  func containing(x: Double, y: Double) -> Int? {
    guard x.isFinite, y.isFinite, !grid.isEmpty else { return nil }
    let side = Self.gridSide
    let column = Self.cell(x, gridMinX, cellWidth, side)
    let row = Self.cell(y, gridMinY, cellHeight, side)
    // Candidates are listed in region order, so the first hit is the first region.
    for candidate in grid[row * side + column]
    where parts[candidate.region][candidate.part].covers(
      x: x, y: y, tolerance: Self.borderTolerance)
    {
      return candidate.region
    }
    return nil
  }

  /// The region nearest to the point within `tolerance` metres (first on ties).
  func nearest(x: Double, y: Double, tolerance: Double) -> Int? {
    guard x.isFinite, y.isFinite, tolerance > 0 else { return nil }
    var best: (region: Int, distance: Double)?
    for (region, polygons) in parts.enumerated() {
      for polygon in polygons
      where x >= polygon.minX - tolerance && x <= polygon.maxX + tolerance
        && y >= polygon.minY - tolerance && y <= polygon.maxY + tolerance
      {
        let distance = polygon.distance(x: x, y: y)
        if distance <= tolerance, distance < best?.distance ?? .infinity {
          best = (region, distance)
        }
      }
    }
    return best?.region
  }
}
