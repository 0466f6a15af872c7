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
  func project(_ points: [LonLat]) -> (xs: [Double], ys: [Double]) {
    var xs = points.map(\.lon)
    var ys = points.map(\.lat)
    transformer.transform(xs: &xs, ys: &ys)
    return (xs, ys)
  }

  /// Projects interleaved lon/lat values into interleaved x/y values.
  func project(interleaved values: [Double]) -> [Double] {
    let count = values.count / 2
    var xs = (0..<count).map { values[2 * $0] }
    var ys = (0..<count).map { values[2 * $0 + 1] }
    transformer.transform(xs: &xs, ys: &ys)
    var out = [Double](repeating: 0, count: values.count)
    for index in 0..<count {
      out[2 * index] = xs[index]
      out[2 * index + 1] = ys[index]
    }
    return out
  }

  /// Converts interleaved x/y values back to WGS 84 positions.
  func unproject(interleaved values: [Double]) -> [LonLat] {
    let count = values.count / 2
    var xs = (0..<count).map { values[2 * $0] }
    var ys = (0..<count).map { values[2 * $0 + 1] }
    inverse.transform(xs: &xs, ys: &ys)
    return (0..<count).map { LonLat(lon: xs[$0], lat: ys[$0]) }
  }
}
