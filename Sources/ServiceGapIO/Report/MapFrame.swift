import Foundation
import ServiceGap

/// The plane and the pixel frame every map of a report is drawn in.
///
/// **Projection.** Positions go through the analysis' working CRS (``AnalysisResult/workCRS``,
/// such as SWEREF99 TM) with ``WorkCRSProjector``: the zones and their areas were computed
/// in that plane, it is what a planner's GIS shows for the area, and it is metric, so the
/// scale bar holds across the map (a transverse Mercator's scale error stays under 0.1 %
/// within 3° of its central meridian). Only when PROJ cannot build the working CRS does
/// the frame fall back to a local equirectangular projection (x = R·λ·cos φ₀, y = R·φ,
/// φ₀ the mean latitude), fine for a region, stretched by up to 1/cos at the far edges of
/// a country.
///
/// **Extent.** The regions' outlines and the units, padded by 3 %; every map of a report
/// shares it, so the small multiples line up. Services outside it are not drawn (the
/// figure says how many).
struct MapFrame {
  /// Widest and tallest a map may be, in pixels.
  static let maximumWidth = 440.0
  static let maximumHeight = 520.0

  /// Projects positions to metres (nil where impossible).
  let project: ([LonLat]) -> [ProjectedPoint?]
  /// What the projection is: the CRS name, or `local equirectangular`.
  let projectionName: String
  /// Extent in metres.
  let minX: Double
  let minY: Double
  let maxX: Double
  let maxY: Double
  /// Pixels per metre.
  let scale: Double
  /// The map's size in pixels.
  let width: Double
  let height: Double

  /// Builds the frame around `regions` and the units of `result`.
  ///
  /// - Returns: The frame and the units' projected positions (parallel to the units).
  static func make(result: AnalysisResult, regions: [Region]) -> (MapFrame, [ProjectedPoint?]) {
    let projector = try? WorkCRSProjector(workCRS: result.workCRS)
    let project: ([LonLat]) -> [ProjectedPoint?]
    let name: String
    if let projector {
      project = { projector.project($0) }
      name = result.workCRS
    } else {
      let all =
        result.units.map(\.location) + regions.flatMap { $0.polygons.flatMap { $0.first ?? [] } }
      let valid = all.filter(\.isValid)
      let meanLatitude = valid.isEmpty ? 0 : valid.map(\.lat).reduce(0, +) / Double(valid.count)
      let radius = 6_371_008.8
      let factor = cos(meanLatitude * .pi / 180)
      project = { points in
        points.map { point in
          point.isValid
            ? ProjectedPoint(
              x: radius * point.lon * .pi / 180 * factor, y: radius * point.lat * .pi / 180)
            : nil
        }
      }
      name = "local equirectangular"
    }
    let units = project(result.units.map(\.location))
    var box = (
      minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity
    )
    func include(_ point: ProjectedPoint?) {
      guard let point else { return }
      box.minX = min(box.minX, point.x)
      box.minY = min(box.minY, point.y)
      box.maxX = max(box.maxX, point.x)
      box.maxY = max(box.maxY, point.y)
    }
    for region in regions {
      for polygon in region.polygons { project(polygon.first ?? []).forEach(include) }
    }
    units.forEach(include)
    if !box.minX.isFinite { project(result.services.map(\.location)).forEach(include) }
    if !box.minX.isFinite { box = (0, 0, 1000, 1000) }
    // Pad by 3 % of the larger side (at least 500 m, so a single point gets a frame).
    let pad = max(500, 0.03 * max(box.maxX - box.minX, box.maxY - box.minY))
    let minX = box.minX - pad
    let minY = box.minY - pad
    let maxX = box.maxX + pad
    let maxY = box.maxY + pad
    let scale = min(maximumWidth / (maxX - minX), maximumHeight / (maxY - minY))
    let frame = MapFrame(
      project: project, projectionName: name, minX: minX, minY: minY, maxX: maxX, maxY: maxY,
      scale: scale, width: ((maxX - minX) * scale).rounded(.up),
      height: ((maxY - minY) * scale).rounded(.up))
    return (frame, units)
  }

  /// A projected point in pixels (y down).
  func pixel(_ point: ProjectedPoint) -> (x: Double, y: Double) {
    ((point.x - minX) * scale, (maxY - point.y) * scale)
  }

  /// Whether a pixel position lies inside the map.
  func contains(_ pixel: (x: Double, y: Double)) -> Bool {
    pixel.x >= 0 && pixel.y >= 0 && pixel.x <= width && pixel.y <= height
  }

  /// A round scale-bar length (1, 2 or 5 × 10ⁿ km, or metres below 1 km) of at most a
  /// quarter of the map's width.
  ///
  /// - Returns: The length in metres and its pixel length.
  func scaleBar() -> (meters: Double, pixels: Double) {
    let target = width / 4 / scale
    var best = 1.0
    var magnitude = 1.0
    while magnitude * 10 <= target { magnitude *= 10 }
    while magnitude > target, magnitude > 1 { magnitude /= 10 }
    for step in [1.0, 2, 5] where step * magnitude <= target { best = step * magnitude }
    return (best, best * scale)
  }
}
