import Foundation

/// Dates of services opening and closing, written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
public enum ServiceDate {
  /// The date as `YYYY-MM-DD` (a missing month or day is 01); nil when it is not a date.
  ///
  /// Normalised dates compare correctly as text.
  public static func normalise(_ text: String) -> String? {
    let parts = text.trimmingCharacters(in: .whitespaces).split(
      separator: "-", omittingEmptySubsequences: false)
    guard (1...3).contains(parts.count), parts[0].count == 4,
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
    else { return nil }
    let month = parts.count > 1 ? Int(parts[1]) ?? 0 : 1
    let day = parts.count > 2 ? Int(parts[2]) ?? 0 : 1
    let daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard parts.dropFirst().allSatisfy({ $0.count == 2 }), (1...12).contains(month),
      (1...daysInMonth[month - 1]).contains(day)
    else { return nil }
    func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    // The year's four digits as written: Int(0220) would print 220 and sort after 2020.
    return "\(parts[0])-\(twoDigits(month))-\(twoDigits(day))"
  }
}
