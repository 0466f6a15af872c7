#if GDAL
  import CGDAL

  /// A layer of a ``VectorDataset``; it keeps its dataset open.
  package struct VectorLayer {
    /// The dataset the layer belongs to (GDAL frees layers with their dataset).
    let dataset: VectorDataset
    let handle: OGRLayerH

    /// The layer's name.
    package var name: String { String(cString: OGR_L_GetName(handle)) }

    /// The layer's fields, in order.
    package var fields: [VectorField] {
      let definition = OGR_L_GetLayerDefn(handle)
      return (0..<OGR_FD_GetFieldCount(definition)).map { index in
        let field = OGR_FD_GetFieldDefn(definition, index)
        let kind: VectorField.Kind
        switch OGR_Fld_GetType(field) {
        case OFTInteger, OFTInteger64:
          kind = OGR_Fld_GetSubType(field) == OFSTBoolean ? .boolean : .integer
        case OFTReal: kind = .real
        case OFTString: kind = .text
        case OFTDate: kind = .date
        case OFTDateTime: kind = .dateTime
        default: kind = .other
        }
        return VectorField(name: String(cString: OGR_Fld_GetNameRef(field)), kind: kind)
      }
    }

    /// Every feature in layer order; each is valid only during its call.
    package func forEachFeature(_ body: (VectorFeature) throws -> Void) rethrows {
      OGR_L_ResetReading(handle)
      // OGR_L_GetNextFeature: the feature is ours to destroy; NULL at the end.
      while let feature = OGR_L_GetNextFeature(handle) {
        defer { OGR_F_Destroy(feature) }
        try body(VectorFeature(handle: feature))
      }
    }

    /// The layer's CRS as `AUTHORITY:code` when it has one (identified if need be), else
    /// as WKT; nil without a CRS.
    package var crs: String? {
      // OGR_L_GetSpatialRef: borrowed from the layer; NULL without a CRS.
      guard let reference = OGR_L_GetSpatialRef(handle) else { return nil }
      if OSRGetAuthorityCode(reference, nil) == nil { _ = OSRAutoIdentifyEPSG(reference) }
      if let authority = OSRGetAuthorityName(reference, nil),
        let code = OSRGetAuthorityCode(reference, nil)
      {
        return "\(String(cString: authority)):\(String(cString: code))"
      }
      var wkt: UnsafeMutablePointer<CChar>?
      // OSRExportToWkt: the text is ours to free with VSIFree.
      guard OSRExportToWkt(reference, &wkt) == OGRERR_NONE, let wkt else { return nil }
      defer { VSIFree(wkt) }
      return String(cString: wkt)
    }
  }

  /// A field of a layer: its name and how its values read.
  package struct VectorField: Hashable, Sendable {
    package enum Kind: Hashable, Sendable {
      case integer, boolean, real, text, date, dateTime, other
    }

    package var name: String
    package var kind: Kind
  }

  /// A value of a feature's field.
  package enum VectorValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case boolean(Bool)
    case real(Double)
    case text(String)
    /// A date (`YYYY-MM-DD`) or date and time (`YYYY-MM-DDTHH:MM:SS`), as ISO 8601 text.
    case date(String)
    /// Any other type, as GDAL writes it as text.
    case other(String)
  }

  /// A feature read from a layer: valid only during the call that hands it over.
  package struct VectorFeature {
    let handle: OGRFeatureH

    /// The feature id (GeoPackage `fid`); nil when it has none.
    package var id: Int64? {
      let fid = OGR_F_GetFID(handle)
      return fid >= 0 ? fid : nil
    }

    /// The value of field `index` (of the layer's ``VectorLayer/fields``).
    package func value(at index: Int, of field: VectorField) -> VectorValue {
      let position = Int32(index)
      guard OGR_F_IsFieldSetAndNotNull(handle, position) != 0 else { return .null }
      switch field.kind {
      case .integer: return .integer(OGR_F_GetFieldAsInteger64(handle, position))
      case .boolean: return .boolean(OGR_F_GetFieldAsInteger64(handle, position) != 0)
      case .real: return .real(OGR_F_GetFieldAsDouble(handle, position))
      case .text: return .text(String(cString: OGR_F_GetFieldAsString(handle, position)))
      case .date, .dateTime:
        var (year, month, day, hour, minute, zone): (Int32, Int32, Int32, Int32, Int32, Int32) =
          (0, 0, 0, 0, 0, 0)
        var second: Float = 0
        OGR_F_GetFieldAsDateTimeEx(
          handle, position, &year, &month, &day, &hour, &minute, &second, &zone)
        let date = "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
        return .date(
          field.kind == .date
            ? date
            : date + "T\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(Int32(second), 2))")
      case .other: return .other(String(cString: OGR_F_GetFieldAsString(handle, position)))
      }
    }

    /// Field `index` as text; nil when it is not set or null.
    package func text(at index: Int) -> String? {
      let position = Int32(index)
      guard OGR_F_IsFieldSetAndNotNull(handle, position) != 0 else { return nil }
      return String(cString: OGR_F_GetFieldAsString(handle, position))
    }

    /// The geometry; nil when it has none or it is empty.
    ///
    /// Curves are approximated by lines (GDAL's default step).
    package var geometry: VectorGeometry? {
      // OGR_F_GetGeometryRef: borrowed from the feature.
      VectorGeometry(OGR_F_GetGeometryRef(handle))
    }

    private static func pad(_ number: Int32, _ width: Int) -> String {
      let text = String(number)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
  }

  /// A feature's geometry: positions as (x, y) in the layer's CRS.
  package indirect enum VectorGeometry: Sendable {
    case point(x: Double, y: Double)
    case lineString([(x: Double, y: Double)])
    case polygon([[(x: Double, y: Double)]])
    case multiPoint([(x: Double, y: Double)])
    case multiLineString([[(x: Double, y: Double)]])
    case multiPolygon([[[(x: Double, y: Double)]]])
    case collection([VectorGeometry])

    /// Reads an OGR geometry (borrowed); nil for none or empty.
    init?(_ geometry: OGRGeometryH?) {
      guard let geometry, OGR_G_IsEmpty(geometry) == 0 else { return nil }
      let type = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry))
      if OGR_GT_IsNonLinear(type) != 0 {
        // OGR_G_GetLinearGeometry: a new geometry, ours to destroy; NULL on failure.
        guard let linear = OGR_G_GetLinearGeometry(geometry, 0, nil) else { return nil }
        defer { OGR_G_DestroyGeometry(linear) }
        self.init(linear)
        return
      }
      switch type {
      case wkbPoint:
        guard let point = Self.positions(geometry).first else { return nil }
        self = .point(x: point.x, y: point.y)
      case wkbLineString, wkbLinearRing:
        self = .lineString(Self.positions(geometry))
      case wkbPolygon:
        self = .polygon(Self.parts(geometry).map(Self.positions))
      case wkbMultiPoint:
        self = .multiPoint(Self.parts(geometry).compactMap { Self.positions($0).first })
      case wkbMultiLineString:
        self = .multiLineString(Self.parts(geometry).map(Self.positions))
      case wkbMultiPolygon:
        self = .multiPolygon(Self.parts(geometry).map { Self.parts($0).map(Self.positions) })
      default:
        self = .collection(Self.parts(geometry).compactMap { VectorGeometry($0) })
      }
    }

    private static func parts(_ geometry: OGRGeometryH) -> [OGRGeometryH] {
      (0..<OGR_G_GetGeometryCount(geometry)).compactMap { OGR_G_GetGeometryRef(geometry, $0) }
    }

    private static func positions(_ geometry: OGRGeometryH) -> [(x: Double, y: Double)] {
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
      return (0..<count).map { (xs[$0], ys[$0]) }
    }
  }
#endif
