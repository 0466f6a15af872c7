import Foundation
import ServiceGap
import Testing

@testable import ServiceGapIO

@Suite("GeoJSONWriter")
struct GeoJSONWriterTests {
  private let units = [
    PopulationUnit(
      id: "2417TB101", name: "Bastuträsk", population: 322,
      location: LonLat(lon: 20.040698, lat: 64.790201)),
    PopulationUnit(
      id: "x\"1", name: "Tab\there", population: 12.5,
      location: LonLat(lon: -0.000000049, lat: 0.123456789)),
  ]

  @Test func unitsExactText() {
    let nearest: [String: [NearestService?]] = [
      "grocery": [
        NearestService(serviceIndex: 3, distanceMeters: 1234.56), nil,
      ],
      "fuel": [
        NearestService(serviceIndex: 0, distanceMeters: 0.04),
        NearestService(serviceIndex: 1, distanceMeters: 12_000_000),
      ],
    ]
    let data = GeoJSONWriter.units(
      units, serviceIDs: ["f9", "f2", "unused", "svc1"], regions: ["Norsjö", "outside"],
      columns: ["grocery", "fuel"].map {
        GeoJSONWriter.CategoryColumns(category: $0, nearest: nearest[$0] ?? [])
      })
    let expected = """
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"2417TB101","name":"Bastuträsk","population":322,"region":"Norsjö","grocery_dist_m":1234.6,"grocery_nearest":"svc1","fuel_dist_m":0,"fuel_nearest":"f9"},"geometry":{"type":"Point","coordinates":[20.040698,64.790201]}},
      {"type":"Feature","properties":{"id":"x\\"1","name":"Tab\\there","population":12.5,"region":"outside","grocery_dist_m":null,"grocery_nearest":null,"fuel_dist_m":12000000,"fuel_nearest":"f2"},"geometry":{"type":"Point","coordinates":[0,0.1234568]}}
      ]}

      """
    #expect(String(decoding: data, as: UTF8.self) == expected)
  }

