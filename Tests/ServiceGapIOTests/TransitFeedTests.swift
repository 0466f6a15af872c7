import Foundation
import ServiceGap
import ServiceGapIO
import Testing

/// Public transport on hand-made GTFS feeds whose answers are worked out by hand.
///
/// Three stops on the 65th parallel: A (22.0° E), M (22.1° E) and B (22.2° E), 4.7 km
/// apart. The person lives at A and the only grocery stands at B, so every walk to or from
/// a stop takes 0 s and walking straight from A to B (9.4 km × 1.3 at 5 km/h, 147 min) is
/// beyond the 120-minute cap: every time below is a wait plus a ride.
@Suite("Public transport on hand-made feeds")
struct TransitFeedTests {
  // MARK: Timetables

  /// Trip T1 (Tuesdays) leaves A at 08:05 and reaches B at 08:20.
  ///
  /// Trip T2 is Monday's service at 32:10–32:30, which is 08:10–08:30 on Tuesday morning.
  static let overnight = HandFeed(
    calendar: [
      "TUE,0,1,0,0,0,0,0,20230101,20231231", "MON,1,0,0,0,0,0,0,20230101,20231231",
    ],
    trips: ["R,TUE,T1", "R,MON,T2"],
    stopTimes: [
      "T1,08:05:00,08:05:00,A,1", "T1,08:20:00,08:20:00,B,2",
      "T2,32:10:00,32:10:00,A,1", "T2,32:30:00,32:30:00,B,2",
    ])

  @Test("an overnight trip of the previous day runs on the date")
  func overnightTrip() throws {
    // 08:00–08:05 take T1 (20 … 15 min), 08:06–08:09 Monday's T2 at 32:10 (24 … 21 min):
    // sorted 15 … 24, the median is the 5th (19 min), the p90 the 9th (23 min).
    let times = try Self.overnight.times(window: (8 * 60, 8 * 60 + 10))
    #expect(times.median == 19)
    #expect(times.p90 == 23)
    #expect(times.reachedShare == 1)
  }

  @Test("a calendar_dates removal takes a trip out, and a percentile becomes unreachable")
  func calendarDatesRemoval() throws {
    // Monday 2023-01-16 removed: T2 does not run, so 08:06–08:09 reach nothing within
    // 120 min (the next bus is none, the walk 147 min): sorted 15 … 20, ∞ × 4. The median
    // (5th) is 19 min; the p90 (9th) is ∞, reported as unreachable.
    var feed = Self.overnight
    feed.calendarDates = ["MON,20230116,2"]
    let times = try feed.times(window: (8 * 60, 8 * 60 + 10))
    #expect(times.median == 19)
    #expect(times.p90 == nil)
    #expect(times.reachedShare == 0.6)
  }

  @Test("a calendar_dates addition runs a service on a day its calendar does not")
  func calendarDatesAddition() throws {
    // Only a dates-defined service (no calendar.txt at all), added for Tuesday.
    var feed = Self.overnight
    feed.calendar = nil
    feed.calendarDates = ["TUE,20230117,1"]
    let times = try feed.times(window: (8 * 60, 8 * 60 + 6))
    // 08:00–08:05 take T1: 20 … 15 min; the median (3rd of 6, sorted) is 17 min.
    #expect(times.median == 17)
    #expect(times.reachedShare == 1)
  }

  /// T3 rides A 08:02 → M 08:10; T4 rides M 08:15 → B 08:25.
  static let transfer = HandFeed(
    trips: ["R,TUE,T3", "R,TUE,T4"],
    stopTimes: [
      "T3,08:02:00,08:02:00,A,1", "T3,08:10:00,08:10:00,M,2",
      "T4,08:15:00,08:15:00,M,1", "T4,08:25:00,08:25:00,B,2",
    ])

  @Test("a transfer: allowed, with a minimum time, and forbidden")
  func transferRules() throws {
    // Departures 08:00, 08:01, 08:02 change at M: 25, 24, 23 min; the median is 24.
    let allowed = try Self.transfer.times(window: (8 * 60, 8 * 60 + 3))
    #expect(allowed.median == 24)
    // A 5-minute minimum still catches T4 at 08:15 (arrival 08:10).
    var minimum = Self.transfer
    minimum.transfers = ["M,M,2,300"]
    #expect(try minimum.times(window: (8 * 60, 8 * 60 + 3)).median == 24)
    // Ten minutes misses it, and so does a forbidden transfer: nothing is reached.
    minimum.transfers = ["M,M,2,600"]
    #expect(try minimum.times(window: (8 * 60, 8 * 60 + 3)).reachedShare == 0)
    var forbidden = Self.transfer
    forbidden.transfers = ["M,M,3,"]
    let none = try forbidden.times(window: (8 * 60, 8 * 60 + 3))
    #expect(none.median == nil)
    #expect(none.reachedShare == 0)
  }

