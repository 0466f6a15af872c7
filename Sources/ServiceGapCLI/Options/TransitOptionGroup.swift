import ArgumentParser
import Foundation
import ServiceGap
import ServiceGapIO

/// Options of public transport mode (`--mode transit`).
struct TransitOptionGroup: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "GTFS timetable, a .zip file or a folder of its .txt files (needed with --mode transit).",
      valueName: "feed"))
  var gtfs: String?

  @Option(
    help: ArgumentHelp(
      "The day whose timetable is used, YYYY-MM-DD (needed with --mode transit); pick a "
        + "day the feed covers, a school-term weekday for a typical week.",
      valueName: "date"))
  var date: String?

  @Option(
    help: ArgumentHelp(
      "Departure window: one departure every minute from the start (included) to the end "
        + "(excluded) (default: 08:00-10:00).",
      valueName: "HH:MM-HH:MM"))
  var departure: String?

  @Option(
    help: ArgumentHelp(
      "Percentiles of the departures' travel times reported besides the median, e.g. 90 "
        + "or 10,90 (the median is always reported).",
      valueName: "list"))
  var percentiles: String?

  @Option(
    help: ArgumentHelp(
      "Longest walk to the first stop and from the last stop, as walking distance "
        + "(default: 1500m).",
      valueName: "length"))
  var maxWalk: String?

  @Option(
    help: ArgumentHelp(
      "Longest trip: a departure that reaches no service within it counts as unreachable "
        + "(default: 120min).",
      valueName: "minutes"))
  var maxTime: String?

  @Option(
    help: ArgumentHelp(
      "GTFS route types to drop or keep: exclude=715,1501 leaves out on-demand services "
        + "that must be booked; only=700 keeps buses only (default: every route).",
      valueName: "exclude=…|only=…"))
  var routeTypes: String?

  /// The options given on the command line, to refuse them outside transit mode.
  var given: [String] {
    [
      gtfs.map { _ in "--gtfs" }, date.map { _ in "--date" },
      departure.map { _ in "--departure" }, percentiles.map { _ in "--percentiles" },
      maxWalk.map { _ in "--max-walk" }, maxTime.map { _ in "--max-time" },
      routeTypes.map { _ in "--route-types" },
    ].compactMap { $0 }
  }

  /// Refuses public transport mode without a feed and a date, and transit options when no
  /// mode measured uses them (`modes`: the run's, or the two `compare` sets side by side).
  func validate(modes: [DistanceMode]) throws {
    guard modes.contains(.transit) else {
      if let option = given.first {
        throw ValidationError(
          "'\(option)' is only used by public transport: add '--mode transit', or drop "
            + "'\(option)'.")
      }
      return
    }
    if gtfs == nil {
      throw ValidationError("'--mode transit' needs '--gtfs FEED' with the timetable (.zip).")
    }
    if date == nil {
      throw ValidationError(
        "'--mode transit' needs '--date YYYY-MM-DD', the day whose timetable is used.")
    }
  }

  func validate() throws {
    _ = try day()
    _ = try window()
    _ = try percentileList()
    _ = try maxWalkMeters()
    _ = try maxTravelSeconds()
    _ = try routeTypeFilter()
  }

  /// `--date`; nil when not given.
  func day() throws -> ServiceDay? {
    guard let date else { return nil }
    guard let day = ServiceDay(parsing: date) else {
      throw ValidationError("'--date \(date)' is not a date; write it as YYYY-MM-DD.")
    }
    return day
  }

  /// `--departure` in seconds after midnight: 08:00-10:00 by default.
  func window() throws -> (start: Int, end: Int) {
    guard let departure else { return (8 * 3600, 10 * 3600) }
    let parts = departure.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, let start = Self.clock(parts[0]), let end = Self.clock(parts[1])
    else {
      throw ValidationError(
        "'--departure \(departure)' is not a window; write it as HH:MM-HH:MM, e.g. "
          + "08:00-10:00.")
    }
    guard end > start else {
      throw ValidationError(
        "'--departure \(departure)' must end after it starts (write 23:00-25:00 for a "
          + "window past midnight).")
    }
    return (start, end)
  }

  /// `HH:MM` (hours may pass 24, as in GTFS) in seconds; nil when it is not one.
  private static func clock(_ text: Substring) -> Int? {
    let parts = text.trimmingCharacters(in: .whitespaces).split(
      separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 2, let hours = Int(parts[0]),
      let minutes = Int(parts[1]), (0...47).contains(hours), (0..<60).contains(minutes)
    else { return nil }
    return hours * 3600 + minutes * 60
  }

  /// `--percentiles` as whole numbers 1–100.
  func percentileList() throws -> [Int] {
    guard let percentiles else { return [] }
    var list: [Int] = []
    for item in percentiles.split(separator: ",") {
      let text = item.trimmingCharacters(in: .whitespaces)
      guard let value = Int(text.hasPrefix("p") ? String(text.dropFirst()) : text),
        (1...100).contains(value)
      else {
        throw ValidationError(
          "'--percentiles \(percentiles)': '\(text)' is not a percentile; write whole "
            + "numbers from 1 to 100, e.g. 90 or 10,90.")
      }
      list.append(value)
    }
    return list
  }

  /// `--max-walk` in metres: 1,500 m by default.
  func maxWalkMeters() throws -> Double {
    try maxWalk.map { try Length.meters(of: $0, option: "--max-walk", allowZero: false) } ?? 1500
  }

  /// `--max-time` in seconds: 120 minutes by default.
  func maxTravelSeconds() throws -> Double {
    guard let maxTime else { return 7200 }
    guard let threshold = Threshold(parsing: maxTime), threshold.unit == .min,
      threshold.value > 0
    else {
      throw ValidationError(
        "'--max-time \(maxTime)' is not a travel time; write minutes, e.g. 120min.")
    }
    return threshold.value * 60
  }

  /// `--route-types`: every route by default.
  func routeTypeFilter() throws -> RouteTypeFilter {
    guard let routeTypes else { return .all }
    let parts = routeTypes.split(separator: "=", maxSplits: 1)
    let types = parts.count == 2 ? parts[1].split(separator: ",").map { Int($0) } : []
    guard parts.count == 2, !types.isEmpty, types.allSatisfy({ $0 != nil }),
      parts[0] == "exclude" || parts[0] == "only"
    else {
      throw ValidationError(
        "'--route-types \(routeTypes)' is not a filter; write exclude=715,1501 (drop "
          + "on-demand routes) or only=700 (GTFS route_type numbers).")
    }
    let set = Set(types.compactMap { $0 })
    return parts[0] == "exclude" ? .exclude(set) : .only(set)
  }

  /// Reads the timetable and resolves the settings; nil without `--gtfs`.
  ///
  /// - Parameter cellMeters: The zone grid's cell side (`--cell`, default 250 m).
  /// - Returns: The options and the feed's warnings.
  /// - Throws: ``InputError`` for a broken feed, `ValidationError` for a bad setting.
  func load(cellMeters: Double?) throws -> (options: TransitOptions, warnings: [String])? {
    guard let gtfs, let day = try day() else { return nil }
    let (feed, warnings) = try GTFSReader.load(path: gtfs)
    let window = try window()
    let options = TransitOptions(
      feed: feed, date: day, windowStart: window.start, windowEnd: window.end,
      percentiles: try percentileList(), maxWalkMeters: try maxWalkMeters(),
      maxTravelSeconds: try maxTravelSeconds(), routeTypes: try routeTypeFilter(),
      cellMeters: cellMeters ?? 250)
    return (options, warnings)
  }
}
