/// The order servicegap puts units, services and regions in before an analysis, so that
/// the row order of the input files never changes an output byte.
///
/// Everything is ordered by id (as text, by Unicode scalars), then by the remaining fields
/// (position, then population or category, capacity, dates, name), so two records tie
/// only when they are identical and the order of those does not matter. Records without
/// an id in the file get their row number as id, so for them the row order is the
/// identity and does matter.
public enum CanonicalOrder {
  /// Units by id, longitude, latitude, population, name and region key.
  public static func units(_ units: [PopulationUnit]) -> [PopulationUnit] {
    sorted(units) { a, b in
      compare(a.id, b.id) ?? compare(a.location.lon, b.location.lon)
        ?? compare(a.location.lat, b.location.lat) ?? compare(a.population, b.population)
        ?? compare(a.name, b.name) ?? compare(a.regionKey ?? "", b.regionKey ?? "") ?? false
    }
  }

  /// Services by id, category, longitude, latitude, capacity, dates, name and region key.
  public static func services(_ services: [ServicePoint]) -> [ServicePoint] {
    sorted(services) { a, b in
      compare(a.id, b.id) ?? compare(a.category, b.category)
        ?? compare(a.location.lon, b.location.lon) ?? compare(a.location.lat, b.location.lat)
        ?? compare(a.capacity ?? -1, b.capacity ?? -1) ?? compare(a.opened ?? "", b.opened ?? "")
        ?? compare(a.closed ?? "", b.closed ?? "") ?? compare(a.year ?? "", b.year ?? "")
        ?? compare(a.name, b.name) ?? compare(a.regionKey ?? "", b.regionKey ?? "") ?? false
    }
  }

  /// Regions by id, then name; the summary lists regions in this order.
  public static func regions(_ regions: [Region]) -> [Region] {
    sorted(regions) { a, b in compare(a.id, b.id) ?? compare(a.name, b.name) ?? false }
  }

  /// `items` sorted, or unchanged (without copying work) when already in order.
  private static func sorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
    if zip(items, items.dropFirst()).allSatisfy({ !less($1, $0) }) { return items }
    return items.sorted(by: less)
  }

  /// Whether `a` comes first; nil when they are equal.
  ///
  /// Text compares by Unicode scalars, so the order does not depend on the locale or on
  /// Unicode normalisation.
  private static func compare(_ a: String, _ b: String) -> Bool? {
    a == b ? nil : a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
  }

  private static func compare(_ a: Double, _ b: Double) -> Bool? { a == b ? nil : a < b }
}
