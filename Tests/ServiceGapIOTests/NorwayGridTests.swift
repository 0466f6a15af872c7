import ServiceGap
import Testing

@testable import ServiceGapIO

@Suite("Statistics Norway grid ids")
struct NorwayGridTests {
  @Test func decodesTheREADMEExample() throws {
    let corner = try #require(GridCellID.corner(of: "19250006618000"))
    #expect(corner == GridCellID.ProjectedCorner(x: -75_000, y: 6_618_000))
    #expect(GridCellID.corner(of: "1925000661800") == nil)
    #expect(GridCellID.corner(of: "1925000661800x") == nil)
    #expect(GridCellID.cellSize(forColumn: "ru250m") == 250)
    #expect(GridCellID.cellSize(forColumn: "ssbid_1000m") == 1000)
    #expect(GridCellID.cellSize(forColumn: "ssbid") == nil)
  }

  @Test func cellCentreIsTransformedToLonLat() throws {
    let result = try PopulationLoader.load(
      content: "ru250m;pop_tot\n19250006618000;6\n".bytes, file: "grid.csv")
    let unit = try #require(result.items.first)
    #expect(unit.id == "19250006618000" && unit.name == "19250006618000" && unit.population == 6)
    // cs2cs EPSG:25833 EPSG:4326 of the centre (-74875, 6618125).
    #expect(abs(unit.location.lon - 4.878323854) < 1e-8)
    #expect(abs(unit.location.lat - 59.307441530) < 1e-8)
    #expect(result.sourceCRS == "EPSG:25833")
  }

  @Test func cellSizeFromOptionsWhenTheColumnDoesNotSayIt() throws {
    // A generic column of 14-digit values, no coordinate columns: a grid id column.
    let result = try PopulationLoader.load(
      content: "cell,pop\n19250006618000,6\n".bytes, file: "grid.csv",
      options: FieldOptions(cellSizeMeters: 1000))
    let unit = try #require(result.items.first)
    // cs2cs EPSG:25833 EPSG:4326 of (-74500, 6618500).
    #expect(abs(unit.location.lon - 4.883812592) < 1e-8)
    #expect(abs(unit.location.lat - 59.311265495) < 1e-8)
  }

  @Test func crsOptionIsIgnoredWithAWarning() throws {
    let result = try PopulationLoader.load(
      content: "ru250m;pop_tot\n19250006618000;6\n".bytes, file: "grid.csv",
      options: FieldOptions(crs: "EPSG:3006"))
    #expect(
      result.warnings == [
        "grid.csv: grid cell ids are always in EPSG:25833; --crs EPSG:3006 was ignored"
      ])
  }

  @Test
  func loadsTheWholeNorway250mGrid() throws {
    let path = IOTestPaths.norwayGrid250m
    let clock = ContinuousClock()
    var result: LoadResult<PopulationUnit>?
    let elapsed = try clock.measure { result = try PopulationLoader.load(file: path) }
    let units = try #require(result).items
    #expect(units.count == 220_171)
    #expect(units.reduce(0) { $0 + $1.population } == 5_146_614)
    #expect(try #require(result).skipped.isEmpty)
    #expect(try #require(result).warnings.isEmpty)
    // Every centre lies in or near mainland Norway and Svalbard's latitudes.
    #expect(
      units.allSatisfy {
        (4...32).contains($0.location.lon) && (57.9...71.3).contains($0.location.lat)
      })
    print("Norway 250 m grid: \(units.count) cells in \(elapsed)")
  }

  @Test
  func loadsTheNorway1kmGridWithDecimalCommaColumns() throws {
    let path = IOTestPaths.norwayGrid250m.replacingOccurrences(
      of: "ssb_pop_250m_2015.csv", with: "ssb_pop_1km_2015.csv")
    let units = try PopulationLoader.load(file: path).items
    #expect(units.count == 55_213)
    #expect(units.reduce(0) { $0 + $1.population } == 5_146_614)
  }
}
