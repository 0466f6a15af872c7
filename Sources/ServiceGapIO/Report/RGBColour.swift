/// An opaque sRGB colour, written as `#rrggbb` in SVG and `r,g,b,255` in QGIS styles.
public struct RGBColour: Hashable, Sendable {
  /// Red, 0–255.
  public var red: UInt8
  /// Green, 0–255.
  public var green: UInt8
  /// Blue, 0–255.
  public var blue: UInt8

  /// Creates a colour from its channels.
  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// Creates a colour from a 24-bit value such as `0x2b83ba`.
  public init(hex value: UInt32) {
    red = UInt8(truncatingIfNeeded: value >> 16)
    green = UInt8(truncatingIfNeeded: value >> 8)
    blue = UInt8(truncatingIfNeeded: value)
  }

  /// `#rrggbb`, lower case (SVG, CSS).
  public var hex: String {
    let digits = Array("0123456789abcdef")
    var text = "#"
    for channel in [red, green, blue] {
      text.append(digits[Int(channel >> 4)])
      text.append(digits[Int(channel & 0xF)])
    }
    return text
  }

  /// `r,g,b,255`, the form of colours in a QGIS style (`.qml`).
  public var qgis: String { "\(red),\(green),\(blue),255" }

  /// The colour a fraction `t` (0…1) of the way from `self` to `other`, channel by channel.
  ///
  /// - Parameters:
  ///   - other: The colour at `t` = 1.
  ///   - t: Position between the two; clamped to 0…1.
  /// - Returns: The mixed colour, each channel rounded to the nearest integer.
  public func mixed(with other: RGBColour, at t: Double) -> RGBColour {
    let t = Swift.min(1, Swift.max(0, t))
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
    }
    return RGBColour(
      red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
  }

  /// The colour at `position` (0…1) along a ramp of anchor colours, evenly spaced.
  ///
  /// - Parameters:
  ///   - anchors: At least one colour; the first at 0, the last at 1.
  ///   - position: Where on the ramp; clamped to 0…1.
  /// - Returns: The interpolated colour.
  static func ramp(_ anchors: [RGBColour], at position: Double) -> RGBColour {
    guard anchors.count > 1 else { return anchors.first ?? RGBColour(hex: 0) }
    let scaled = Swift.min(1, Swift.max(0, position)) * Double(anchors.count - 1)
    let index = Swift.min(anchors.count - 2, Int(scaled))
    return anchors[index].mixed(with: anchors[index + 1], at: scaled - Double(index))
  }
}
