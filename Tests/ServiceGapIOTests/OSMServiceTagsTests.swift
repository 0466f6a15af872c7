import Testing

@testable import ServiceGapIO

@Suite("OpenStreetMap tags and dataset paths")
struct OSMServiceTagsTests {
  @Test("GDAL's other_tags hstore text, with escapes")
  func hstore() {
    let tags = OSMTags.parse(
      hstore: #""amenity"=>"atm","name"=>"Say \"cheese\"","note"=>"a\\b","k=>v"=>"x,y""#)
    #expect(
      tags == ["amenity": "atm", "name": #"Say "cheese""#, "note": #"a\b"#, "k=>v": "x,y"])
    #expect(OSMTags.parse(hstore: "").isEmpty)
    #expect(OSMTags.parse(hstore: #""a"=>"1","broken"#) == ["a": "1"])
  }

  @Test("rules parse, print back and match; a given rule replaces its category's defaults")
  func rules() throws {
    let rule = try #require(OSMServiceTags.Rule(parsing: "grocery: shop = supermarket|greengrocer"))
    #expect(
      rule == .init(category: "grocery", key: "shop", values: ["supermarket", "greengrocer"]))
    #expect(rule.description == "grocery:shop=supermarket|greengrocer")
    let any = try #require(OSMServiceTags.Rule(parsing: "bank:amenity=*"))
    #expect(any.values.isEmpty && any.description == "bank:amenity=*")
    for bad in ["grocery", "grocery:shop", "shop=supermarket", ":shop=x", "grocery:=x", "g:shop="] {
      #expect(OSMServiceTags.Rule(parsing: bad) == nil, "\(bad)")
    }
    let mapping = OSMServiceTags.defaults.replacing(with: [rule, any])
    #expect(mapping.rules.filter { $0.category == "grocery" } == [rule])
    #expect(mapping.rules.contains { $0.category == "fuel" })
    let found = mapping.categories(of: ["shop": "greengrocer", "amenity": "bank", "atm": "yes"])
    #expect(found.map(\.category) == ["atm", "grocery", "bank"])
    #expect(found.map(\.subcategory) == ["yes", "greengrocer", "bank"])
    #expect(OSMServiceTags.defaults.categories(of: ["shop": "greengrocer"]).isEmpty)
  }

  @Test("dataset paths: GeoPackage layers and OSM extracts; CSV and GeoJSON are not")
  func paths() throws {
    let layer = try #require(DatasetPath("data/in.v2/inputs.GPKG:units"))
    #expect(layer.file == "data/in.v2/inputs.GPKG" && layer.layer == "units")
    #expect(layer.kind == .layers)
    #expect(DatasetPath("inputs.gpkg")?.layer == nil)
    #expect(DatasetPath("a:b/inputs.gpkg:x:y")?.file == "a:b/inputs.gpkg")
    #expect(DatasetPath("a:b/inputs.gpkg:x:y")?.layer == "x:y")
    #expect(DatasetPath("roads.shp")?.kind == .layers)
    #expect(DatasetPath("sweden-latest.osm.pbf")?.kind == .openStreetMap)
    #expect(DatasetPath("inputs.gpkg:") == nil)
    for plain in ["units.csv", "units.geojson", "gpkg.csv", "units.json"] {
      #expect(DatasetPath(plain) == nil, "\(plain)")
    }
  }

  @Test("--out targets: folder, GeoPackage, PostGIS; passwords hidden in messages")
  func outputTargets() {
    #expect(OutputTarget("out/demo") == .directory("out/demo"))
    #expect(OutputTarget("out/demo.GPKG") == .geoPackage("out/demo.GPKG"))
    #expect(OutputTarget("postgresql:///db") == .postGIS("postgresql:///db"))
    #expect(OutputTarget("PG:dbname=x") == .postGIS("PG:dbname=x"))
    #expect(
      OutputTarget("postgresql://ann:s3cret@db.example:5432/gis").displayName
        == "postgresql://ann:***@db.example:5432/gis")
    #expect(OutputTarget("postgresql://ann@host/gis").displayName == "postgresql://ann@host/gis")
  }
}
