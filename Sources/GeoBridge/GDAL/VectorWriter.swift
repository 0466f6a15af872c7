#if GDAL
  import CGDAL

  /// A GDAL dataset open for writing: a new file (GeoPackage) or a database (PostGIS).
  package final class VectorWriter {
    private let handle: GDALDatasetH

    private init(handle: GDALDatasetH) { self.handle = handle }

    /// Creates a new dataset at `path` with the driver `name`, runs `body`, then closes it.
    ///
    /// - Throws: ``GDALFailure/create(driverFound:message:)``, or what `body` throws.
    package static func withCreated(
      path: String, driver name: String, _ body: (VectorWriter) throws -> Void
    ) throws {
      GDALQuiet.registerDrivers()
      var driverFound = false
      // GDALCreate: NULL on failure; the dataset is ours to close.
      let created = GDALQuiet.run { () -> GDALDatasetH? in
        guard let driver = GDALGetDriverByName(name) else { return nil }
        driverFound = true
        return GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil)
      }
      guard let handle = created.value else {
        throw GDALFailure.create(driverFound: driverFound, message: created.message)
      }
      // Quietly: after a failed write (a full disk) closing repeats GDAL's complaints,
      // and the error thrown already says what happened.
      defer { _ = GDALQuiet.run { GDALClose(handle) } }
      try body(VectorWriter(handle: handle))
    }

    /// Opens `connection` (such as `PG:…`) for update, runs `body`, then closes it.
    ///
    /// - Throws: ``GDALFailure/connect(message:)``, or what `body` throws.
    package static func withUpdating(
      connection: String, _ body: (VectorWriter) throws -> Void
    ) throws {
      GDALQuiet.registerDrivers()
      // GDALOpenEx: NULL on failure; the dataset is ours to close.
      let opened = GDALQuiet.run {
        GDALOpenEx(connection, UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE), nil, nil, nil)
      }
      guard let handle = opened.value else { throw GDALFailure.connect(message: opened.message) }
      defer { _ = GDALQuiet.run { GDALClose(handle) } }
      try body(VectorWriter(handle: handle))
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    ///
    /// - Throws: ``GDALFailure/transaction(step:message:)``, or what `body` throws.
    package func inTransaction(_ body: () throws -> Void) throws {
      let started = GDALQuiet.run { GDALDatasetStartTransaction(handle, 0) }
      guard started.value == OGRERR_NONE else {
        throw GDALFailure.transaction(step: "start a transaction", message: started.message)
      }
      do {
        try body()
      } catch {
        _ = GDALQuiet.run { GDALDatasetRollbackTransaction(handle) }
        throw error
      }
      let committed = GDALQuiet.run { GDALDatasetCommitTransaction(handle) }
      guard committed.value == OGRERR_NONE else {
        throw GDALFailure.transaction(step: "commit", message: committed.message)
      }
    }

    /// Runs one SQL statement.
    ///
    /// - Throws: ``GDALFailure/execute(sql:message:)``.
    package func execute(_ sql: String) throws(GDALFailure) {
      let run = GDALQuiet.run { () -> CPLErr in
        // GDALDatasetExecuteSQL: a result layer (ours to release) or NULL.
        let result = GDALDatasetExecuteSQL(handle, sql, nil, nil)
        if let result { GDALDatasetReleaseResultSet(handle, result) }
        return CPLGetLastErrorType()
      }
      guard run.value.rawValue < CE_Failure.rawValue else {
        throw .execute(sql: sql, message: run.message)
      }
    }

    /// What a copied layer holds, as QGIS names geometry kinds in `layer_styles`.
    package enum GeometryKind: String, Sendable {
      case point = "Point"
      case line = "Line"
      case polygon = "Polygon"
    }

    /// Copies the first layer of the vector file at `path` into a new layer `name`.
    ///
    /// Feature by feature rather than with `GDALDatasetCopyLayer`, which opens its own
    /// transactions and cannot run inside ours.
    ///
    /// - Returns: The layer's geometry kind.
    /// - Throws: ``GDALFailure/readBack(message:)`` or
    ///   ``GDALFailure/writeLayer(name:message:)``.
    @discardableResult
    package func copyLayer(from path: String, as name: String, options: [String])
      throws(GDALFailure) -> GeometryKind
    {
      let opened = GDALQuiet.run {
        GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil)
      }
      guard let source = opened.value else { throw .readBack(message: opened.message) }
      defer { GDALClose(source) }
      var kind = GeometryKind.point
      let copied = GDALQuiet.run { () -> Bool in
        guard let layer = GDALDatasetGetLayer(source, 0),
          let target = Self.withOptions(
            options,
            {
              GDALDatasetCreateLayer(
                handle, name, OGR_L_GetSpatialRef(layer), OGR_L_GetGeomType(layer), $0)
            })
        else { return false }
        switch OGR_GT_Flatten(OGR_L_GetGeomType(layer)) {
        case wkbLineString, wkbMultiLineString: kind = .line
        case wkbPolygon, wkbMultiPolygon: kind = .polygon
        default: kind = .point
        }
        let definition = OGR_L_GetLayerDefn(layer)
        for index in 0..<OGR_FD_GetFieldCount(definition) {
          guard
            OGR_L_CreateField(target, OGR_FD_GetFieldDefn(definition, index), 1)
              == OGRERR_NONE
          else { return false }
        }
        OGR_L_ResetReading(layer)
        while let feature = OGR_L_GetNextFeature(layer) {
          defer { OGR_F_Destroy(feature) }
          // OGR_F_Create: ours to destroy.
          let copy = OGR_F_Create(OGR_L_GetLayerDefn(target))
          defer { OGR_F_Destroy(copy) }
          guard OGR_F_SetFrom(copy, feature, 0) == OGRERR_NONE,
            OGR_L_CreateFeature(target, copy) == OGRERR_NONE
          else { return false }
        }
        return true
      }
      guard copied.value else { throw .writeLayer(name: name, message: copied.message) }
      return kind
    }

    /// How a table column is stored.
    package enum ColumnKind: Sendable {
      case text, integer, real, boolean
    }

    /// Creates an attribute table `name` and fills it from `value(row, column)` (nil is
    /// NULL; integers and reals parse the text, booleans are `1` for true).
    ///
    /// - Throws: ``GDALFailure/createTable(name:message:)`` or
    ///   ``GDALFailure/writeRow(name:row:message:)``.
    package func writeTable(
      _ name: String, columns: [(name: String, kind: ColumnKind)], rows: Int,
      options: [String], value: (Int, Int) -> String?
    ) throws(GDALFailure) {
      let created = GDALQuiet.run { () -> OGRLayerH? in
        let layer = Self.withOptions(options) {
          GDALDatasetCreateLayer(handle, name, nil, wkbNone, $0)
        }
        guard let layer else { return nil }
        for column in columns {
          // OGR_Fld_Create: ours to destroy; the layer copies it.
          let field = OGR_Fld_Create(column.name, column.kind.ogrType)
          if column.kind == .boolean { OGR_Fld_SetSubType(field, OFSTBoolean) }
          let added = OGR_L_CreateField(layer, field, 1)
          OGR_Fld_Destroy(field)
          if added != OGRERR_NONE { return nil }
        }
        return layer
      }
      guard let layer = created.value else {
        throw .createTable(name: name, message: created.message)
      }
      for row in 0..<rows {
        let result = GDALQuiet.run { () -> OGRErr in
          let feature = OGR_F_Create(OGR_L_GetLayerDefn(layer))
          defer { OGR_F_Destroy(feature) }
          for (column, field) in columns.enumerated() {
            let index = Int32(column)
            guard let text = value(row, column) else {
              OGR_F_SetFieldNull(feature, index)
              continue
            }
            switch field.kind {
            case .text: OGR_F_SetFieldString(feature, index, text)
            case .integer: OGR_F_SetFieldInteger64(feature, index, Int64(text) ?? 0)
            case .boolean: OGR_F_SetFieldInteger(feature, index, text == "1" ? 1 : 0)
            case .real: OGR_F_SetFieldDouble(feature, index, Double(text) ?? .nan)
            }
          }
          return OGR_L_CreateFeature(layer, feature)
        }
        guard result.value == OGRERR_NONE else {
          throw .writeRow(name: name, row: row, message: result.message)
        }
      }
    }

    /// Calls `body` with `options` as a GDAL string list (freed afterwards).
    private static func withOptions<T>(_ options: [String], _ body: (CSLConstList?) -> T) -> T {
      var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
      for option in options { list = CSLAddString(list, option) }
      defer { CSLDestroy(list) }
      return body(CSLConstList(list))
    }
  }

  extension VectorWriter.ColumnKind {
    fileprivate var ogrType: OGRFieldType {
      switch self {
      case .text: return OFTString
      case .integer: return OFTInteger64
      case .boolean: return OFTInteger
      case .real: return OFTReal
      }
    }
  }
#endif
