/// Which OpenStreetMap tags make a service of which category.
///
/// A rule reads `category:key=value|value…` (`grocery:shop=supermarket|convenience`);
/// `category:key=*` matches any value of the key. A node or area that matches rules of
/// several categories is a service of each of them (a fuel station tagged
/// `shop=convenience` is also a grocery store, as OSM mappers mean it); the matched value
/// becomes the service's `subcategory`.
public struct OSMServiceTags: Hashable, Sendable {
  /// One `category:key=value|value…` rule.
  public struct Rule: Hashable, Sendable, CustomStringConvertible {
    /// The service category the rule gives.
    public var category: String
    /// The OSM key, such as `amenity`.
    public var key: String
    /// The accepted values; empty means any value.
    public var values: [String]

    /// Creates a rule; empty `values` accepts any value of `key`.
    public init(category: String, key: String, values: [String]) {
      self.category = category
      self.key = key
      self.values = values
    }

    /// Parses `category:key=value|value…` (or `category:key=*`); nil when malformed.
    public init?(parsing text: String) {
      guard let colon = text.firstIndex(of: ":"), let equals = text.firstIndex(of: "="),
        colon < equals
      else { return nil }
      let category = text[..<colon].trimmingSpaces
      let key = text[text.index(after: colon)..<equals].trimmingSpaces
      let valueText = text[text.index(after: equals)...].trimmingSpaces
      let values = valueText.split(separator: "|").map { $0.trimmingSpaces }
      guard !category.isEmpty, !key.isEmpty, !values.isEmpty, !values.contains("") else {
        return nil
      }
      self.init(category: category, key: key, values: values == ["*"] ? [] : values)
    }

    /// The rule as written on the command line.
    public var description: String {
      "\(category):\(key)=\(values.isEmpty ? "*" : values.joined(separator: "|"))"
    }

    /// The matched value, when the tags satisfy the rule.
    func match(_ tags: [String: String]) -> String? {
      guard let value = tags[key] else { return nil }
      return values.isEmpty || values.contains(value) ? value : nil
    }
  }

  /// The rules, in order.
  public var rules: [Rule]

  /// Creates a mapping from rules.
  public init(rules: [Rule]) { self.rules = rules }

  /// The documented default mapping.
  public static let defaults = OSMServiceTags(rules: [
    Rule(category: "grocery", key: "shop", values: ["supermarket", "convenience"]),
    Rule(category: "fuel", key: "amenity", values: ["fuel"]),
    Rule(category: "pharmacy", key: "amenity", values: ["pharmacy"]),
    Rule(category: "atm", key: "amenity", values: ["atm"]),
    Rule(category: "atm", key: "atm", values: ["yes"]),
    Rule(category: "parcel", key: "amenity", values: ["post_office", "parcel_locker"]),
    Rule(category: "health", key: "amenity", values: ["clinic", "doctors", "hospital"]),
    Rule(category: "school", key: "amenity", values: ["school"]),
  ])

  /// The mapping with `given` rules replacing every default rule of their categories.
  public func replacing(with given: [Rule]) -> OSMServiceTags {
    let replaced = Set(given.map(\.category))
    return OSMServiceTags(rules: rules.filter { !replaced.contains($0.category) } + given)
  }

  /// The categories the tags give, each once, with the value that matched first.
  func categories(of tags: [String: String]) -> [(category: String, subcategory: String)] {
    var found: [(category: String, subcategory: String)] = []
    for rule in rules where !found.contains(where: { $0.category == rule.category }) {
      if let value = rule.match(tags) { found.append((rule.category, value)) }
    }
    return found
  }
}

extension StringProtocol {
  /// The text without surrounding spaces.
  fileprivate var trimmingSpaces: String {
    String(String(self).trimmedOfSpaces ?? "")
  }
}
