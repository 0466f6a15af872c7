internal import GeoBridge

/// Projects WGS 84 positions into the metric working CRS (one PROJ batch per call).
struct Projection {
  let workCRS: String
  private let transformer: Transformer
  private let inverse: Transformer

  init(workCRS: String, context: ProjContext = ProjContext()) throws {
    self.workCRS = workCRS
    let geographic: Bool
    do {
      geographic = try CRSInfo.isGeographic(workCRS, context: context)
      transformer = try Transformer(from: "EPSG:4326", to: workCRS, context: context)
      inverse = try Transformer(from: workCRS, to: "EPSG:4326", context: context)
    } catch {
      let message: String
      switch error {
      case .crs(_, let text), .transform(_, let text): message = text
      }
      throw CRSError.unknownWorkCRS(crs: workCRS, message: message)
    }
    if geographic { throw CRSError.workCRSNotProjected(crs: workCRS) }
  }

  /// Projects positions; points outside the CRS's domain come back as NaN.
  ///
  /// Longitude −180 is projected as 180, the same meridian: PROJ's results for the two
  /// can differ in the last bit, and the halves of a region cut at the antimeridian (as
  /// RFC 7946 asks) must meet exactly to make one region and one zone.
  func project(_ points: [LonLat]) -> (xs: [Double], ys: [Double]) {
    var xs = points.map { Self.antimeridian($0.lon) }
    var ys = points.map(\.lat)
    transformer.transform(xs: &xs, ys: &ys)
    return (xs, ys)
  }

  /// Projects interleaved lon/lat values into interleaved x/y values.
  func project(interleaved values: [Double]) -> [Double] {
    let count = values.count / 2
    var xs = (0..<count).map { Self.antimeridian(values[2 * $0]) }
    var ys = (0..<count).map { values[2 * $0 + 1] }
    transformer.transform(xs: &xs, ys: &ys)
    var out = [Double](repeating: 0, count: values.count)
    for index in 0..<count {
      out[2 * index] = xs[index]
      out[2 * index + 1] = ys[index]
    }
    return out
  }

  /// The longitude to project: 180 for −180, else unchanged.
  @inline(__always)
  static func antimeridian(_ lon: Double) -> Double { lon == -180 ? 180 : lon }

  /// Converts interleaved x/y values back to WGS 84 positions.
  func unproject(interleaved values: [Double]) -> [LonLat] {
    let count = values.count / 2
    var xs = (0..<count).map { values[2 * $0] }
    var ys = (0..<count).map { values[2 * $0 + 1] }
    inverse.transform(xs: &xs, ys: &ys)
    return (0..<count).map { LonLat(lon: xs[$0], lat: ys[$0]) }
  }
}
