import Foundation
internal import GeoBridge
import ServiceGap

/// Reads a GTFS feed, from a zip file or a folder, into a ``TransitFeed``.
///
/// Tables read: `stops.txt`, `routes.txt`, `trips.txt`, `stop_times.txt` (required);
/// `calendar.txt` and `calendar_dates.txt` (at least one); `frequencies.txt` and
/// `transfers.txt` (optional); the others are not needed. A broken feed stops with the
/// file (`feed.zip/stop_times.txt`), the line, the field and what it should hold. What a
/// GTFS validator would flag but a journey planner can live with becomes a warning: trips
/// with fewer than two stop times, stop times whose times go backwards (the trip is left
/// out), times missing between timepoints (interpolated), stops no trip serves, rules
/// that cannot be applied.
public enum GTFSReader {
  /// Reads the feed at `path`.
  ///
  /// - Returns: The feed and the warnings.
  /// - Throws: ``InputError``.
  public static func load(path: String) throws(InputError) -> (
    feed: TransitFeed, warnings: [String]
  ) {
    var source = try FeedSource(path: path)
    var warnings: [String] = []
    let stops = try Stops(try source.table("stops.txt"))
    let routes = try readRoutes(try source.table("routes.txt"))
    var services = Services()
    let calendar = try source.optionalTable("calendar.txt")
    let dates = try source.optionalTable("calendar_dates.txt")
    guard calendar != nil || dates != nil else {
      throw .dataset(
        file: path,
        message: "the feed has neither calendar.txt nor calendar_dates.txt, so no trip runs on "
          + "any day. Check that the whole feed was exported.")
    }
    if let calendar { try services.readCalendar(calendar) }
    if let dates { try services.readDates(dates) }
    var trips = try Trips(try source.table("trips.txt"), routes: routes, services: &services)
    try trips.readStopTimes(try source.table("stop_times.txt"), stops: stops, warnings: &warnings)
    var frequencies: [TransitFeed.Frequency] = []
    if let table = try source.optionalTable("frequencies.txt") {
      frequencies = try readFrequencies(table, trips: trips)
    }
    var transfers: [TransitFeed.TransferRule] = []
    if let table = try source.optionalTable("transfers.txt") {
      transfers = try readTransfers(table, stops: stops, trips: trips, warnings: &warnings)
    }
    let feed = trips.feed(
      stops: stops.stops, routes: routes.list, services: services.list, frequencies: frequencies,
      transfers: transfers, warnings: &warnings, file: path)
    return (feed, warnings)
  }

  // MARK: Tables

  /// The feed's tables, from a zip file or a folder.
  private struct FeedSource {
    let path: String
    private let archive: ZipArchive?

    init(path: String) throws(InputError) {
      self.path = path
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
        throw .fileNotFound(file: path)
      }
      if isFolder.boolValue {
        archive = nil
        return
      }
      do {
        archive = try ZipArchive(path: path)
      } catch {
        throw .dataset(
          file: path,
          message: "not a GTFS zip file (\(Self.describe(error))). Give the feed as its .zip "
            + "file or as a folder holding stops.txt, trips.txt, stop_times.txt, ….")
      }
    }

    /// A required table.
    mutating func table(_ name: String) throws(InputError) -> CSVRows {
      guard let rows = try optionalTable(name) else {
        throw .dataset(
          file: path,
          message: "the feed has no \(name), which every GTFS feed needs. Check that the whole "
            + "feed was exported.")
      }
      return rows
    }

    /// A table, or nil when the feed has none.
    func optionalTable(_ name: String) throws(InputError) -> CSVRows? {
      let file = "\(path)/\(name)"
      guard let archive else {
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        return try CSVRows(file: file)
      }
      guard let entry = archive.entry(named: name) else { return nil }
      do {
        return try CSVRows(content: try archive.contents(of: entry), file: file)
      } catch let error as ZipError {
        throw .dataset(file: path, message: "cannot read \(name): \(Self.describe(error)).")
      } catch let error as InputError {
        throw error
      } catch {
        throw .dataset(file: path, message: "cannot read \(name): \(error).")
      }
    }

