import FuzzSupport
import ServiceGap
import ServiceGapIO

/// Fuzzes what turns a `--crs` option, a GeoJSON `crs` member or `--work-crs` into a PROJ
/// CRS: `CRSName.normalize`, then the loaders' CRS resolution (PROJ's parser, the
/// geographic test, the transformer to longitude/latitude and the range checks), and the
/// projector into a working CRS.
///
/// The input is the CRS text (UTF-8, decoded leniently).
///
/// Plain names (`SWEREF99 TM`, `nonsense`, `a:b:c`) go only through `CRSName.normalize`:
/// PROJ searches its database for them, approximately, which takes about 0.5 s per name
/// (15 s under AddressSanitizer) and would leave the fuzzer a few executions a minute.
/// Everything with syntax PROJ parses without that search reaches PROJ: `AUTH:CODE`,
/// URNs, PROJ strings, WKT and PROJJSON.
@main
enum FuzzCRS {
  static func main() { Fuzzer.run(testOneInput) }
}

/// One point in SWEREF99 TM metres and the same in degrees, so both kinds of CRS get a
/// coordinate that may transform.
private let content = Array("x,y,population\n500000,7000000,1\n18.5,64.5,2\n".utf8)

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = String(decoding: Fuzzer.bytes(data, size), as: UTF8.self)
  let name = CRSName.normalize(text)
  Fuzzer.check(CRSName.normalize(name) == name, "normalize is not idempotent on '\(name)'")

  guard hasSyntax(name) else { return 0 }

  // As `--crs` of a CSV file (skipping rows whose coordinates do not fit the CRS).
  let file = "fuzz.csv"
  do {
    let result = try PopulationLoader.load(
      content: content, file: file, options: FieldOptions(crs: text, skipInvalid: true))
    for unit in result.items {
      Fuzzer.check(unit.location.isValid, "'\(text)' gave \(unit.location)")
    }
  } catch {
    Fuzzer.checkInputError(error, file: file)
  }

  // As `--work-crs`.
  if let projector = try? WorkCRSProjector(workCRS: name) {
    _ = projector.project([LonLat(lon: 18, lat: 64), LonLat(lon: 180, lat: -90)])
  }
  return 0
}

/// Whether PROJ parses `name` as a definition rather than searching its database for it.
private func hasSyntax(_ name: String) -> Bool {
  if name.contains(where: { $0 == "=" || $0 == "[" || $0 == "{" }) { return true }
  if name.lowercased().hasPrefix("urn:") { return true }
  return name.filter { $0 == ":" }.count == 1
}