  @Test("drop_off_type 1 forbids alighting there")
  func noDropOff() throws {
    var feed = Self.transfer
    feed.stopTimes[1] = "T3,08:10:00,08:10:00,M,2,0,1"
    #expect(try feed.times(window: (8 * 60, 8 * 60 + 3)).reachedShare == 0)
  }

  @Test("frequencies.txt repeats a trip at its headway")
  func frequencies() throws {
    // Template A 06:00 → B 06:10, repeated every 20 min from 08:00 while before 09:00:
    // departures 08:00, 08:20, 08:40. Leaving at 08:00 takes 10 min; 08:01 … 08:20 wait
    // for 08:20 (29 … 10 min); 08:21 … 08:39 for 08:40 (29 … 11 min). Of the 40 times,
    // 2 are 10 min and two each 11 … 29, so the 20th (median) is 19 and the 36th (p90) 27.
    var feed = HandFeed(
      trips: ["R,TUE,F"],
      stopTimes: ["F,06:00:00,06:00:00,A,1", "F,06:10:00,06:10:00,B,2"])
    feed.frequencies = ["F,08:00:00,09:00:00,1200"]
    let times = try feed.times(window: (8 * 60, 8 * 60 + 40))
    #expect(times.median == 19)
    #expect(times.p90 == 27)
    #expect(times.reachedShare == 1)
  }

  @Test("walking straight to the service beats a slower bus")
  func directWalk() throws {
    // The grocery stands 1 km north of A (0.00898° of latitude at 65° N is 1,000.5 m,
    // walked as 1,300.6 m at 5 km/h: 15.61 min); the bus to B takes 30 min.
    let feed = HandFeed(
      trips: ["R,TUE,T"],
      stopTimes: ["T,08:00:00,08:00:00,A,1", "T,08:30:00,08:30:00,B,2"])
    let times = try feed.times(
      window: (8 * 60, 8 * 60 + 10), grocery: LonLat(lon: 22.0, lat: 65.00898))
    let median = try #require(times.median)
    #expect(abs(median - 15.61) < 0.02)
    #expect(times.p90 == times.median, "the walk does not depend on the departure")
  }

  // MARK: Broken feeds

  @Test("a broken time names the file, the line and the field")
  func brokenTime() throws {
    var feed = Self.overnight
    feed.stopTimes[2] = "T2,8:5,32:10:00,A,1"
    let error = try #require(throws: InputError.self) { try feed.load() }
    let message = error.description
    #expect(message.contains("stop_times.txt"), "\(message)")
    #expect(message.contains("line 4"), "\(message)")
    #expect(message.contains("arrival_time") && message.contains("'8:5'"), "\(message)")
  }

  @Test("a stop time naming an unknown stop names the file, the line and the field")
  func unknownStop() throws {
    var feed = Self.overnight
    feed.stopTimes[1] = "T1,08:20:00,08:20:00,Z,2"
    let message = try #require(throws: InputError.self) { try feed.load() }.description
    #expect(message.contains("stop_times.txt line 3"), "\(message)")
    #expect(message.contains("stop_id") && message.contains("stops.txt"), "\(message)")
  }

  @Test("a feed without calendars, or without stop_times.txt, is refused with the fix")
  func missingTables() throws {
    var feed = Self.overnight
    feed.calendar = nil
    var message = try #require(throws: InputError.self) { try feed.load() }.description
    #expect(message.contains("calendar.txt") && message.contains("calendar_dates.txt"))
    feed = Self.overnight
    feed.omit = ["stop_times.txt"]
    message = try #require(throws: InputError.self) { try feed.load() }.description
    #expect(message.contains("stop_times.txt"), "\(message)")
  }

  @Test("warnings: a trip whose times go backwards is left out, idle stops are ignored")
  func warnings() throws {
    var feed = Self.overnight
    feed.stopTimes[1] = "T1,07:20:00,07:20:00,B,2"
    let (loaded, warnings) = try feed.load()
    #expect(loaded.trips.first { $0.id == "T1" }?.stopTimes.isEmpty == true)
    #expect(warnings.contains { $0.contains("go backwards") && $0.contains("T1") }, "\(warnings)")
    #expect(warnings.contains { $0.contains("no trip calls at") && $0.contains("M") })
  }

