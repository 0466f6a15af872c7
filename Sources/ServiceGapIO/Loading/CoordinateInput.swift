import ServiceGap

/// The CRS of an input file and the means to bring its coordinates to lon/lat.
///
/// EPSG:4326 needs no transformation and no PROJ; anything else goes through
/// ServiceGap's ``CoordinateConverter``.
struct CoordinateInput {
  /// The normalised CRS name.
  let crs: String
  /// Whether coordinates are degrees (so ±180/±90 range checks apply).
  let isGeographic: Bool
  /// Nil for EPSG:4326.
  let converter: CoordinateConverter?
  /// Whether the file named the CRS (a GeoJSON crs member, grid ids) rather than `--crs`.
  let fromFile: Bool
  /// The input the file is, when the file named the CRS: out-of-range coordinates then
  /// mean the file's declaration is wrong, and the message names the option overriding it.
  let declaredBy: InputKind?

  /// Resolves `crs` (normalised first).
  ///
  /// - Parameters:
  ///   - rawCRS: The CRS as written.
  ///   - fromFile: Whether the file named it.
  ///   - file: The file, for messages.
  ///   - declaredBy: Which input the file is, when the file (or its format, as GeoJSON's
  ///     lon/lat) fixes the CRS rather than an option.
  /// - Throws: ``InputError/unknownCRS(file:crs:fromFile:message:option:)``.
  init(crs rawCRS: String, fromFile: Bool, file: String, declaredBy: InputKind? = nil)
    throws(InputError)
  {
    crs = CRSName.normalize(rawCRS)
    self.fromFile = fromFile
    self.declaredBy = declaredBy
    if CRSName.isWGS84(crs) {
      isGeographic = true
      converter = nil
      return
    }
    do {
      let converter = try CoordinateConverter(sourceCRS: crs)
      self.converter = converter
      isGeographic = converter.sourceIsGeographic
    } catch let error as CRSError {
      switch error {
      case .unknown(_, let message), .unknownWorkCRS(_, let message):
        throw .unknownCRS(file: file, crs: crs, fromFile: fromFile, message: message)
      case .workCRSNotProjected:
        throw .unknownCRS(file: file, crs: crs, fromFile: fromFile, message: "\(error)")
      }
    } catch {
      throw .unknownCRS(file: file, crs: crs, fromFile: fromFile, message: "\(error)")
    }
  }

  /// Checks a degree coordinate's range (geographic CRSs only).
  ///
  /// - Throws: ``InputError/coordinateOutOfRange(file:location:x:y:crs:suggestedCRS:)``.
  func checkRange(x: Double, y: Double, file: String, location: InputLocation) throws(InputError) {
    guard isGeographic else { return }
    guard x.isFinite, y.isFinite, abs(x) <= 180, abs(y) <= 90 else {
      throw .coordinateOutOfRange(
        file: file, location: location, x: x, y: y, crs: crs,
        suggestedCRS: CRSGuess.suggest(x: x, y: y), declaredBy: declaredBy)
    }
  }

  /// Converts one position (after ``checkRange(x:y:file:location:)``).
  ///
  /// - Throws: ``InputError/untransformable(file:location:x:y:crs:)``.
  func lonLat(x: Double, y: Double, file: String, location: InputLocation) throws(InputError)
    -> LonLat
  {
    guard let converter else { return LonLat(lon: x, lat: y) }
    guard let point = converter.lonLat(x: x, y: y), point.isValid else {
      throw .untransformable(file: file, location: location, x: x, y: y, crs: crs)
    }
    return point
  }

  /// Converts many positions in one call; nil where PROJ failed or the result is invalid.
  func lonLats(xs: [Double], ys: [Double]) -> [LonLat?] {
    guard let converter else { return zip(xs, ys).map { LonLat(lon: $0, lat: $1) } }
    return converter.lonLat(xs: xs, ys: ys).map { point in
      guard let point, point.isValid else { return nil }
      return point
    }
  }
}
