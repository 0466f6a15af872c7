import Foundation

/// The zone stage: the service-sparse zones of every region, category and threshold, drawn
/// the way the measuring mode says (``ZoneMethod``).
struct ZoneStage {
  /// The zones, in the order they are written.
  var zones: [Zone] = []
  /// Zone area in km² per region, category (plan position) and threshold index; nil when
  /// no zones were drawn (zones off, or no regions), which leaves the summary's area
  /// columns empty.
  var areas: [ZoneKey: Double]?

  /// Identifies the zone area of one region, category and threshold.
  struct ZoneKey: Hashable {
    var region: Int
    var category: Int
    var threshold: Int
  }

  /// Draws the zones when asked for and there are regions to draw them in.
  ///
  /// - Throws: Geometry library errors, ``CRSError``, and
  ///   ``AnalysisError/zoneGridTooLarge(region:cells:cellMeters:)``.
  init(_ run: AnalysisRun, regions: RegionStage, measured: Measurements) throws {
    guard run.options.computeZones, !run.input.regions.isEmpty else { return }
    switch measured.zones {
    case .buffers(let radius):
      (zones, areas) = try BufferZones(run: run, regions: regions, radius: radius)
        .build(nearest: measured.categories.map(\.nearest))
    case .grid(let pricing, let stage):
      (zones, areas) = try run.stage(stage) {
        try GridZones(run: run, regions: regions, pricing: pricing).build()
      }
    }
  }

  /// The name a zone gives its most populous unit: its name, else its id; empty for none.
  static func placeName(_ units: [PopulationUnit], _ unit: Int) -> String {
    unit < 0 ? "" : (units[unit].name.isEmpty ? units[unit].id : units[unit].name)
  }
}
