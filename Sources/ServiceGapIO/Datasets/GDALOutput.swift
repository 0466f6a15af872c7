#if GDAL
  import CGDAL
  import Foundation

  /// A GDAL dataset open for writing: a new GeoPackage or a PostGIS connection.
  final class GDALOutput {
    private let handle: GDALDatasetH
    /// The target as shown in messages.
    let display: String
    private let isPostGIS: Bool

    private init(handle: GDALDatasetH, display: String, isPostGIS: Bool) {
      self.handle = handle
      self.display = display
      self.isPostGIS = isPostGIS
    }

    /// Creates a new dataset at `path` with `driver`, runs `body`, then closes it.
    static func withDataset(
      creating path: String, driver name: String, display: String,
      _ body: (GDALOutput) throws -> Void
    ) throws {
      GDALAllRegister()
      let created = GDALQuiet.run { () -> GDALDatasetH? in
        guard let driver = GDALGetDriverByName(name) else { return nil }
        return GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil)
      }
      guard let handle = created.value else {
        throw ExportError(
          "cannot create \(display) (\(created.message ?? "GDAL has no \(name) driver")). "
            + "Check that its folder exists and is writable.")
      }
      let output = GDALOutput(handle: handle, display: display, isPostGIS: false)
      // Quietly: after a failed write (a full disk) closing repeats GDAL's complaints,
      // and the error thrown already says what happened.
      defer { _ = GDALQuiet.run { GDALClose(handle) } }
      try body(output)
    }

    /// Opens the database `connection` for update, runs `body`, then closes it.
    static func withDataset(
      updating connection: String, display: String, _ body: (GDALOutput) throws -> Void
    ) throws {
      GDALAllRegister()
      let opened = GDALQuiet.run {
        GDALOpenEx(
          connection, UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE), nil, nil, nil)
      }
      guard let handle = opened.value else {
        throw ExportError(
          "cannot connect to \(display) (\(opened.message ?? "no reason given")). Check the "
            + "URL (postgresql://user:password@host:port/database) and that PostGIS is "
            + "installed in that database (CREATE EXTENSION postgis).")
      }
      let output = GDALOutput(handle: handle, display: display, isPostGIS: true)
      defer { _ = GDALQuiet.run { GDALClose(handle) } }
      try body(output)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func inTransaction(_ body: () throws -> Void) throws {
      try check(GDALQuiet.run { GDALDatasetStartTransaction(handle, 0) }, "start a transaction")
      do {
        try body()
      } catch {
        _ = GDALQuiet.run { GDALDatasetRollbackTransaction(handle) }
        throw error
      }
      try check(GDALQuiet.run { GDALDatasetCommitTransaction(handle) }, "commit")
    }

    private func check(_ result: (value: OGRErr, message: String?), _ what: String) throws {
      guard result.value == OGRERR_NONE else {
        throw ExportError("\(display): cannot \(what) (\(result.message ?? "GDAL error")).")
      }
    }

    /// Runs one SQL statement.
    func execute(_ sql: String) throws {
      let run = GDALQuiet.run { () -> CPLErr in
        let result = GDALDatasetExecuteSQL(handle, sql, nil, nil)
        if let result { GDALDatasetReleaseResultSet(handle, result) }
        return CPLGetLastErrorType()
      }
      guard run.value.rawValue < CE_Failure.rawValue else {
        throw ExportError(
          "\(display): the database refused \(sql.prefix(80))… (\(run.message ?? "error")).")
      }
    }

    /// Copies the only layer of a GeoJSON file into a new layer called `name`.
    ///
    /// - Returns: The geometry kind as QGIS names it in `layer_styles`: Point, Line or
    ///   Polygon.
    @discardableResult
    func copyGeoJSON(_ url: URL, as name: String, options: [String]) throws -> String {
      let opened = GDALQuiet.run {
        GDALOpenEx(url.path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil)
      }
      guard let source = opened.value else {
        throw ExportError("cannot read back \(url.lastPathComponent): \(opened.message ?? "").")
      }
      defer { GDALClose(source) }
      // Copied feature by feature rather than with GDALDatasetCopyLayer, which opens its
      // own transactions and cannot run inside ours.
      var kind = "Point"
      let copied = GDALQuiet.run { () -> Bool in
        guard let layer = GDALDatasetGetLayer(source, 0),
          let target = withOptions(
            options,
            {
              GDALDatasetCreateLayer(
                handle, name, OGR_L_GetSpatialRef(layer), OGR_L_GetGeomType(layer), $0)
            })
        else { return false }
        switch OGR_GT_Flatten(OGR_L_GetGeomType(layer)) {
        case wkbLineString, wkbMultiLineString: kind = "Line"
        case wkbPolygon, wkbMultiPolygon: kind = "Polygon"
        default: kind = "Point"
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
          let copy = OGR_F_Create(OGR_L_GetLayerDefn(target))
          defer { OGR_F_Destroy(copy) }
          guard OGR_F_SetFrom(copy, feature, 0) == OGRERR_NONE,
            OGR_L_CreateFeature(target, copy) == OGRERR_NONE
          else { return false }
        }
        return true
      }
      guard copied.value else {
        throw ExportError(
          "\(display): cannot write layer '\(name)' (\(copied.message ?? "GDAL error")).")
      }
      return kind
    }

    /// Writes a CSV file of ours as an attribute table (see ``DatasetExport``'s typing rule).
    func copyCSV(_ url: URL, as name: String, options: [String]) throws {
      let table = try CSVReader.parse(
        [UInt8](try Data(contentsOf: url)), file: url.lastPathComponent)
      let columns = table.header.indices.map { column in
        ColumnType.of(
          (0..<table.rowCount).compactMap {
            table.trimmedString(row: $0, column: column)
          })
      }
      try writeTable(
        name, fields: Array(zip(table.header, columns)), rows: table.rowCount, options: options
      ) { row, column in table.trimmedString(row: row, column: column) }
    }

    /// Writes whole files into `servicegap_files` (run id, name, content).
    func writeFiles(_ files: [(name: String, content: String)], runID: String, options: [String])
      throws
    {
      try writeTable(
        "servicegap_files", fields: [("run_id", .text), ("name", .text), ("content", .text)],
        rows: files.count, options: options
      ) { row, column in [runID, files[row].name, files[row].content][column] }
    }

    /// Stores QGIS styles as the default style of their layers in `layer_styles`.
    func writeStyles(
      _ styles: [(layer: String, qml: String)], kinds: [String: String], schema: String,
      geometryColumn: String, options: [String]
    ) throws {
      guard !styles.isEmpty else { return }
      if isPostGIS {
        // The table as QGIS creates it, so QGIS finds the styles on its own.
        try execute(
          """
          CREATE TABLE IF NOT EXISTS public.layer_styles (id serial PRIMARY KEY, \
          f_table_catalog varchar, f_table_schema varchar, f_table_name varchar, \
          f_geometry_column varchar, stylename text, styleqml xml, stylesld xml, \
          useasdefault boolean, description text, owner varchar(63) DEFAULT CURRENT_USER, \
          ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar)
          """)
        for style in styles {
          let values = [
            schema, style.layer, geometryColumn, style.layer, style.qml,
            kinds[style.layer] ?? "Point",
          ].map(DatasetExport.sqlLiteral)
          try execute(
            "INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, "
              + "f_geometry_column, stylename, styleqml, useasdefault, description, type) "
              + "VALUES (current_database(), \(values[0]), \(values[1]), \(values[2]), "
              + "\(values[3]), XMLPARSE(DOCUMENT \(values[4])), true, 'servicegap', "
              + "\(values[5]))")
        }
        return
      }
      let fields: [(String, ColumnType)] = [
        ("f_table_catalog", .text), ("f_table_schema", .text), ("f_table_name", .text),
        ("f_geometry_column", .text), ("styleName", .text), ("styleQML", .text),
        ("styleSLD", .text), ("useAsDefault", .boolean), ("description", .text),
        ("owner", .text), ("ui", .text), ("update_time", .text),
      ]
      try writeTable("layer_styles", fields: fields, rows: styles.count, options: options) {
        row, column in
        let style = styles[row]
        return [
          "", "", style.layer, geometryColumn, style.layer, style.qml, "", "1",
          "servicegap", "", "", "",
        ][column]
      }
    }

    /// How a table column is stored.
    enum ColumnType {
      case text, integer, real, boolean

      /// Integer when every value is a whole number, real when every value is a number,
      /// else text; a leading zero (`0114`) keeps a code as text.
      static func of(_ values: [String]) -> ColumnType {
        var integral = true
        for value in values {
          let bytes = Array(value.utf8)
          if bytes.count > 1, bytes[0] == UInt8(ascii: "0"), bytes[1] != UInt8(ascii: ".") {
            return .text
          }
          guard let number = Double(value), number.isFinite else { return .text }
          if !value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) { integral = false }
        }
        return integral ? .integer : .real
      }
    }

    /// Creates an attribute table and fills it from `value(row, column)` (nil is NULL).
    private func writeTable(
      _ name: String, fields: [(String, ColumnType)], rows: Int, options: [String],
      value: (Int, Int) -> String?
    ) throws {
      let created = GDALQuiet.run { () -> OGRLayerH? in
        let layer = withOptions(options) {
          GDALDatasetCreateLayer(handle, name, nil, wkbNone, $0)
        }
        guard let layer else { return nil }
        for (fieldName, type) in fields {
          let field = OGR_Fld_Create(fieldName, type.ogrType)
          if type == .boolean { OGR_Fld_SetSubType(field, OFSTBoolean) }
          let added = OGR_L_CreateField(layer, field, 1)
          OGR_Fld_Destroy(field)
          if added != OGRERR_NONE { return nil }
        }
        return layer
      }
      guard let layer = created.value else {
        throw ExportError(
          "\(display): cannot create table '\(name)' (\(created.message ?? "GDAL error")).")
      }
      for row in 0..<rows {
        let result = GDALQuiet.run { () -> OGRErr in
          let feature = OGR_F_Create(OGR_L_GetLayerDefn(layer))
          defer { OGR_F_Destroy(feature) }
          for (column, field) in fields.enumerated() {
            let index = Int32(column)
            guard let text = value(row, column) else {
              OGR_F_SetFieldNull(feature, index)
              continue
            }
            switch field.1 {
            case .text: OGR_F_SetFieldString(feature, index, text)
            case .integer: OGR_F_SetFieldInteger64(feature, index, Int64(text) ?? 0)
            case .boolean: OGR_F_SetFieldInteger(feature, index, text == "1" ? 1 : 0)
            case .real: OGR_F_SetFieldDouble(feature, index, Double(text) ?? .nan)
            }
          }
          return OGR_L_CreateFeature(layer, feature)
        }
        guard result.value == OGRERR_NONE else {
          throw ExportError(
            "\(display): cannot write row \(row + 1) of '\(name)' (\(result.message ?? "")).")
        }
      }
    }

    /// Calls `body` with `options` as a GDAL string list.
    private func withOptions<T>(_ options: [String], _ body: (CSLConstList?) -> T) -> T {
      var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
      for option in options { list = CSLAddString(list, option) }
      defer { CSLDestroy(list) }
      return body(CSLConstList(list))
    }
  }

  extension GDALOutput.ColumnType {
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
