/// One feature of a GeoJSON file: its number, properties and geometry.
public struct GeoJSONFeature: Hashable, Sendable {
  /// 1-based position in the file, used in messages (`feature 3`).
  public var number: Int
  /// The feature's top-level `id` member, if any.
  public var id: JSONValue?
  /// Flat properties; nested arrays and objects are ``JSONValue/other(_:)``.
  public var properties: [String: JSONValue]
  /// The geometry; nil for a `null` geometry (allowed by RFC 7946).
  public var geometry: GeoJSONGeometry?

  /// Creates a feature.
  public init(
    number: Int, id: JSONValue? = nil, properties: [String: JSONValue] = [:],
    geometry: GeoJSONGeometry?
  ) {
    self.number = number
    self.id = id
    self.properties = properties
    self.geometry = geometry
  }

  /// The property whose name equals `name` ignoring case (an exact match wins).
  public func property(named name: String) -> JSONValue? {
    if let exact = properties[name] { return exact }
    let wanted = name.lowercased()
    return properties.first { $0.key.lowercased() == wanted }?.value
  }
}
