import Foundation
import ServiceGap
import ServiceGapTestSupport
import Testing

@testable import ServiceGapIO

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The demo area analysed for grocery (5, 10 km) and ATM (10, 25 km), with its regions.
enum ReportFixture {
  static let thresholds: [String: [Threshold]] = [
    "grocery": [Threshold(value: 5, unit: .km), Threshold(value: 10, unit: .km)],
    "atm": [Threshold(value: 10, unit: .km), Threshold(value: 25, unit: .km)],
  ]

  static func demo() throws -> (result: AnalysisResult, regions: [Region]) {
    let regions = try RegionLoader.load(file: IOTestPaths.demo("kommuner.geojson")).items
    let area = LonLatBox(regions: regions)
    let units = try PopulationLoader.load(
      file: IOTestPaths.demo("population_tatorter_2020.csv"), expectedArea: area
    ).items
    let services = try ServiceLoader.load(
      file: IOTestPaths.demo("services.geojson"), expectedArea: area
    ).items
    let result = try Analysis.run(
      AnalysisInput(
        units: units, services: services, regions: regions, categories: ["grocery", "atm"],
        thresholds: thresholds))
    return (result, regions)
  }

  static func html(
    _ result: AnalysisResult, regions: [Region], unitLimit: Int = 10_000
  ) -> String {
    var options = ReportOptions(version: "9.9.9")
    options.individualUnitLimit = unitLimit
    return String(
      decoding: ReportWriter.html(result: result, regions: regions, options: options),
      as: UTF8.self)
  }
}

/// Text helpers for reading the report back.
enum ReportText {
  /// Each map's `<svg class="map-svg" …>…</svg>`, by category.
  static func maps(_ html: String) -> [String: String] {
    var maps: [String: String] = [:]
    var rest = Substring(html)
    while let start = rest.range(of: "<svg class=\"map-svg\"") {
      guard let end = rest[start.lowerBound...].range(of: "</svg>") else { break }
      let svg = String(rest[start.lowerBound..<end.upperBound])
      if let category = attribute("data-category", in: svg) { maps[category] = svg }
      rest = rest[end.upperBound...]
    }
    return maps
  }

  /// How often `needle` occurs in `text`.
  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// The first value of `name="…"` in `text`.
  static func attribute(_ name: String, in text: String) -> String? {
    guard let start = text.range(of: " \(name)=\"") else { return nil }
    let tail = text[start.upperBound...]
    guard let end = tail.firstIndex(of: "\"") else { return nil }
    return String(tail[..<end])
  }

  /// Every element (start tag) of `text` that contains `marker`.
  static func tags(containing marker: String, in text: String) -> [String] {
    text.components(separatedBy: "<").dropFirst().compactMap { piece in
      guard let end = piece.firstIndex(of: ">") else { return nil }
      let tag = String(piece[..<end])
      return tag.contains(marker) ? tag : nil
    }
  }
}

