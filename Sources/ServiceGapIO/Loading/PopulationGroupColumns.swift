import Foundation

/// A population group read from numeric columns (`--groups`): `kvinna`, or
/// `age_65_plus=ald65_74+ald75_` for a group that sums several columns.
public struct PopulationGroupColumns: Hashable, Sendable {
  /// The group's name in the outputs, such as `kvinna` or `age_65_plus`.
  public var name: String
  /// The columns (or properties) whose values add up to the group's people.
  public var columns: [String]

  /// Creates a group from its name and columns.
  public init(name: String, columns: [String]) {
    self.name = name
    self.columns = columns
  }

  /// Parses one group: `column` (the name is the column) or `name=column+column…`.
  ///
  /// - Returns: Nil when a name or column is empty, or the name is not a plain word
  ///   (letters, digits, `_`), which the summary's column names are built from.
  public init?(parsing text: String) {
    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let columnsText = parts.count == 2 ? parts[1] : parts[0]
    let columns = columnsText.split(separator: "+", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let name = (parts.count == 2 ? String(parts[0]) : columns[0])
      .trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty, !columns.contains(where: \.isEmpty),
      name.unicodeScalars.allSatisfy({
        $0 == "_" || ($0.properties.isAlphabetic || ("0"..."9").contains($0))
      })
    else { return nil }
    self.init(name: name, columns: columns)
  }

  /// Parses a comma-separated list of groups, such as `kvinna,man,old=a+b`.
  ///
  /// - Returns: Nil when any group does not parse or two groups share a name.
  public static func list(parsing text: String) -> [PopulationGroupColumns]? {
    var groups: [PopulationGroupColumns] = []
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let group = PopulationGroupColumns(parsing: String(item)),
        !groups.contains(where: { $0.name == group.name })
      else { return nil }
      groups.append(group)
    }
    return groups
  }
}
