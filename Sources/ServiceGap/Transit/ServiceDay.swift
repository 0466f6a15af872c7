/// A calendar date of a timetable, such as 2023-01-17.
///
/// GTFS writes dates as `YYYYMMDD`; the command line as `YYYY-MM-DD`. Days are counted
/// from 1970-01-01 (proleptic Gregorian) so that the day before and the weekday are
/// arithmetic.
public struct ServiceDay: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public let ordinal: Int

  /// The day `ordinal` days after 1970-01-01.
  public init(ordinal: Int) { self.ordinal = ordinal }

  /// The date, or nil when it does not exist (2023-02-30).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year)
    else { return nil }
    // Days from civil (Howard Hinnant's algorithm).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    ordinal = era * 146_097 + dayOfEra - 719_468
  }

  /// Parses GTFS's `20230117` or the command line's `2023-01-17`; nil otherwise.
  public init?(parsing text: String) {
    let digits = text.filter { $0 != "-" }
    let dashes = text.count - digits.count
    guard digits.count == 8, dashes == 0 || (dashes == 2 && text.count == 10),
      dashes == 0 || (Array(text)[4] == "-" && Array(text)[7] == "-"),
      digits.allSatisfy(\.isASCII), let number = Int(digits)
    else { return nil }
    self.init(year: number / 10_000, month: number / 100 % 100, day: number % 100)
  }

  /// 0 for Monday … 6 for Sunday (GTFS's column order in `calendar.txt`).
  public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 }

  /// The day before.
  public var previous: ServiceDay { ServiceDay(ordinal: ordinal - 1) }

  /// The year, month and day.
  public var components: (year: Int, month: Int, day: Int) {
    let z = ordinal + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// `2023-01-17`.
  public var description: String {
    let (year, month, day) = components
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(year)-\(two(month))-\(two(day))"
  }

  public static func < (lhs: ServiceDay, rhs: ServiceDay) -> Bool { lhs.ordinal < rhs.ordinal }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
