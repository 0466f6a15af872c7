import ServiceGap

/// Loads region polygons (municipalities, counties, …) from GeoJSON.
///
/// **Properties** (case-insensitive; options override):
/// - id (``FieldOptions/idField``, i.e. `--region-id-field`): `id`, `kommun_kod`,
///   `kommunkod`, `code`, `kod`;
/// - name (``FieldOptions/nameField``): `name`, `namn`, `kommun`, `kommunnamn`.
///
/// Without an id the name is used, without a name the id, without either the feature
/// number. Features must be Polygons or MultiPolygons, in either ring orientation;
/// open rings are closed. Invalid polygons (self-intersections, …) are repaired with GEOS
/// MakeValid and a warning naming the feature; one that cannot be repaired is an
/// ``InputError/invalidGeometry(file:feature:reason:)``. Repeated ids are a warning.
public enum RegionLoader {
  /// Property names tried for the region id, in order.
  public static let idCandidates = ["id", "kommun_kod", "kommunkod", "code", "kod"]
  /// Property names tried for the region name, in order.
  public static let nameCandidates = ["name", "namn", "kommun", "kommunnamn"]

  /// Loads regions from a GeoJSON file, or a GeoPackage layer (through GDAL).
  ///
  /// - Parameters:
  ///   - file: Path of a `.geojson` file; also the name in messages.
  ///   - options: `idField`, `nameField`, `crs` and `skipInvalid` are used.
  /// - Returns: The regions with skipped features and warnings.
  /// - Throws: ``InputError``.
  public static func load(file: String, options: FieldOptions = FieldOptions()) throws
    -> LoadResult<Region>
  {
    if let document = try DatasetInput.document(file: file, role: .regions) {
      return try load(document: document, options: options)
    }
    return try load(content: InputFile.bytes(of: file), file: file, options: options)
  }

  /// Loads regions from GeoJSON content already in memory.
  ///
  /// - Parameters:
  ///   - content: The file's bytes.
  ///   - file: The file name used in messages.
  ///   - options: `idField`, `nameField`, `crs` and `skipInvalid` are used.
  /// - Returns: The regions with skipped features and warnings.
  /// - Throws: ``InputError``.
  public static func load(content: [UInt8], file: String, options: FieldOptions = FieldOptions())
    throws -> LoadResult<Region>
  {
    guard InputFormat.detect(path: file, bytes: content) == .geojson else {
      throw InputError.notGeoJSON(
        file: file, feature: nil,
        message: "regions must be a GeoJSON file of Polygon or MultiPolygon features")
    }
    return try load(document: GeoJSONReader.parse(content, file: file), options: options)
  }

  private static func load(document: GeoJSONDocument, options: FieldOptions) throws
    -> LoadResult<Region>
  {
    let file = document.file
    let records = GeoJSONRecords(document: document)
    var context = LoadContext(file: file, kind: .regions, skipInvalid: options.skipInvalid)
    let input = try PointLocator.coordinateInput(
      for: document, options: options, context: &context)
    let idRef = try records.resolve(
      .id, requested: options.idField, candidates: idCandidates, required: false)
    let nameRef = try records.resolve(
      .name, requested: options.nameField, candidates: nameCandidates, required: false)

    var regions: [Region] = []
    var locations: [InputLocation] = []
    for (index, feature) in document.features.enumerated() {
      do throws(InputError) {
        let name = nameRef.flatMap { records.text(index, $0) }
        let id = idRef.flatMap { records.text(index, $0) } ?? feature.id?.text
        let label = "feature \(feature.number)" + ((name ?? id).map { " (\($0))" } ?? "")
        guard let polygons = feature.geometry?.polygons else {
          throw .unsupportedGeometry(
            file: file, feature: feature.number, type: feature.geometry?.typeName ?? "null",
            expected: ["Polygon", "MultiPolygon"])
        }
        let rings = try PolygonConversion.lonLatPolygons(
          polygons, input: input, file: file, feature: feature.number)
        let valid = try PolygonConversion.validated(
          rings, file: file, feature: feature.number, label: label, context: &context)
        let fallback = String(feature.number)
        regions.append(
          Region(id: id ?? name ?? fallback, name: name ?? id ?? fallback, polygons: valid))
        locations.append(.feature(feature.number))
      } catch {
        try context.handle(error)
      }
    }
    if let warning = DuplicateIDs.warning(ids: regions.map(\.id), location: { locations[$0] }) {
      context.warn(warning)
    }
    return LoadResult(
      items: regions, skipped: context.skipped, warnings: context.warnings, sourceCRS: input.crs)
  }
}
