import Foundation

/// Earth-centred, Earth-fixed Cartesian coordinates on the WGS 84 ellipsoid surface.
///
/// The straight 3-D chord between two surface points is never longer than the
/// geodesic between them, whatever the ellipsoid: that inequality is what lets
/// a chord index find the exact geodesic nearest neighbour.
enum EarthCentred {
  static let semiMajorAxis = 6_378_137.0
  static let flattening = 1 / 298.257223563
  static let eccentricitySquared = flattening * (2 - flattening)

  /// ECEF x, y, z in metres of a point at height 0.
  static func position(_ point: LonLat) -> (Double, Double, Double) {
    let lat = point.lat * .pi / 180
    let lon = point.lon * .pi / 180
    let sinLat = sin(lat)
    let cosLat = cos(lat)
    let primeVertical = semiMajorAxis / (1 - eccentricitySquared * sinLat * sinLat).squareRoot()
    return (
      primeVertical * cosLat * cos(lon),
      primeVertical * cosLat * sin(lon),
      primeVertical * (1 - eccentricitySquared) * sinLat
    )
  }
}
