import FuzzSupport
import ServiceGapIO

/// Fuzzes `GeoJSONReader.parse(_:file:)` (the JSON parser, the GeoJSON structure and the
/// legacy `crs` member) and reads back every feature.
@main
enum FuzzGeoJSON {
  static func main() { Fuzzer.run(testOneInput) }
}

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let file = "fuzz.geojson"
  let document: GeoJSONDocument
  do {
    document = try GeoJSONReader.parse(Fuzzer.bytes(data, size), file: file)
  } catch {
    Fuzzer.checkInputError(error, file: file)
    return 0
  }
  Fuzzer.check(!document.features.isEmpty, "a document without features was returned")
  if let crs = document.declaredCRS {
    Fuzzer.check(CRSName.normalize(crs) == crs, "declared CRS '\(crs)' is not normalised")
  }
  for (index, feature) in document.features.enumerated() {
    Fuzzer.check(feature.number == index + 1, "feature \(index) numbered \(feature.number)")
    for name in document.propertyNames {
      if let value = feature.property(named: name) {
        _ = value.text
        _ = value.number
      }
    }
    _ = feature.id?.text
    if let geometry = feature.geometry {
      _ = geometry.typeName
      _ = geometry.polygons
    }
  }
  return 0
}
