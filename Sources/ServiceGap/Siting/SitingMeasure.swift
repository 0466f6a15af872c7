import Foundation
internal import GeoBridge

/// How a siting run measures distance.
///
/// From the existing services to every unit, and from each candidate to the units it
/// could serve. Geodesic or along the roads; new ways of
/// measuring plug in here.
protocol SitingMeasure {
  /// Metres from every unit to its nearest existing service (infinity: none in reach).
  func existing() -> [Double]

  /// For each candidate, the units of `units` (positions in it) within their `limits` of
  /// it, with the distance: at most the limit when `inclusive`, else below it.
  func reach(units: [Int], limits: [Double], inclusive: Bool) throws -> [[(
    unit: Int, meters: Double
  )]]
}

/// Geodesic (WGS84) distances times `factor`; a k-d tree in Earth-centred coordinates finds the units
/// near a candidate, since a chord is never longer than the geodesic.
struct GeodesicSitingMeasure: SitingMeasure {
  var units: [PopulationUnit]
  var services: [ServicePoint]
  var candidates: [LonLat]
  /// Trips as the geodesic times this (1, or the walking detour without roads).
  var factor: Double = 1

  func existing() -> [Double] {
    let index = NearestServiceIndex(services: services)
    return units.map { (index.nearest(to: $0.location)?.distanceMeters ?? .infinity) * factor }
  }

  func reach(units subset: [Int], limits: [Double], inclusive: Bool) -> [[(
    unit: Int, meters: Double
  )]] {
    let geodesic = Geodesic.wgs84
    var coordinates: [Double] = []
    for unit in subset {
      let (x, y, z) = EarthCentred.position(units[unit].location)
      coordinates += [x, y, z]
    }
    let tree = KDTree(dimensions: 3, coordinates: coordinates, indices: Array(subset.indices))
    let radius = (limits.filter(\.isFinite).max() ?? 0) / factor * (1 + 1e-12) + 1e-6
    return candidates.map { site in
      var found: [(unit: Int, meters: Double)] = []
      tree.forEach(within: radius, of: EarthCentred.position(site)) { position, squared in
        let limit = limits[position]
        // The chord already too long: the geodesic is longer still.
        guard squared.squareRoot() <= limit / factor * (1 + 1e-12) + 1e-6 else { return }
        let location = units[subset[position]].location
        let meters =
          geodesic.distanceMeters(
            lon1: site.lon, lat1: site.lat, lon2: location.lon, lat2: location.lat) * factor
        if inclusive ? meters <= limit : meters < limit { found.append((position, meters)) }
      }
      return found.sorted { $0.unit < $1.unit }
    }
  }
}

/// Road distances (legs included): one search from the existing services, then one per
/// candidate with anyone in reach, bounded at the largest limit of the units near it.
struct RoadSitingMeasure: SitingMeasure {
  var units: [PopulationUnit]
  var services: [ServicePoint]
  var candidates: [LonLat]
  var network: RoadNetwork
  var workers: Int
  private let projection: Projection
  private let unitSnaps: [SnapPoint?]

  init(
    units: [PopulationUnit], services: [ServicePoint], candidates: [LonLat],
    network: RoadNetwork, workers: Int
  ) throws {
    self.units = units
    self.services = services
    self.candidates = candidates
    self.network = network
    self.workers = workers
    projection = try Projection(workCRS: network.workCRS)
    unitSnaps = Self.snap(units.map(\.location), projection, network)
  }

  private static func snap(_ points: [LonLat], _ projection: Projection, _ network: RoadNetwork)
    -> [SnapPoint?]
  {
    let (xs, ys) = projection.project(points)
    return points.indices.map { network.snap(x: xs[$0], y: ys[$0]) }
  }

  func existing() -> [Double] {
    let search = network.search(
      from: Self.snap(services.map(\.location), projection, network), measure: .meters)
    return unitSnaps.map { $0.flatMap(search.best)?.cost ?? .infinity }
  }

  func reach(units subset: [Int], limits: [Double], inclusive: Bool) throws -> [[(
    unit: Int, meters: Double
  )]] {
    let pricing = network.pricing(.meters)
    let places = subset.map { unitSnaps[$0].map(pricing.place) }
    let (xs, ys) = projection.project(subset.map { units[$0].location })
    var coordinates: [Double] = []
    for position in subset.indices { coordinates += [xs[position], ys[position]] }
    let tree = KDTree(dimensions: 2, coordinates: coordinates, indices: Array(subset.indices))
    let (cx, cy) = projection.project(candidates)
    let candidateSnaps = Self.snap(candidates, projection, network)
    let radius = limits.filter(\.isFinite).max() ?? 0
    let network = network
    return try parallelMap(candidates.count, workers: workers) {
      candidate -> [(unit: Int, meters: Double)] in
      let centre = (cx[candidate], cy[candidate], 0.0)
      guard let site = candidateSnaps[candidate] else { return [] }
      // Road distance is never shorter than the straight line (within the working CRS's
      // 0.1 % scale): only units whose limit reaches this far in the plane can be in
      // reach, and the search need go no farther than the largest of their limits.
      var reachLimit = 0.0
      tree.forEach(within: radius * 1.001 + 1, of: centre) { position, squared in
        if squared.squareRoot() <= limits[position] * 1.001 + 1 {
          reachLimit = max(reachLimit, limits[position])
        }
      }
      guard reachLimit > 0 else { return [] }
      let search = network.search(from: [site], measure: .meters, limit: reachLimit)
      var found: [(unit: Int, meters: Double)] = []
      tree.forEach(within: reachLimit * 1.001 + 1, of: centre) {
        position, _ in
        guard let place = places[position], let best = search.best(at: place) else { return }
        let limit = limits[position]
        if inclusive ? best.cost <= limit : best.cost < limit {
          found.append((position, best.cost))
        }
      }
      return found.sorted { $0.unit < $1.unit }
    }
  }
}
