import ServiceGap

/// What a loader wants from a dataset (a GeoPackage layer or an OpenStreetMap extract).
enum DatasetRole {
  case population
  case services(OSMServiceTags)
  case regions
  /// The ways the profile may use (an OpenStreetMap extract's car roads, or also its
  /// footways, paths and cycleways).
  case roads(TravelProfile)

  /// The input's name in messages.
  var noun: String {
    switch self {
    case .population: return "population"
    case .services: return "services"
    case .regions: return "regions"
    case .roads: return "roads"
    }
  }
}

/// Reads GDAL datasets into the GeoJSON model, which every loader already understands.
enum DatasetInput {
  /// The features of `file` when it is a dataset path (``DatasetPath``); nil otherwise.
  ///
  /// - Throws: ``InputError`` when the file cannot serve `role`, GDAL cannot read it, or
  ///   this build has no GDAL.
  static func document(file: String, role: DatasetRole) throws(InputError) -> GeoJSONDocument? {
    guard let path = DatasetPath(file) else { return nil }
    #if GDAL
      switch (path.kind, role) {
      case (.layers, _):
        return try LayerReader.document(path, file: file)
      case (.openStreetMap, .services(let tags)):
        return try OSMReader.services(path, file: file, tags: tags)
      case (.openStreetMap, .roads(let profile)):
        return try OSMReader.roads(path, file: file, profile: profile)
      case (.raster, _):
        throw .dataset(
          file: file,
          message: "a raster gives population cells (--population), not \(role.noun). Give "
            + "the \(role.noun) as CSV, GeoJSON or GeoPackage.")
      case (.openStreetMap, .population), (.openStreetMap, .regions):
        throw .dataset(
          file: file,
          message: "an OpenStreetMap extract gives services (--services) and roads "
            + "(--roads), not \(role.noun). Give the \(role.noun) as CSV, GeoJSON or "
            + "GeoPackage.")
      }
    #else
      let kind =
        switch path.kind {
        case .openStreetMap: "OpenStreetMap"
        case .raster: "GeoTIFF and other raster"
        case .layers: "GeoPackage and other GDAL"
        }
      throw .dataset(
        file: file,
        message: "this servicegap was built without GDAL, which reads \(kind) files. "
          + "Rebuild with `swift build -c release --traits GDAL` (`make build` does), or "
          + "convert the file to GeoJSON first (ogr2ogr out.geojson \(path.file)).")
    #endif
  }
}
