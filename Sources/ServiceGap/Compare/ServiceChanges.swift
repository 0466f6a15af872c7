/// Service points to close and to open: one "what if?" situation.
public struct ServiceChanges: Sendable, Hashable {
  /// Ids of services to close.
  public var close: [String]
  /// New services to open.
  public var open: [ServicePoint]

  /// Creates a set of changes.
  public init(close: [String] = [], open: [ServicePoint] = []) {
    self.close = close
    self.open = open
  }

  /// The services after the changes: the closed ones removed, the opened ones added
  /// at the end.
  ///
  /// - Throws: ``ServiceChangeError`` for an id that names no service, a service
  ///   closed twice, or an opened service whose id is taken.
  public func apply(to services: [ServicePoint]) throws(ServiceChangeError) -> [ServicePoint] {
    let ids = Set(services.map(\.id))
    var closing = Set<String>()
    for id in close {
      guard ids.contains(id) else {
        throw .unknownService(id: id, suggestion: Self.closest(to: id, among: ids))
      }
      guard closing.insert(id).inserted else { throw .closedTwice(id: id) }
    }
    var taken = ids
    for service in open where !taken.insert(service.id).inserted {
      throw .idTaken(id: service.id)
    }
    return services.filter { !closing.contains($0.id) } + open
  }

  /// The id with the smallest edit distance, to suggest for a typo.
  static func closest(to id: String, among ids: Set<String>) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
      var previous = Array(0...b.count)
      for (i, x) in a.enumerated() {
        var current = [i + 1]
        for (j, y) in b.enumerated() {
          current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
        }
        previous = current
      }
      return previous[b.count]
    }
    let target = Array(id)
    let best = ids.map { ($0, distance(target, Array($0))) }.min {
      ($0.1, $0.0) < ($1.1, $1.0)
    }
    guard let best, best.1 <= max(2, id.count / 3) else { return nil }
    return best.0
  }
}

/// Why a set of service changes cannot be applied.
public enum ServiceChangeError: Error, Equatable, Sendable, CustomStringConvertible {
  case unknownService(id: String, suggestion: String?)
  case closedTwice(id: String)
  case idTaken(id: String)

  public var description: String {
    switch self {
    case .unknownService(let id, let suggestion):
      return "no service has the id '\(id)'"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "; check the id column of the services.")
    case .closedTwice(let id):
      return "the service '\(id)' is closed twice; name it once."
    case .idTaken(let id):
      return "a new service would take the id '\(id)', which an existing service has; "
        + "give it another id."
    }
  }
}
