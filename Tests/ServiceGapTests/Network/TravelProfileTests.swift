import Foundation
import ServiceGap
import Testing

/// Which ways pedestrians and cyclists may use, and which way (``TravelProfile``).
@Suite("Travel profiles: the ways walked and cycled")
struct TravelProfileTests {
  static let line = [LonLat(lon: 18, lat: 64), LonLat(lon: 18.01, lat: 64)]

  static func road(
    _ highway: String?, foot: String? = nil, bicycle: String? = nil, access: String? = nil,
    motorroad: String? = nil, direction: TravelDirection = .both, onewayBicycle: String? = nil
  ) -> RoadSegment {
    RoadSegment(
      coordinates: line, highway: highway, direction: direction, foot: foot, bicycle: bicycle,
      access: access, onewayBicycle: onewayBicycle, motorroad: motorroad)
  }

  @Test(
    "allowed ways: car, walk, bike",
    arguments: [
      (road("motorway"), true, false, false),
      (road("motorway_link", foot: "yes"), true, false, false),
      (road("trunk"), true, true, true),
      (road("primary", motorroad: "yes"), true, false, false),
      (road("residential", foot: "no"), true, false, true),
      (road("residential", bicycle: " NO "), true, true, false),
      (road("service", access: "private"), true, false, false),
      (road("service", foot: "yes", access: "private"), true, true, false),
      (road("track", bicycle: "permissive", access: "no"), true, false, true),
      (road("footway"), true, true, false),
      (road("footway", bicycle: "designated"), true, true, true),
      (road("steps"), true, true, false),
      (road("cycleway"), true, true, true),
      (road(nil), true, true, true),
    ])
  func allowed(road: RoadSegment, car: Bool, walk: Bool, bike: Bool) {
    let label = "\(road.highway ?? "nil") foot=\(road.foot ?? "-") bicycle=\(road.bicycle ?? "-")"
    #expect(TravelProfile.car.allows(road) == car, "\(label) by car")
    #expect(TravelProfile.walking.allows(road) == walk, "\(label) on foot")
    #expect(TravelProfile.cycling.allows(road) == bike, "\(label) by bicycle")
  }

  @Test("one-way streets: walked both ways; cycled one way unless oneway:bicycle=no")
  func directions() {
    let oneWay = Self.road("residential", direction: .forward)
    #expect(TravelProfile.car.direction(of: oneWay) == .forward)
    #expect(TravelProfile.walking.direction(of: oneWay) == .both)
    #expect(TravelProfile.cycling.direction(of: oneWay) == .forward)
    let contraflow = Self.road("residential", direction: .backward, onewayBicycle: "no")
    #expect(TravelProfile.cycling.direction(of: contraflow) == .both)
    #expect(TravelProfile.car.direction(of: contraflow) == .backward)
  }

  @Test("speeds: constant on foot and by bicycle, the road's own by car")
  func speeds() {
    let fast = RoadSegment(coordinates: Self.line, highway: "trunk", maxSpeedKmh: 90)
    #expect(TravelProfile.walking.speedKmh(of: fast, speeds: .defaults) == 5)
    #expect(TravelProfile.cycling.speedKmh(of: fast, speeds: .defaults) == 15)
    #expect(TravelProfile.car.speedKmh(of: fast, speeds: .defaults) == 90)
    #expect(TravelProfile.detourFactor == 1.3)
  }
}
