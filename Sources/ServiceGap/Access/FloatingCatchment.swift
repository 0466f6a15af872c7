import Foundation
internal import GeoBridge

/// Distance-decay weights of the enhanced two-step floating catchment area (E2SFCA).
public enum DecayWeights: Hashable, Sendable {
  /// Plain 2SFCA: every pair within the catchment counts fully.
  case none
  /// Weights by band: a pair at distance d gets the weight of the first band whose upper
  /// edge (km) is at least d; beyond the last band, 0.
  case step([Band])
  /// Gaussian decay `exp(-d² / (2σ²))` with σ in km.
  case gaussian(sigmaKm: Double)

  public struct Band: Hashable, Sendable {
    public var upToKm: Double
    public var weight: Double
    public init(upToKm: Double, weight: Double) {
      self.upToKm = upToKm
      self.weight = weight
    }
  }

  /// Reads `none`, bands such as `5km=1,10km=0.68`, or `gaussian:5km` (the σ).
  ///
  /// - Parameter text: The weights as written; lengths take `m` or `km`.
  /// - Throws: ``DecayWeightsError``.
  public init(parsing text: String) throws(DecayWeightsError) {
    let text = text.trimmingCharacters(in: .whitespaces).lowercased()
    if text == "none" {
      self = .none
      return
    }
    if text.hasPrefix("gaussian:") {
      let sigma = String(text.dropFirst("gaussian:".count))
      guard let meters = LengthText.meters(sigma), meters > 0 else {
        throw .badLength(sigma, gaussian: true)
      }
      self = .gaussian(sigmaKm: meters / 1000)
      return
    }
    var bands: [Band] = []
    for part in text.split(separator: ",") {
      let pieces = part.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
      guard pieces.count == 2, let weight = Double(pieces[1]), weight >= 0 else {
        throw .notWeights
      }
      guard let edge = LengthText.meters(pieces[0]), edge > 0 else {
        throw .badLength(pieces[0], gaussian: false)
      }
      if let last = bands.last, edge / 1000 <= last.upToKm { throw .bandsMustGrow }
      bands.append(Band(upToKm: edge / 1000, weight: weight))
    }
    guard !bands.isEmpty else { throw .noBand }
    self = .step(bands)
  }

  /// The weight of a pair `km` apart (within the catchment).
  public func weight(km: Double) -> Double {
    switch self {
    case .none: return 1
    case .step(let bands):
      return bands.first { km <= $0.upToKm }?.weight ?? 0
    case .gaussian(let sigma):
      return exp(-km * km / (2 * sigma * sigma))
    }
  }
}

/// Why distance-decay weights cannot be read.
public enum DecayWeightsError: Error, Equatable, Sendable {
  /// Not `none`, bands or `gaussian:σ`.
  case notWeights
  /// A length that is not a positive length with a unit (of the Gaussian's σ, or a band).
  case badLength(String, gaussian: Bool)
  /// Bands whose upper edges do not grow.
  case bandsMustGrow
  /// No band at all.
  case noBand
}

/// Accessibility indices of one category: 2SFCA (Luo & Wang 2003) and E2SFCA.
public struct FloatingCatchmentResult: Sendable {
  /// Per unit: the index per 1,000 inhabitants (0 when no service is within reach).
  public var index: [Double]
  /// Per service of the category (input order): its supply-to-demand ratio R_j
  /// (per person; nil when nobody is within its catchment).
  public var ratios: [Double?]
}

/// Two-step floating catchment area on straight-line (geodesic) or road distances.
///
/// Step 1, per service j: R_j = S_j / Σ P_k W(d_kj) over units k within the catchment
/// d0 (S_j = capacity, default 1). Step 2, per unit i: A_i = Σ R_j W(d_ij) over services
/// j within d0, reported per 1,000 inhabitants. W = 1 for plain 2SFCA.
public enum FloatingCatchment {
  /// Computes the index of every unit for the services given (one category).
  ///
  /// A pair's distance is the geodesic distance × `detourFactor`: 1 for the straight
  /// line, ``TravelProfile/detourFactor`` for walking and cycling without roads.
  ///
  /// - Complexity: O((*u* + *s*) log *u* + *p*) for *p* unit–service pairs within d0.
  public static func compute(
    units: [PopulationUnit], services: [ServicePoint], catchmentKm: Double,
    weights: DecayWeights = .none, detourFactor: Double = 1
  ) -> FloatingCatchmentResult {
    let geodesic = Geodesic.wgs84
    var coordinates: [Double] = []
    coordinates.reserveCapacity(units.count * 3)
    for unit in units {
      let (x, y, z) = EarthCentred.position(unit.location)
      coordinates += [x, y, z]
    }
    let tree = KDTree(dimensions: 3, coordinates: coordinates, indices: Array(units.indices))
    let radius = catchmentKm * 1000
    // Pairs within the catchment, per service: a chord never exceeds the geodesic, so
    // the chord ball holds every candidate; the geodesic decides.
    let pairs = services.map { service -> [(unit: Int, meters: Double)] in
      let centre = EarthCentred.position(service.location)
      var found: [(unit: Int, meters: Double)] = []
      tree.forEach(within: radius / detourFactor * (1 + 1e-12) + 1e-6, of: centre) { unit, _ in
        let location = units[unit].location
        let meters =
          geodesic.distanceMeters(
            lon1: service.location.lon, lat1: service.location.lat, lon2: location.lon,
            lat2: location.lat) * detourFactor
        if meters <= radius { found.append((unit, meters)) }
      }
      return found
    }
    return indices(units: units, services: services, pairs: pairs, weights: weights)
  }

