import Foundation

/// The unit a threshold is measured in: road or straight-line distance, or travel time.
public enum ThresholdUnit: String, Sendable, Hashable, Codable, CaseIterable {
  /// Kilometres of distance.
  case km
  /// Minutes of travel time (network mode only).
  case min
}

/// A distance or time limit that classifies units as served or underserved.
///
/// Written like `10km`, `500m`, `2.5km` or `20min`. The ``label`` keeps the
/// user's spelling (normalised) and names output columns such as `beyond_10km_pop`.
public struct Threshold: Hashable, Sendable, Comparable {
  /// Value in the threshold's unit: kilometres or minutes.
  public var value: Double
  /// Unit of ``value``.
  public var unit: ThresholdUnit
  /// Text used in column names, such as `10km`, `500m`, `20min`.
  public var label: String

  /// Creates a threshold; `label` defaults to the canonical spelling.
  public init(value: Double, unit: ThresholdUnit, label: String? = nil) {
    self.value = value
    self.unit = unit
    self.label = label ?? Threshold.canonicalLabel(value: value, unit: unit)
  }

  /// The threshold in metres (distance thresholds only).
  public var meters: Double? { unit == .km ? value * 1000 : nil }

  /// Parses `10km`, `500m`, `2.5 km`, `20min`; returns nil for anything else.
  public init?(parsing text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    let suffixes: [(String, ThresholdUnit, Double)] = [
      ("km", .km, 1), ("min", .min, 1), ("m", .km, 0.001),
    ]
    for (suffix, unit, factor) in suffixes where trimmed.hasSuffix(suffix) {
      let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
      guard let value = Double(number), value.isFinite, value > 0 else { return nil }
      // The value in km (or min) and in metres must stay positive and finite: 1e308km would
      // be infinite metres, 4e-324m zero kilometres.
      let scaled = value * factor
      guard scaled > 0, (scaled * 1000).isFinite else { return nil }
      let label = Threshold.formatNumber(value) + suffix
      self.init(value: scaled, unit: unit, label: label)
      return
    }
    return nil
  }

  static func canonicalLabel(value: Double, unit: ThresholdUnit) -> String {
    formatNumber(value) + unit.rawValue
  }

  public static func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
  }

  public static func < (lhs: Threshold, rhs: Threshold) -> Bool {
    (lhs.unit.rawValue, lhs.value) < (rhs.unit.rawValue, rhs.value)
  }
}