    static func describe(_ error: ZipError) -> String {
      switch error {
      case .unreadable(let reason): return reason
      case .notZip: return "no zip directory"
      case .unsupportedMethod(let member, let method):
        return "\(member) is compressed with method \(method); only stored and deflate are read"
      case .corrupt(let member, let reason):
        return member.isEmpty ? reason : "\(member): \(reason)"
      }
    }
  }

  /// A table's columns by name, with the errors GTFS fields need.
  struct Columns {
    let rows: CSVRows
    private let positions: [String: Int]

    init(_ rows: CSVRows) {
      self.rows = rows
      var positions: [String: Int] = [:]
      for (index, name) in rows.header.enumerated() where positions[name] == nil {
        positions[name.trimmingCharacters(in: .whitespaces)] = index
      }
      self.positions = positions
    }

    func require(_ names: [String]) throws(InputError) {
      for name in names where positions[name] == nil {
        throw .dataset(
          file: rows.file,
          message: "no column '\(name)', which GTFS requires; the columns are: "
            + "\(rows.header.joined(separator: ", ")).")
      }
    }

    /// The field's text, trimmed; empty when the column or the value is absent.
    func text(_ row: CSVRow, _ name: String) -> String {
      guard let column = positions[name], column < row.fieldCount else { return "" }
      return row.trimmedString(column: column) ?? ""
    }

    func bad(_ row: CSVRow, _ name: String, expected: String) -> InputError {
      .badValue(
        file: rows.file, location: .line(row.line), field: name, value: text(row, name),
        expected: expected)
    }

    func int(_ row: CSVRow, _ name: String, default value: Int? = nil, expected: String)
      throws(InputError) -> Int
    {
      let text = text(row, name)
      if text.isEmpty, let value { return value }
      guard let number = Int(text) else { throw bad(row, name, expected: expected) }
      return number
    }

    func double(_ row: CSVRow, _ name: String, expected: String) throws(InputError) -> Double {
      guard let number = Double(text(row, name)), number.isFinite else {
        throw bad(row, name, expected: expected)
      }
      return number
    }

    /// `HH:MM:SS` (hours past 24 allowed) in seconds; nil when empty.
    func time(_ row: CSVRow, _ name: String) throws(InputError) -> Int? {
      let text = text(row, name)
      if text.isEmpty { return nil }
      let parts = text.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 3, let hours = Int(parts[0]), let minutes = Int(parts[1]),
        let seconds = Int(parts[2]), hours >= 0, (0..<60).contains(minutes),
        (0..<60).contains(seconds), parts[1].count == 2, parts[2].count == 2
      else {
        throw bad(row, name, expected: "a time HH:MM:SS (hours may pass 24)")
      }
      return hours * 3600 + minutes * 60 + seconds
    }
  }

  // MARK: Stops, routes, calendars

  fileprivate struct Stops {
    var stops: [TransitFeed.Stop] = []
    var byID: [String: Int] = [:]

    init(_ rows: CSVRows) throws(InputError) {
      let columns = Columns(rows)
      try columns.require(["stop_id"])
      var parents: [(stop: Int, parent: String, line: Int)] = []
      try rows.forEachRow { row throws(InputError) in
        let type = try columns.int(
          row, "location_type", default: 0, expected: "a location_type 0–4")
        // Entrances, generic nodes and boarding areas place nothing a trip calls at.
        guard type == 0 || type == 1 else { return }
        let id = columns.text(row, "stop_id")
        guard !id.isEmpty else { throw columns.bad(row, "stop_id", expected: "a stop id") }
        let lat = try columns.double(row, "stop_lat", expected: "a latitude in degrees")
        let lon = try columns.double(row, "stop_lon", expected: "a longitude in degrees")
        guard abs(lat) <= 90, abs(lon) <= 180 else {
          throw columns.bad(row, "stop_lat", expected: "a latitude within ±90 (and longitude ±180)")
        }
        let parent = columns.text(row, "parent_station")
        if !parent.isEmpty { parents.append((stops.count, parent, row.line)) }
        byID[id] = stops.count
        stops.append(
          TransitFeed.Stop(
            id: id, name: columns.text(row, "stop_name"), location: LonLat(lon: lon, lat: lat),
            isStation: type == 1))
      }
      for (stop, parent, line) in parents {
        guard let station = byID[parent] else {
          throw .badValue(
            file: rows.file, location: .line(line), field: "parent_station", value: parent,
            expected: "a stop_id of stops.txt")
        }
        stops[stop].parent = station
      }
    }

    func index(_ row: CSVRow, _ columns: Columns, _ name: String) throws(InputError) -> Int {
      guard let stop = byID[columns.text(row, name)] else {
        throw columns.bad(row, name, expected: "a stop_id of stops.txt")
      }
      return stop
    }
  }

  fileprivate struct Routes {
    var list: [TransitFeed.Route] = []
    var byID: [String: Int] = [:]
  }

  private static func readRoutes(_ rows: CSVRows) throws(InputError) -> Routes {
    let columns = Columns(rows)
    try columns.require(["route_id", "route_type"])
    var routes = Routes()
    try rows.forEachRow { row throws(InputError) in
      let id = columns.text(row, "route_id")
      let type = try columns.int(row, "route_type", expected: "a GTFS route_type number")
      var name = columns.text(row, "route_short_name")
      if name.isEmpty { name = columns.text(row, "route_long_name") }
      routes.byID[id] = routes.list.count
      routes.list.append(TransitFeed.Route(id: id, name: name, type: type))
    }
    return routes
  }

  fileprivate struct Services {
    var list: [TransitFeed.Service] = []
    var byID: [String: Int] = [:]

    mutating func index(of id: String) -> Int {
      if let index = byID[id] { return index }
      byID[id] = list.count
      list.append(TransitFeed.Service(id: id))
      return list.count - 1
    }

    mutating func readCalendar(_ rows: CSVRows) throws(InputError) {
      let columns = Columns(rows)
      let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
      try columns.require(["service_id"] + days + ["start_date", "end_date"])
      try rows.forEachRow { row throws(InputError) in
        let service = index(of: columns.text(row, "service_id"))
        var weekdays: [Bool] = []
        for day in days {
          let flag = try columns.int(row, day, expected: "0 or 1")
          guard flag == 0 || flag == 1 else { throw columns.bad(row, day, expected: "0 or 1") }
          weekdays.append(flag == 1)
        }
        list[service].weekdays = weekdays
        list[service].start = try date(row, columns, "start_date")
        list[service].end = try date(row, columns, "end_date")
      }
    }

    mutating func readDates(_ rows: CSVRows) throws(InputError) {
      let columns = Columns(rows)
      try columns.require(["service_id", "date", "exception_type"])
      try rows.forEachRow { row throws(InputError) in
        let service = index(of: columns.text(row, "service_id"))
        let day = try date(row, columns, "date")
        switch try columns.int(row, "exception_type", expected: "1 (added) or 2 (removed)") {
        case 1: list[service].added.insert(day)
        case 2: list[service].removed.insert(day)
        default: throw columns.bad(row, "exception_type", expected: "1 (added) or 2 (removed)")
        }
      }
    }

    private func date(_ row: CSVRow, _ columns: Columns, _ name: String) throws(InputError)
      -> ServiceDay
    {
      guard let day = ServiceDay(parsing: columns.text(row, name)) else {
        throw columns.bad(row, name, expected: "a date YYYYMMDD")
      }
      return day
    }
  }
}

