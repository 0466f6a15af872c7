#if GDAL
  import CGDAL

  /// A GDAL raster dataset open for reading (GeoTIFF, ESRI ASCII grid, VRT, …), closed when
  /// the last reference goes.
  ///
  /// Only band 1 is read: a population raster holds one value per cell. Values come as
  /// `Double` whatever the band's type, so callers need one code path for Byte, Int32 and
  /// Float32 files.
  package final class RasterDataset {
    let handle: GDALDatasetH
    /// Band 1; borrowed from the dataset (GDAL frees it with the dataset), so it is valid as
    /// long as `handle` is.
    let band: GDALRasterBandH

    /// Opens `path` read-only as a raster dataset.
    ///
    /// - Throws: ``GDALFailure/open(message:)`` with GDAL's reason when it cannot be opened
    ///   or has no band.
    package init(path: String) throws(GDALFailure) {
      GDALQuiet.registerDrivers()
      // GDALOpenEx: NULL when the file cannot be opened; the handle is ours to close.
      let opened = GDALQuiet.run {
        GDALOpenEx(path, UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY), nil, nil, nil)
      }
      guard let handle = opened.value else {
        throw .open(message: opened.message)
      }
      // GDALGetRasterBand: NULL (with an error) when there is no band 1.
      guard GDALGetRasterCount(handle) > 0, let band = GDALGetRasterBand(handle, 1) else {
        GDALClose(handle)
        throw .open(message: "the raster has no band")
      }
      self.handle = handle
      self.band = band
    }

    deinit { GDALClose(handle) }

    /// Columns (cells per row).
    package var width: Int { Int(GDALGetRasterXSize(handle)) }

    /// Rows.
    package var height: Int { Int(GDALGetRasterYSize(handle)) }

    /// How many bands the file has (only band 1 is read).
    package var bandCount: Int { Int(GDALGetRasterCount(handle)) }

    /// The affine transform from (column, row) to map coordinates, in GDAL's order
    /// `[x0, x per column, x per row, y0, y per column, y per row]`, of the cell corner;
    /// nil when the file has none (an ungeoreferenced image, or ground control points only).
    package var geoTransform: [Double]? {
      var transform = [Double](repeating: 0, count: 6)
      // GDALGetGeoTransform: CE_Failure (and the identity) when the file has no transform.
      let status = transform.withUnsafeMutableBufferPointer {
        GDALGetGeoTransform(handle, $0.baseAddress)
      }
      return status == CE_None ? transform : nil
    }

    /// The CRS as WKT; nil when the file declares none.
    package var crsWKT: String? {
      // GDALGetProjectionRef: borrowed; an empty string when there is no CRS.
      guard let text = GDALGetProjectionRef(handle) else { return nil }
      let wkt = String(cString: text)
      return wkt.isEmpty ? nil : wkt
    }

    /// The CRS as `AUTHORITY:CODE` (such as `EPSG:3006`) when the file names one or GDAL
    /// finds exactly one EPSG CRS equal to it; nil otherwise (then use ``crsWKT``).
    ///
    /// An ESRI `.prj` (beside an ASCII grid) carries no code, so the short name in
    /// messages and outputs comes from GDAL's catalogue search.
    package var crsCode: String? {
      // GDALGetSpatialRef: borrowed from the dataset; NULL without a CRS.
      guard let reference = GDALGetSpatialRef(handle) else { return nil }
      if let authority = OSRGetAuthorityName(reference, nil),
        let code = OSRGetAuthorityCode(reference, nil)
      {
        return "\(String(cString: authority)):\(String(cString: code))"
      }
      return Self.onlyMatch(of: reference)
    }

    /// The CRS's own name (such as `SWEREF99 TM`), for messages; nil without a CRS.
    package var crsName: String? {
      // OSRGetName: borrowed from the reference; NULL when it has no name.
      guard let reference = GDALGetSpatialRef(handle), let name = OSRGetName(reference) else {
        return nil
      }
      return String(cString: name)
    }

    /// The one catalogue CRS GDAL judges fully equal (confidence 100) to `reference`.
    private static func onlyMatch(of reference: OGRSpatialReferenceH) -> String? {
      var count: Int32 = 0
      var confidences: UnsafeMutablePointer<Int32>?
      // OSRFindMatches: an array of new references (OSRFreeSRSArray) and of confidences
      // (VSIFree); NULL when nothing matches.
      let found = GDALQuiet.run { OSRFindMatches(reference, nil, &count, &confidences) }
      guard let matches = found.value else { return nil }
      defer {
        OSRFreeSRSArray(matches)
        VSIFree(confidences)
      }
      var best: [String] = []
      for index in 0..<Int(count) where confidences?[index] == 100 {
        guard let match = matches[index], let authority = OSRGetAuthorityName(match, nil),
          let code = OSRGetAuthorityCode(match, nil)
        else { continue }
        best.append("\(String(cString: authority)):\(String(cString: code))")
      }
      return best.count == 1 ? best[0] : nil
    }

    /// Whether the file's CRS is the one `definition` names (`EPSG:3006`, WKT, a PROJ
    /// string); false when the file has none or GDAL cannot read `definition`.
    package func hasCRS(equalTo definition: String) -> Bool {
      guard let reference = GDALGetSpatialRef(handle) else { return false }
      // OSRNewSpatialReference: ours to release with OSRDestroySpatialReference.
      guard let other = OSRNewSpatialReference(nil) else { return false }
      defer { OSRDestroySpatialReference(other) }
      let parsed = GDALQuiet.run { OSRSetFromUserInput(other, definition) }
      guard parsed.value == OGRERR_NONE else { return false }
      // The raster's reference reads x/y as easting/northing whatever the CRS's axis order;
      // one made from `EPSG:4326` follows the authority's latitude-first order. Both are the
      // same CRS, so the axis mappings must not count.
      var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
      list = CSLAddString(list, "IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES")
      list = CSLAddString(list, "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS")
      defer { CSLDestroy(list) }
      // OSRIsSameEx reads the list as `const char* const*`: the same pointers, read-only.
      let options = list.map {
        UnsafeRawPointer($0).assumingMemoryBound(to: UnsafePointer<CChar>?.self)
      }
      return OSRIsSameEx(reference, other, options) != 0
    }

    /// Band 1's nodata value as its cells hold it; nil when the band declares none.
    ///
    /// A Float32 band's cells are single precision, while the declared value is parsed as a
    /// double: `-3.4e38` or `-99999.9` as written in the file then differs from every cell.
    /// Rounding it to single precision makes it compare equal to the cells that hold it.
    package var noData: Double? {
      var declared: Int32 = 0
      // GDALGetRasterNoDataValue: the flag says whether the band has one.
      let value = GDALGetRasterNoDataValue(band, &declared)
      guard declared != 0 else { return nil }
      if GDALGetRasterDataType(band) == GDT_Float32, value.isFinite {
        return Double(Float(value))
      }
      return value
    }

    /// Reads rows `firstRow ..< firstRow + count` of band 1 into `values`, row after row
    /// (`width` values each); `values` is resized as needed, so one buffer serves every
    /// block of a scan.
    ///
    /// - Throws: ``GDALFailure/readRaster(row:message:)`` with GDAL's reason (a truncated
    ///   or corrupt file).
    package func readRows(from firstRow: Int, count: Int, into values: inout [Double])
      throws(GDALFailure)
    {
      let needed = width * count
      if values.count != needed { values = [Double](repeating: 0, count: needed) }
      let width = Int32(width)
      let reading = values.withUnsafeMutableBytes { buffer in
        GDALQuiet.run {
          // GDALRasterIO: converts each cell to Float64 into our buffer; CE_None on success.
          GDALRasterIO(
            band, GF_Read, 0, Int32(firstRow), width, Int32(count), buffer.baseAddress,
            width, Int32(count), GDT_Float64, 0, 0)
        }
      }
      guard reading.value == CE_None else {
        throw .readRaster(row: firstRow, message: reading.message)
      }
    }
  }
#endif