  @Test("stop times between timepoints are interpolated by distance")
  func interpolation() throws {
    // M lies halfway from A to B: a ride A 08:00 → B 08:20 passes M at 08:10.
    let feed = HandFeed(
      trips: ["R,TUE,T"],
      stopTimes: ["T,08:00:00,08:00:00,A,1", "T,,,M,2", "T,08:20:00,08:20:00,B,3"])
    let (loaded, _) = try feed.load()
    let call = try #require(loaded.trips.first?.stopTimes[1])
    #expect(abs(call.arrival - (8 * 3600 + 600)) <= 1)
  }

  @Test("a zip holds the same feed as its folder")
  func zipFeed() throws {
    let folder = try Self.overnight.write()
    let zip = folder.deletingLastPathComponent().appendingPathComponent("feed.zip")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", Self.zipScript, folder.path, zip.path]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "python3 zips the feed")
    let fromZip = try GTFSReader.load(path: zip.path).feed
    let fromFolder = try GTFSReader.load(path: folder.path).feed
    #expect(fromZip.trips == fromFolder.trips)
    #expect(fromZip.stops == fromFolder.stops)
  }

  static let zipScript = """
    import sys, zipfile, pathlib
    with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:
        for p in sorted(pathlib.Path(sys.argv[1]).iterdir()): z.write(p, p.name)
    """
}

/// A GTFS feed written row by row, for the tests above.
struct HandFeed {
  var stops = [
    "A,Stop A,65.0,22.0", "M,Stop M,65.0,22.1", "B,Stop B,65.0,22.2",
  ]
  var calendar: [String]? = ["TUE,0,1,0,0,0,0,0,20230101,20231231"]
  var calendarDates: [String] = []
  var trips: [String]
  var stopTimes: [String]
  var frequencies: [String] = []
  var transfers: [String] = []
  /// Tables not to write.
  var omit: Set<String> = []

  /// Writes the feed into a fresh folder.
  func write() throws -> URL {
    let folder = try IOTestPaths.temporaryFolder().appendingPathComponent("feed")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var tables: [(String, String, [String])] = [
      (
        "agency.txt", "agency_id,agency_name,agency_url,agency_timezone",
        [
          "X,Test,https://example.org,Europe/Stockholm"
        ]
      ),
      ("stops.txt", "stop_id,stop_name,stop_lat,stop_lon", stops),
      ("routes.txt", "route_id,route_short_name,route_type", ["R,1,700"]),
      ("trips.txt", "route_id,service_id,trip_id", trips),
      (
        "stop_times.txt",
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type",
        stopTimes
      ),
    ]
    if let calendar {
      tables.append(
        (
          "calendar.txt",
          "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,"
            + "end_date", calendar
        ))
    }
    if !calendarDates.isEmpty {
      tables.append(("calendar_dates.txt", "service_id,date,exception_type", calendarDates))
    }
    if !frequencies.isEmpty {
      tables.append(("frequencies.txt", "trip_id,start_time,end_time,headway_secs", frequencies))
    }
    if !transfers.isEmpty {
      tables.append(
        ("transfers.txt", "from_stop_id,to_stop_id,transfer_type,min_transfer_time", transfers))
    }
    for (name, header, rows) in tables where !omit.contains(name) {
      try ([header] + rows).joined(separator: "\n").appending("\n").write(
        to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return folder
  }

  func load() throws -> (feed: TransitFeed, warnings: [String]) {
    try GTFSReader.load(path: try write().path)
  }

  /// The median, p90 and reached share of the person at A going to the grocery (at B
  /// unless given), on Tuesday 2023-01-17, departing every minute of `window` (minutes
  /// after midnight, end excluded).
  func times(window: (Int, Int), grocery: LonLat = LonLat(lon: 22.2, lat: 65.0)) throws
    -> (median: Double?, p90: Double?, reachedShare: Double)
  {
    let input = AnalysisInput(
      units: [PopulationUnit(id: "home", population: 1, location: LonLat(lon: 22.0, lat: 65.0))],
      services: [ServicePoint(id: "shop", category: "grocery", location: grocery)],
      plans: [try CategoryPlan(name: "grocery", thresholds: [Threshold(value: 30, unit: .min)])])
    let options = TransitOptions(
      feed: try load().feed, date: try #require(ServiceDay(parsing: "2023-01-17")),
      windowStart: window.0 * 60, windowEnd: window.1 * 60, percentiles: [90])
    let result = try Analysis.run(
      input, options: AnalysisOptions(computeZones: false, workers: 1, transit: options))
    let transit = try #require(result["grocery"]?.transit)
    func rounded(_ value: Double?) -> Double? { value.map { ($0 * 100).rounded() / 100 } }
    return (
      rounded(transit.minutes(percentile: 50)?[0]), rounded(transit.minutes(percentile: 90)?[0]),
      transit.reachedShare[0]
    )
  }
}
