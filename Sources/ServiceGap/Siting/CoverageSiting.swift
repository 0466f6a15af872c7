import Foundation
internal import GeoBridge

/// Where new service points would bring the most people within a threshold: the
/// maximal covering location problem (``Siting`` with ``SitingObjective/coverage``), and
/// the grid of candidate sites.
public enum CoverageSiting {
  public typealias Result = SitingResult

  /// Chooses `count` of `candidates` by geodesic distance: a unit is uncovered when every
  /// existing service is farther than `thresholdMeters`; a candidate covers the uncovered
  /// units within it.
  public static func choose(
    units: [PopulationUnit], services: [ServicePoint], candidates: [LonLat],
    thresholdMeters: Double, count: Int
  ) -> Result {
    Siting.solve(
      units: units, services: services, candidates: candidates,
      model: SitingModel(objective: .coverage, thresholdMeters: thresholdMeters, count: count))
  }

  /// The same along the roads: a unit is uncovered when no existing service lies within
  /// `thresholdMeters` of road distance (legs included), and a candidate covers the
  /// uncovered units within that road distance of it.
  ///
  /// - Parameters:
  ///   - units: The population units.
  ///   - services: The existing services of the category.
  ///   - candidates: Where a new service may go.
  ///   - thresholdMeters: The road distance to bring people within.
  ///   - count: How many sites to choose.
  ///   - network: The road network, built once (in the working CRS of the units:
  ///     ``WorkCRS/automatic(for:)``).
  ///   - workers: Threads for the candidates' searches.
  /// - Returns: The chosen sites, and the plain greedy ones.
  /// - Throws: ``CRSError`` for an unusable working CRS.
  public static func choose(
    units: [PopulationUnit], services: [ServicePoint], candidates: [LonLat],
    thresholdMeters: Double, count: Int, network: RoadNetwork, workers: Int = 2
  ) throws -> Result {
    try Siting.solve(
      units: units, services: services, candidates: candidates,
      model: SitingModel(objective: .coverage, thresholdMeters: thresholdMeters, count: count),
      network: network, workers: workers)
  }

  /// Candidate sites on a square grid of `spacingMeters` in the working CRS: the cell
  /// centres within the threshold of some unit that no existing service covers (no
  /// other cell could bring anyone within reach), in row order.
  ///
  /// - Throws: ``CRSError`` when the automatic working CRS cannot be set up.
  public static func gridCandidates(
    units: [PopulationUnit], services: [ServicePoint], thresholdMeters: Double,
    spacingMeters: Double
  ) throws -> [LonLat] {
    let index = NearestServiceIndex(services: services)
    let uncovered = units.filter { unit in
      unit.population > 0
        && (index.nearest(to: unit.location)?.distanceMeters ?? .infinity) > thresholdMeters
    }
    guard !uncovered.isEmpty else { return [] }
    let projection = try Projection(workCRS: WorkCRS.automatic(for: uncovered.map(\.location)))
    let (xs, ys) = projection.project(uncovered.map(\.location))
    var cells = Set<ProjectedPoint>()
    let reach = Int((thresholdMeters / spacingMeters).rounded(.up))
    for (x, y) in zip(xs, ys) where x.isFinite && y.isFinite {
      let column = Int((x / spacingMeters).rounded(.down))
      let row = Int((y / spacingMeters).rounded(.down))
      for dy in -reach...reach {
        for dx in -reach...reach {
          let cx = (Double(column + dx) + 0.5) * spacingMeters
          let cy = (Double(row + dy) + 0.5) * spacingMeters
          // Planar distance in the working CRS is a close stand-in here: the geodesic
          // decides coverage afterwards; a little margin keeps borderline cells.
          if hypot(cx - x, cy - y) <= thresholdMeters * 1.01 {
            cells.insert(ProjectedPoint(x: cx, y: cy))
          }
        }
      }
    }
    let ordered = cells.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
    return projection.unproject(interleaved: ordered.flatMap { [$0.x, $0.y] })
  }
}
