/// An input read through GDAL: a layer of a GeoPackage (or another GDAL vector format),
/// or an OpenStreetMap extract.
///
/// Written as the file's path, optionally followed by `:layer` to pick one layer of a
/// multi-layer file: `inputs.gpkg`, `inputs.gpkg:population`. CSV and GeoJSON files are
/// not dataset paths: servicegap reads those itself.
public struct DatasetPath: Hashable, Sendable {
  /// How the file is read.
  public enum Kind: Hashable, Sendable {
    /// A layer of features with attributes: GeoPackage, Shapefile, FlatGeobuf, …
    case layers
    /// An OpenStreetMap extract (`.osm.pbf`, `.osm`): tagged nodes, ways and relations.
    case openStreetMap
    /// A raster (GeoTIFF, ESRI ASCII grid, …) whose cells hold a value, such as people.
    case raster
  }

  /// Extensions of layered vector formats read through GDAL.
  public static let layerExtensions = ["gpkg", "shp", "fgb", "sqlite", "gml", "kml"]
  /// Extensions of OpenStreetMap extracts.
  public static let openStreetMapExtensions = ["osm.pbf", "pbf", "osm"]
  /// Extensions of rasters read through GDAL.
  public static let rasterExtensions = ["tif", "tiff", "asc", "img", "vrt", "nc"]

  /// The file's path.
  public var file: String
  /// The layer named after the `:`; nil picks the file's only layer.
  public var layer: String?
  /// How the file is read.
  public var kind: Kind

  /// Recognises a dataset path by its extension; nil for anything else (CSV, GeoJSON).
  ///
  /// - Parameter text: The path as given, such as `inputs.gpkg:services`.
  public init?(_ text: String) {
    let lower = text.lowercased()
    for ext in Self.openStreetMapExtensions where lower.hasSuffix("." + ext) {
      (file, layer, kind) = (text, nil, .openStreetMap)
      return
    }
    for ext in Self.rasterExtensions where lower.hasSuffix("." + ext) {
      (file, layer, kind) = (text, nil, .raster)
      return
    }
    for ext in Self.layerExtensions {
      if lower.hasSuffix("." + ext) {
        (file, layer, kind) = (text, nil, .layers)
        return
      }
      // `file.gpkg:layer`: the last `.gpkg:` splits, so folders may contain colons.
      if let range = lower.range(of: "." + ext + ":", options: .backwards) {
        let split = text.index(
          text.startIndex,
          offsetBy: lower.distance(
            from: lower.startIndex, to: range.upperBound))
        let name = String(text[split...])
        guard !name.isEmpty else { return nil }
        (file, layer, kind) = (String(text[..<text.index(before: split)]), name, .layers)
        return
      }
    }
    return nil
  }
}
