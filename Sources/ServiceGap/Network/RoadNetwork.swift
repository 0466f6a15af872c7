/// A road network ready to be searched: the graph in the working CRS, its chains and the
/// index that snaps points to it.
///
/// Built once per run and shared by everything that measures along the roads (the
/// analysis, accessibility indices, siting), since the graph of a national network takes
/// seconds to build. Immutable, so it can be read from every thread.
public final class RoadNetwork: Sendable {
  /// The settings it was built with (speeds, access speed, snapping limit, zone cells).
  public let options: NetworkOptions
  /// The metric CRS its coordinates are in, such as `EPSG:3006`.
  public let workCRS: String
  let graph: RoadGraph
  let chains: ChainGraph
  let pieceIndex: PieceIndex

  /// Builds the network of `options.roads` in `workCRS`: the roads
  /// `options.profile` may use, the way it travels them.
  ///
  /// - Parameters:
  ///   - options: The roads and how points join them.
  ///   - workCRS: A metric projected CRS (``WorkCRS/automatic(for:)`` picks one).
  ///   - workers: Threads for building the graph.
  /// - Throws: ``CRSError`` for an unusable working CRS.
  /// - Complexity: O(*r* log *r*) for *r* road vertices.
  public convenience init(options: NetworkOptions, workCRS: String, workers: Int = 2) throws {
    try self.init(
      options: options, projection: Projection(workCRS: workCRS), workers: workers,
      timer: StageTimer())
  }

  /// Builds the network, timing its steps as `road network: graph`, `…: chains` and
  /// `…: snap index`.
  init(options: NetworkOptions, projection: Projection, workers: Int, timer: StageTimer) {
    self.options = options
    workCRS = projection.workCRS
    let graph = timer.time("road network: graph") {
      RoadGraph(
        roads: options.roads, projection: projection, speeds: options.speeds,
        profile: options.profile, workers: workers)
    }
    self.graph = graph
    chains = timer.time("road network: chains") { ChainGraph(graph: graph) }
    pieceIndex = timer.time("road network: snap index") { PieceIndex(graph: graph) }
  }

  /// Metres per second on the legs between a point and the road.
  var accessMetresPerSecond: Double { options.accessLegSpeedKmh / 3.6 }

  /// Snaps a point of the working CRS to the closest road piece; nil beyond the limit.
  func snap(x: Double, y: Double) -> SnapPoint? {
    pieceIndex.snap(x: x, y: y, maxMeters: options.maxSnapMeters)
  }

  /// Prices places on the network in one measure.
  func pricing(_ measure: Measure) -> NetworkDistances.Pricing {
    NetworkDistances.Pricing(
      graph: graph, chains: chains, measure: measure,
      accessMetresPerSecond: accessMetresPerSecond)
  }

  /// A search from `services` (snap points), optionally bounded at `limit`.
  func search(
    from services: [SnapPoint?], measure: Measure, limit: Double = .infinity,
    secondLabels: Bool = false
  ) -> NetworkDistances.Evaluator {
    NetworkDistances.search(
      graph: graph, chains: chains, services: services, measure: measure,
      accessMetresPerSecond: accessMetresPerSecond, secondLabels: secondLabels, limit: limit)
  }
}
