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

  /// A new service written `lon,lat,category[,capacity]` in WGS 84 degrees, with the id
  /// `new-<number>`.
  ///
  /// - Parameters:
  ///   - text: The service as written, such as `20.0407,64.7902,grocery`.
  ///   - number: Its number among the new services (from 1).
  ///   - name: Its name.
  /// - Returns: The service.
  /// - Throws: ``ServiceOpeningError``.
  public static func opening(_ text: String, number: Int, name: String) throws(ServiceOpeningError)
    -> ServicePoint
  {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard parts.count == 3 || parts.count == 4, let lon = Double(parts[0]),
      let lat = Double(parts[1]), (-180...180).contains(lon), (-90...90).contains(lat),
      !parts[2].isEmpty
    else { throw .notLonLatCategory }
    var capacity: Double?
    if parts.count == 4 {
      guard let value = Double(parts[3]), value > 0, value.isFinite else {
        throw .capacityNotPositive
      }
      capacity = value
    }
    return ServicePoint(
      id: "new-\(number)", name: name, category: parts[2], location: LonLat(lon: lon, lat: lat),
      capacity: capacity)
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

/// Why a new service's text cannot be read.
public enum ServiceOpeningError: Error, Equatable, Sendable {
  /// Not `lon,lat,category[,capacity]` with degrees in range and a category.
  case notLonLatCategory
  /// The capacity is not a positive number.
  case capacityNotPositive
}
