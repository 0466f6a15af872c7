import ServiceGap

/// Loads a `--speeds` file: the speed of each OpenStreetMap `highway` class.
///
/// A CSV file (delimiter `,`, `;` or tab, detected) with the columns `highway` and
/// `speed_kmh` (names not case-sensitive; other columns are ignored), one row per class:
///
/// ```
/// highway,speed_kmh
/// tertiary,60
/// residential,30
/// ```
///
/// Every speed must be a positive number of km/h (a decimal comma is accepted when the
/// delimiter is not a comma), and no class may appear twice. Classes are compared
/// exactly as written (OpenStreetMap values are lower case). The result is
/// ``SpeedTable/defaults`` with the file's rows replacing or adding classes: **a class
/// missing from the file keeps its default speed**, and roads of a class in neither run at
/// the fallback of 50 km/h. Problems stop the load (there is no skipping: a speeds file is
/// short and a silently dropped row would change every travel time on that class).
public enum SpeedTableLoader {
  /// The column with the road class.
  public static let highwayColumn = "highway"
  /// The column with the speed in km/h.
  public static let speedColumn = "speed_kmh"

  /// Loads a speeds file.
  ///
  /// - Parameter file: Path of the CSV file; also the name in messages.
  /// - Returns: The default table overridden by the file's rows.
  /// - Throws: ``InputError``.
  public static func load(file: String) throws -> SpeedTable {
    try load(content: InputFile.bytes(of: file), file: file)
  }

  /// Loads a speeds file already in memory.
  ///
  /// - Parameters:
  ///   - content: The file's bytes.
  ///   - file: The file name used in messages.
  /// - Returns: The default table overridden by the file's rows.
  /// - Throws: ``InputError``: ``InputError/missingSpeedColumn(file:column:available:)``,
  ///   ``InputError/badSpeed(file:line:field:value:)``,
  ///   ``InputError/duplicateHighway(file:line:highway:firstLine:)``,
  ///   ``InputError/badSpeedRow(file:line:reason:)``, or a CSV reading error.
  public static func load(content: [UInt8], file: String) throws -> SpeedTable {
    let table = try CSVReader.parse(content, file: file)
    guard let highwayIndex = table.columnIndex(named: highwayColumn) else {
      throw InputError.missingSpeedColumn(
        file: file, column: highwayColumn, available: table.header)
    }
    guard let speedIndex = table.columnIndex(named: speedColumn) else {
      throw InputError.missingSpeedColumn(file: file, column: speedColumn, available: table.header)
    }
    let expectedFields = table.header.count
    var result = SpeedTable.defaults
    var firstLine: [String: Int] = [:]
    for row in 0..<table.rowCount {
      let line = table.lineNumber(ofRow: row)
      // Extra fields with text (a decimal comma in a comma-separated file: `tertiary,62,5`)
      // must not be dropped silently; missing fields read as empty and are reported below.
      let found = table.fieldCount(ofRow: row)
      if found > expectedFields {
        let extraBlank = (expectedFields..<found).allSatisfy { table.isBlank(row: row, column: $0) }
        if !extraBlank {
          let shown = table.delimiter == 0x09 ? "tab" : "'\(table.delimiterText)'"
          throw InputError.badSpeedRow(
            file: file, line: line,
            reason: "\(found) fields, but the header has \(expectedFields) (delimiter \(shown))")
        }
      }
      guard let highway = table.trimmedString(row: row, column: highwayIndex) else {
        throw InputError.badSpeedRow(
          file: file, line: line, reason: "column '\(table.header[highwayIndex])' is empty")
      }
      guard let speed = table.double(row: row, column: speedIndex), speed.isFinite, speed > 0
      else {
        throw InputError.badSpeed(
          file: file, line: line, field: table.header[speedIndex],
          value: table.trimmedString(row: row, column: speedIndex) ?? "")
      }
      if let first = firstLine[highway] {
        throw InputError.duplicateHighway(
          file: file, line: line, highway: highway, firstLine: first)
      }
      firstLine[highway] = line
      result.speeds[highway] = speed
    }
    return result
  }
}
