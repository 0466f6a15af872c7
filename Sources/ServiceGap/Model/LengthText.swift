/// Lengths written with a unit: `250m`, `1km`, `1.5 km` (any case).
public enum LengthText {
  /// The metres in `text`, of any sign; nil when it is not a finite number with `m` or `km`.
  public static func meters(_ text: String) -> Double? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    for (suffix, factor) in [("km", 1000.0), ("m", 1.0)] where trimmed.hasSuffix(suffix) {
      let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
      guard let value = Double(number), value.isFinite else { return nil }
      return value * factor
    }
    return nil
  }
}
