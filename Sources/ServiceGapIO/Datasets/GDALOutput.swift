#if GDAL
  import Foundation
  internal import GeoBridge

  /// A GDAL dataset open for writing (a new GeoPackage or a PostGIS connection), with
  /// servicegap's messages for what goes wrong.
  final class GDALOutput {
    private let writer: VectorWriter
    /// The target as shown in messages.
    let display: String
    private let isPostGIS: Bool

    private init(writer: VectorWriter, display: String, isPostGIS: Bool) {
      self.writer = writer
      self.display = display
      self.isPostGIS = isPostGIS
    }

    /// Creates a new dataset at `path` with `driver`, runs `body`, then closes it.
    static func withDataset(
      creating path: String, driver name: String, display: String,
      _ body: (GDALOutput) throws -> Void
    ) throws {
      do {
        try VectorWriter.withCreated(path: path, driver: name) { writer in
          try body(GDALOutput(writer: writer, display: display, isPostGIS: false))
        }
      } catch GDALFailure.create(_, let message) {
        throw ExportError(
          "cannot create \(display) (\(message ?? "GDAL has no \(name) driver")). Check that "
            + "its folder exists and is writable.")
      } catch let failure as GDALFailure {
        throw ExportError(describe(failure, display: display))
      }
    }

    /// Opens the database `connection` for update, runs `body`, then closes it.
    static func withDataset(
      updating connection: String, display: String, _ body: (GDALOutput) throws -> Void
    ) throws {
      do {
        try VectorWriter.withUpdating(connection: connection) { writer in
          try body(GDALOutput(writer: writer, display: display, isPostGIS: true))
        }
      } catch GDALFailure.connect(let message) {
        throw ExportError(
          "cannot connect to \(display) (\(message ?? "no reason given")). Check the "
            + "URL (postgresql://user:password@host:port/database) and that PostGIS is "
            + "installed in that database (CREATE EXTENSION postgis).")
      } catch let failure as GDALFailure {
        throw ExportError(describe(failure, display: display))
      }
    }

    /// The message of a failed write to `display`.
    static func describe(_ failure: GDALFailure, display: String) -> String {
      switch failure {
      case .transaction(let step, let message):
        return "\(display): cannot \(step) (\(message ?? "GDAL error"))."
      case .execute(let sql, let message):
        return "\(display): the database refused \(sql.prefix(80))… (\(message ?? "error"))."
      case .readBack(let message):
        return "cannot read back a layer: \(message ?? "")."
      case .writeLayer(let name, let message):
        return "\(display): cannot write layer '\(name)' (\(message ?? "GDAL error"))."
      case .createTable(let name, let message):
        return "\(display): cannot create table '\(name)' (\(message ?? "GDAL error"))."
      case .writeRow(let name, let row, let message):
        return "\(display): cannot write row \(row + 1) of '\(name)' (\(message ?? ""))."
      case .open(let message), .connect(let message), .create(_, let message),
        .readRaster(_, let message):
        return "\(display): \(message ?? "GDAL error")"
      }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func inTransaction(_ body: () throws -> Void) throws {
      try writer.inTransaction(body)
    }

    /// Runs one SQL statement.
    func execute(_ sql: String) throws {
      try writer.execute(sql)
    }

    /// Copies the only layer of a GeoJSON file into a new layer called `name`.
    ///
    /// - Returns: The geometry kind as QGIS names it in `layer_styles`: Point, Line or
    ///   Polygon.
    @discardableResult
    func copyGeoJSON(_ url: URL, as name: String, options: [String]) throws -> String {
      do {
        return try writer.copyLayer(from: url.path, as: name, options: options).rawValue
      } catch let failure {
        guard case .readBack(let message) = failure else { throw failure }
        throw ExportError("cannot read back \(url.lastPathComponent): \(message ?? "").")
      }
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
      try writer.writeTable(
        name, columns: fields.map { ($0.0, $0.1.kind) }, rows: rows, options: options,
        value: value)
    }
  }

  extension GDALOutput.ColumnType {
    fileprivate var kind: VectorWriter.ColumnKind {
      switch self {
      case .text: return .text
      case .integer: return .integer
      case .boolean: return .boolean
      case .real: return .real
      }
    }
  }
#endif
