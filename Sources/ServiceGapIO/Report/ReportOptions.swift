/// What a report says about its run beyond the result itself, and how it draws.
public struct ReportOptions: Sendable {
  /// One input file named in the report's header.
  public struct Input: Hashable, Sendable {
    /// What the file holds: `population`, `services`, `regions`, `roads`.
    public var role: String
    /// The file name as the user gave it.
    public var file: String

    /// Creates an input entry.
    public init(role: String, file: String) {
      self.role = role
      self.file = file
    }
  }

  /// The heading of the page.
  public var title = "servicegap report"
  /// The servicegap version, printed as `servicegap <version>`.
  public var version: String
  /// The input files, in the order to list them.
  public var inputs: [Input] = []
  /// Attribution lines for the data; the defaults are placeholders the user fills in,
  /// since the data sources are theirs.
  public var attribution: [String] = [
    "Population: [source, year and licence of the population data]",
    "Services: [source, date and licence of the service points]",
    "Regions: [source and licence of the boundaries]",
  ]
  /// Above this many units, a map draws units as compact path data (units of one class in
  /// the same 2 × 2 pixel cell merged into one dot) instead of one circle per unit; see
  /// ``ReportWriter``.
  public var individualUnitLimit = 10_000

  /// Creates options for a report made by servicegap `version`.
  public init(version: String) {
    self.version = version
  }
}