@Suite("report.html")
struct ReportWriterTests {
  @Test("every map draws exactly one element per zone, unit, service and region")
  func elementCounts() throws {
    let (result, regions) = try ReportFixture.demo()
    let html = ReportFixture.html(result, regions: regions)
    let maps = ReportText.maps(html)
    #expect(maps.keys.sorted() == ["atm", "grocery"])
    // The frame holds every region and unit; services inside their bounding box are
    // certainly inside it (the frame only adds padding). Of the demo's 65 grocery stores 60
    // lie in that box and one more in the padding; of its 62 ATMs, 56 and none.
    let box = LonLatBox(regions: regions)
    let expectedDrawn = ["grocery": 61, "atm": 56]
    #expect(result.categories.sorted() == ["atm", "grocery"])
    for category in result.categories {
      let svg = try #require(maps[category])
      let zones = result.zones.filter { $0.category == category }
      #expect(!zones.isEmpty)
      #expect(ReportText.count("class=\"zone\"", in: svg) == zones.count, "\(category) zones")
      #expect(ReportText.count("class=\"unit\"", in: svg) == result.units.count, "\(category)")
      #expect(ReportText.count("class=\"region\"", in: svg) == regions.count)
      let own = result.services.filter { $0.category == category }
      let inside = own.filter {
        box?.contains(lon: $0.location.lon, lat: $0.location.lat) ?? false
      }
      let drawn = ReportText.count("class=\"service\"", in: svg)
      #expect(drawn >= inside.count && drawn <= own.count, "\(category): \(drawn) services")
      #expect(drawn == expectedDrawn[category], "\(category): \(drawn) services")
      #expect(svg.contains(">\(drawn) services shown<"))
      #expect(
        html.contains(
          " \(own.count - drawn) \(category) services outside the map frame are not drawn."),
        "\(category)")
      // Zones of each threshold carry that threshold.
      for threshold in ReportFixture.thresholds[category] ?? [] {
        let expected = zones.filter { $0.threshold.value == threshold.value }.count
        #expect(
          ReportText.count("class=\"zone\" data-threshold=\"\(threshold.label)\"", in: svg)
            == expected)
      }
    }
  }

  @Test("units per class and their colours follow an independent classification")
  func unitClasses() throws {
    let (result, regions) = try ReportFixture.demo()
    let maps = ReportText.maps(ReportFixture.html(result, regions: regions))
    for category in result.categories {
      let svg = try #require(maps[category])
      let bounds = (ReportFixture.thresholds[category] ?? []).map { $0.value * 1000 }
      var expected = [Int](repeating: 0, count: bounds.count + 2)
      for nearest in result[category]?.nearest ?? [] {
        guard let meters = nearest?.distanceMeters else {
          expected[bounds.count + 1] += 1
          continue
        }
        expected[bounds.firstIndex { meters <= $0 } ?? bounds.count] += 1
      }
      let palette = DistanceClassPalette(thresholdCount: bounds.count)
      let circles = ReportText.tags(containing: "class=\"unit\"", in: svg)
      for classIndex in expected.indices {
        let members = circles.filter { $0.contains("data-class=\"\(classIndex)\"") }
        #expect(members.count == expected[classIndex], "\(category) class \(classIndex)")
        let colour = palette.colour(ofClass: classIndex).hex
        #expect(members.allSatisfy { $0.contains("fill=\"\(colour)\"") })
      }
    }
    // Bastuträsk, 16.4 km from a grocery store, is the one grocery unit beyond 10 km.
    #expect(maps["grocery"]?.contains("place-label") == true)
    #expect(maps["grocery"]?.contains(">Bastuträsk</text>") == true)
  }

  @Test("the legend lists every class and threshold in the palette's colours")
  func legend() throws {
    let (result, regions) = try ReportFixture.demo()
    let maps = ReportText.maps(ReportFixture.html(result, regions: regions))
    let labels = [
      "grocery": ["≤ 5 km", "5–10 km", "&gt; 10 km", "unreachable", "beyond 5 km", "beyond 10 km"],
      "atm": ["≤ 10 km", "10–25 km", "&gt; 25 km", "unreachable", "beyond 10 km", "beyond 25 km"],
    ]
    for category in result.categories {
      let svg = try #require(maps[category])
      let palette = DistanceClassPalette(thresholdCount: 2)
      let swatches = ReportText.tags(containing: "class=\"legend-swatch\"", in: svg)
      #expect(swatches.count == 4 + 2)
      let colours = swatches.compactMap { ReportText.attribute("data-colour", in: $0) }
      #expect(
        colours == palette.classColours.map(\.hex) + [palette.unreachableColour.hex]
          + palette.zoneColours.map(\.hex))
      #expect(Set(colours).count == colours.count, "legend colours are distinct")
      for label in labels[category] ?? [] {
        #expect(svg.contains(">\(label)</text>"), "\(category): legend lacks \(label)")
      }
      // The legend is beside the map, never over it.
      let mapWidth = try #require(
        ReportText.attribute("data-map-width", in: svg).flatMap(Double.init))
      let legendX = try #require(
        ReportText.attribute("data-legend-x", in: svg).flatMap(Double.init))
      #expect(legendX > mapWidth)
      for swatch in swatches {
        let x = try #require(ReportText.attribute("x", in: swatch).flatMap(Double.init))
        #expect(x >= legendX)
      }
    }
  }

  @Test("the page is self-contained: no http(s) reference, script, or external resource")
  func selfContained() throws {
    let (result, regions) = try ReportFixture.demo()
    let html = ReportFixture.html(result, regions: regions)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    for forbidden in ["http://", "https://", "<script", " src=", "@import", "<link", "//cdn"] {
      #expect(!html.lowercased().contains(forbidden), "report contains \(forbidden)")
    }
    // Every url(…) and href points inside the page.
    for piece in html.components(separatedBy: "url(").dropFirst() {
      #expect(piece.hasPrefix("#"))
    }
    for piece in html.components(separatedBy: "href=\"").dropFirst() {
      #expect(piece.hasPrefix("#"))
    }
    #expect(html.contains("servicegap 9.9.9"))
    #expect(html.contains("[source, year and licence of the population data]"))
  }

  @Test("every map is well-formed XML")
  func wellFormed() throws {
    let (result, regions) = try ReportFixture.demo()
    let html = ReportFixture.html(result, regions: regions)
    let maps = ReportText.maps(html)
    #expect(maps.keys.sorted() == ["atm", "grocery"])
    for (category, svg) in maps {
      let parser = XMLParser(data: Data(svg.utf8))
      #expect(parser.parse(), "\(category): \(String(describing: parser.parserError))")
    }
  }

  @Test("above the unit limit, compact dots account for every unit, merged ones included")
  func compactUnits() throws {
    // Every demo unit twice, at the same place: each pair falls in one cell and one class,
    // so it is drawn as one dot standing for (at least) two units.
    let regions = try RegionLoader.load(file: IOTestPaths.demo("kommuner.geojson")).items
    let units = try PopulationLoader.load(file: IOTestPaths.demo("population_tatorter_2020.csv"))
      .items
    let twins =
      units
      + units.map { unit in
        var twin = unit
        twin.id += "-twin"
        return twin
      }
    let services = try ServiceLoader.load(file: IOTestPaths.demo("services.geojson")).items
    let result = try Analysis.run(
      AnalysisInput(
        units: twins, services: services, regions: regions, categories: ["grocery", "atm"],
        thresholds: ReportFixture.thresholds))
    let maps = ReportText.maps(ReportFixture.html(result, regions: regions, unitLimit: 10))
    for category in result.categories {
      let svg = try #require(maps[category])
      #expect(ReportText.count("class=\"unit\"", in: svg) == 0)
      let paths = ReportText.tags(containing: "class=\"units\"", in: svg)
      #expect(!paths.isEmpty)
      let counted = paths.compactMap {
        ReportText.attribute("data-units", in: $0).flatMap(Int.init)
      }
      #expect(counted.reduce(0, +) == twins.count)
      let dots = paths.compactMap { ReportText.attribute("data-dots", in: $0).flatMap(Int.init) }
      let segments = paths.map { ReportText.count("h0", in: $0) }
      #expect(dots == segments, "one zero-length segment per dot")
      #expect(dots.reduce(0, +) <= units.count, "twins share a dot")
    }
  }

  @Test("a large run: 40,000 units cost at most 16 bytes per unit and map")
  func largeRunSize() throws {
    let regions = try RegionLoader.load(file: IOTestPaths.demo("kommuner.geojson")).items
    let services = try ServiceLoader.load(file: IOTestPaths.demo("services.geojson")).items
    var random = SeededRandom(seed: 7)
    let units = (0..<40_000).map { index in
      PopulationUnit(
        id: "u\(index)", population: Double(Int(random.next() % 500)),
        location: LonLat(
          lon: 16 + 5 * Double(random.next() % 10_000) / 10_000,
          lat: 64.6 + 1.4 * Double(random.next() % 10_000) / 10_000))
    }
    let result = try Analysis.run(
      AnalysisInput(
        units: units, services: services, regions: regions, categories: ["grocery"],
        thresholds: ["grocery": ReportFixture.thresholds["grocery"] ?? []]),
      options: AnalysisOptions(computeZones: false))
    let html = ReportFixture.html(result, regions: regions)
    let svg = try #require(ReportText.maps(html)["grocery"])
    let paths = ReportText.tags(containing: "class=\"units\"", in: svg)
    let counted = paths.compactMap { ReportText.attribute("data-units", in: $0).flatMap(Int.init) }
    #expect(counted.reduce(0, +) == units.count)
    let unitBytes = paths.reduce(0) { $0 + $1.utf8.count }
    #expect(Double(unitBytes) / Double(units.count) <= 16, "\(unitBytes) bytes for the units")
  }

  @Test("the summary tables hold the cells of the printed table")
  func summaryTables() throws {
    let (result, regions) = try ReportFixture.demo()
    let html = ReportFixture.html(result, regions: regions)
    let text = SummaryWriter.table(rows: result.summary)
    let tables = html.components(separatedBy: "<table class=\"summary\">").dropFirst()
    #expect(tables.count == result.categories.count)
    for (table, category) in zip(tables, result.categories) {
      #expect(table.contains("<caption>\(category): distance to the nearest service in km"))
      let rows = result.summary.filter { $0.category == category }
      #expect(ReportText.count("<tr", in: table) == rows.count + 1)
    }
    // The ALL row of grocery, cell by cell, as the text table prints it (cells are
    // separated by at least two spaces there; "5.6 %" keeps its single space).
    let block = try #require(text.components(separatedBy: "\n\n").first)
    let allLine = try #require(block.split(separator: "\n").first { $0.hasPrefix("ALL ") })
    let cells = allLine.components(separatedBy: "  ")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    let first = try #require(tables.first)
    let allRow = try #require(first.components(separatedBy: "<tr class=\"total\">").last)
    let htmlCells = allRow.components(separatedBy: "</td>").dropLast().map { cell in
      String(cell[(cell.range(of: ">", options: .backwards)?.upperBound ?? cell.startIndex)...])
    }
    #expect(htmlCells == cells)
    #expect(cells.count == 8 + 3 * 2 + 1)
  }

  @Test("with more than 10 regions, the curves show ALL and the 10 farthest-off regions")
  func curvesOfManyRegions() throws {
    // Each demo locality its own small square region: 26 regions.
    let units = try PopulationLoader.load(file: IOTestPaths.demo("population_tatorter_2020.csv"))
      .items
    let services = try ServiceLoader.load(file: IOTestPaths.demo("services.geojson")).items
    let regions = units.map { unit in
      let (lon, lat) = (unit.location.lon, unit.location.lat)
      let ring = [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1), (-1, -1)].map {
        LonLat(lon: lon + 0.01 * $0.0, lat: lat + 0.01 * $0.1)
      }
      return Region(id: unit.id, name: unit.name, polygons: [[ring]])
    }
    let result = try Analysis.run(
      AnalysisInput(
        units: units, services: services, regions: regions, categories: ["atm"],
        thresholds: ["atm": ReportFixture.thresholds["atm"] ?? []]),
      options: AnalysisOptions(computeZones: false))
    #expect(Set(result.unitRegions).count == 26)
    let points = ReportWriter.curvePoints(result)
    let shown = Set(points.map(\.region))
    #expect(shown.count == 11 && shown.contains(Analysis.allRegions))
    // Every region left out has no larger share beyond 25 km than any region shown.
    let share = Dictionary(
      result.summary.map { ($0.region, $0.beyond.last?.share ?? 0) }, uniquingKeysWith: max)
    let lowestShown =
      shown.subtracting([Analysis.allRegions]).compactMap {
        share[$0]
      }.min() ?? 0
    for region in Set(result.unitRegions).subtracting(shown) {
      #expect((share[region] ?? 0) <= lowestShown, "\(region) left out")
    }
    let html = ReportFixture.html(result, regions: regions)
    #expect(html.contains("each chart shows the 10 regions with the largest share"))
  }

  @Test("the scale bar is a round length matching the map's ground width")
  func scaleBar() throws {
    let (result, regions) = try ReportFixture.demo()
    let svg = try #require(ReportText.maps(ReportFixture.html(result, regions: regions))["grocery"])
    let bar = try #require(ReportText.tags(containing: "class=\"scale-bar\"", in: svg).first)
    let meters = try #require(ReportText.attribute("data-meters", in: bar).flatMap(Double.init))
    let pixels = try #require(ReportText.attribute("data-pixels", in: bar).flatMap(Double.init))
    let mapWidth = try #require(
      ReportText.attribute("data-map-width", in: svg).flatMap(Double.init))
    #expect([10_000.0, 20_000, 50_000, 100_000].contains(meters))
    #expect(pixels > 0 && pixels <= mapWidth / 4 + 1)
    // Independent estimate of the frame's width: the regions' east-west extent along the
    // mean parallel (on the sphere), plus the 3 % padding on each side.
    let box = try #require(LonLatBox(regions: regions))
    let meanLatitude = (box.minLat + box.maxLat) / 2 * .pi / 180
    let extent = (box.maxLon - box.minLon) * .pi / 180 * 6_371_008.8 * cos(meanLatitude)
    let drawnWidth = meters / pixels * mapWidth
    #expect(drawnWidth > extent && drawnWidth < extent * 1.25, "\(drawnWidth) m vs \(extent) m")
  }
}
