/// Projects WGS 84 positions into an analysis' metric working CRS, for drawing maps.
///
/// A public face of the internal projection the analysis itself uses (PROJ through
/// GeoBridge, axes normalized to easting/northing), so a map drawn by a writer shows the
/// same plane the zones and areas were computed in.
///
/// Not `Sendable`: it owns a PROJ context. Make one per report.
public final class WorkCRSProjector {
  private let projection: Projection

  /// The working CRS, as given (such as `EPSG:3006`).
  public var workCRS: String { projection.workCRS }

  /// Creates a projector into `workCRS`.
  ///
  /// - Parameter workCRS: A projected CRS PROJ knows, such as ``AnalysisResult/workCRS``.
  /// - Throws: ``CRSError/unknownWorkCRS(crs:message:)`` when PROJ does not know it,
  ///   ``CRSError/workCRSNotProjected(crs:)`` when it is in degrees.
  public init(workCRS: String) throws {
    projection = try Projection(workCRS: workCRS)
  }

  /// Projects positions in one PROJ batch.
  ///
  /// - Parameter points: WGS 84 positions.
  /// - Returns: One point per input, in metres; nil where PROJ cannot project it (outside
  ///   the CRS's domain).
  /// - Complexity: O(*n*).
  public func project(_ points: [LonLat]) -> [ProjectedPoint?] {
    let (xs, ys) = projection.project(points)
    return zip(xs, ys).map { x, y in
      x.isFinite && y.isFinite ? ProjectedPoint(x: x, y: y) : nil
    }
  }
}
