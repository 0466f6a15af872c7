/// The colours of distance classes and zones, shared by the HTML report and the QGIS
/// styles, so a unit or zone has the same colour in both.
///
/// Units: blue within the first threshold, then orange to red beyond it (orange, red and
/// dark red with three thresholds or more), one colour per class, and grey for unreachable. Zones: a ramp of lavender
/// shades, lightest for the first (smallest) threshold, whose zone is the largest and is
/// drawn first, darkest for the last, drawn on top. The hues were chosen to stay
/// distinguishable with the common colour-vision deficiencies (blue against orange and
/// red, not red against green) and to keep units legible on top of the zones.
public struct DistanceClassPalette: Hashable, Sendable {
  /// Colour of each reachable class, nearest first (threshold count + 1 colours).
  public var classColours: [RGBColour]
  /// Colour of units that reach no service.
  public var unreachableColour: RGBColour
  /// Fill of the zones beyond each threshold, ascending.
  public var zoneColours: [RGBColour]

  /// Anchors of the unit ramp: blue, orange, red (ColorBrewer RdYlBu's ends and middle).
  static let unitAnchors = [
    RGBColour(hex: 0x2b83ba), RGBColour(hex: 0xfdae61), RGBColour(hex: 0xd7191c),
  ]
  /// Anchors beyond the first threshold when there are three thresholds or more: orange,
  /// red, dark red.
  static let farAnchors = [
    RGBColour(hex: 0xfdae61), RGBColour(hex: 0xd7191c), RGBColour(hex: 0x67001f),
  ]
  /// Anchors of the zone ramp: light to dark lavender.
  static let zoneAnchors = [RGBColour(hex: 0xe9e5f4), RGBColour(hex: 0xbdb2dd)]

  /// The palette for `thresholdCount` thresholds.
  ///
  /// - Parameter thresholdCount: How many thresholds the category has (1 or more; 0 gives
  ///   a single class colour and no zone colour).
  public init(thresholdCount: Int) {
    // Within the first threshold: blue. Beyond it, one to three classes take the ramp's
    // orange and red; more spread over orange, red and a dark red.
    let beyond = max(0, thresholdCount)
    let beyondAnchors = beyond <= 2 ? Array(Self.unitAnchors.dropFirst()) : Self.farAnchors
    classColours =
      [Self.unitAnchors[0]]
      + (0..<beyond).map { index in
        beyond == 1
          ? Self.unitAnchors[2]
          : RGBColour.ramp(beyondAnchors, at: Double(index) / Double(beyond - 1))
      }
    unreachableColour = RGBColour(hex: 0x8c8c8c)
    zoneColours = (0..<max(0, thresholdCount)).map { index in
      thresholdCount == 1
        ? RGBColour.ramp(Self.zoneAnchors, at: 0.5)
        : RGBColour.ramp(Self.zoneAnchors, at: Double(index) / Double(thresholdCount - 1))
    }
  }

  /// The palette of a category's measure.
  public init(_ measure: CategoryMeasure) {
    self.init(thresholdCount: measure.thresholds.count)
  }

  /// The colour of class `index` of a category with this palette (see
  /// ``CategoryMeasure/classIndex(of:)``): a class colour, or grey past them.
  public func colour(ofClass index: Int) -> RGBColour {
    index < classColours.count ? classColours[index] : unreachableColour
  }
}