  /// The same along the roads: a pair's distance is the shortest road distance from the
  /// unit to the service (legs included), found by one search per service bounded at the
  /// catchment.
  ///
  /// - Parameters:
  ///   - units: The population units.
  ///   - services: The services of one category.
  ///   - catchmentKm: The catchment size d0, km of road.
  ///   - weights: Distance decay; `.none` for plain 2SFCA.
  ///   - network: The road network, in its working CRS.
  ///   - workers: Threads for the services' searches.
  /// - Returns: Every unit's index and every service's ratio.
  /// - Throws: ``CRSError`` for an unusable working CRS.
  public static func compute(
    units: [PopulationUnit], services: [ServicePoint], catchmentKm: Double,
    weights: DecayWeights = .none, network: RoadNetwork, workers: Int = 2
  ) throws -> FloatingCatchmentResult {
    let projection = try Projection(workCRS: network.workCRS)
    let (unitXs, unitYs) = projection.project(units.map(\.location))
    let (serviceXs, serviceYs) = projection.project(services.map(\.location))
    return try compute(
      units: units, unitXs: unitXs, unitYs: unitYs, services: services, serviceXs: serviceXs,
      serviceYs: serviceYs, catchmentKm: catchmentKm, weights: weights, network: network,
      workers: workers)
  }

  /// Along the roads, with the units and services already in the network's working CRS.
  static func compute(
    units: [PopulationUnit], unitXs: [Double], unitYs: [Double], services: [ServicePoint],
    serviceXs: [Double], serviceYs: [Double], catchmentKm: Double, weights: DecayWeights,
    network: RoadNetwork, workers: Int
  ) throws -> FloatingCatchmentResult {
    let pricing = network.pricing(.meters)
    let unitPlaces = units.indices.map { unit in
      network.snap(x: unitXs[unit], y: unitYs[unit]).map(pricing.place)
    }
    var coordinates: [Double] = []
    for unit in units.indices { coordinates += [unitXs[unit], unitYs[unit]] }
    let tree = KDTree(dimensions: 2, coordinates: coordinates, indices: Array(units.indices))
    let radius = catchmentKm * 1000
    let pairs = try parallelMap(services.count, workers: workers) {
      service -> [(unit: Int, meters: Double)] in
      guard let snap = network.snap(x: serviceXs[service], y: serviceYs[service]) else {
        return []
      }
      let search = network.search(from: [snap], measure: .meters, limit: radius)
      // Road distance is never shorter than the straight line, which the working CRS
      // keeps within 0.1 %: a slightly wider planar ball holds every pair.
      var found: [(unit: Int, meters: Double)] = []
      tree.forEach(within: radius * 1.001 + 1, of: (serviceXs[service], serviceYs[service], 0)) {
        unit, _ in
        guard let place = unitPlaces[unit], let best = search.best(at: place),
          best.cost <= radius
        else { return }
        found.append((unit, best.cost))
      }
      return found
    }
    return indices(units: units, services: services, pairs: pairs, weights: weights)
  }

  /// Both steps from the unit–service pairs within the catchment.
  static func indices(
    units: [PopulationUnit], services: [ServicePoint],
    pairs: [[(unit: Int, meters: Double)]], weights: DecayWeights
  ) -> FloatingCatchmentResult {
    var ratios: [Double?] = []
    var index = [Double](repeating: 0, count: units.count)
    for (service, found) in pairs.enumerated() {
      // Input order of units, so sums do not depend on an index's layout.
      let members = found.sorted { $0.unit < $1.unit }.map {
        (unit: $0.unit, weight: weights.weight(km: $0.meters / 1000))
      }
      let demand = members.reduce(0) { $0 + units[$1.unit].population * $1.weight }
      guard demand > 0 else {
        ratios.append(nil)
        continue
      }
      let ratio = (services[service].capacity ?? 1) / demand
      ratios.append(ratio)
      for (unit, weight) in members { index[unit] += ratio * weight }
    }
    return FloatingCatchmentResult(index: index.map { $0 * 1000 }, ratios: ratios)
  }

  /// Population-weighted mean and Gini coefficient of an index over the units given.
  ///
  /// The Gini is 1 − Σ wᵢ (Lᵢ₋₁ + Lᵢ) over units sorted by index, with wᵢ the share
  /// of people and Lᵢ the Lorenz curve of index × people; nil when nobody lives there
  /// or every index is 0.
  public static func meanAndGini(
    index: [Double], populations: [Double], members: [Int]
  ) -> (mean: Double?, gini: Double?) {
    let people = members.filter { populations[$0] > 0 }
    let total = people.reduce(0) { $0 + populations[$1] }
    guard total > 0 else { return (nil, nil) }
    let weighted = people.reduce(0) { $0 + populations[$1] * index[$1] }
    let mean = weighted / total
    guard weighted > 0 else { return (mean, nil) }
    let sorted = people.sorted { index[$0] < index[$1] }
    var lorenz = 0.0
    var gini = 1.0
    for unit in sorted {
      let next = lorenz + populations[unit] * index[unit] / weighted
      gini -= populations[unit] / total * (lorenz + next)
      lorenz = next
    }
    return (mean, max(0, gini))
  }
}
