import ServiceGap

/// How to read a road network file: which properties mean what, its CRS, and how strict
/// to be.
///
/// Property names are matched exactly, else ignoring case. The `highway`, `maxspeed` and
/// `oneway` properties are optional on every feature; when one occurs in no feature at all
/// the loader warns (the roads then get their class speed, or are all two-way). A
/// `lengthField`, once named, must be a positive number on every feature.
public struct RoadFieldOptions: Hashable, Sendable {
  /// Property with the OpenStreetMap road class, such as `tertiary` (default `highway`).
  public var highwayField: String
  /// Property with the speed limit (default `maxspeed`): km/h, or text such as `70 mph`.
  public var maxSpeedField: String
  /// Property with the direction of travel (default `oneway`): `yes`, `-1`, `no`, true, ….
  public var onewayField: String
  /// Property with the true length in metres (`--length-field`); nil measures the geometry.
  public var lengthField: String?
  /// CRS of the coordinates, such as `EPSG:3006`; nil means the file's legacy `crs` member,
  /// else EPSG:4326.
  public var crs: String?
  /// Skip features with bad geometry or length instead of stopping (`--skip-invalid`).
  public var skipInvalid: Bool
  /// Who travels, which decides the ways read from an OpenStreetMap extract.
  ///
  /// By car (the default) its car roads; walking and cycling also its footways, paths
  /// and cycleways (``OSMReader``). Other files are read whole; the profile chooses among
  /// their roads later, from the tags `foot`, `bicycle`, `access`, `oneway:bicycle` and
  /// `motorroad`, which are read only when walking or cycling: load the roads with the
  /// profile you will measure with.
  public var profile: TravelProfile

  /// Creates options; the defaults read OpenStreetMap-style properties strictly.
  public init(
    highwayField: String = "highway", maxSpeedField: String = "maxspeed",
    onewayField: String = "oneway", lengthField: String? = nil, crs: String? = nil,
    skipInvalid: Bool = false, profile: TravelProfile = .car
  ) {
    self.profile = profile
    self.highwayField = highwayField
    self.maxSpeedField = maxSpeedField
    self.onewayField = onewayField
    self.lengthField = lengthField
    self.crs = crs
    self.skipInvalid = skipInvalid
  }
}