// MARK: Trips and stop times

extension GTFSReader {
  /// `trips.txt`, then `stop_times.txt` grouped by trip.
  fileprivate struct Trips {
    private(set) var list: [TransitFeed.Trip] = []
    private(set) var byID: [String: Int] = [:]
    private var unknownServices: Set<String> = []

    init(_ rows: CSVRows, routes: Routes, services: inout Services) throws(InputError) {
      let columns = Columns(rows)
      try columns.require(["route_id", "service_id", "trip_id"])
      let known = services.byID
      var unknown: Set<String> = []
      try rows.forEachRow { row throws(InputError) in
        let id = columns.text(row, "trip_id")
        guard !id.isEmpty, byID[id] == nil else {
          throw columns.bad(row, "trip_id", expected: "a trip id not used before")
        }
        guard let route = routes.byID[columns.text(row, "route_id")] else {
          throw columns.bad(row, "route_id", expected: "a route_id of routes.txt")
        }
        let serviceID = columns.text(row, "service_id")
        // A service no calendar names never runs; a validator flags it, a planner can live
        // with it.
        if known[serviceID] == nil { unknown.insert(serviceID) }
        byID[id] = list.count
        list.append(
          TransitFeed.Trip(
            id: id, route: route, service: services.index(of: serviceID), stopTimes: []))
      }
      unknownServices = unknown
    }

    /// One row of `stop_times.txt`, before the trip is put in order.
    private struct Call {
      var sequence: Int
      var line: Int
      var stop: Int
      var arrival: Int?
      var departure: Int?
      var pickup: Bool
      var dropOff: Bool
    }

    /// Reads the stop times, orders each trip's calls by `stop_sequence`, fills times
    /// between timepoints and leaves out trips whose times go backwards.
    mutating func readStopTimes(_ rows: CSVRows, stops: Stops, warnings: inout [String])
      throws(InputError)
    {
      let columns = Columns(rows)
      try columns.require(["trip_id", "stop_id", "stop_sequence"])
      var calls = [[Call]](repeating: [], count: list.count)
      let byID = self.byID
      try rows.forEachRow { row throws(InputError) in
        guard let trip = byID[columns.text(row, "trip_id")] else {
          throw columns.bad(row, "trip_id", expected: "a trip_id of trips.txt")
        }
        let stop = try stops.index(row, columns, "stop_id")
        guard !stops.stops[stop].isStation else {
          throw columns.bad(
            row, "stop_id", expected: "a stop or platform, not a station (location_type 1)")
        }
        let sequence = try columns.int(row, "stop_sequence", expected: "a whole number ≥ 0")
        guard sequence >= 0 else {
          throw columns.bad(row, "stop_sequence", expected: "a whole number ≥ 0")
        }
        var arrival = try columns.time(row, "arrival_time")
        var departure = try columns.time(row, "departure_time")
        if arrival == nil { arrival = departure }
        if departure == nil { departure = arrival }
        calls[trip].append(
          Call(
            sequence: sequence, line: row.line, stop: stop, arrival: arrival,
            departure: departure,
            pickup: try Self.allows(row, columns, "pickup_type"),
            dropOff: try Self.allows(row, columns, "drop_off_type")))
      }
      var short: [String] = []
      var backwards: [String] = []
      var untimed: [String] = []
      var interpolated = 0
      for trip in list.indices {
        var tripCalls = calls[trip]
        tripCalls.sort { $0.sequence < $1.sequence }
        for (earlier, later) in zip(tripCalls, tripCalls.dropFirst())
        where earlier.sequence == later.sequence {
          throw .badValue(
            file: rows.file, location: .line(later.line), field: "stop_sequence",
            value: String(later.sequence),
            expected:
              "a stop_sequence not used before in trip \(list[trip].id) (line \(earlier.line))")
        }
        guard tripCalls.count >= 2 else {
          short.append(list[trip].id)
          continue
        }
        guard tripCalls.first?.departure != nil, tripCalls.last?.arrival != nil else {
          untimed.append(list[trip].id)
          continue
        }
        interpolated += Self.interpolate(&tripCalls, stops: stops.stops)
        var times: [TransitFeed.StopTime] = []
        times.reserveCapacity(tripCalls.count)
        var previous = Int.min
        var ordered = true
        for call in tripCalls {
          let arrival = call.arrival ?? 0
          let departure = call.departure ?? arrival
          if arrival < previous || departure < arrival {
            backwards.append("\(list[trip].id) (stop_times.txt line \(call.line))")
            ordered = false
            break
          }
          previous = departure
          times.append(
            TransitFeed.StopTime(
              stop: call.stop, arrival: arrival, departure: departure, pickup: call.pickup,
              dropOff: call.dropOff))
        }
        if ordered { list[trip].stopTimes = times }
      }
      let file = rows.file
      if !short.isEmpty {
        warnings.append(
          "\(file): \(Self.count(short.count, "trip")) with fewer than two stop times "
            + "(\(Self.examples(short))) can take nobody anywhere and were left out.")
      }
      if !untimed.isEmpty {
        warnings.append(
          "\(file): \(Self.count(untimed.count, "trip")) without a time at the first or last "
            + "stop (\(Self.examples(untimed))) were left out; GTFS requires both.")
      }
      if !backwards.isEmpty {
        warnings.append(
          "\(file): \(Self.count(backwards.count, "trip")) whose times go backwards "
            + "(\(Self.examples(backwards))) were left out.")
      }
      if interpolated > 0 {
        warnings.append(
          "\(file): \(Self.count(interpolated, "stop time")) without times lie between "
            + "timepoints; their times were interpolated by distance.")
      }
      if !unknownServices.isEmpty {
        let names = Self.examples(unknownServices.sorted())
        warnings.append(
          "\(file.replacingOccurrences(of: "stop_times.txt", with: "trips.txt")): "
            + "\(Self.count(unknownServices.count, "service_id")) that neither calendar.txt "
            + "nor calendar_dates.txt defines (\(names)); their trips never run.")
      }
    }

    /// Whether `pickup_type` or `drop_off_type` allows the call: 1 forbids it; 0, 2 (phone
    /// the agency) and 3 (tell the driver) allow it.
    private static func allows(_ row: CSVRow, _ columns: Columns, _ name: String)
      throws(InputError) -> Bool
    {
      let value = try columns.int(row, name, default: 0, expected: "0, 1, 2 or 3")
      guard (0...3).contains(value) else { throw columns.bad(row, name, expected: "0, 1, 2 or 3") }
      return value != 1
    }

    /// Fills the times of calls between two timepoints in proportion to the distance
    /// travelled (the straight line from stop to stop), rounding to the second.
    ///
    /// - Returns: How many calls were filled.
    private static func interpolate(_ calls: inout [Call], stops: [TransitFeed.Stop]) -> Int {
      var filled = 0
      var last = 0
      for index in calls.indices.dropFirst() where calls[index].arrival != nil {
        if index - last > 1 {
          var legs: [Double] = []
          for step in last..<index {
            let a = stops[calls[step].stop].location
            let b = stops[calls[step + 1].stop].location
            legs.append(geodesicDistanceMeters(from: a, to: b))
          }
          let total = legs.reduce(0, +)
          let start = Double(calls[last].departure ?? 0)
          let span = Double(calls[index].arrival ?? 0) - start
          var covered = 0.0
          for step in (last + 1)..<index {
            covered += legs[step - last - 1]
            let share = total > 0 ? covered / total : Double(step - last) / Double(index - last)
            let time = Int((start + span * share).rounded())
            calls[step].arrival = time
            calls[step].departure = time
            filled += 1
          }
        }
        last = index
      }
      return filled
    }

    static func count(_ number: Int, _ noun: String) -> String {
      "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    static func examples(_ names: [String]) -> String {
      let shown = names.prefix(3).joined(separator: ", ")
      return names.count > 3 ? "\(shown), …" : shown
    }

    /// The feed, warning about stops no trip calls at (they are ignored).
    func feed(
      stops: [TransitFeed.Stop], routes: [TransitFeed.Route], services: [TransitFeed.Service],
      frequencies: [TransitFeed.Frequency], transfers: [TransitFeed.TransferRule],
      warnings: inout [String], file: String
    ) -> TransitFeed {
      var called = [Bool](repeating: false, count: stops.count)
      for trip in list { for call in trip.stopTimes { called[call.stop] = true } }
      let idle = stops.indices.filter { !stops[$0].isStation && !called[$0] }
      if !idle.isEmpty {
        warnings.append(
          "\(file): \(Self.count(idle.count, "stop")) no trip calls at "
            + "(\(Self.examples(idle.map { stops[$0].id }))) are ignored.")
      }
      return TransitFeed(
        stops: stops, routes: routes, trips: list, services: services, frequencies: frequencies,
        transfers: transfers)
    }
  }

