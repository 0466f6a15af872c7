#if GDAL
  internal import GeoBridge

  extension RasterPopulation {
    /// The CRS the cells are read in: `requested` (`--population-crs`) when given, else the
    /// raster's own.
    ///
    /// The raster's CRS is used by its EPSG code when it has one, so outputs and messages
    /// say `EPSG:3006` rather than a page of WKT; else by its WKT, which PROJ reads too.
    ///
    /// - Throws: ``InputError/dataset(file:message:)`` when there is no CRS or PROJ does
    ///   not know it.
    static func coordinateInput(
      _ raster: RasterDataset, transform: RasterGeoTransform, requested: String?, file: String,
      context: inout LoadContext
    ) throws(InputError) -> CoordinateInput {
      let code = raster.crsCode
      let declared = code ?? raster.crsWKT
      // A CRS without a code is named by its own name in messages.
      let shown = code ?? raster.crsName ?? "a CRS without an EPSG code"
      if let requested {
        // The same code, or the same CRS however written (an ESRI .prj without a code).
        let normalized = CRSName.normalize(requested)
        if declared != nil, code != normalized, !raster.hasCRS(equalTo: normalized) {
          context.warn("--population-crs \(requested) overrides the raster's own CRS (\(shown))")
        }
        return try resolve(requested, fromFile: false, shown: requested, file: file)
      }
      guard let declared else {
        throw .dataset(
          file: file,
          message: "the raster declares no CRS, so its cells cannot be placed. Pass "
            + "--population-crs EPSG:<code> with the CRS of its coordinates"
            + guess(transform.point(column: 0, row: 0)) + ".")
      }
      return try resolve(declared, fromFile: true, shown: shown, file: file)
    }

    /// PROJ's reading of `crs`, with messages that name `--population-crs`.
    private static func resolve(_ crs: String, fromFile: Bool, shown: String, file: String)
      throws(InputError) -> CoordinateInput
    {
      do {
        return try CoordinateInput(
          crs: crs, fromFile: fromFile, file: file, declaredBy: fromFile ? .population : nil)
      } catch {
        guard case .unknownCRS(_, _, _, let message, _) = error else { throw error }
        let detail =
          message.isEmpty || message.lowercased().hasPrefix("unknown error") ? "" : " (\(message))"
        throw .dataset(
          file: file,
          message: fromFile
            ? "PROJ cannot use the raster's CRS (\(shown))\(detail). Pass --population-crs "
              + "EPSG:<code> with the CRS of its coordinates."
            : "unknown CRS '\(shown)' given with --population-crs\(detail). Give it as "
              + "EPSG:<code>, e.g. --population-crs EPSG:3006 for SWEREF99 TM.")
      }
    }

    /// What the raster's top-left corner looks like, as ` (… looks like …: --population-crs
    /// EPSG:…)`; empty when nothing fits.
    private static func guess(_ corner: (x: Double, y: Double)) -> String {
      let position = "its corner (\(InputError.number(corner.x)), \(InputError.number(corner.y)))"
      if let code = CRSGuess.suggest(x: corner.x, y: corner.y) {
        return " (\(position) looks like \(CRSGuess.name(of: code)) metres: --population-crs "
          + "\(code))"
      }
      if abs(corner.x) <= 180, abs(corner.y) <= 90 {
        return " (\(position) looks like longitude/latitude degrees: --population-crs "
          + "EPSG:4326)"
      }
      return ""
    }
  }
#endif
