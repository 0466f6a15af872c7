import Foundation
internal import GeoBridge

/// Builds service-sparse zones on a grid (road network, public transport): the cells of an
/// analysis grid clipped to each region, classified by the value of their centre (road
/// distance, travel time), dissolved into connected zones.
///
/// Each region is rasterised once; its cell centres are priced once for every category
/// (``GridCellPricing``). The cells beyond a threshold are traced into polygons
/// (``GridTracer``): no union of squares. Only groups of cells that reach the region's
/// edge are clipped with GEOS; groups wholly inside are already exact. Regions run in
/// parallel.
struct GridZoneBuilder {
  /// One zone part of a region, in the working CRS.
  struct Part: Sendable {
    var category: Int
    var threshold: Int
    var rings: [[Double]]
    var areaSquareMeters: Double
    var population: Double
    /// Unit index of the most populous unit inside, or −1.
    var largestUnit: Int
  }

  /// Cells of one region's grid window beyond which zones are refused (about 2 GB of
  /// working arrays).
  static let maximumCells = 100_000_000

  /// The plans priced, in the pricing's order.
  let categories: [CategoryPlan]
  let pricing: any GridCellPricing

  var cellSize: Double { pricing.cellMeters }

  /// The zone parts of one region, ordered by category, threshold, then largest area.
  ///
  /// - Parameters:
  ///   - polygons: The region's polygons in the working CRS.
  ///   - regionName: For messages.
  ///   - units: Indices of the units whose point lies in this region's polygon.
  ///   - unitXs: Projected x of every unit.
  ///   - unitYs: Projected y of every unit.
  ///   - populations: Population of every unit.
  /// - Returns: The parts, each with its category and threshold index.
  /// - Throws: ``GEOSError`` from clipping to the region.
  func parts(
    region polygons: [[[Double]]], regionName: String, units: [Int], unitXs: [Double],
    unitYs: [Double], populations: [Double]
  ) throws -> [Part] {
    // Checked before allocating: a tiny cell over a large region would not fit.
    let box = ZoneBuilder.boundingBox(polygons)
    let estimate =
      ((box.maxX - box.minX) / cellSize + 2) * ((box.maxY - box.minY) / cellSize + 2)
    if estimate.isFinite, estimate > Double(Self.maximumCells) {
      throw AnalysisError.zoneGridTooLarge(
        region: regionName, cells: Int(min(estimate, 1e18)), cellMeters: cellSize)
    }
    let raster = PolygonRaster(polygons: polygons, cellSize: cellSize)
    let window = raster.window
    let cells = raster.cells.indices.filter { raster.cells[$0] != PolygonRaster.outside }
    guard !cells.isEmpty else { return [] }
    var xs: [Double] = []
    var ys: [Double] = []
    xs.reserveCapacity(cells.count)
    ys.reserveCapacity(cells.count)
    for cell in cells {
      let (x, y) = window.centre(column: cell % window.columns, row: cell / window.columns)
      xs.append(x)
      ys.append(y)
    }
    // Per category and cell: how many of the thresholds its centre lies beyond.
    var beyondCounts = [[UInt8]](repeating: [], count: categories.count)
    pricing.values(xs: xs, ys: ys) { categoryIndex, values in
      let thresholds = categories[categoryIndex].thresholds
      beyondCounts[categoryIndex] = values.map { value in
        guard let value else { return UInt8(thresholds.count) }
        return UInt8(thresholds.count { value > $0.value })
      }
    }
    let region = RegionGeometry(polygons: polygons)
    let people = People(
      units: units, cells: units.map { window.cellIndex(x: unitXs[$0], y: unitYs[$0]) },
      xs: unitXs, ys: unitYs, populations: populations)

    var result: [Part] = []
    for (categoryIndex, plan) in categories.enumerated() {
      // The counts laid out on the window (cells outside the region count none).
      var beyond = [UInt8](repeating: 0, count: window.cellCount)
      let thresholds = plan.thresholds
      for (position, cell) in cells.enumerated() {
        beyond[cell] = beyondCounts[categoryIndex][position]
      }
      for thresholdIndex in thresholds.indices {
        result += try partsBeyond(
          mask: beyond.map { $0 > UInt8(thresholdIndex) }, raster: raster, cells: cells,
          region: region, people: people, category: categoryIndex, threshold: thresholdIndex)
      }
    }
    return result
  }

