#if GDAL
  internal import GeoBridge
  import ServiceGap

  /// Reads services and roads from an OpenStreetMap extract (`.osm.pbf` or `.osm`)
  /// through GDAL's OSM driver, in one pass over the file.
  ///
  /// **Services**: tagged nodes (GDAL's `points` layer) and areas, meaning closed ways and
  /// multipolygon relations (`multipolygons`), whose tags match an ``OSMServiceTags``
  /// rule. Areas keep their polygon, which the service loader reduces to a point inside
  /// it, as it does for any GeoJSON polygon. Properties: `id` (`node/123`, `way/45`,
  /// `relation/6`), `osm_type`, `osm_id`, `category`, `subcategory` (the matched value),
  /// `name`, `brand`, `operator`.
  ///
  /// **Roads**: by car, ways (`lines`) with a ``carHighways`` class, unless `access`,
  /// `motor_vehicle` or `motorcar` is `no` or `private` or the way is an `area=yes`
  /// square. Properties: `osm_id`, `highway`, `maxspeed`, `oneway`, `junction`, `name`.
  /// Walking and cycling take the ways with an ``activeHighways`` class instead (not
  /// `area=yes`), closed to cars or not, and add the properties `foot`, `bicycle`,
  /// `access`, `oneway:bicycle` and `motorroad`, from which the profile chooses the ways
  /// its traveller may use (``TravelProfile``). Ways need not be split at junctions: the
  /// graph joins every shared node.
  enum OSMReader {
    /// `highway` classes open to cars (and their `_link` ramps).
    static let carHighways: Set<String> = [
      "motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
      "living_street", "service", "road", "motorway_link", "trunk_link", "primary_link",
      "secondary_link", "tertiary_link",
    ]

    /// The `highway` classes a pedestrian or cyclist may find open.
    ///
    /// The car classes but motorways, and the ways for people on foot, on bicycles and
    /// on horseback. Which of
    /// them a walk or a ride may use is the profile's choice (steps and footways, say, are
    /// for walking only unless `bicycle` opens them).
    static let activeHighways: Set<String> = carHighways.subtracting([
      "motorway", "motorway_link",
    ]).union([
      "footway", "path", "pedestrian", "steps", "cycleway", "track", "bridleway", "corridor",
    ])

    /// The OpenStreetMap keys walking and cycling read, kept as road properties.
    static let travelKeys = ["foot", "bicycle", "access", "oneway:bicycle", "motorroad"]

    /// Values of `access`, `motor_vehicle` or `motorcar` that close a way to cars.
    static let closedToCars: Set<String> = ["no", "private"]

    static func services(_ path: DatasetPath, file: String, tags mapping: OSMServiceTags)
      throws(InputError) -> GeoJSONDocument
    {
      var features: [GeoJSONFeature] = []
      try forEachFeature(path, file: file) { layer, tags, osmID, feature in
        let type: String
        switch layer {
        case "points": type = "node"
        case "multipolygons":
          type = tags.wayID != nil ? "way" : "relation"
        default: return
        }
        let matches = mapping.categories(of: tags.all)
        guard !matches.isEmpty else { return }
        let id = tags.wayID ?? osmID
        let geometry = VectorReading.geometry(feature.geometry)
        for match in matches {
          features.append(
            GeoJSONFeature(
              number: features.count + 1,
              properties: [
                "id": .string("\(type)/\(id)"), "osm_type": .string(type),
                "osm_id": .string(id), "category": .string(match.category),
                "subcategory": .string(match.subcategory), "name": text(tags.all["name"]),
                "brand": text(tags.all["brand"]), "operator": text(tags.all["operator"]),
              ], geometry: geometry))
        }
      }
      guard !features.isEmpty else {
        throw .dataset(
          file: file,
          message: "no node or area carries the service tags ("
            + mapping.rules.map(\.description).joined(separator: ", ")
            + "). Check that the extract covers the area, or give rules with --osm-service.")
      }
      return GeoJSONDocument(
        file: file, declaredCRS: CRSName.wgs84, features: features,
        propertyNames: [
          "id", "osm_type", "osm_id", "category", "subcategory", "name", "brand", "operator",
        ])
    }

    static func roads(_ path: DatasetPath, file: String, profile: TravelProfile = .car)
      throws(InputError) -> GeoJSONDocument
    {
      guard profile != .car else { return try carRoads(path, file: file) }
      var features: [GeoJSONFeature] = []
      try forEachFeature(path, file: file) { layer, tags, osmID, feature in
        guard layer == "lines", let highway = tags.all["highway"],
          activeHighways.contains(highway), tags.all["area"] != "yes"
        else { return }
        var properties: [String: JSONValue] = [
          "osm_id": .string(osmID), "highway": .string(highway),
          "maxspeed": text(tags.all["maxspeed"]), "oneway": text(tags.all["oneway"]),
          "junction": text(tags.all["junction"]), "name": text(tags.all["name"]),
        ]
        for key in travelKeys { properties[key] = text(tags.all[key]) }
        features.append(
          GeoJSONFeature(
            number: features.count + 1, properties: properties,
            geometry: VectorReading.geometry(feature.geometry)))
      }
      guard !features.isEmpty else {
        throw .dataset(
          file: file,
          message: "no way a pedestrian or cyclist may use (highway = "
            + activeHighways.sorted().joined(separator: ", ")
            + "). Check that the extract covers the area and keeps its highways and paths.")
      }
      return GeoJSONDocument(
        file: file, declaredCRS: CRSName.wgs84, features: features,
        propertyNames: ["osm_id", "highway", "maxspeed", "oneway", "junction", "name"]
          + travelKeys)
    }

    /// The roads open to cars.
    private static func carRoads(_ path: DatasetPath, file: String) throws(InputError)
      -> GeoJSONDocument
    {
      var features: [GeoJSONFeature] = []
      try forEachFeature(path, file: file) { layer, tags, osmID, feature in
        guard layer == "lines", let highway = tags.all["highway"],
          carHighways.contains(highway), tags.all["area"] != "yes",
          !["access", "motor_vehicle", "motorcar"].contains(where: {
            tags.all[$0].map(closedToCars.contains) ?? false
          })
        else { return }
        features.append(
          GeoJSONFeature(
            number: features.count + 1,
            properties: [
              "osm_id": .string(osmID), "highway": .string(highway),
              "maxspeed": text(tags.all["maxspeed"]), "oneway": text(tags.all["oneway"]),
              "junction": text(tags.all["junction"]), "name": text(tags.all["name"]),
            ],
            geometry: VectorReading.geometry(feature.geometry)))
      }
      guard !features.isEmpty else {
        throw .dataset(
          file: file,
          message: "no way open to cars (highway = "
            + carHighways.sorted().joined(separator: ", ")
            + "). Check that the extract covers the area and keeps its highways.")
      }
      return GeoJSONDocument(
        file: file, declaredCRS: CRSName.wgs84, features: features,
        propertyNames: ["osm_id", "highway", "maxspeed", "oneway", "junction", "name"])
    }

    private static func text(_ value: String?) -> JSONValue {
      value.map(JSONValue.string) ?? .null
    }

    /// The tags of one OSM feature: GDAL's own columns plus `other_tags`.
    struct Tags {
      var all: [String: String]
      /// The way id of an area made from a closed way; nil for relations and others.
      var wayID: String?
    }

    /// Columns of GDAL's OSM layers that are bookkeeping, not tags.
    private static let bookkeeping: Set<String> = [
      "osm_id", "osm_way_id", "other_tags", "all_tags", "z_order", "osm_version",
      "osm_timestamp", "osm_uid", "osm_user", "osm_changeset",
    ]

    /// Calls `body` with every feature of every layer, read in one interleaved pass.
    private static func forEachFeature(
      _ path: DatasetPath, file: String,
      _ body: (_ layer: String, _ tags: Tags, _ osmID: String, _ feature: VectorFeature) -> Void
    ) throws(InputError) {
      let dataset = try VectorReading.open(path: path.file, file: file)
      var fieldsByLayer: [String: [VectorField]] = [:]
      let reading = dataset.forEachFeatureInFileOrder { layer, feature in
        let name = layer.name
        let fields =
          fieldsByLayer[name]
          ?? {
            let fields = layer.fields
            fieldsByLayer[name] = fields
            return fields
          }()
        var tags = Tags(all: [:], wayID: nil)
        var osmID = ""
        for (index, field) in fields.enumerated() {
          guard let value = feature.text(at: index) else { continue }
          switch field.name {
          case "osm_id": osmID = value
          case "osm_way_id": tags.wayID = value
          case "other_tags": tags.all.merge(OSMTags.parse(hstore: value)) { own, _ in own }
          case let name where bookkeeping.contains(name): break
          default: tags.all[field.name] = value
          }
        }
        body(name, tags, osmID, feature)
      }
      if reading.count == 0 {
        throw .dataset(
          file: file,
          message: "GDAL read no OpenStreetMap data from it ("
            + (reading.message ?? "empty or not OSM") + "). Check that it is an .osm.pbf "
            + "or .osm extract.")
      }
    }
  }
#endif
