import ServiceGap
import Testing

@testable import ServiceGapIO

@Suite("PopulationLoader")
struct PopulationLoaderTests {
  @Test(arguments: [
    "lon,lat,population", "LNG,LAT,POP", "longitude,latitude,befolkning", "x,y,pop_tot",
    "Long,Latitude,folkmangd", "e,n,Population",
  ])
  func detectsCommonColumnNames(header: String) throws {
    let result = try PopulationLoader.load(
      content: "\(header)\n18.5,65.25,12\n".bytes, file: "p.csv")
    #expect(
      result.items == [
        PopulationUnit(id: "1", population: 12, location: LonLat(lon: 18.5, lat: 65.25))
      ])
    #expect(result.sourceCRS == "EPSG:4326")
  }

  @Test func detectsIDAndNameColumns() throws {
    let text = "tatortskod,namn,befolkning,lon,lat\n2418TC102,Malå,3100,18.74,65.18\n"
    let unit = try #require(
      try PopulationLoader.load(content: text.bytes, file: "p.csv").items.first)
    #expect(unit.id == "2418TC102")
    #expect(unit.name == "Malå")
    let geonames = "geonameid,name,population,lon,lat\n602137,Ursviken,3913,21.1658,64.71261\n"
    let place = try #require(
      try PopulationLoader.load(content: geonames.bytes, file: "g.csv").items.first)
    #expect(place.id == "602137" && place.name == "Ursviken" && place.population == 3913)
  }

  @Test func explicitFieldsWinAndRegionKeyIsRead() throws {
    let text = "code;label;people;east;north;kommun_kod\nA;Alpha;5;18,5;65,25;2418\n"
    let options = FieldOptions(
      idField: "CODE", nameField: "label", populationField: "people", xField: "east",
      yField: "north", regionField: "kommun_kod")
    let unit = try #require(
      try PopulationLoader.load(content: text.bytes, file: "p.csv", options: options).items.first)
    #expect(
      unit
        == PopulationUnit(
          id: "A", name: "Alpha", population: 5, location: LonLat(lon: 18.5, lat: 65.25),
          regionKey: "2418"))
  }

  @Test func projectedCSVWithCRS() throws {
    let text = "namn,befolkning,x_sweref99tm,y_sweref99tm\nBastuträsk,322,739368.1,7194608.2\n"
    let result = try PopulationLoader.load(
      content: text.bytes, file: "p.csv",
      options: FieldOptions(xField: "x_sweref99tm", yField: "y_sweref99tm", crs: "3006"))
    #expect(result.sourceCRS == "EPSG:3006")
    let location = try #require(result.items.first?.location)
    // The same point as published in EPSG:4326 by SCB (6 decimals).
    #expect(abs(location.lon - 20.040698) < 2e-6)
    #expect(abs(location.lat - 64.790201) < 2e-6)
  }

  @Test func skipInvalidCountsReasons() throws {
    let text = "lon,lat,pop\n18,65,1\n18,65,abc\n18,65,-2\n1000,65,3\n18,65,4\n"
    let result = try PopulationLoader.load(
      content: text.bytes, file: "p.csv", options: FieldOptions(skipInvalid: true))
    #expect(result.items.map(\.population) == [1, 4])
    #expect(result.items.map(\.id) == ["1", "5"])
    #expect(result.skippedCount == 3)
    #expect(result.skipped.map(\.location) == [.line(3), .line(4), .line(5)])
    #expect(
      result.skippedSummary
        == "p.csv: skipped 3 rows (1 not a number, 1 negative population, 1 coordinates out of range)"
    )
  }

  @Test func duplicateIDsWarn() throws {
    let text = "id,lon,lat,pop\na,18,65,1\nb,18,65,1\na,18,65,1\n"
    let result = try PopulationLoader.load(content: text.bytes, file: "p.csv")
    #expect(result.items.count == 3)
    #expect(
      result.warnings == [
        "p.csv: 1 record repeats an id (first: 'a' at line 2 and line 4); all are kept, but "
          + "outputs will show the id more than once (name another column with --id-field if "
          + "this one is not unique)"
      ])
  }

  @Test func swappedNordicCoordinatesWarn() throws {
    let text = "lon,lat,pop\n64.79,20.04,1\n65.18,18.74,2\n"
    let result = try PopulationLoader.load(content: text.bytes, file: "p.csv")
    #expect(result.items.count == 2)
    #expect(result.warnings.count == 1)
    #expect(result.warnings.first?.contains("--x-field lat --y-field lon") == true)
    let fine = try PopulationLoader.load(
      content: "lon,lat,pop\n20.04,64.79,1\n".bytes, file: "p.csv")
    #expect(fine.warnings.isEmpty)
  }

  @Test func swappedCoordinatesWarnAgainstExpectedArea() throws {
    // Chile: lon −70, lat −33; swapped it is (−33, −70), outside the area.
    let chile = LonLatBox(minLon: -76, minLat: -56, maxLon: -66, maxLat: -17)
    let right = try PopulationLoader.load(
      content: "lon,lat,pop\n-70.6,-33.4,1\n".bytes, file: "p.csv", expectedArea: chile)
    #expect(right.warnings.isEmpty)
    let swapped = try PopulationLoader.load(
      content: "lon,lat,pop\n-33.4,-70.6,1\n".bytes, file: "p.csv", expectedArea: chile)
    #expect(
      swapped.warnings == [
        "p.csv: 1 of 1 points lie outside the regions but would lie inside with longitude and "
          + "latitude exchanged; pass --x-field lat --y-field lon if the columns are swapped"
      ])
  }

  @Test func degreesDeclaredAsMetresWarn() throws {
    let result = try PopulationLoader.load(
      content: "x,y,pop\n20.04,64.79,1\n".bytes, file: "p.csv",
      options: FieldOptions(crs: "EPSG:3006"))
    #expect(result.warnings.count == 1)
    #expect(result.warnings.first?.hasPrefix("p.csv: every coordinate is within ±180/±90") == true)
  }

  @Test func extraBlankTrailingFieldIsTolerated() throws {
    let result = try PopulationLoader.load(content: "lon,lat,pop\n18,65,1,\n".bytes, file: "p.csv")
    #expect(result.items.count == 1)
  }

  @Test func geoJSONPointsAndPolygons() throws {
    let text = """
      {"type":"FeatureCollection","features":[
      {"type":"Feature","id":"f1","properties":{"pop":10},"geometry":{"type":"Point","coordinates":[18,65]}},
      {"type":"Feature","properties":{"pop":"20","name":"cell"},"geometry":{"type":"Polygon","coordinates":[[[18,65],[18.01,65],[18.01,65.01],[18,65.01],[18,65]]]}},
      {"type":"Feature","properties":{"pop":5},"geometry":{"type":"MultiPoint","coordinates":[[19,66]]}}
      ]}
      """
    let result = try PopulationLoader.load(content: text.bytes, file: "p.geojson")
    #expect(result.items.map(\.id) == ["f1", "2", "3"])
    #expect(result.items.map(\.population) == [10, 20, 5])
    let cell = result.items[1].location
    #expect(abs(cell.lon - 18.005) < 1e-9 && abs(cell.lat - 65.005) < 1e-6)
  }

  @Test func geoJSONLegacyCRSIsHonoured() throws {
    let text =
      #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3006"}},"features":[{"type":"Feature","properties":{"befolkning":322},"geometry":{"type":"Point","coordinates":[739368.1,7194608.2]}}]}"#
    let result = try PopulationLoader.load(content: text.bytes, file: "p.geojson")
    #expect(result.sourceCRS == "EPSG:3006")
    let location = try #require(result.items.first?.location)
    #expect(abs(location.lon - 20.040698) < 2e-6 && abs(location.lat - 64.790201) < 2e-6)
  }

  @Test func geoJSONRepairsABowTieCellWithAWarning() throws {
    let text =
      #"{"type":"Feature","properties":{"pop":1},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}"#
    let result = try PopulationLoader.load(content: text.bytes, file: "p.geojson")
    #expect(result.items.count == 1)
    #expect(result.warnings.count == 1)
    #expect(
      result.warnings.first?.hasPrefix("p.geojson: feature 1: invalid polygon repaired") == true)
  }

  @Test func demoLocalitiesCSVAndGeoJSONAgree() throws {
    let csv = try PopulationLoader.load(file: IOTestPaths.demo("population_tatorter_2020.csv"))
    let geojson = try PopulationLoader.load(
      file: IOTestPaths.demo("population_tatorter_2020.geojson"))
    #expect(csv.items.count == 26)
    #expect(csv.items.reduce(0) { $0 + $1.population } == 66_540)
    #expect(csv.items == geojson.items)
    #expect(csv.warnings.isEmpty && csv.skipped.isEmpty)
    #expect(csv.items.first?.id == "2417TB101")
    #expect(csv.items.first?.name == "Bastuträsk")
  }

  @Test func demoGeoNames() throws {
    let result = try PopulationLoader.load(file: IOTestPaths.demo("population_geonames.csv"))
    #expect(result.items.count == 28)
    #expect(
      result.items.first
        == PopulationUnit(
          id: "601972", name: "Viken", population: 3753,
          location: LonLat(lon: 20.91548, lat: 64.72587)))
  }

  @Test func allSwedishLocalities() throws {
    let result = try PopulationLoader.load(file: IOTestPaths.fixture("sweden/tatorter_2020.csv"))
    #expect(result.items.count == 2017)
    #expect(result.items.reduce(0) { $0 + $1.population } == 9_088_367)
  }
}
