import Foundation
import ServiceGap

/// Which categories and which services a run compares.
public enum ServiceSelection {
  /// Why requested categories cannot be analysed.
  public enum CategoryError: Error, Equatable, Sendable {
    /// The list names no category.
    case empty
    /// A category has no service; `present` lists the categories there are and how many
    /// services each has, by name.
    case absent(category: String, present: [String])
  }

  /// The categories to analyse: those requested (comma-separated, in their order, each
  /// once), all present in `services`; every category present (sorted) without a request.
  ///
  /// - Throws: ``CategoryError``.
  public static func categories(requested: String?, in services: [ServicePoint])
    throws(CategoryError) -> [String]
  {
    var counts: [String: Int] = [:]
    for service in services { counts[service.category, default: 0] += 1 }
    guard let requested else { return counts.keys.sorted() }
    let names = requested.split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
    guard !names.isEmpty else { throw .empty }
    for category in names where counts[category] == nil {
      throw .absent(
        category: category,
        present: counts.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" })
    }
    var seen: Set<String> = []
    return names.filter { seen.insert($0).inserted }
  }

  /// The services open on each of two dates, by their opened and closed dates.
  ///
  /// - Parameters:
  ///   - services: The services of one file, with dates.
  ///   - before: The first date (`YYYY-MM-DD`, normalised).
  ///   - after: The second date.
  /// - Returns: The services of each date and the two dates' years; nil when no service
  ///   has a date, so both would be the same.
  public static func situations(_ services: [ServicePoint], before: String, after: String)
    -> (before: [ServicePoint], after: [ServicePoint], vintages: (String, String))?
  {
    guard services.contains(where: { $0.opened != nil || $0.closed != nil }) else { return nil }
    return (
      services.filter { $0.isOpen(on: before) }, services.filter { $0.isOpen(on: after) },
      (String(before.prefix(4)), String(after.prefix(4)))
    )
  }

  /// The year services describe: their year column when all agree (several years joined
  /// by `/`), else the year `file` was last modified; nil when neither is known.
  public static func vintage(_ services: [ServicePoint], file: String) -> String? {
    let years = Set(services.compactMap(\.year))
    if years.count == 1 { return years.first }
    if years.count > 1 { return years.sorted().joined(separator: "/") }
    guard
      let date = try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate]
        as? Date
    else { return nil }
    return String(Calendar(identifier: .gregorian).component(.year, from: date))
  }
}
