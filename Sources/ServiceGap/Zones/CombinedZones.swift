import Foundation
internal import GeoBridge

/// Where people miss several services at once: the overlap of several categories'
/// zones, each part labelled with the services missing there.
public struct CombinedZone: Sendable {
  public var region: String
  /// The (category, threshold) pairs beyond which this part lies, in the order asked.
  public var missing: [(category: String, threshold: Threshold)]
  public var population: Double
  public var areaKm2: Double
  /// Name of the most populous unit inside; empty when nobody lives there.
  public var largestPlace: String
  /// The part in WGS 84 (outer ring first, then holes).
  public var polygon: PolygonRings
}

/// Overlays the zones of an analysis result.
public enum CombinedZones {
  /// For every region and every set of at least two of `layers` (category and one of
  /// its thresholds), the area beyond exactly those thresholds and within the others,
  /// split into connected parts.
  ///
  /// - Throws: ``CombinedZonesError`` when a layer has no zones in the result (zones off,
  ///   or a threshold not analysed), ``CRSError`` and geometry library errors.
  public static func build(
    result: AnalysisResult, layers: [(category: String, threshold: Threshold)]
  ) throws -> [CombinedZone] {
    for layer in layers
    where !(result[layer.category]?.plan.thresholds ?? []).contains(layer.threshold) {
      throw CombinedZonesError.notAnalysed(
        category: layer.category, threshold: layer.threshold.label)
    }
    let projection = try Projection(workCRS: result.workCRS)
    let grid = 1e-7
    let context = GEOSContext()
    // The units as the analysis projected them.
    let unitXs = result.coordinates.unitXs
    let unitYs = result.coordinates.unitYs
    var regions: [String] = []
    for zone in result.zones where !regions.contains(zone.region) { regions.append(zone.region) }
    var combined: [CombinedZone] = []
    for region in regions {
      // Each layer's zones in this region as one multipolygon in WGS 84 degrees: the
      // overlay snaps to the 1e-7° grid the GeoJSON is written on, so the written parts
      // stay valid (overlaying in metres and rounding afterwards lets near-touching arcs
      // of different layers cross).
      let geometries = try layers.map { layer -> GEOSGeometry in
        let polygons = result.zones.filter {
          $0.region == region && $0.category == layer.category && $0.threshold == layer.threshold
        }.map { zone in zone.polygon.map { ring in ring.flatMap { [$0.lon, $0.lat] } } }
        return try GEOSGeometry.multiPolygon(polygons: polygons, context: context)
      }
      // A part's people are every unit whose point lies in it, whatever its region (as
      // for zones): candidates are the units within the region's zones' bounding box.
      let box = ZoneBuilder.boundingBox(
        result.zones.filter { $0.region == region }.flatMap { zone in
          [
            zone.polygon.map { ring in
              projection.project(interleaved: ring.flatMap { [$0.lon, $0.lat] })
            }
          ]
        })
      let members = result.units.indices.filter {
        unitXs[$0] >= box.minX && unitXs[$0] <= box.maxX && unitYs[$0] >= box.minY
          && unitYs[$0] <= box.maxY
      }
      for size in stride(from: layers.count, through: 2, by: -1) {
        for subset in combinations(layers.count, size) {
          var area = geometries[subset[0]]
          for index in subset.dropFirst() {
            area = try area.intersection(geometries[index], gridSize: grid)
          }
          for index in layers.indices where !subset.contains(index) {
            area = try area.difference(geometries[index], gridSize: grid)
          }
          for degrees in try area.polygons() {
            let rings = degrees.map { projection.project(interleaved: $0) }
            let squareMetres = ZoneBuilder.polygonArea(rings)
            guard squareMetres > 1 else { continue }
            let planar = PlanarPolygon(rings: rings)
            var population = 0.0
            var largest = -1
            for unit in members where planar.contains(x: unitXs[unit], y: unitYs[unit]) {
              population += result.units[unit].population
              // A unit without people names no part.
              if result.units[unit].population > 0,
                largest < 0 || result.units[unit].population > result.units[largest].population
              {
                largest = unit
              }
            }
            combined.append(
              CombinedZone(
                region: region, missing: subset.map { layers[$0] }, population: population,
                areaKm2: squareMetres / 1e6,
                largestPlace: ZoneStage.placeName(result.units, largest),
                polygon: degrees.map { ring in
                  stride(from: 0, to: ring.count - 1, by: 2).map {
                    LonLat(lon: ring[$0], lat: ring[$0 + 1])
                  }
                }))
          }
        }
      }
    }
    return combined
  }

  /// The layers written `category:threshold,…`, such as `grocery:10km,atm:25km`.
  ///
  /// - Throws: ``CombinedLayersError`` for text that is not such pairs, or fewer than two.
  public static func layers(parsing text: String) throws(CombinedLayersError) -> [(
    category: String, threshold: Threshold
  )] {
    var layers: [(category: String, threshold: Threshold)] = []
    for part in text.split(separator: ",") {
      let pieces = part.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
      guard pieces.count == 2, !pieces[0].isEmpty, let threshold = Threshold(parsing: pieces[1])
      else { throw .notPairs }
      layers.append((pieces[0], threshold))
    }
    guard layers.count >= 2 else { throw .fewerThanTwo }
    return layers
  }

  /// Index sets of `size` out of `count`, in lexicographic order.
  static func combinations(_ count: Int, _ size: Int) -> [[Int]] {
    guard size > 0 else { return [[]] }
    guard size <= count else { return [] }
    var result: [[Int]] = []
    func extend(_ prefix: [Int], _ next: Int) {
      if prefix.count == size {
        result.append(prefix)
        return
      }
      guard next < count else { return }
      for index in next..<count { extend(prefix + [index], index + 1) }
    }
    extend([], 0)
    return result
  }
}

/// Why combined zones cannot be drawn.
public enum CombinedZonesError: Error, Equatable, Sendable, CustomStringConvertible {
  case notAnalysed(category: String, threshold: String)

  public var description: String {
    switch self {
    case .notAnalysed(let category, let threshold):
      return "the zones beyond \(threshold) from \(category) are not drawn: add \(threshold) "
        + "to \(category)'s thresholds and keep zones on."
    }
  }
}

/// Why combined-zone layers cannot be read.
public enum CombinedLayersError: Error, Equatable, Sendable {
  /// Not `category:threshold` pairs separated by commas.
  case notPairs
  /// Fewer than two pairs: nothing to combine.
  case fewerThanTwo
}
