import Foundation
import ServiceGapTestSupport
import Testing

/// `analyze --report report.html` end to end, against the GeoJSON and QML written beside it.
@Suite("analyze --report", .timeLimit(.minutes(10)))
struct ReportTests {
  /// Occurrences of `needle` in `text`.
  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// The `<svg class="map-svg"…>…</svg>` of `category`.
  static func map(_ category: String, in html: String) -> String? {
    guard let start = html.range(of: "<svg class=\"map-svg\" data-category=\"\(category)\"") else {
      return nil
    }
    guard let end = html[start.lowerBound...].range(of: "</svg>") else { return nil }
    return String(html[start.lowerBound..<end.upperBound])
  }

  /// The features of a GeoJSON file, read with JSONSerialization.
  static func features(_ url: URL) throws -> [[String: Any]] {
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any],
      "\(url.lastPathComponent) is not a JSON object")
    return try #require(
      object["features"] as? [[String: Any]], "\(url.lastPathComponent) has no features")
  }

  @Test("the demo's report has a map per category with every unit and zone, self-contained")
  func demoReport() async throws {
    let folder = try TemporaryFolder("report")
    defer { folder.remove() }
    let report = folder.file("new/folder/report.html")
    let out = folder.file("out")
    let result = try await runServiceGap(
      Demo.analyzeArguments() + ["--out", out.path, "--report", report.path], in: folder.url)
    try #require(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOf: report, encoding: .utf8)
    let version = try await runServiceGap(["--version"], in: folder.url).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("servicegap \(version)"))
    #expect(html.contains("population_tatorter_2020.csv"))
    #expect(!html.contains("http://") && !html.contains("https://"))
    #expect(!html.contains("<script"))

    let units = try Self.features(out.appendingPathComponent("units.geojson"))
    let zones = try Self.features(out.appendingPathComponent("zones.geojson"))
    // The demo's 26 units; zone parts as in the oracle (fixtures/oracle/straight_line_demo.json).
    #expect(units.count == 26)
    let zoneParts = ["grocery": 12, "pharmacy": 12, "atm": 14]
    #expect(zones.count == 38)
    let unitsQML = try String(
      contentsOf: out.appendingPathComponent("units.qml"), encoding: .utf8)
    for category in ["grocery", "pharmacy", "atm"] {
      let svg = try #require(Self.map(category, in: html), "no map of \(category)")
      #expect(Self.count("class=\"unit\"", in: svg) == units.count, "\(category) units")
      let own = zones.filter {
        ($0["properties"] as? [String: Any])?["category"] as? String == category
      }
      #expect(own.count == zoneParts[category], "\(category) zones in zones.geojson")
      #expect(Self.count("class=\"zone\"", in: svg) == own.count, "\(category) zones")
      #expect(Self.count("class=\"region\"", in: svg) == 5)
      // Every unit class in the legend, and units.qml uses the same colours.
      for classIndex in 0..<4 {
        let swatch = try #require(
          svg.range(of: "class=\"legend-swatch\" data-class=\"\(classIndex)\" data-colour=\"#"))
        let hex = String(svg[swatch.upperBound...].prefix(6))
        let rgb = stride(from: 0, to: 6, by: 2).map { offset -> Int in
          let start = hex.index(hex.startIndex, offsetBy: offset)
          return Int(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? -1
        }
        #expect(
          unitsQML.contains(
            "name=\"color\" type=\"QString\" value=\"\(rgb[0]),\(rgb[1]),\(rgb[2]),255\""),
          "\(category) class \(classIndex): #\(hex) not in units.qml")
      }
    }
    #expect(Self.map("fuel", in: html) == nil, "fuel was not analysed")
  }

  @Test("along the roads: classes by travel time, no zones with --no-zones")
  func networkReport() async throws {
    let folder = try TemporaryFolder("report-network")
    defer { folder.remove() }
    let report = folder.file("report.html")
    let out = folder.file("out")
    let result = try await runServiceGap(
      UmeaNetwork.analyzeArguments() + ["--out", out.path, "--report", report.path],
      in: folder.url)
    try #require(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOf: report, encoding: .utf8)
    let grocery = try #require(Self.map("grocery", in: html))
    #expect(grocery.contains(">Units by travel time</text>"))
    #expect(grocery.contains(">≤ 10 min</text>") && grocery.contains(">10–20 min</text>"))
    #expect(Self.count("class=\"zone\"", in: grocery) == 0)
    let pharmacy = try #require(Self.map("pharmacy", in: html))
    #expect(pharmacy.contains(">≤ 10 km</text>"))
    #expect(html.contains("Along the roads"))
    let qml = try String(contentsOf: out.appendingPathComponent("units.qml"), encoding: .utf8)
    #expect(qml.contains("&quot;grocery_time_min&quot; &lt;= 10"))
    #expect(qml.contains("&quot;pharmacy_dist_m&quot; &lt;= 10000"))
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("zones.qml").path))
  }

  @Test(
    "a --report that is not an .html file name is refused before anything is written",
    arguments: [("report.txt", "ending in .html"), ("folder.html", "is a folder")])
  func badReport(name: String, message: String) async throws {
    let folder = try TemporaryFolder("report-bad")
    defer { folder.remove() }
    if name == "folder.html" {
      try FileManager.default.createDirectory(
        at: folder.file(name), withIntermediateDirectories: true)
    }
    let result = try await runServiceGap(
      Demo.analyzeArguments() + [
        "--report", folder.file(name).path, "--out", folder.file("out").path,
      ],
      in: folder.url)
    #expect(result.status == 64, "a usage error: \(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.file("out").path))
    #expect(!FileManager.default.fileExists(atPath: folder.file("report.txt").path))
  }
}
