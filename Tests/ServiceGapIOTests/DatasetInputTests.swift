#if GDAL
  import Foundation
  import ServiceGap
  import Testing

  @testable import ServiceGapIO

  /// GeoPackage layers and OpenStreetMap extracts, read through GDAL, against the same
  /// data as GeoJSON.
  ///
  /// The GeoPackage fixture was written by ogr2ogr (`fixtures/gpkg/make.sh`).
  @Suite("GDAL inputs: GeoPackage and OpenStreetMap")
  struct DatasetInputTests {
    static let gpkg = IOTestPaths.fixture("gpkg/inputs.gpkg")

    private func message(_ body: () throws -> Void) -> String? {
      do {
        try body()
        return nil
      } catch {
        return (error as? InputError)?.description ?? "\(error)"
      }
    }

    @Test("population, services and regions from GeoPackage layers equal the GeoJSON files")
    func geoPackageLayersEqualGeoJSON() throws {
      let options = FieldOptions(regionField: "kommun_kod")
      let units = try PopulationLoader.load(
        file: IOTestPaths.demo("population_tatorter_2020.geojson"), options: options)
      let fromLayer = try PopulationLoader.load(file: Self.gpkg + ":population", options: options)
      #expect(fromLayer.items == units.items)
      #expect(fromLayer.sourceCRS == "EPSG:4326")

      // The same points stored in SWEREF 99 TM come back within a micrometre-sized angle.
      let sweref = try PopulationLoader.load(
        file: Self.gpkg + ":population_sweref", options: options)
      #expect(sweref.sourceCRS == "EPSG:3006")
      #expect(sweref.items.map(\.id) == units.items.map(\.id))
      for (a, b) in zip(sweref.items, units.items) {
        #expect(abs(a.location.lon - b.location.lon) < 1e-8, "\(a.id)")
        #expect(abs(a.location.lat - b.location.lat) < 1e-8, "\(a.id)")
        #expect(a.population == b.population && a.regionKey == b.regionKey)
      }

      let services = try ServiceLoader.load(file: IOTestPaths.demo("services.geojson"))
      #expect(try ServiceLoader.load(file: Self.gpkg + ":services").items == services.items)

      let regions = try RegionLoader.load(file: IOTestPaths.demo("kommuner.geojson"))
      let regionLayer = try RegionLoader.load(file: Self.gpkg + ":regions")
      #expect(regionLayer.items.map(\.id) == regions.items.map(\.id))
      #expect(regionLayer.items == regions.items)
    }

    @Test("roads from a GeoPackage layer equal the GeoJSON file")
    func geoPackageRoads() throws {
      let roads = try RoadLoader.load(file: IOTestPaths.fixture("roads/samsoe_roads.geojson"))
      let layer = try RoadLoader.load(file: Self.gpkg + ":roads_samsoe")
      #expect(layer.items.count == 1_286)
      #expect(layer.items == roads.items)
    }

    @Test("a multi-layer file needs a layer name; a wrong one lists the layers")
    func layerChoice() {
      let layers =
        "'population', 'population_sweref', 'services', 'regions', 'regions_sweref', "
        + "'roads_samsoe'"
      #expect(
        message { _ = try PopulationLoader.load(file: Self.gpkg) }
          == "\(Self.gpkg): it has 6 layers (\(layers)); name the one to read, as "
          + "\(Self.gpkg):population.")
      #expect(
        message { _ = try PopulationLoader.load(file: Self.gpkg + ":people") }
          == "\(Self.gpkg):people: no layer 'people'; its layers are \(layers). Write "
          + "\(Self.gpkg):LAYER with one of them.")
      #expect(
        message { _ = try PopulationLoader.load(file: "missing.gpkg:units") }
          == "missing.gpkg: file not found. Check the path (relative paths start from the "
          + "current directory).")
    }

    @Test("a file that is not a GeoPackage says so and what to check")
    func notAGeoPackage() throws {
      let folder = try IOTestPaths.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let fake = folder.appendingPathComponent("units.gpkg").path
      try Data("id,population\n1,2\n".utf8).write(to: URL(fileURLWithPath: fake))
      let text = message { _ = try PopulationLoader.load(file: fake) } ?? ""
      #expect(text.hasPrefix("\(fake): GDAL cannot open it as a vector file ("), "\(text)")
      #expect(
        text.hasSuffix("Check that it is a complete GeoPackage, Shapefile or OpenStreetMap file."))
    }

    @Test("OSM services of central Helsinki equal the independently extracted points")
    func helsinkiServices() throws {
      let loaded = try ServiceLoader.load(
        file: IOTestPaths.fixture("osm/helsinki_centre.osm.pbf"))
      let reference = try GeoJSONReader.read(
        file: IOTestPaths.fixture("osm/helsinki_centre_services.geojson"))
      #expect(loaded.items.count == 52)
      #expect(reference.features.count == 52)
      var byID: [String: ServicePoint] = [:]
      for service in loaded.items { byID["\(service.id)|\(service.category)"] = service }
      for feature in reference.features {
        guard case .string(let type)? = feature.properties["osm_type"],
          let id = feature.properties["osm_id"]?.text,
          case .string(let category)? = feature.properties["category"],
          case .point(let position)? = feature.geometry
        else {
          Issue.record("reference feature \(feature.number) is malformed")
          continue
        }
        let service = try #require(byID["\(type)/\(id)|\(category)"], "\(type)/\(id) \(category)")
        #expect(service.name == feature.properties["name"]?.text ?? "")
        let metres =
          geodesicDistanceMeters(
            from: service.location, to: LonLat(lon: position.x, lat: position.y))
        // Nodes are exact; areas are reduced to a point inside by another rule (shapely's
        // representative_point against our centroid-if-inside), so they differ by metres.
        if type == "node" {
          #expect(metres < 1e-6, "\(type)/\(id)")
        } else {
          #expect(metres < 25, "\(type)/\(id): \(metres) m")
        }
      }
    }

    @Test("--osm-service rules replace a category's defaults")
    func customRules() throws {
      var options = FieldOptions()
      options.osmServiceTags = OSMServiceTags.defaults.replacing(with: [
        OSMServiceTags.Rule(category: "atm", key: "amenity", values: ["atm"]),
        OSMServiceTags.Rule(category: "cafe", key: "amenity", values: ["cafe"]),
      ])
      let loaded = try ServiceLoader.load(
        file: IOTestPaths.fixture("osm/helsinki_centre.osm.pbf"), options: options)
      let counts = Dictionary(grouping: loaded.items, by: \.category).mapValues(\.count)
      #expect(counts["atm"] == 18, "the two banks tagged atm=yes no longer count")
      #expect((counts["cafe"] ?? 0) > 20)
      #expect(counts["grocery"] == 15)
    }

    @Test("OSM car roads of Samsø equal the GeoJSON export of the same ways")
    func samsoeRoads() throws {
      let geojson = try RoadLoader.load(file: IOTestPaths.fixture("roads/samsoe_roads.geojson"))
      let osm = try RoadLoader.load(file: IOTestPaths.fixture("osm/samsoe_car_highways.osm.pbf"))
      // The extract has 1,298 ways; 8 closed to cars (access, motor_vehicle or motorcar no
      // or private) and 4 closed ways that GDAL reads as areas are not roads.
      #expect(osm.items.count == 1_286)
      #expect(Set(osm.items) == Set(geojson.items))
    }

    @Test("an OSM extract gives services and roads, not population")
    func osmIsNotPopulation() {
      let file = IOTestPaths.fixture("osm/helsinki_centre.osm.pbf")
      #expect(
        message { _ = try PopulationLoader.load(file: file) }
          == "\(file): an OpenStreetMap extract gives services (--services) and roads "
          + "(--roads), not population. Give the population as CSV, GeoJSON or GeoPackage.")
    }
  }
#endif
