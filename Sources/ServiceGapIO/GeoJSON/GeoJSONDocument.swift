/// The contents of a GeoJSON file: its features and the CRS it declares.
public struct GeoJSONDocument: Hashable, Sendable {
  /// The file name used in messages.
  public var file: String
  /// The CRS named by a legacy `crs` member, normalised (see ``CRSName``); nil when absent.
  public var declaredCRS: String?
  /// The features in file order; a bare Feature or geometry becomes one feature.
  public var features: [GeoJSONFeature]
  /// Every property name that occurs, in order of first appearance.
  public var propertyNames: [String]

  /// Creates a document.
  public init(
    file: String, declaredCRS: String?, features: [GeoJSONFeature], propertyNames: [String]
  ) {
    self.file = file
    self.declaredCRS = declaredCRS
    self.features = features
    self.propertyNames = propertyNames
  }
}
