/// Guesses which projected CRS coordinates are in, for hints in error messages.
///
/// Used when coordinates declared as degrees are out of range. The table covers the
/// systems servicegap's users meet in Nordic data; the first row whose ranges contain
/// the point wins. SWEREF99 TM (EPSG:3006) and ETRS89 / UTM 33N (EPSG:25833) use the
/// same projection parameters and differ by less than a metre, so a point in Sweden's
/// range is reported as SWEREF99 TM and one farther north or west (Norway) as UTM 33N.
///
/// | CRS | x (easting) | y (northing) |
/// |---|---|---|
/// | EPSG:3021 RT90 2.5 gon V | 1,200,000 – 1,900,000 | 6,100,000 – 7,700,000 |
/// | EPSG:3006 SWEREF99 TM | 200,000 – 1,000,000 | 6,130,000 – 7,700,000 |
/// | EPSG:25832 ETRS89 / UTM 32N (Denmark) | 400,000 – 900,000 | 6,000,000 – 6,130,000 |
/// | EPSG:25833 ETRS89 / UTM 33N (Norway) | −100,000 – 1,150,000 | 6,400,000 – 7,950,000 |
/// | EPSG:3857 Web Mercator | ±20,037,509 | ±20,048,967 |
///
/// Points whose coordinates are both below 10,000 in magnitude get no suggestion: a value
/// like 95 is a typo in degrees, not metres.
public enum CRSGuess {
  private struct Entry {
    let code: String
    let name: String
    let x: ClosedRange<Double>
    let y: ClosedRange<Double>
  }

  private static let table: [Entry] = [
    Entry(
      code: "EPSG:3021", name: "RT90 2.5 gon V", x: 1_200_000...1_900_000,
      y: 6_100_000...7_700_000),
    Entry(
      code: "EPSG:3006", name: "SWEREF99 TM", x: 200_000...1_000_000,
      y: 6_130_000...7_700_000),
    Entry(
      code: "EPSG:25832", name: "ETRS89 / UTM zone 32N", x: 400_000...900_000,
      y: 6_000_000...6_130_000),
    Entry(
      code: "EPSG:25833", name: "ETRS89 / UTM zone 33N", x: -100_000...1_150_000,
      y: 6_400_000...7_950_000),
    Entry(
      code: "EPSG:3857", name: "Web Mercator", x: -20_037_509...20_037_509,
      y: -20_048_967...20_048_967),
  ]

  /// The CRS whose usual range contains the point (such as `EPSG:3006`), or nil.
  ///
  /// - Parameters:
  ///   - x: The value from the x (easting) column.
  ///   - y: The value from the y (northing) column.
  /// - Returns: An `EPSG:<code>` string, or nil when no known system fits.
  public static func suggest(x: Double, y: Double) -> String? {
    // Values of a few hundred are typos in degrees, not metres in some projection.
    guard Swift.max(abs(x), abs(y)) >= 10_000 else { return nil }
    return table.first { $0.x.contains(x) && $0.y.contains(y) }?.code
  }

  /// A human-readable name for a code from ``suggest(x:y:)``; the code itself otherwise.
  ///
  /// - Parameter code: An `EPSG:<code>` string.
  /// - Returns: For example `SWEREF99 TM` for `EPSG:3006`.
  public static func name(of code: String) -> String {
    table.first { $0.code == code }?.name ?? code
  }
}