  @Test func timedFilesWriteTimeAndDetourColumns() {
    let columns = GeoJSONWriter.CategoryColumns(
      category: "grocery",
      nearest: [NearestService(serviceIndex: 0, distanceMeters: 10), nil],
      minutes: [12.345, nil], detour: [1.23456, nil])
    let data = GeoJSONWriter.units(
      units, serviceIDs: ["s"], regions: ["a", "b"], columns: [columns], timed: true)
    let text = String(decoding: data, as: UTF8.self)
    #expect(
      text.contains(
        #""grocery_dist_m":10,"grocery_time_min":12.35,"grocery_detour":1.235,"grocery_nearest":"s""#
      ))
    #expect(
      text.contains(
        #""grocery_dist_m":null,"grocery_time_min":null,"grocery_detour":null,"grocery_nearest":null"#
      ))
  }

  @Test func extraColumnsComeLastWithNineDecimals() {
    let data = GeoJSONWriter.units(
      units, serviceIDs: [], regions: ["a", "b"], columns: [],
      extra: [GeoJSONWriter.ExtraColumn(name: "grocery_2sfca", values: [0.1234567891234, nil])])
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains(#""region":"a","grocery_2sfca":0.123456789}"#))
    #expect(text.contains(#""region":"b","grocery_2sfca":null}"#))
  }

  @Test func unitsRoundTripThroughTheReader() throws {
    var state: UInt64 = 7
    func random() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    let many = (0..<500).map { index in
      PopulationUnit(
        id: "u\(index)", name: "Place \(index)", population: Double(index),
        location: LonLat(lon: -180 + 360 * random(), lat: -90 + 180 * random()))
    }
    let data = GeoJSONWriter.units(
      many, serviceIDs: [], regions: many.map { _ in "R" }, columns: [])
    let document = try GeoJSONReader.parse([UInt8](data), file: "units.geojson")
    #expect(document.features.count == many.count)
    #expect(document.propertyNames == ["id", "name", "population", "region"])
    for (unit, feature) in zip(many, document.features) {
      guard case .point(let position)? = feature.geometry else {
        Issue.record("not a point")
        continue
      }
      #expect(abs(position.x - unit.location.lon) <= 0.5e-7 + 1e-12)
      #expect(abs(position.y - unit.location.lat) <= 0.5e-7 + 1e-12)
      #expect(feature.properties["id"] == .string(unit.id))
      #expect(feature.properties["population"] == .number(unit.population))
    }
  }

  private func zone(_ polygon: PolygonRings, largest: String = "Malå") -> Zone {
    Zone(
      region: "Malå", category: "grocery", threshold: Threshold(value: 10, unit: .km),
      population: 120, areaKm2: 12.3456789, largestPlace: largest, polygon: polygon)
  }

  private func ring(_ points: [(Double, Double)]) -> Ring {
    points.map { LonLat(lon: $0.0, lat: $0.1) }
  }

  @Test func zonesFixOrientationAndDropDuplicates() throws {
    // Outer ring clockwise, unclosed, with a vertex repeated after rounding; hole CCW.
    let outer = ring([(0, 0), (0, 10), (10, 10), (10, 10.00000001), (10, 0)])
    let hole = ring([(2, 2), (4, 2), (4, 4), (2, 4), (2, 2)])
    let data = GeoJSONWriter.zones([zone([outer, hole], largest: "")])
    let expected = """
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"region":"Malå","category":"grocery","threshold":10,"unit":"km","population":120,"area_km2":12.345679,"largest_place":null},"geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2],[2,2]]]}}
      ]}

      """
    #expect(String(decoding: data, as: UTF8.self) == expected)
  }

  @Test func zonesDropCollapsedRingsAndSlivers() {
    let outer = ring([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)])
    let tinyHole = ring([(0.5, 0.5), (0.50000001, 0.5), (0.5, 0.50000001), (0.5, 0.5)])
    let sliver = ring([(5, 5), (5.00000001, 5), (5, 5.00000001), (5, 5)])
    let data = GeoJSONWriter.zones([zone([outer, tinyHole]), zone([sliver])])
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains(#""coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]"#))
    #expect(text.components(separatedBy: "\"Feature\"").count == 2)  // one feature
  }

  @Test func zonesRoundTripCounterClockwise() throws {
    let outer = ring([
      (18.1234567891, 65.1), (18.2, 65.3), (18.5, 65.2), (18.4, 65.0), (18.1234567891, 65.1),
    ])
    let document = try GeoJSONReader.parse(
      [UInt8](GeoJSONWriter.zones([zone([outer])])), file: "z.geojson")
    guard case .polygon(let rings)? = document.features.first?.geometry else {
      Issue.record("expected a polygon")
      return
    }
    let points = rings[0]
    var twiceArea = 0.0
    for index in 0..<(points.count - 1) {
      twiceArea += points[index].x * points[index + 1].y - points[index + 1].x * points[index].y
    }
    #expect(twiceArea > 0)
    #expect(points.first == points.last)
    // Same vertex set within 1e-7 (the ring was reversed).
    for original in outer {
      #expect(
        points.contains { abs($0.x - original.lon) < 1e-7 && abs($0.y - original.lat) < 1e-7 })
    }
    #expect(document.features[0].properties["threshold"] == .number(10))
    #expect(document.features[0].properties["area_km2"] == .number(12.345679))
  }

  @Test func numberFormatting() {
    #expect(JSONText.format(1234.56, decimals: 1, trimZeros: true) == "1234.6")
    #expect(JSONText.format(-0.04, decimals: 1, trimZeros: true) == "0")
    #expect(JSONText.format(2.5, decimals: 3, trimZeros: false) == "2.500")
    #expect(JSONText.format(1e20, decimals: 1, trimZeros: true) == "100000000000000000000")
    #expect(JSONText.format(0.00001, decimals: 4, trimZeros: false) == "0.0000")
    #expect(JSONText.format(-12.34567, decimals: 4, trimZeros: false) == "-12.3457")
  }
}
