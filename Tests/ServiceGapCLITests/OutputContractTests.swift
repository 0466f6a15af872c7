import Foundation
import ServiceGapTestSupport
import Testing

/// The BRIEF's file contract, checked on the demo run independently of the snapshots:
/// RFC 7946 GeoJSON (no `crs`, lon/lat, counter-clockwise outer rings, at most 7
/// decimals) with flat properties of one type each, and the summary's columns.
@Suite("analyze: output files follow the contract", .timeLimit(.minutes(10)))
struct OutputContractTests {
  static let categories = ["grocery", "pharmacy", "atm"]

  /// Runs the demo once into a fresh folder and hands its `out` folder to `body`.
  func withDemoOutput(_ body: (URL) throws -> Void) async throws {
    let folder = try TemporaryFolder("contract")
    defer { folder.remove() }
    let result = try await runServiceGap(
      Demo.analyzeArguments() + ["--threads", "1", "--out", "out"], in: folder.url)
    try #require(result.status == 0, "stderr: \(result.stderr)")
    try body(folder.file("out"))
  }

  @Test("units.geojson: RFC 7946 points with the BRIEF's flat, typed properties")
  func units() async throws {
    try await withDemoOutput { out in
      let features = try GeoJSONCheck.features(of: out.appendingPathComponent("units.geojson"))
      #expect(features.count == 26, "one feature per locality in the demo CSV")
      var expectedKeys: Set<String> = ["id", "name", "population", "region"]
      for category in Self.categories {
        expectedKeys.formUnion(["\(category)_dist_m", "\(category)_nearest"])
      }
      for feature in features {
        let properties = try #require(feature["properties"] as? [String: Any])
        #expect(Set(properties.keys) == expectedKeys)
        let geometry = try #require(feature["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Point")
        let position = try #require(geometry["coordinates"] as? [Double])
        #expect(position.count == 2)
        // The demo area lies between 15°E and 23°E, 64°N and 67°N.
        #expect((15...23).contains(position[0]) && (64...67).contains(position[1]))
        GeoJSONCheck.expectAtMostSevenDecimals(position)
      }
      GeoJSONCheck.expectOneTypePerProperty(features)
    }
  }

