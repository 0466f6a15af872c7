import GeoBridge
import ServiceGapTestSupport
import Testing

@testable import ServiceGap

@Suite("Grid cells traced into polygons")
struct GridTracerTests {
  static let window = GridWindow(
    cellSize: 250, minX: 500_000, minY: 7_000_000, maxX: 500_000 + 13 * 250 - 1,
    maxY: 7_000_000 + 11 * 250 - 1)

  /// Signed area of a closed ring (positive = counter-clockwise).
  static func signedArea(_ ring: [Double]) -> Double { ZoneBuilder.signedArea(ring) }

  @Test("random masks: one valid polygon per 4-connected group, area and cells agree")
  func randomMasks() throws {
    let window = Self.window
    let context = GEOSContext()
    try withEvery(seed: 0..<300) { seed, random in
      let density = Double(seed % 7 + 2) / 10
      let mask = (0..<window.cellCount).map { _ in
        Double.random(in: 0..<1, using: &random) < density
      }
      let (components, label) = GridTracer.trace(mask: mask, window: window)
      #expect(label.count == mask.count)
      var covered = 0
      for (index, component) in components.enumerated() {
        covered += component.cellCount
        let shell = try #require(component.rings.first)
        #expect(Self.signedArea(shell) > 0, "seed \(seed): outer ring not counter-clockwise")
        for hole in component.rings.dropFirst() {
          #expect(Self.signedArea(hole) < 0, "seed \(seed): hole not clockwise")
        }
        let polygon = try GEOSGeometry.polygon(rings: component.rings, context: context)
        let reason = try polygon.validityReason()
        #expect(try polygon.isValid(), "seed \(seed) component \(index): \(reason)")
        #expect(abs(try polygon.area() - Double(component.cellCount) * 250 * 250) < 1e-6)
        let planar = PlanarPolygon(rings: component.rings)
        for row in 0..<window.rows {
          for column in 0..<window.columns {
            let (x, y) = window.centre(column: column, row: row)
            let inside = label[row * window.columns + column] == Int32(index)
            #expect(planar.contains(x: x, y: y) == inside, "seed \(seed) cell \(column),\(row)")
          }
        }
      }
      #expect(covered == mask.filter { $0 }.count)
    }
  }

  @Test("a ring of cells closed only diagonally keeps its hole as a separate ring")
  func diagonalTouch() throws {
    // 1 = zone cell. The hole in the middle meets the outside corner diagonally.
    let picture = [
      "1110",
      "1011",
      "1111",
    ]
    let window = GridWindow(cellSize: 1, minX: 0, minY: 0, maxX: 3.5, maxY: 2.5)
    var mask = [Bool](repeating: false, count: window.cellCount)
    for (line, text) in picture.enumerated() {
      let row = picture.count - 1 - line
      for (column, character) in text.enumerated() { mask[row * 4 + column] = character == "1" }
    }
    let (components, _) = GridTracer.trace(mask: mask, window: window)
    #expect(components.count == 1)
    #expect(components.first?.rings.count == 2)
    let polygon = try GEOSGeometry.polygon(rings: components[0].rings, context: GEOSContext())
    #expect(try polygon.isValid())
    #expect(try polygon.area() == 10)
  }

  @Test("cells touching only at a corner are separate groups")
  func cornerOnly() {
    let window = GridWindow(cellSize: 1, minX: 0, minY: 0, maxX: 1.5, maxY: 1.5)
    let (components, label) = GridTracer.trace(mask: [true, false, false, true], window: window)
    #expect(components.count == 2)
    #expect(label == [0, -1, -1, 1])
    #expect(components.allSatisfy { $0.rings.count == 1 && $0.rings[0].count == 10 })
  }
}
