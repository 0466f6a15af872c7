#if GDAL
  import CGDAL

  /// Reads one layer of a GDAL vector file (GeoPackage, Shapefile, …) as a GeoJSON document.
  ///
  /// Fields become properties with their types (integers and reals as numbers, booleans,
  /// dates as ISO 8601 text); the feature id (GeoPackage `fid`) is the feature's id, used
  /// when no id column is found; features are numbered from 1 in layer order, as in
  /// GeoJSON. The layer's CRS is the document's declared CRS.
  enum LayerReader {
    static func document(_ path: DatasetPath, file: String) throws(InputError) -> GeoJSONDocument {
      let dataset = try GDALVectorDataset(path: path.file, file: file)
      // The layer belongs to the dataset: keep the dataset open until the last read
      // (Swift may release an object right after its last use).
      return try withExtendedLifetime(dataset) { () throws(InputError) -> GeoJSONDocument in
        try document(of: dataset, path, file: file)
      }
    }

    private static func document(
      of dataset: GDALVectorDataset, _ path: DatasetPath, file: String
    ) throws(InputError) -> GeoJSONDocument {
      let layer = try dataset.layer(named: path.layer, path: path.file)
      let fields = OGRFeatureReading.fields(of: layer)
      var features: [GeoJSONFeature] = []
      OGR_L_ResetReading(layer)
      while let feature = OGR_L_GetNextFeature(layer) {
        defer { OGR_F_Destroy(feature) }
        var properties: [String: JSONValue] = [:]
        for (index, field) in fields.enumerated() {
          properties[field.name] = OGRFeatureReading.value(feature, Int32(index), field)
        }
        let fid = OGR_F_GetFID(feature)
        features.append(
          GeoJSONFeature(
            number: features.count + 1, id: fid >= 0 ? .number(Double(fid)) : nil,
            properties: properties,
            geometry: OGRFeatureReading.geometry(OGR_F_GetGeometryRef(feature))))
      }
      guard !features.isEmpty else {
        throw .dataset(
          file: file,
          message: "layer '\(String(cString: OGR_L_GetName(layer)))' has no features. "
            + "Check the layer name.")
      }
      return GeoJSONDocument(
        file: file, declaredCRS: OGRFeatureReading.crs(of: layer).map(CRSName.normalize),
        features: features,
        propertyNames: fields.map(\.name))
    }
  }
#endif
