import ServiceGap
import Testing

@testable import ServiceGapIO

@Suite("ServiceLoader")
struct ServiceLoaderTests {
  @Test func demoServices() throws {
    let result = try ServiceLoader.load(file: IOTestPaths.demo("services.geojson"))
    #expect(result.items.count == 272)
    #expect(result.skipped.isEmpty)
    var counts: [String: Int] = [:]
    for service in result.items { counts[service.category, default: 0] += 1 }
    #expect(
      counts == ["grocery": 65, "fuel": 75, "atm": 62, "pharmacy": 32, "school": 28, "health": 10])
    let first = try #require(result.items.first)
    #expect(first.id == "svc02460" && first.name == "Bankomat - Häradsvägen 119")
    #expect(first.location == LonLat(lon: 19.7196, lat: 64.20094))
    #expect(first.capacity == nil && first.regionKey == nil)
  }

  @Test func regionFieldAndCapacity() throws {
    let text =
      "id,kategori,kapacitet,kommun_kod,lon,lat\ns1,health,3,2482,20.9,64.7\ns2,health,,2418,18.7,65.2\n"
    let result = try ServiceLoader.load(
      content: text.bytes, file: "s.csv", options: FieldOptions(regionField: "kommun_kod"))
    #expect(
      result.items == [
        ServicePoint(
          id: "s1", category: "health", location: LonLat(lon: 20.9, lat: 64.7), regionKey: "2482",
          capacity: 3),
        ServicePoint(
          id: "s2", category: "health", location: LonLat(lon: 18.7, lat: 65.2), regionKey: "2418"),
      ])
  }

  @Test func missingCategoryColumn() {
    #expect(
      throws: InputError.missingColumn(
        file: "s.csv", role: .category, requested: nil, lookedFor: FieldRole.category.candidates,
        available: ["id", "lon", "lat"])
    ) {
      try ServiceLoader.load(content: "id,lon,lat\n1,18,65\n".bytes, file: "s.csv")
    }
    #expect(
      InputError.missingColumn(
        file: "s.csv", role: .category, requested: nil, lookedFor: FieldRole.category.candidates,
        available: ["id", "lon", "lat"]
      ).description
        == "s.csv: no category column found (looked for category, kategori, type, amenity); the "
        + "columns are: id, lon, lat. Name it with --category-field.")
  }

  @Test func skipsEmptyCategoriesWhenAsked() throws {
    let result = try ServiceLoader.load(
      content: "category,lon,lat\ngrocery,18,65\n,18,65\nfuel,19,66\n".bytes, file: "s.csv",
      options: FieldOptions(skipInvalid: true))
    #expect(result.items.map(\.category) == ["grocery", "fuel"])
    #expect(result.items.map(\.id) == ["1", "3"])
    #expect(result.skippedSummary == "s.csv: skipped 1 row (1 empty value)")
  }

  @Test func swedenServicesCSV() throws {
    let result = try ServiceLoader.load(file: IOTestPaths.fixture("sweden/services_sweden.csv"))
    #expect(result.items.count == 11_726)
    #expect(result.skipped.isEmpty)
    // The category counts of the data's README.
    var counts: [String: Int] = [:]
    for service in result.items { counts[service.category, default: 0] += 1 }
    #expect(
      counts == [
        "grocery": 3_537, "fuel": 2_931, "atm": 2_641, "pharmacy": 1_361, "parcel": 600,
        "health": 531, "school": 125,
      ])
  }
}

@Suite("RegionLoader")
struct RegionLoaderTests {
  @Test func demoMunicipalities() throws {
    let result = try RegionLoader.load(file: IOTestPaths.demo("kommuner.geojson"))
    #expect(result.items.map(\.id) == ["2417", "2418", "2422", "2482", "2506"])
    #expect(result.items.map(\.name) == ["Norsjö", "Malå", "Sorsele", "Skellefteå", "Arjeplog"])
    #expect(result.warnings.isEmpty)
    // Norsjö has 18 vertices, the ring closed.
    let norsjo = try #require(result.items.first?.polygons.first?.first)
    #expect(norsjo.count == 18 && norsjo.first == norsjo.last)
  }

  @Test func allSwedishMunicipalities() throws {
    let result = try RegionLoader.load(file: IOTestPaths.fixture("sweden/kommuner.geojson"))
    #expect(result.items.count == 290)
    #expect(Set(result.items.map(\.id)).count == 290)
  }

  @Test func explicitFieldsAndFallbacks() throws {
    let square = #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#
    let text = """
      {"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"lan":"24","namn":"A"},"geometry":\(square)},
      {"type":"Feature","properties":{"lan":"25"},"geometry":\(square)},
      {"type":"Feature","properties":{},"geometry":\(square)}
      ]}
      """
    let result = try RegionLoader.load(
      content: text.bytes, file: "r.geojson", options: FieldOptions(idField: "lan"))
    #expect(result.items.map(\.id) == ["24", "25", "3"])
    #expect(result.items.map(\.name) == ["A", "25", "3"])
    // The open ring was closed.
    #expect(result.items[0].polygons[0][0].count == 5)
  }

  @Test func repairsSelfIntersectionWithAWarning() throws {
    let text =
      #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kommun":"Bow"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}}]}"#
    let result = try RegionLoader.load(content: text.bytes, file: "r.geojson")
    #expect(result.items.count == 1)
    #expect(result.items[0].polygons.count == 2)
    #expect(result.warnings.count == 1)
    #expect(
      result.warnings[0].hasPrefix(
        "r.geojson: feature 1 (Bow): invalid polygon repaired with GEOS MakeValid (") == true)
  }

  @Test func pointRegionIsUnsupported() {
    let text =
      #"{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[0,0]}}"#
    #expect(
      throws: InputError.unsupportedGeometry(
        file: "r.geojson", feature: 1, type: "Point", expected: ["Polygon", "MultiPolygon"])
    ) {
      try RegionLoader.load(content: text.bytes, file: "r.geojson")
    }
  }

  @Test func csvRegionsAreRefused() {
    #expect(
      throws: InputError.notGeoJSON(
        file: "r.csv", feature: nil,
        message: "regions must be a GeoJSON file of Polygon or MultiPolygon features")
    ) {
      try RegionLoader.load(content: "id,name\n1,a\n".bytes, file: "r.csv")
    }
  }

  @Test func expectedAreaFromRegions() throws {
    let regions = try RegionLoader.load(file: IOTestPaths.demo("kommuner.geojson")).items
    let box = try #require(LonLatBox(regions: regions))
    #expect(box.minLon > 14.9 && box.maxLon < 21.6 && box.minLat > 64.2 && box.maxLat < 67.2)
  }
}
