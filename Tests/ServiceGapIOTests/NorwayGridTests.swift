import ServiceGap
import Testing

@testable import ServiceGapIO

@Suite("Statistics Norway grid ids")
struct NorwayGridTests {
  @Test func decodesTheREADMEExample() throws {
    let corner = try #require(GridCellID.cell(of: "19250006618000", in: .statisticsNorway))
    #expect(corner == GridCellID.Cell(x: -75_000, y: 6_618_000, size: nil))
    #expect(GridCellID.cell(of: "1925000661800", in: .statisticsNorway) == nil)
    #expect(GridCellID.cell(of: "1925000661800x", in: .statisticsNorway) == nil)
    #expect(GridCellID.system(of: "19250006618000") == .statisticsNorway)
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

  /// The Oslo slice: its row count and total were computed with awk (fixtures/norway_grid).
  @Test
  func loadsTheOsloSliceOfThe250mGrid() throws {
    let result = try PopulationLoader.load(file: IOTestPaths.norwayGrid250mOslo)
    let units = result.items
    #expect(units.count == 11_326)
    #expect(units.reduce(0) { $0 + $1.population } == 1_145_715)
    #expect(result.skipped.isEmpty)
    #expect(result.warnings.isEmpty)
    // The slice's corners span x 240,000-290,000 m and y 6,620,000-6,680,000 m in UTM 33N;
    // its outermost cell centres are at 10.314-11.269 E and 59.638-60.201 N (pyproj).
    #expect(
      units.allSatisfy {
        (10.31...11.27).contains($0.location.lon) && (59.63...60.21).contains($0.location.lat)
      })
    // The first row, 22400006620750;7: the cell's corner (240,000, 6,620,750) plus 125 m.
    let first = try #require(units.first)
    #expect(first.id == "22400006620750" && first.population == 7)
  }

  @Test
  func loadsTheNorway1kmGridWithDecimalCommaColumns() throws {
    let units = try PopulationLoader.load(file: IOTestPaths.norwayGrid1km).items
    #expect(units.count == 55_213)
    #expect(units.reduce(0) { $0 + $1.population } == 5_146_614)
  }
}
