/// What a loader read: the items, what it skipped and why, and warnings.
public struct LoadResult<Item: Sendable>: Sendable {
  /// The loaded items, in file order.
  public var items: [Item]
  /// Rows or features skipped because of `--skip-invalid`, each with its reason.
  public var skipped: [InputError]
  /// Non-fatal remarks (swapped-looking coordinates, duplicate ids, repaired polygons, …),
  /// each starting with the file name.
  public var warnings: [String]
  /// The CRS the coordinates were read in, normalised (such as `EPSG:3006`).
  public var sourceCRS: String

  /// Creates a load result.
  public init(items: [Item], skipped: [InputError], warnings: [String], sourceCRS: String) {
    self.items = items
    self.skipped = skipped
    self.warnings = warnings
    self.sourceCRS = sourceCRS
  }

  /// The number of skipped rows or features.
  public var skippedCount: Int { skipped.count }

  /// What to tell the user: the warnings, then the summary of what was skipped.
  public var remarks: [String] { warnings + (skippedSummary.map { [$0] } ?? []) }

  /// A one-line summary of what was skipped; nil if nothing was.
  ///
  /// For example `population.csv: skipped 3 rows (2 not a number, 1 negative population)`.
  public var skippedSummary: String? {
    guard let first = skipped.first else { return nil }
    var counts: [(String, Int)] = []
    for error in skipped {
      let kind = Self.kind(of: error)
      if let index = counts.firstIndex(where: { $0.0 == kind }) {
        counts[index].1 += 1
      } else {
        counts.append((kind, 1))
      }
    }
    let file = Self.file(of: first)
    let unit: String
    switch first.location {
    case .line?: unit = skipped.count == 1 ? "row" : "rows"
    case .cell?: unit = skipped.count == 1 ? "cell" : "cells"
    default: unit = skipped.count == 1 ? "feature" : "features"
    }
    let parts = counts.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
    return "\(file): skipped \(skipped.count) \(unit) (\(parts))"
  }

  private static func kind(of error: InputError) -> String {
    switch error {
    case .badNumber: return "not a number"
    case .missingValue: return "empty value"
    case .coordinateOutOfRange: return "coordinates out of range"
    case .untransformable: return "coordinates not transformable"
    case .negativePopulation: return "negative population"
    case .negativeCapacity: return "negative capacity"
    case .badDate: return "bad date"
    case .badGridID: return "bad grid id"
    case .invalidGeometry: return "invalid geometry"
    case .unsupportedGeometry: return "unsupported geometry"
    case .wrongFieldCount: return "wrong number of fields"
    case .badLength: return "bad length"
    case .invalidLine: return "invalid line"
    default: return "other"
    }
  }

  private static func file(of error: InputError) -> String {
    switch error {
    case .fileNotFound(let file), .unreadable(let file, _), .emptyFile(let file, _),
      .missingColumn(let file, _, _, _, _), .badNumber(let file, _, _, _),
      .missingValue(let file, _, _), .coordinateOutOfRange(let file, _, _, _, _, _, _),
      .untransformable(let file, _, _, _, _), .negativePopulation(let file, _, _, _),
      .negativeCapacity(let file, _, _, _), .badDate(let file, _, _, _),
      .badGridID(let file, _, _, _, _),
      .unknownCRS(let file, _, _, _, _), .invalidGeometry(let file, _, _),
      .unsupportedGeometry(let file, _, _, _), .badJSON(let file, _, _, _),
      .notGeoJSON(let file, _, _), .wrongFieldCount(let file, _, _, _, _),
      .unterminatedQuote(let file, _), .badLength(let file, _, _, _),
      .missingLengthField(let file, _, _), .invalidLine(let file, _, _),
      .missingSpeedColumn(let file, _, _), .badSpeed(let file, _, _, _),
      .duplicateHighway(let file, _, _, _), .badSpeedRow(let file, _, _),
      .dataset(let file, _), .notDelimitedText(let file, _, _), .badValue(let file, _, _, _, _):
      return file
    }
  }
}
