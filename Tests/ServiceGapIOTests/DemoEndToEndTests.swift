import Foundation
import ServiceGap
import Testing

@testable import ServiceGapIO

/// Loads the demo area with the loaders, runs the straight-line analysis, writes every
/// output and reads it back.
@Suite("Demo area end to end")
struct DemoEndToEndTests {
  @Test func analyseWriteAndReadBack() throws {
    let regions = try RegionLoader.load(file: IOTestPaths.demo("kommuner.geojson")).items
    let area = LonLatBox(regions: regions)
    let units = try PopulationLoader.load(
      file: IOTestPaths.demo("population_tatorter_2020.csv"), expectedArea: area)
    let services = try ServiceLoader.load(
      file: IOTestPaths.demo("services.geojson"), expectedArea: area)
    #expect(units.warnings.isEmpty && services.warnings.isEmpty)
    let thresholds = [Threshold(value: 10, unit: .km), Threshold(value: 20, unit: .km)]
    let result = try Analysis.run(
      AnalysisInput(
        units: units.items, services: services.items, regions: regions,
        categories: ["grocery", "pharmacy"],
        thresholds: ["grocery": thresholds, "pharmacy": thresholds]))

    let folder = try IOTestPaths.temporaryFolder()

    defer { try? FileManager.default.removeItem(at: folder) }
    let unitsURL = folder.appendingPathComponent("units.geojson")
    let zonesURL = folder.appendingPathComponent("zones.geojson")
    try AtomicFileWriter.write(GeoJSONWriter.units(result: result), to: unitsURL)
    try AtomicFileWriter.write(GeoJSONWriter.zones(result: result), to: zonesURL)
    try AtomicFileWriter.write(
      SummaryWriter.csv(rows: result.summary), to: folder.appendingPathComponent("summary.csv"))

    // units.geojson: same points, keys in the documented order.
    let written = try GeoJSONReader.read(file: unitsURL.path)
    #expect(written.declaredCRS == nil)
    #expect(written.features.count == 26)
    #expect(
      written.propertyNames == [
        "id", "name", "population", "region", "grocery_dist_m", "grocery_nearest",
        "pharmacy_dist_m", "pharmacy_nearest",
      ])
    for (unit, feature) in zip(units.items, written.features) {
      guard case .point(let position)? = feature.geometry else {
        Issue.record("feature \(feature.number) is not a point")
        continue
      }
      #expect(
        abs(position.x - unit.location.lon) < 1e-7 && abs(position.y - unit.location.lat) < 1e-7)
    }
    // Reading units.geojson back as population gives the same units (to 7 decimals).
    let reread = try PopulationLoader.load(file: unitsURL.path).items
    #expect(reread.map(\.id) == units.items.map(\.id))
    #expect(reread.map(\.population) == units.items.map(\.population))

    // zones.geojson: every outer ring counter-clockwise and closed.
    let zones = try GeoJSONReader.read(file: zonesURL.path)
    #expect(!result.zones.isEmpty)
    #expect(zones.features.count == result.zones.count)
    for feature in zones.features {
      guard case .polygon(let rings)? = feature.geometry, let outer = rings.first else {
        Issue.record("zone \(feature.number) is not a polygon")
        continue
      }
      #expect(outer.first == outer.last)
      #expect(signedArea(outer) > 0)
      for hole in rings.dropFirst() { #expect(signedArea(hole) < 0) }
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        == ["summary.csv", "units.geojson", "zones.geojson"])
  }

  private func signedArea(_ ring: [GeoJSONPosition]) -> Double {
    var sum = 0.0
    for index in 0..<(ring.count - 1) {
      sum += ring[index].x * ring[index + 1].y - ring[index + 1].x * ring[index].y
    }
    return sum / 2
  }
}
