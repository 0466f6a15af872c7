/// Which region each point belongs to, following BRIEF's rule.
struct RegionAssignment: Sendable {
  /// Region index per point; nil = `outside`.
  var assigned: [Int?]
  /// Region whose polygon actually contains the point (nil if none), whatever
  /// the assignment rule; zones use this.
  var containing: [Int?]
  /// Keys that matched no region id (for a warning).
  var unmatchedKeys: Set<String>

  /// Assigns each point to a region, by key when it has one, else by location.
  ///
  /// - Parameters:
  ///   - xs: The points' x coordinates in the working CRS.
  ///   - ys: The points' y coordinates in the working CRS.
  ///   - keys: Region keys per point when joining by attribute (else nil).
  ///   - regionIDs: Region ids for the attribute join, in region order.
  ///   - index: The regions' polygons in the working CRS.
  ///   - toleranceMeters: How far outside every region a point may lie and
  ///     still go to the nearest one.
  ///   - workers: The most chunks to process at once.
  /// - Returns: The assignment, parallel to `xs` and `ys`.
  /// - Throws: Nothing in practice; `throws` comes from `parallelMap`.
  static func assign(
    xs: [Double], ys: [Double], keys: [String?]?, regionIDs: [String], index: RegionIndex,
    toleranceMeters: Double, workers: Int
  ) throws -> RegionAssignment {
    let idLookup = Dictionary(
      regionIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let chunk = 4096
    let chunks = (xs.count + chunk - 1) / chunk
    let pieces = try parallelMap(chunks, workers: workers) { piece in
      var assigned: [Int?] = []
      var containing: [Int?] = []
      var unmatched: Set<String> = []
      for point in (piece * chunk)..<min(xs.count, (piece + 1) * chunk) {
        let inside = index.containing(x: xs[point], y: ys[point])
        containing.append(inside)
        // A key names the region outright; a key of a region not analysed means
        // the point lies outside the study area. Points without a key fall back
        // to their coordinates.
        if let keys, let key = keys[point], !key.isEmpty {
          if let region = idLookup[key] {
            assigned.append(region)
          } else {
            unmatched.insert(key)
            assigned.append(nil)
          }
          continue
        }
        assigned.append(
          inside ?? index.nearest(x: xs[point], y: ys[point], tolerance: toleranceMeters))
      }
      return (assigned, containing, unmatched)
    }
    return RegionAssignment(
      assigned: pieces.flatMap(\.0), containing: pieces.flatMap(\.1),
      unmatchedKeys: pieces.reduce(into: Set()) { $0.formUnion($1.2) })
  }
}