  /// The units of a region: their grid cells, projected points and people.
  private struct People {
    var units: [Int]
    var cells: [Int?]
    var xs: [Double]
    var ys: [Double]
    var populations: [Double]
  }

  /// The region as one GEOS geometry, made (and made valid) on first use: most regions
  /// never need it, their zones lying wholly inside.
  private final class RegionGeometry {
    let polygons: [[[Double]]]
    let context = GEOSContext()
    private var made: GEOSGeometry?

    init(polygons: [[[Double]]]) { self.polygons = polygons }

    func geometry() throws -> GEOSGeometry {
      if let made { return made }
      var geometry = try GEOSGeometry.multiPolygon(polygons: polygons, context: context)
      if !(try geometry.isValid()) { geometry = try geometry.makeValid() }
      made = geometry
      return geometry
    }
  }

  /// The parts of the cells where `mask` is true (those beyond `threshold` of `category`),
  /// clipped to the region, each with its people and most populous unit, largest area
  /// first.
  private func partsBeyond(
    mask: [Bool], raster: PolygonRaster, cells: [Int], region: RegionGeometry, people: People,
    category: Int, threshold: Int
  ) throws -> [Part] {
    let (components, label) = GridTracer.trace(mask: mask, window: raster.window)
    guard !components.isEmpty else { return [] }
    var reachesEdge = [Bool](repeating: false, count: components.count)
    for cell in cells where label[cell] >= 0 && raster.cells[cell] == PolygonRaster.edge {
      reachesEdge[Int(label[cell])] = true
    }
    // Each component's parts after clipping to the region; groups wholly inside are
    // already exact.
    var componentParts: [[(rings: [[Double]], area: Double, polygon: PlanarPolygon?)]] = []
    for (component, traced) in components.enumerated() {
      if !reachesEdge[component] {
        let area = Double(traced.cellCount) * cellSize * cellSize
        componentParts.append([(traced.rings, area, nil)])
        continue
      }
      let clipped = try GEOSGeometry.polygon(rings: traced.rings, context: region.context)
        .intersection(try region.geometry())
      let pieces = try clipped.polygons().compactMap {
        rings -> (rings: [[Double]], area: Double, polygon: PlanarPolygon?)? in
        let area = ZoneBuilder.polygonArea(rings)
        return area > 0 ? (rings, area, PlanarPolygon(rings: rings)) : nil
      }
      componentParts.append(pieces)
    }
    // People in each part: their cell's component, then the piece holding them.
    var population = componentParts.map { [Double](repeating: 0, count: $0.count) }
    var largest = componentParts.map { [Int](repeating: -1, count: $0.count) }
    let populations = people.populations
    for (position, unit) in people.units.enumerated() {
      guard let cell = people.cells[position], label[cell] >= 0 else { continue }
      let component = Int(label[cell])
      let pieces = componentParts[component]
      let x = people.xs[unit]
      let y = people.ys[unit]
      // A unit on the clipped edge may fall in no piece by rounding: a single piece takes
      // it anyway.
      guard
        let piece = pieces.count == 1
          ? 0 : pieces.firstIndex(where: { $0.polygon?.contains(x: x, y: y) ?? true })
      else { continue }
      population[component][piece] += populations[unit]
      let current = largest[component][piece]
      // Ties keep the first unit in input order; a unit without people names no zone.
      if populations[unit] > 0, current < 0 || populations[unit] > populations[current] {
        largest[component][piece] = unit
      }
    }
    var parts: [Part] = []
    for (component, pieces) in componentParts.enumerated() {
      for (piece, clipped) in pieces.enumerated() {
        parts.append(
          Part(
            category: category, threshold: threshold, rings: clipped.rings,
            areaSquareMeters: clipped.area,
            population: population[component][piece], largestUnit: largest[component][piece]))
      }
    }
    return parts.sorted { $0.areaSquareMeters > $1.areaSquareMeters }
  }
}
