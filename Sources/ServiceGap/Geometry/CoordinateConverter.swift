import Foundation
internal import GeoBridge

/// Converts coordinates from an input CRS to WGS 84 longitude/latitude.
///
/// Not `Sendable`: it owns a PROJ context. Make one per file being read.
public final class CoordinateConverter {
  private let transformer: Transformer?
  /// The CRS the input coordinates are in, as given.
  public let sourceCRS: String
  /// Whether the source coordinates are degrees (a geographic CRS).
  public let sourceIsGeographic: Bool

  /// Creates a converter from `sourceCRS` (such as `EPSG:3006`) to lon/lat.
  ///
  /// - Throws: ``CRSError/unknown(crs:message:)`` when PROJ does not know the CRS.
  public init(sourceCRS: String) throws {
    self.sourceCRS = sourceCRS
    let context = ProjContext()
    do {
      sourceIsGeographic = try CRSInfo.isGeographic(sourceCRS, context: context)
      if CoordinateConverter.isWGS84LonLat(sourceCRS) {
        transformer = nil
      } else {
        transformer = try Transformer(from: sourceCRS, to: "EPSG:4326", context: context)
      }
    } catch {
      throw CRSError.unknown(crs: sourceCRS, message: Self.message(error))
    }
  }

  /// EPSG:4326 and CRS84 need no transformation once axes are normalized.
  static func isWGS84LonLat(_ crs: String) -> Bool {
    let normalized = crs.uppercased().replacingOccurrences(of: " ", with: "")
    return [
      "EPSG:4326", "OGC:CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:EPSG::4326",
      "CRS84", "WGS84",
    ].contains(normalized)
  }

  private static func message(_ error: PROJError) -> String {
    switch error {
    case .crs(_, let message), .transform(_, let message): return message
    }
  }

  /// The position of `x, y` in WGS 84, or nil when PROJ cannot transform the point.
  public func lonLat(x: Double, y: Double) -> LonLat? {
    guard let transformer else { return LonLat(lon: x, lat: y) }
    guard let (lon, lat) = try? transformer.transform(x: x, y: y) else { return nil }
    return LonLat(lon: lon, lat: lat)
  }

  /// Converts many points at once (one PROJ batch call); failed points are nil.
  public func lonLat(xs: [Double], ys: [Double]) -> [LonLat?] {
    guard let transformer else {
      return zip(xs, ys).map { LonLat(lon: $0, lat: $1) }
    }
    var outX = xs
    var outY = ys
    transformer.transform(xs: &outX, ys: &outY)
    return zip(outX, outY).map { $0.isNaN || $1.isNaN ? nil : LonLat(lon: $0, lat: $1) }
  }
}