  // MARK: Frequencies and transfers

  /// Reads `frequencies.txt`, a trip repeated every `headway_secs` from `start_time`.
  ///
  /// Instances start while before `end_time`; `exact_times` 0 and 1 are both read as
  /// departures at those starts.
  fileprivate static func readFrequencies(_ rows: CSVRows, trips: Trips) throws(InputError)
    -> [TransitFeed.Frequency]
  {
    let columns = Columns(rows)
    try columns.require(["trip_id", "start_time", "end_time", "headway_secs"])
    var frequencies: [TransitFeed.Frequency] = []
    try rows.forEachRow { row throws(InputError) in
      guard let trip = trips.byID[columns.text(row, "trip_id")] else {
        throw columns.bad(row, "trip_id", expected: "a trip_id of trips.txt")
      }
      guard let start = try columns.time(row, "start_time") else {
        throw columns.bad(row, "start_time", expected: "a time HH:MM:SS")
      }
      guard let end = try columns.time(row, "end_time"), end > start else {
        throw columns.bad(row, "end_time", expected: "a time HH:MM:SS after start_time")
      }
      let headway = try columns.int(row, "headway_secs", expected: "seconds between departures")
      guard headway > 0 else {
        throw columns.bad(row, "headway_secs", expected: "a positive number of seconds")
      }
      frequencies.append(
        TransitFeed.Frequency(trip: trip, start: start, end: end, headway: headway))
    }
    return frequencies
  }

