import Foundation
import ServiceGap
import Testing

/// Walking and cycling without a road file (BRIEF: "Walking and cycling"): a trip is the
/// geodesic distance × 1.3, at the profile's speed; zones are discs of the threshold's
/// radius over 1.3.
@Suite("Walking and cycling without roads: geodesic × 1.3 at the speed")
struct WalkingWithoutRoadsTests {
  /// A unit on the equator at 0° and a service exactly 5,000.0 m east of it (the
  /// longitude pyproj and PROJ both put at 5000.0 m, `numeric_edges.json`).
  static let fiveKilometresEast = 0.04491576420597607

  @Test(
    "5,000 m geodesic: 6,500 m, 78 min on foot at 5 km/h, 26 min by bicycle at 15, 97.5 at 4",
    arguments: [
      (TravelProfile.walking, 78.0), (.cycling, 26.0), (.walk(speedKmh: 4), 97.5),
    ])
  func knownDistance(profile: TravelProfile, minutes: Double) throws {
    let input = try AnalysisInput(
      units: [PopulationUnit(id: "u", population: 1, location: LonLat(lon: 0, lat: 0))],
      services: [
        ServicePoint(
          id: "s", category: "grocery", location: LonLat(lon: Self.fiveKilometresEast, lat: 0))
      ],
      categories: ["grocery"], thresholds: ["grocery": [Threshold(value: 90, unit: .min)]])
    let result = try Analysis.run(
      input, options: AnalysisOptions(computeZones: false, profile: profile))
    let nearest = try #require(result["grocery"]?.nearest[0])
    #expect(abs(nearest.distanceMeters - 6500) < 1e-6)
    let measured = try #require(result["grocery"]?.minutes?[0])
    #expect(abs(measured - minutes) < 1e-9)
    #expect(result["grocery"]?.detour?[0] == 1.3)
    #expect(result.profile == profile)
    #expect(result.networkDiagnostics == nil)
  }

  @Test("random points: distance = the car's geodesic × 1.3, time = that at the speed")
  func randomPoints() throws {
    var generator = SplitMix(seed: 42)
    func point() -> LonLat {
      LonLat(lon: 17 + 3 * generator.unit(), lat: 63 + 2 * generator.unit())
    }
    let units = (0..<200).map { PopulationUnit(id: "u\($0)", population: 1, location: point()) }
    let services = (0..<30).map {
      ServicePoint(id: "s\($0)", category: "atm", location: point())
    }
    let input = try AnalysisInput(
      units: units, services: services, categories: ["atm"],
      thresholds: ["atm": [Threshold(value: 5, unit: .km)]])
    let byCar = try Analysis.run(input, options: AnalysisOptions(computeZones: false))
    for profile in [TravelProfile.walking, .cycling, .bike(speedKmh: 22)] {
      let trips = try Analysis.run(
        input, options: AnalysisOptions(computeZones: false, profile: profile))
      let speed = try #require(profile.speedKmh)
      for index in units.indices {
        let geodesic = try #require(byCar["atm"]?.nearest[index])
        let trip = try #require(trips["atm"]?.nearest[index])
        #expect(trip.serviceIndex == geodesic.serviceIndex)
        #expect(trip.distanceMeters == geodesic.distanceMeters * 1.3)
        let minutes = try #require(trips["atm"]?.minutes?[index])
        let expected = geodesic.distanceMeters * 1.3 / (speed / 3.6) / 60
        #expect(abs(minutes - expected) <= 1e-12 * expected)
      }
      // A km threshold counts the trip, not the geodesic: 5 km of walking is 3.846 km.
      let beyond = units.indices.filter {
        (byCar["atm"]?.nearest[$0]?.distanceMeters ?? .infinity) * 1.3 > 5000
      }
      let summary = try #require(trips.summary.first { $0.region == Analysis.allRegions })
      #expect(summary.beyond.first?.population == Double(beyond.count))
    }
  }

  @Test("zones: a 10 min walk is a disc of 10 × 60 × 5/3.6 / 1.3 m, the same as by car")
  func zoneDiscs() throws {
    let square: Ring = [
      LonLat(lon: 17.9, lat: 63.95), LonLat(lon: 18.1, lat: 63.95), LonLat(lon: 18.1, lat: 64.05),
      LonLat(lon: 17.9, lat: 64.05), LonLat(lon: 17.9, lat: 63.95),
    ]
    let region = Region(id: "r", name: "Square", polygons: [[square]])
    let unit = PopulationUnit(id: "u", population: 5, location: LonLat(lon: 18.05, lat: 64.02))
    let service = ServicePoint(id: "s", category: "grocery", location: LonLat(lon: 18, lat: 64))
    func zones(_ threshold: Threshold, profile: TravelProfile?) throws -> [Zone] {
      try Analysis.run(
        AnalysisInput(
          units: [unit], services: [service], regions: [region], categories: ["grocery"],
          thresholds: ["grocery": [threshold]]),
        options: AnalysisOptions(workCRS: "EPSG:3006", profile: profile)
      ).zones
    }
    let radiusKm = 10 * 60 * (5 / 3.6) / 1.3 / 1000
    let walking = try zones(Threshold(value: 10, unit: .min), profile: .walking)
    let walkingKm = try zones(Threshold(value: radiusKm * 1.3, unit: .km), profile: .walking)
    let byCar = try zones(Threshold(value: radiusKm, unit: .km), profile: nil)
    #expect(!walking.isEmpty)
    let area = walking.map(\.areaKm2).reduce(0, +)
    #expect(abs(area - byCar.map(\.areaKm2).reduce(0, +)) < 1e-6)
    #expect(abs(area - walkingKm.map(\.areaKm2).reduce(0, +)) < 1e-6)
    // Discs of the threshold's own radius (no detour factor) would leave 0.89 km² less.
    let undivided = try zones(Threshold(value: radiusKm * 1.3, unit: .km), profile: nil)
    #expect(abs(area - undivided.map(\.areaKm2).reduce(0, +) - 0.89) < 0.01)
  }
}

/// A small deterministic generator (SplitMix64) for reproducible random points.
private struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// Uniform in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
