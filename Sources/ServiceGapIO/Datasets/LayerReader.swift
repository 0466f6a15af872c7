#if GDAL
  internal import GeoBridge

  /// Reads one layer of a GDAL vector file (GeoPackage, Shapefile, …) as a GeoJSON document.
  ///
  /// Fields become properties with their types (integers and reals as numbers, booleans,
  /// dates as ISO 8601 text); the feature id (GeoPackage `fid`) is the feature's id, used
  /// when no id column is found; features are numbered from 1 in layer order, as in
  /// GeoJSON. The layer's CRS is the document's declared CRS.
  enum LayerReader {
    static func document(_ path: DatasetPath, file: String) throws(InputError) -> GeoJSONDocument {
      let dataset = try VectorReading.open(path: path.file, file: file)
      let layer = try VectorReading.layer(
        of: dataset, named: path.layer, path: path.file, file: file)
      let fields = layer.fields
      var features: [GeoJSONFeature] = []
      layer.forEachFeature { feature in
        var properties: [String: JSONValue] = [:]
        for (index, field) in fields.enumerated() {
          properties[field.name] = VectorReading.property(feature.value(at: index, of: field))
        }
        features.append(
          GeoJSONFeature(
            number: features.count + 1, id: feature.id.map { .number(Double($0)) },
            properties: properties, geometry: VectorReading.geometry(feature.geometry)))
      }
      guard !features.isEmpty else {
        throw .dataset(
          file: file, message: "layer '\(layer.name)' has no features. Check the layer name.")
      }
      return GeoJSONDocument(
        file: file, declaredCRS: layer.crs.map(CRSName.normalize), features: features,
        propertyNames: fields.map(\.name))
    }
  }
#endif
