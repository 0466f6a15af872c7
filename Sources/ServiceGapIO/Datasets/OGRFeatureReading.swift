#if GDAL
  import CGDAL

  /// Converts OGR features into servicegap's GeoJSON model, so that every loader reads
  /// GeoPackage layers and OpenStreetMap extracts exactly as it reads GeoJSON.
  enum OGRFeatureReading {
    /// A field of a layer: its name and how to read its values.
    struct Field {
      var name: String
      var type: OGRFieldType
      var isBoolean: Bool
    }

    /// The fields of a layer, in order.
    static func fields(of layer: OGRLayerH) -> [Field] {
      let definition = OGR_L_GetLayerDefn(layer)
      return (0..<OGR_FD_GetFieldCount(definition)).map { index in
        let field = OGR_FD_GetFieldDefn(definition, index)
        return Field(
          name: String(cString: OGR_Fld_GetNameRef(field)), type: OGR_Fld_GetType(field),
          isBoolean: OGR_Fld_GetSubType(field) == OFSTBoolean)
      }
    }

    /// The value of field `index`: numbers, text, booleans, dates as ISO 8601, or null.
    static func value(_ feature: OGRFeatureH, _ index: Int32, _ field: Field) -> JSONValue {
      guard OGR_F_IsFieldSetAndNotNull(feature, index) != 0 else { return .null }
      switch field.type {
      case OFTInteger, OFTInteger64:
        let number = OGR_F_GetFieldAsInteger64(feature, index)
        return field.isBoolean ? .bool(number != 0) : .number(Double(number))
      case OFTReal:
        return .number(OGR_F_GetFieldAsDouble(feature, index))
      case OFTString:
        return .string(String(cString: OGR_F_GetFieldAsString(feature, index)))
      case OFTDate, OFTDateTime:
        var (year, month, day, hour, minute, zone): (Int32, Int32, Int32, Int32, Int32, Int32) =
          (0, 0, 0, 0, 0, 0)
        var second: Float = 0
        OGR_F_GetFieldAsDateTimeEx(
          feature, index, &year, &month, &day, &hour, &minute, &second, &zone)
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        return .string(
          field.type == OFTDate
            ? date : date + "T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(Int32(second), 2))")
      default:
        return .other(String(cString: OGR_F_GetFieldAsString(feature, index)))
      }
    }

    private static func pad(_ number: Int32, _ width: Int) -> String {
      let text = String(number)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// The feature's geometry; nil when it has none or it is empty.
    ///
    /// Curves are approximated by lines (GDAL's default step).
    static func geometry(_ geometry: OGRGeometryH?) -> GeoJSONGeometry? {
      guard let geometry, OGR_G_IsEmpty(geometry) == 0 else { return nil }
      let type = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry))
      if OGR_GT_IsNonLinear(type) != 0 {
        guard let linear = OGR_G_GetLinearGeometry(geometry, 0, nil) else { return nil }
        defer { OGR_G_DestroyGeometry(linear) }
        return self.geometry(linear)
      }
      switch type {
      case wkbPoint:
        return positions(geometry).first.map(GeoJSONGeometry.point)
      case wkbLineString, wkbLinearRing:
        return .lineString(positions(geometry))
      case wkbPolygon:
        return .polygon(parts(geometry).map(positions))
      case wkbMultiPoint:
        return .multiPoint(parts(geometry).compactMap { positions($0).first })
      case wkbMultiLineString:
        return .multiLineString(parts(geometry).map(positions))
      case wkbMultiPolygon:
        return .multiPolygon(parts(geometry).map { parts($0).map(positions) })
      default:
        return .geometryCollection(parts(geometry).compactMap { self.geometry($0) })
      }
    }

    private static func parts(_ geometry: OGRGeometryH) -> [OGRGeometryH] {
      (0..<OGR_G_GetGeometryCount(geometry)).compactMap { OGR_G_GetGeometryRef(geometry, $0) }
    }

    private static func positions(_ geometry: OGRGeometryH) -> [GeoJSONPosition] {
      let count = Int(OGR_G_GetPointCount(geometry))
      guard count > 0 else { return [] }
      var xs = [Double](repeating: 0, count: count)
      var ys = [Double](repeating: 0, count: count)
      xs.withUnsafeMutableBytes { x in
        ys.withUnsafeMutableBytes { y in
          _ = OGR_G_GetPoints(
            geometry, x.baseAddress, Int32(MemoryLayout<Double>.stride), y.baseAddress,
            Int32(MemoryLayout<Double>.stride), nil, 0)
        }
      }
      return (0..<count).map { GeoJSONPosition(x: xs[$0], y: ys[$0]) }
    }

    /// The layer's CRS as `EPSG:code` when it has one, else as WKT; nil without a CRS.
    static func crs(of layer: OGRLayerH) -> String? {
      guard let reference = OGR_L_GetSpatialRef(layer) else { return nil }
      if OSRGetAuthorityCode(reference, nil) == nil { _ = OSRAutoIdentifyEPSG(reference) }
      if let authority = OSRGetAuthorityName(reference, nil),
        let code = OSRGetAuthorityCode(reference, nil)
      {
        return "\(String(cString: authority)):\(String(cString: code))"
      }
      var wkt: UnsafeMutablePointer<CChar>?
      guard OSRExportToWkt(reference, &wkt) == OGRERR_NONE, let wkt else { return nil }
      defer { VSIFree(wkt) }
      return String(cString: wkt)
    }
  }
#endif