  @Test("zones.geojson: closed rings, counter-clockwise outside, clockwise holes")
  func zones() async throws {
    try await withDemoOutput { out in
      let features = try GeoJSONCheck.features(of: out.appendingPathComponent("zones.geojson"))
      #expect(!features.isEmpty)
      let expectedKeys: Set<String> = [
        "region", "category", "threshold", "unit", "population", "area_km2", "largest_place",
      ]
      for feature in features {
        let properties = try #require(feature["properties"] as? [String: Any])
        #expect(Set(properties.keys) == expectedKeys)
        #expect(["km", "min"].contains(properties["unit"] as? String))
        #expect(Self.categories.contains(properties["category"] as? String ?? ""))
        let geometry = try #require(feature["geometry"] as? [String: Any])
        let type = geometry["type"] as? String
        let polygons: [[[[Double]]]]
        if type == "Polygon" {
          polygons = [try #require(geometry["coordinates"] as? [[[Double]]])]
        } else {
          #expect(type == "MultiPolygon")
          polygons = try #require(geometry["coordinates"] as? [[[[Double]]]])
        }
        for polygon in polygons {
          for (index, ring) in polygon.enumerated() {
            #expect(ring.count >= 4)
            #expect(ring.first == ring.last, "ring is closed")
            let area = GeoJSONCheck.signedArea(ring)
            if index == 0 {
              #expect(area > 0, "outer ring is counter-clockwise (\(properties))")
            } else {
              #expect(area < 0, "hole is clockwise (\(properties))")
            }
            for position in ring { GeoJSONCheck.expectAtMostSevenDecimals(position) }
          }
        }
      }
      GeoJSONCheck.expectOneTypePerProperty(features)
    }
  }

  @Test("summary.csv and summary.json have the BRIEF's columns and the same rows")
  func summary() async throws {
    try await withDemoOutput { out in
      let csv = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
      let lines = csv.split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      }
      let header = try #require(lines.first)
      var expected = [
        "region", "category", "population", "services", "services_per_1000", "mean", "median",
        "p90", "max", "unit",
      ]
      for threshold in ["5km", "10km", "25km"] {
        expected += [
          "beyond_\(threshold)_pop", "beyond_\(threshold)_share", "beyond_\(threshold)_area_km2",
        ]
      }
      // The BRIEF's columns, then the equity columns of "Definitions added".
      expected += ["unreachable_pop", "gini", "p90_p50", "person_km"]
      #expect(header == expected)

      let json = try #require(
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [[String: Any]])
      let rows = lines.dropFirst()
      #expect(json.count == rows.count)
      #expect(rows.count == 6 * Self.categories.count, "five municipalities and ALL")
      for (row, object) in zip(rows, json) {
        #expect(Set(object.keys) == Set(header))
        for (column, cell) in zip(header, row) {
          let value = object[column]
          if cell.isEmpty {
            #expect(value is NSNull, "\(column): empty in CSV, null in JSON")
          } else if let text = value as? String {
            #expect(text == cell, "\(column)")
          } else if let number = value as? NSNumber {
            #expect(abs(number.doubleValue - (Double(cell) ?? .nan)) < 1e-9, "\(column)")
          } else {
            Issue.record("\(column): \(String(describing: value)) in JSON, \(cell) in CSV")
          }
        }
      }
      // ALL totals the regions.
      for category in Self.categories {
        let ofCategory = json.filter { $0["category"] as? String == category }
        let regions = ofCategory.filter { $0["region"] as? String != "ALL" }
        let all = try #require(ofCategory.first { $0["region"] as? String == "ALL" })
        let sum = regions.reduce(0) { $0 + (($1["population"] as? NSNumber)?.intValue ?? 0) }
        #expect((all["population"] as? NSNumber)?.intValue == sum)
      }
    }
  }

  @Test("a --no-zones rerun into the same folder removes the earlier zones and their style")
  func noZonesRerunRemovesStaleZones() async throws {
    let folder = try TemporaryFolder("stale-zones")
    defer { folder.remove() }
    let first = try await runServiceGap(Demo.analyzeArguments() + ["--out", "out"], in: folder.url)
    try #require(first.status == 0, "stderr: \(first.stderr)")
    let out = folder.file("out")
    for name in ["zones.geojson", "zones.qml"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path))
    }
    let rerun = try await runServiceGap(
      Demo.analyzeArguments() + ["--no-zones", "--out", "out"], in: folder.url)
    try #require(rerun.status == 0, "stderr: \(rerun.stderr)")
    for name in ["zones.geojson", "zones.qml"] {
      #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path))
      #expect(rerun.stderr.contains("removed \(out.appendingPathComponent(name).path)"))
    }
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("units.qml").path))
  }
}

/// Small, independent checks of GeoJSON files (plain JSONSerialization).
enum GeoJSONCheck {
  /// The features of a FeatureCollection without a `crs` member.
  static func features(of url: URL) throws -> [[String: Any]] {
    let collection = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    #expect(collection["type"] as? String == "FeatureCollection")
    #expect(collection["crs"] == nil, "RFC 7946 has no crs member")
    let features = try #require(collection["features"] as? [[String: Any]])
    for feature in features { #expect(feature["type"] as? String == "Feature") }
    return features
  }

  /// Twice the signed area in lon/lat (shoelace): positive for counter-clockwise.
  static func signedArea(_ ring: [[Double]]) -> Double {
    zip(ring, ring.dropFirst()).reduce(0) { $0 + $1.0[0] * $1.1[1] - $1.1[0] * $1.0[1] }
  }

  /// At most 7 decimals: the shortest representation that reads back the same number.
  static func expectAtMostSevenDecimals(
    _ position: [Double], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for value in position {
      let text = "\(value)"
      let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
      #expect(
        !text.contains("e") && decimals <= 7, "coordinate \(text) has more than 7 decimals",
        sourceLocation: sourceLocation)
    }
  }

  /// Flat properties, one JSON type each (null allowed), so GIS tools read typed columns.
  static func expectOneTypePerProperty(
    _ features: [[String: Any]], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    var types: [String: Set<String>] = [:]
    for feature in features {
      for (key, value) in feature["properties"] as? [String: Any] ?? [:] {
        let type: String
        switch value {
        case is NSNull: continue
        case is String: type = "string"
        case is NSNumber: type = "number"
        default: type = "nested \(Swift.type(of: value))"
        }
        types[key, default: []].insert(type)
      }
    }
    for (key, found) in types.sorted(by: { $0.key < $1.key }) {
      #expect(
        found.count == 1 && !found.contains { $0.hasPrefix("nested") },
        "property \(key) has types \(found.sorted())", sourceLocation: sourceLocation)
    }
  }

}
