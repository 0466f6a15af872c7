#if GDAL
  import Foundation
  import Testing

  @testable import ServiceGapIO

  /// The GeoPackage export on a small hand-made output set, read back with our GDAL reader.
  @Suite("DatasetExport to GeoPackage")
  struct DatasetExportTests {
    @Test("layers, typed tables, whole files and QGIS default styles")
    func smallSet() throws {
      let folder = try IOTestPaths.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let set = folder.appendingPathComponent("set")
      try FileManager.default.createDirectory(at: set, withIntermediateDirectories: true)
      let files: [String: String] = [
        "units.geojson": """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"a","population":12,"grocery_dist_m":1500.5},
         "geometry":{"type":"Point","coordinates":[18.5,64.25]}},
        {"type":"Feature","properties":{"id":"b","population":7,"grocery_dist_m":null},
         "geometry":{"type":"Point","coordinates":[18.75,64.5]}}]}
        """,
        "zones.geojson": """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"region":"0114"},
         "geometry":{"type":"Polygon","coordinates":[[[18,64],[19,64],[19,65],[18,64]]]}}]}
        """,
        "summary.csv": "region,category,population,share\n0114,grocery,19,0.25\n2480,atm,7,\n",
        "units.qml": "<!DOCTYPE qgis><qgis version=\"3.22\"><renderer-v2/></qgis>",
        "run.json": "{\"servicegap\":{}}",
      ]
      for (name, text) in files {
        try Data(text.utf8).write(to: set.appendingPathComponent(name))
      }
      let gpkg = folder.appendingPathComponent("out.gpkg").path
      try DatasetExport.export(
        folder: set, to: .geoPackage(gpkg), runID: "run_test", command: "analyze")

      let units = try LayerReader.document(try #require(DatasetPath(gpkg + ":units")), file: gpkg)
      #expect(units.features.count == 2)
      #expect(units.features[0].properties["grocery_dist_m"] == .number(1500.5))
      #expect(units.features[1].properties["grocery_dist_m"] == .null)
      #expect(units.features[1].geometry == .point(GeoJSONPosition(x: 18.75, y: 64.5)))
      #expect(units.declaredCRS == "EPSG:4326")

      let summary = try LayerReader.document(
        try #require(DatasetPath(gpkg + ":summary")), file: gpkg)
      #expect(
        summary.features.map { $0.properties["region"] } == [.string("0114"), .string("2480")])
      #expect(summary.features.map { $0.properties["population"] } == [.number(19), .number(7)])
      #expect(summary.features.map { $0.properties["share"] } == [.number(0.25), .null])
      #expect(summary.features.allSatisfy { $0.geometry == nil })

      let kept = try LayerReader.document(
        try #require(DatasetPath(gpkg + ":servicegap_files")), file: gpkg)
      #expect(kept.features.map { $0.properties["name"] } == [.string("run.json")])
      #expect(kept.features.first?.properties["run_id"] == .string("run_test"))

      let styles = try LayerReader.document(
        try #require(DatasetPath(gpkg + ":layer_styles")), file: gpkg)
      #expect(styles.features.count == 1)
      let style = try #require(styles.features.first?.properties)
      #expect(style["f_table_name"] == .string("units"))
      #expect(style["f_geometry_column"] == .string("geom"))
      #expect(style["useAsDefault"] == .bool(true))
      #expect(style["styleQML"] == .string(files["units.qml"] ?? ""))

      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      #expect(names == ["out.gpkg", "set"], "no partial GeoPackage left behind")
    }

    @Test("a GeoPackage in a missing folder fails with the path and leaves nothing")
    func unwritable() throws {
      let folder = try IOTestPaths.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      try Data("a,b\n1,2\n".utf8).write(to: folder.appendingPathComponent("t.csv"))
      #expect(throws: ExportError.self) {
        try DatasetExport.export(
          folder: folder, to: .geoPackage("/nonexistent-folder/out.gpkg"), runID: "r",
          command: "analyze")
      }
    }
  }
#endif