  /// `transfers.txt`: types 0 and 1 allow a transfer, 2 sets its minimum time, 3 forbids it;
  /// the in-seat types 4 and 5 are not transfers on foot and are skipped.
  fileprivate static func readTransfers(
    _ rows: CSVRows, stops: Stops, trips: Trips, warnings: inout [String]
  ) throws(InputError) -> [TransitFeed.TransferRule] {
    let columns = Columns(rows)
    try columns.require(["from_stop_id", "to_stop_id", "transfer_type"])
    var rules: [TransitFeed.TransferRule] = []
    var inSeat = 0
    try rows.forEachRow { row throws(InputError) in
      let expected = "a transfer_type 0–5"
      let type = try columns.int(row, "transfer_type", default: 0, expected: expected)
      let kind: TransitFeed.TransferRule.Kind
      switch type {
      case 0, 1: kind = .allowed
      case 2:
        let seconds = try columns.int(
          row, "min_transfer_time", expected: "seconds (transfer_type 2 needs a minimum time)")
        guard seconds >= 0 else {
          throw columns.bad(row, "min_transfer_time", expected: "seconds ≥ 0")
        }
        kind = .minimum(seconds)
      case 3: kind = .forbidden
      case 4, 5:
        inSeat += 1
        return
      default: throw columns.bad(row, "transfer_type", expected: expected)
      }
      func trip(_ name: String) throws(InputError) -> Int? {
        let id = columns.text(row, name)
        if id.isEmpty { return nil }
        guard let trip = trips.byID[id] else {
          throw columns.bad(row, name, expected: "a trip_id of trips.txt")
        }
        return trip
      }
      rules.append(
        TransitFeed.TransferRule(
          from: try stops.index(row, columns, "from_stop_id"),
          to: try stops.index(row, columns, "to_stop_id"), kind: kind,
          fromTrip: try trip("from_trip_id"), toTrip: try trip("to_trip_id")))
    }
    if inSeat > 0 {
      warnings.append(
        "\(rows.file): \(Trips.count(inSeat, "in-seat transfer")) (types 4 and 5) are not "
          + "modelled: staying aboard is counted as a transfer at the stop.")
    }
    return rules
  }
}
