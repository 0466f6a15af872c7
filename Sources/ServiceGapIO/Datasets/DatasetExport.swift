#if GDAL
  import Foundation

  /// Copies a finished output set (the files `--out DIR` would hold) into a GeoPackage
  /// file or a PostGIS database, through GDAL.
  ///
  /// - every `.geojson` becomes a layer of the same name (geometry in EPSG:4326, spatial
  ///   index, field types as GDAL reads them from the GeoJSON);
  /// - every `.csv` becomes an attribute table; a column is numeric (REAL) when every
  ///   value is a number without a leading zero (so region codes such as `0114` stay text);
  /// - every `.qml` becomes the default QGIS style of its layer (a `layer_styles` row, the
  ///   table QGIS itself reads from GeoPackage and PostGIS);
  /// - every other file (`run.json`, `curves.svg`, …) is kept whole in `servicegap_files`
  ///   (name, content), so nothing of the run is lost.
  ///
  /// A GeoPackage is written under a temporary name and renamed into place. In PostGIS
  /// each run gets its own schema named by the run id, created in one transaction together
  /// with its row in `public.servicegap_runs` (run id, time, command, manifest), so runs
  /// never overwrite each other and a failed run leaves nothing behind.
  public enum DatasetExport {
    /// Exports the files of `folder` to `target` (a GeoPackage or PostGIS target).
    ///
    /// - Parameters:
    ///   - folder: The complete output set.
    ///   - target: ``OutputTarget/geoPackage(_:)`` or ``OutputTarget/postGIS(_:)``.
    ///   - runID: The run's id: the PostGIS schema name, stored in GeoPackages too.
    ///   - command: The subcommand, for the run registry.
    /// - Throws: ``ExportError``.
    public static func export(
      folder: URL, to target: OutputTarget, runID: String, command: String
    ) throws {
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      let set = StagedFiles(folder: folder, names: names)
      switch target {
      case .directory: preconditionFailure("folders are written directly")
      case .geoPackage(let path):
        try exportGeoPackage(set, path: path, runID: runID)
      case .postGIS(let url):
        try exportPostGIS(
          set, url: url, display: target.displayName, runID: runID, command: command)
      }
    }

    /// The files of a set, sorted by what they become.
    struct StagedFiles {
      var layers: [(name: String, url: URL)] = []
      var tables: [(name: String, url: URL)] = []
      var styles: [(layer: String, qml: String)] = []
      var files: [(name: String, content: String)] = []

      init(folder: URL, names: [String]) {
        for name in names {
          let url = folder.appendingPathComponent(name)
          let stem = (name as NSString).deletingPathExtension
          switch (name as NSString).pathExtension.lowercased() {
          case "geojson": layers.append((stem, url))
          case "csv": tables.append((stem, url))
          case "qml":
            if let qml = try? String(contentsOf: url, encoding: .utf8) {
              styles.append((stem, qml))
            }
          default:
            if let text = try? String(contentsOf: url, encoding: .utf8) {
              files.append((name, text))
            }
          }
        }
      }

      var manifest: String? { files.first { $0.name == "run.json" }?.content }
    }

    // MARK: GeoPackage

    private static func exportGeoPackage(_ set: StagedFiles, path: String, runID: String) throws {
      let target = URL(fileURLWithPath: path)
      let partial = target.deletingLastPathComponent().appendingPathComponent(
        ".\(target.lastPathComponent).partial-\(getpid())")
      // The partial file and SQLite's journal beside it go when the run is interrupted
      // or fails; a killed run's are removed by the next (TemporaryOutputs.removeStale).
      let temporaries = ["", "-journal", "-wal", "-shm"].map { partial.path + $0 }
      let registrations = temporaries.map(TemporaryOutputs.register)
      defer { registrations.forEach(TemporaryOutputs.unregister) }
      func removeTemporaries() {
        for file in temporaries { try? FileManager.default.removeItem(atPath: file) }
      }
      removeTemporaries()
      do {
        try GDALOutput.withDataset(creating: partial.path, driver: "GPKG", display: path) {
          output in
          try output.inTransaction {
            try write(set, into: output, runID: runID, schema: "", options: [])
          }
        }
        try TemporaryOutputs.commit {
          guard rename(partial.path, target.path) == 0 else {
            throw ExportError(
              "cannot move the GeoPackage into place at \(path): "
                + String(cString: strerror(errno)))
          }
        }
      } catch {
        removeTemporaries()
        throw error
      }
    }

    // MARK: PostGIS

    private static func exportPostGIS(
      _ set: StagedFiles, url: String, display: String, runID: String, command: String
    ) throws {
      let connection = url.lowercased().hasPrefix("pg:") ? url : "PG:" + url
      let layerOptions = ["SCHEMA=\(runID)", "GEOMETRY_NAME=geom", "FID=fid", "LAUNDER=NO"]
      try GDALOutput.withDataset(updating: connection, display: display) { output in
        try output.inTransaction {
          try output.execute(
            """
            CREATE TABLE IF NOT EXISTS public.servicegap_runs (run_id text PRIMARY KEY, \
            created timestamptz NOT NULL DEFAULT now(), command text, manifest jsonb)
            """)
          try output.execute(
            "INSERT INTO public.servicegap_runs (run_id, command, manifest) VALUES ("
              + [runID, command].map(sqlLiteral).joined(separator: ", ") + ", "
              + (set.manifest.map { sqlLiteral($0) + "::jsonb" } ?? "NULL") + ")")
          try output.execute("CREATE SCHEMA \(sqlIdentifier(runID))")
          try write(set, into: output, runID: runID, schema: runID, options: layerOptions)
        }
      }
    }

    /// Writes the layers, tables, files and styles of `set` into `output`.
    private static func write(
      _ set: StagedFiles, into output: GDALOutput, runID: String, schema: String,
      options: [String]
    ) throws {
      var kinds: [String: String] = [:]
      for layer in set.layers {
        kinds[layer.name] = try output.copyGeoJSON(layer.url, as: layer.name, options: options)
      }
      for table in set.tables { try output.copyCSV(table.url, as: table.name, options: options) }
      try output.writeFiles(set.files, runID: runID, options: options)
      try output.writeStyles(
        set.styles, kinds: kinds, schema: schema, geometryColumn: "geom", options: [])
    }

    /// A SQL string literal.
    static func sqlLiteral(_ text: String) -> String {
      "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A SQL identifier, quoted.
    static func sqlIdentifier(_ text: String) -> String {
      "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
  }
#endif

/// A failure while exporting to a GeoPackage or PostGIS, with what to do.
public struct ExportError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
