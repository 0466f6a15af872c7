import Foundation
import ServiceGap
import Testing

@testable import ServiceGapIO

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The rules and symbols of a `.qml` file, read with an XML parser.
final class QMLContents: NSObject, XMLParserDelegate {
  struct Rule {
    var label: String
    var filter: String?
    var symbol: String?
    var checked: Bool
    var depth: Int
  }

  var rules: [Rule] = []
  /// Symbol name → its `color` option.
  var colours: [String: String] = [:]
  var sizeExpressions: [String] = []
  var orderBy = ""
  private var depth = 0
  private var symbol: String?
  private var inOrderBy = false

  static func parse(_ text: String) throws -> QMLContents {
    let contents = QMLContents()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = contents
    guard parser.parse() else {
      throw CocoaError(
        .coderReadCorrupt, userInfo: ["error": "\(String(describing: parser.parserError))"])
    }
    return contents
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    switch name {
    case "rule":
      depth += 1
      rules.append(
        Rule(
          label: attributes["label"] ?? "", filter: attributes["filter"],
          symbol: attributes["symbol"], checked: attributes["checkstate"] != "0", depth: depth))
    case "symbol": symbol = attributes["name"]
    case "Option":
      if attributes["name"] == "color", let symbol { colours[symbol] = attributes["value"] }
      if attributes["name"] == "expression", let value = attributes["value"] {
        sizeExpressions.append(value)
      }
    case "orderByClause": inOrderBy = true
    default: break
    }
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    if name == "rule" { depth -= 1 }
    if name == "symbol" { symbol = nil }
    if name == "orderByClause" { inOrderBy = false }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inOrderBy { orderBy += string }
  }
}

@Suite("QGIS styles")
struct QGISStyleTests {
  @Test("units.qml: one group per category, the first checked, one rule per class")
  func unitsStyle() throws {
    let (result, _) = try ReportFixture.demo()
    let qml = try QMLContents.parse(QGISStyle.units(result: result))
    let groups = qml.rules.filter { $0.depth == 1 }
    #expect(
      groups.map(\.label) == ["grocery: distance (grocery_dist_m)", "atm: distance (atm_dist_m)"])
    #expect(groups.map(\.checked) == [true, false])
    let leaves = qml.rules.filter { $0.depth == 2 }
    #expect(leaves.count == 2 * (2 + 2))
    #expect(
      leaves.prefix(4).map(\.filter) == [
        "\"grocery_dist_m\" <= 5000",
        "\"grocery_dist_m\" > 5000 AND \"grocery_dist_m\" <= 10000",
        "\"grocery_dist_m\" > 10000",
        "\"grocery_dist_m\" IS NULL",
      ])
    #expect(leaves.prefix(4).map(\.label) == ["≤ 5 km", "5–10 km", "> 10 km", "unreachable"])
    #expect(leaves.suffix(4).first?.filter == "\"atm_dist_m\" <= 10000")
    // Colours: the report's palette, class by class.
    let palette = DistanceClassPalette(thresholdCount: 2)
    let expected = (palette.classColours + [palette.unreachableColour]).map(\.qgis)
    for group in 0..<2 {
      let colours = leaves[(group * 4)..<(group * 4 + 4)].map { qml.colours[$0.symbol ?? ""] }
      #expect(colours == expected)
    }
    // Sizes: area proportional to population, largest drawn first.
    let largest = result.units.map(\.population).max() ?? 0
    #expect(qml.sizeExpressions.count == leaves.count)
    #expect(
      qml.sizeExpressions.allSatisfy {
        $0 == "max(0.2, sqrt(max(0, coalesce(\"population\", 0)) / "
          + "\(Threshold.formatNumber(largest)))) * 8"
      })
    #expect(qml.orderBy == "\"population\"")
  }

  @Test("zones.qml: one rule per category and threshold, in the zone shades")
  func zonesStyle() throws {
    let (result, _) = try ReportFixture.demo()
    let qml = try QMLContents.parse(QGISStyle.zones(result: result))
    let groups = qml.rules.filter { $0.depth == 1 }
    #expect(groups.map(\.checked) == [true, false])
    let leaves = qml.rules.filter { $0.depth == 2 }
    #expect(
      leaves.map(\.filter) == [
        "\"category\" = 'grocery' AND \"threshold\" = 5 AND \"unit\" = 'km'",
        "\"category\" = 'grocery' AND \"threshold\" = 10 AND \"unit\" = 'km'",
        "\"category\" = 'atm' AND \"threshold\" = 10 AND \"unit\" = 'km'",
        "\"category\" = 'atm' AND \"threshold\" = 25 AND \"unit\" = 'km'",
      ])
    let shades = DistanceClassPalette(thresholdCount: 2).zoneColours.map(\.qgis)
    #expect(leaves.map { qml.colours[$0.symbol ?? ""] } == shades + shades)
    #expect(qml.orderBy == "\"threshold\"")
  }

  @Test("minutes: classes by C_time_min, boundaries inclusive, values rounded as written")
  func measure() throws {
    let minutes = CategoryMeasure(
      try CategoryPlan(
        name: "fuel",
        thresholds: [Threshold(value: 20, unit: .min), Threshold(value: 10, unit: .min)]))
    #expect(minutes.fieldName == "fuel_time_min")
    #expect(minutes.boundaries == [10, 20])
    #expect(
      minutes.qgisFilter(classIndex: 1) == "\"fuel_time_min\" > 10 AND \"fuel_time_min\" <= 20")
    #expect(minutes.classLabel(1) == "10–20 min")
    #expect(minutes.classIndex(of: 10) == 0)
    #expect(minutes.classIndex(of: 10.01) == 1)
    #expect(minutes.classIndex(of: 20) == 1)
    #expect(minutes.classIndex(of: 20.01) == 2)
    #expect(minutes.classIndex(of: nil) == 3)

    let km = CategoryMeasure(
      try CategoryPlan(name: "atm", thresholds: [Threshold(parsing: "500m")].compactMap { $0 }))
    #expect(km.fieldName == "atm_dist_m")
    #expect(km.qgisFilter(classIndex: 0) == "\"atm_dist_m\" <= 500")
    #expect(km.classLabel(0) == "≤ 0.5 km")
    #expect(km.classIndex(of: 500) == 0 && km.classIndex(of: 500.1) == 1)
  }

  @Test("the palette: one colour per class, all distinct, zones lighter for smaller thresholds")
  func palette() {
    for count in 1...5 {
      let palette = DistanceClassPalette(thresholdCount: count)
      #expect(palette.classColours.count == count + 1)
      #expect(palette.zoneColours.count == count)
      let all = palette.classColours + [palette.unreachableColour] + palette.zoneColours
      #expect(Set(all).count == all.count, "\(count) thresholds: colours repeat")
      func lightness(_ colour: RGBColour) -> Int {
        Int(colour.red) + Int(colour.green) + Int(colour.blue)
      }
      let shades = palette.zoneColours.map(lightness)
      #expect(shades == shades.sorted(by: >), "zones get darker with the threshold")
    }
  }
}
