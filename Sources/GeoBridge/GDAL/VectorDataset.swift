#if GDAL
  import CGDAL

  /// A GDAL vector dataset open for reading (GeoPackage, Shapefile, OpenStreetMap, …),
  /// closed when the last reference goes.
  package final class VectorDataset {
    let handle: GDALDatasetH

    /// Opens `path` read-only as a vector dataset.
    ///
    /// - Throws: ``GDALFailure`` with GDAL's reason when it cannot be opened.
    package init(path: String) throws(GDALFailure) {
      GDALQuiet.registerDrivers()
      // GDALOpenEx: NULL when the file cannot be opened; the handle is ours to close.
      let opened = GDALQuiet.run {
        GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil)
      }
      guard let handle = opened.value else {
        throw .open(message: opened.message)
      }
      self.handle = handle
    }

    deinit { GDALClose(handle) }

    /// The layer names, in file order.
    package var layerNames: [String] {
      (0..<GDALDatasetGetLayerCount(handle)).compactMap { index in
        GDALDatasetGetLayer(handle, index).map { String(cString: OGR_L_GetName($0)) }
      }
    }

    /// The layer called `name`; nil when there is none.
    package func layer(named name: String) -> VectorLayer? {
      // The layer belongs to the dataset; VectorLayer keeps the dataset alive.
      GDALDatasetGetLayerByName(handle, name).map { VectorLayer(dataset: self, handle: $0) }
    }

    /// The layer at `index` (file order); nil beyond the last.
    package func layer(at index: Int) -> VectorLayer? {
      GDALDatasetGetLayer(handle, Int32(index)).map { VectorLayer(dataset: self, handle: $0) }
    }

    /// Every feature in the order the file holds them, whatever its layer: the one pass
    /// GDAL's OpenStreetMap driver reads well.
    ///
    /// - Parameter body: Called with the feature's layer; the feature is valid only
    ///   during the call.
    /// - Returns: How many features were read, and GDAL's last error message.
    package func forEachFeatureInFileOrder(_ body: (VectorLayer, VectorFeature) -> Void) -> (
      count: Int, message: String?
    ) {
      let reading = GDALQuiet.run { () -> Int in
        var count = 0
        var layerHandle: OGRLayerH?
        // GDALDatasetGetNextFeature: the feature is ours to destroy; NULL at the end.
        while let feature = GDALDatasetGetNextFeature(handle, &layerHandle, nil, nil, nil) {
          defer { OGR_F_Destroy(feature) }
          guard let layerHandle else { continue }
          count += 1
          body(VectorLayer(dataset: self, handle: layerHandle), VectorFeature(handle: feature))
        }
        return count
      }
      return (reading.value, reading.message)
    }
  }
#endif
