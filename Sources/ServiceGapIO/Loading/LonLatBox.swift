import ServiceGap

/// A longitude/latitude bounding box, used to spot swapped coordinate columns.
///
/// Pass the bounding box of the region polygons to the population and service loaders:
/// when most points fall outside it but would fall inside with x and y swapped, the
/// loader warns (see ``PopulationLoader``).
public struct LonLatBox: Hashable, Sendable {
  /// Western edge in degrees.
  public var minLon: Double
  /// Southern edge in degrees.
  public var minLat: Double
  /// Eastern edge in degrees.
  public var maxLon: Double
  /// Northern edge in degrees.
  public var maxLat: Double

  /// Creates a box from its edges.
  public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
    self.minLon = minLon
    self.minLat = minLat
    self.maxLon = maxLon
    self.maxLat = maxLat
  }

  /// The box around every vertex of the regions; nil when there are none.
  ///
  /// - Parameter regions: Regions in WGS 84.
  public init?(regions: [Region]) {
    var box: LonLatBox?
    for region in regions {
      for polygon in region.polygons {
        for ring in polygon {
          for point in ring {
            if var current = box {
              current.minLon = Swift.min(current.minLon, point.lon)
              current.maxLon = Swift.max(current.maxLon, point.lon)
              current.minLat = Swift.min(current.minLat, point.lat)
              current.maxLat = Swift.max(current.maxLat, point.lat)
              box = current
            } else {
              box = LonLatBox(
                minLon: point.lon, minLat: point.lat, maxLon: point.lon, maxLat: point.lat)
            }
          }
        }
      }
    }
    guard let box else { return nil }
    self = box
  }

  /// Whether the point lies in the box grown by `margin` degrees on every side.
  ///
  /// - Parameters:
  ///   - lon: Longitude in degrees.
  ///   - lat: Latitude in degrees.
  ///   - margin: Degrees added on each side.
  /// - Returns: True when the point is inside or on the edge.
  public func contains(lon: Double, lat: Double, margin: Double = 0) -> Bool {
    lon >= minLon - margin && lon <= maxLon + margin && lat >= minLat - margin
      && lat <= maxLat + margin
  }
}
