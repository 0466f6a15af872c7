import Foundation
import ServiceGap
import Testing

@testable import ServiceGap

/// Hand-made road maps in the spirit of OSRM's test maps: letters on a grid of
/// 1 km squares (SWEREF99 TM, near its central meridian), roads between them,
/// and the expected road distance and time from each unit to the nearest service.
@Suite("Road maps drawn as letters")
struct GridMapTests {
  /// One case: a map, roads (`ab` two-way, `ab>` one-way a→b), speeds, and expectations.
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var map: [String]
    var roads: [String]
    var kmh: Double = 60
    var units: String
    var services: String
    /// Expected road km per unit letter; nil = unreachable.
    var kilometres: [Character: Double?]
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "straight road", map: ["a b c"], roads: ["abc"], units: "a", services: "c",
      kilometres: ["a": 2]),
    Case(
      name: "one-way street is not driven against", map: ["a b", "d c"],
      roads: ["ab>", "bc>", "cd>", "da>"], units: "b", services: "a",
      kilometres: ["b": 3]),
    Case(
      name: "two equal routes", map: ["a b c", "d   e"],
      roads: ["abc", "ad", "de", "ce"], units: "d", services: "c",
      kilometres: ["d": 3]),
    Case(
      name: "disconnected island is unreachable", map: ["a b   c d"],
      roads: ["ab", "cd"], units: "ac", services: "b",
      kilometres: ["a": 1, "c": nil]),
    Case(
      name: "nearest of two services", map: ["a b c d e"], roads: ["abcde"], units: "b",
      services: "ae", kilometres: ["b": 1]),
  ]

  @Test(arguments: cases)
  func expectedDistancesAndTimes(_ map: Case) throws {
    // Each character is 0.5 km wide (letters two apart are 1 km apart) and each line
    // 1 km tall, starting at x = 500 km, the central meridian of SWEREF99 TM.
    var positions: [Character: LonLat] = [:]
    let converter = try CoordinateConverter(sourceCRS: "EPSG:3006")
    for (row, line) in map.map.enumerated() {
      for (column, character) in line.enumerated() where character != " " {
        let x = 500_000 + Double(column) * 500
        let y = 7_000_000 - Double(row) * 1000
        positions[character] = try #require(converter.lonLat(x: x, y: y))
      }
    }
    let roads = try map.roads.map { spec in
      let oneWay = spec.hasSuffix(">")
      let letters = spec.filter { $0 != ">" }
      return RoadSegment(
        coordinates: try letters.map { try #require(positions[$0]) }, maxSpeedKmh: map.kmh,
        direction: oneWay ? .forward : .both)
    }
    let units = try map.units.map {
      PopulationUnit(id: String($0), population: 1, location: try #require(positions[$0]))
    }
    let services = try map.services.map {
      ServicePoint(id: String($0), category: "x", location: try #require(positions[$0]))
    }
    let result = try Analysis.run(
      AnalysisInput(
        units: units, services: services, categories: ["x"],
        thresholds: ["x": [Threshold(value: 5, unit: .km)]]),
      options: AnalysisOptions(
        workCRS: "EPSG:3006", computeZones: false, workers: 1,
        network: NetworkOptions(roads: roads)))
    // Every unit has an expectation (a distance or nil), and no expectation lacks a unit.
    #expect(Set(map.kilometres.keys) == Set(map.units), "\(map.name)")
    #expect(result["x"]?.nearest.count == units.count, "\(map.name)")
    for (index, unit) in units.enumerated() {
      let letter = Character(unit.id)
      let expected = try #require(map.kilometres[letter], "\(map.name): unit \(letter)")
      let meters = result["x"]?.nearest[index]?.distanceMeters
      let minutes = result["x"]?.minutes?[index] ?? nil
      switch (expected, meters) {
      case (nil, nil):
        #expect(minutes == nil)
      case (let km?, let found?):
        // Grid lengths are planar kilometres; geodesic lengths differ by the
        // projection's scale (0.9996 at the central meridian): allow 0.1 %.
        #expect(abs(found - km * 1000) <= km * 1.0 + 0.01, "\(map.name): unit \(letter)")
        let expectedMinutes = km / map.kmh * 60
        #expect(abs((minutes ?? -1) - expectedMinutes) <= expectedMinutes * 0.001 + 1e-6)
      default:
        Issue.record(
          "\(map.name): unit \(letter) expected \(String(describing: expected)) km, got \(String(describing: meters)) m"
        )
      }
    }
  }
}
