import ServiceGap

#if GDAL
  import Foundation
  internal import GeoBridge
#endif

/// Reads a population raster (GHS-POP, WorldPop, a GeoTIFF, an ESRI ASCII grid, anything
/// GDAL reads) as population units.
///
/// **Units.** Every cell of band 1 whose value is above 0 (and not nodata, not NaN) is a
/// unit at the cell's centre, with the value as its population: fractions stay as they
/// are (GHS-POP cells hold estimates such as 3.27), and totals are not rounded. The id is
/// `r<row>c<column>`, both counted from 0 at the top-left cell as GDAL counts them
/// (`gdallocationinfo FILE COLUMN ROW` shows the value); the name is empty. With
/// ``FieldOptions/keepsOutlines`` the outline is the cell's four corners.
///
/// **No people.** Nodata, NaN, 0 and negative nodata-like values that the band declares as
/// nodata are skipped silently: they are cells where nobody lives. Any other negative value
/// (or infinity) is bad data: an ``InputError`` naming the cell, or skipped and counted
/// with ``FieldOptions/skipInvalid``.
///
/// **CRS.** ``FieldOptions/crs`` (`--population-crs`) when given, with a warning when the
/// raster declares another; else the raster's own. A raster without either, or without a
/// geotransform, cannot be placed and stops the load. Cells of a geographic CRS outside
/// ±180/±90 (metres labelled as degrees) stop it too, naming the CRS they look like.
///
/// **Memory.** The raster is read in blocks of rows and only populated cells are kept and
/// converted to lon/lat (one PROJ batch per block), so a 10,000 × 10,000 GHS-POP tile
/// costs memory for its populated cells, not for its hundred million cells.
enum RasterPopulation {
  /// Cells read per block: about a million (8 MB of doubles), at least one whole row.
  static let cellsPerBlock = 1 << 20

  /// Loads the populated cells of the raster at `path`.
  ///
  /// - Parameters:
  ///   - path: The raster (``DatasetPath/Kind/raster``).
  ///   - file: The path as the user gave it, for messages.
  ///   - options: ``FieldOptions/crs``, ``FieldOptions/skipInvalid`` and
  ///     ``FieldOptions/keepsOutlines`` apply; ``FieldOptions/groups`` must be empty.
  /// - Returns: The units in row-major order, skipped cells, warnings and the CRS used.
  /// - Throws: ``InputError``.
  static func load(_ path: DatasetPath, file: String, options: FieldOptions)
    throws(InputError) -> LoadResult<PopulationUnit>
  {
    guard options.groups.isEmpty else {
      throw .dataset(
        file: file,
        message: "a raster holds one value per cell, so it has no population groups. "
          + "Give --groups with a table whose columns hold the groups (CSV, GeoPackage).")
    }
    #if GDAL
      var context = LoadContext(file: file, kind: .population, skipInvalid: options.skipInvalid)
      let raster = try open(path.file, file: file)
      guard let numbers = raster.geoTransform, let transform = RasterGeoTransform(numbers)
      else {
        throw .dataset(
          file: file,
          message: "the raster has no georeferencing (no geotransform), so its cells have no "
            + "positions. Georeference it first, e.g. gdal_translate -a_ullr ULX ULY LRX LRY "
            + "-a_srs EPSG:<code> \(path.file) placed.tif.")
      }
      if raster.bandCount > 1 {
        context.warn("the raster has \(raster.bandCount) bands; band 1 is read as people per cell")
      }
      let input = try coordinateInput(
        raster, transform: transform, requested: options.crs, file: file, context: &context)
      var scan = RasterCellScan(
        transform: transform, input: input, noData: raster.noData,
        keepsOutlines: options.keepsOutlines)
      let blockRows = max(1, min(raster.height, cellsPerBlock / max(raster.width, 1)))
      var values: [Double] = []
      var firstRow = 0
      while firstRow < raster.height {
        let count = min(blockRows, raster.height - firstRow)
        do {
          try raster.readRows(from: firstRow, count: count, into: &values)
        } catch {
          var reason = "no reason given"
          if case .readRaster(_, let message?) = error { reason = message }
          throw .dataset(
            file: file,
            message: "GDAL cannot read its cells from row \(firstRow) on (\(reason)). Check "
              + "that the file is complete.")
        }
        try scan.add(values, firstRow: firstRow, width: raster.width, context: &context)
        firstRow += count
      }
      guard !scan.units.isEmpty || !context.skipped.isEmpty else {
        throw .dataset(
          file: file,
          message: "no cell holds people: all \(raster.width) × \(raster.height) cells are "
            + "nodata, NaN or 0. Check that band 1 holds people per cell.")
      }
      return LoadResult(
        items: scan.units, skipped: context.skipped, warnings: context.warnings,
        sourceCRS: input.crs)
    #else
      throw .dataset(
        file: file,
        message: "this servicegap was built without GDAL, which reads GeoTIFF and other raster "
          + "files. Rebuild with `swift build -c release --traits GDAL` (`make build` does), or "
          + "convert the raster to CSV first (gdal_translate -of XYZ -co ADD_HEADER_LINE=YES "
          + "-co COLUMN_SEPARATOR=, \(path.file) cells.csv gives X,Y,Z rows at cell centres; "
          + "drop the nodata rows and pass --population-field Z and --crs with the raster's "
          + "CRS).")
    #endif
  }
}

#if GDAL
  extension RasterPopulation {
    /// Opens the raster.
    ///
    /// - Throws: ``InputError/fileNotFound(file:)``, or ``InputError/dataset(file:message:)``
    ///   with GDAL's reason.
    static func open(_ path: String, file: String) throws(InputError) -> RasterDataset {
      // A path GDAL cannot stat may still be a virtual one (/vsicurl/…), so only a plain
      // path that is missing gets the file-not-found message.
      if !path.hasPrefix("/vsi"), !FileManager.default.fileExists(atPath: path) {
        throw .fileNotFound(file: path)
      }
      do {
        return try RasterDataset(path: path)
      } catch {
        var reason: String?
        if case .open(let message) = error { reason = message }
        throw .dataset(
          file: file,
          message: "GDAL cannot open it as a raster (\(reason ?? "unknown format")). Check "
            + "that it is a complete GeoTIFF, ESRI ASCII grid or other raster GDAL reads.")
      }
    }
  }
#endif
