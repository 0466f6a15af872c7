/// A public transport timetable as GTFS describes it: stops, routes, trips with their stop
/// times, the calendars saying which days trips run, frequencies and transfer rules.
///
/// Built by ServiceGapIO's GTFS reader (or by hand); indices refer to the arrays of the
/// same feed. Times are seconds after midnight of the service day and may pass 24:00:00.
public struct TransitFeed: Sendable {
  /// A stop, or a station grouping stops (`location_type` 1).
  public struct Stop: Hashable, Sendable {
    public var id: String
    public var name: String
    public var location: LonLat
    /// The station it belongs to (`parent_station`), as a stop index.
    public var parent: Int?
    /// Whether it is a station, which no trip serves directly.
    public var isStation: Bool

    public init(
      id: String, name: String = "", location: LonLat, parent: Int? = nil,
      isStation: Bool = false
    ) {
      self.id = id
      self.name = name
      self.location = location
      self.parent = parent
      self.isStation = isStation
    }
  }

  /// A route: its GTFS `route_type` decides whether it is kept (``RouteTypeFilter``).
  public struct Route: Hashable, Sendable {
    public var id: String
    public var name: String
    public var type: Int

    public init(id: String, name: String = "", type: Int) {
      self.id = id
      self.name = name
      self.type = type
    }
  }

  /// A trip's call at a stop.
  public struct StopTime: Hashable, Sendable {
    public var stop: Int
    /// Seconds after midnight of the service day.
    public var arrival: Int
    public var departure: Int
    /// False when `pickup_type` is 1: nobody may board here.
    public var pickup: Bool
    /// False when `drop_off_type` is 1: nobody may alight here.
    public var dropOff: Bool

    public init(stop: Int, arrival: Int, departure: Int, pickup: Bool = true, dropOff: Bool = true)
    {
      self.stop = stop
      self.arrival = arrival
      self.departure = departure
      self.pickup = pickup
      self.dropOff = dropOff
    }
  }

  /// A trip: its route, its service (calendar) and its stop times in order.
  public struct Trip: Hashable, Sendable {
    public var id: String
    public var route: Int
    public var service: Int
    public var stopTimes: [StopTime]

    public init(id: String, route: Int, service: Int, stopTimes: [StopTime]) {
      self.id = id
      self.route = route
      self.service = service
      self.stopTimes = stopTimes
    }
  }

  /// Which days a service runs: `calendar.txt`'s weekdays within its range, then
  /// `calendar_dates.txt`'s additions and removals.
  public struct Service: Hashable, Sendable {
    public var id: String
    /// Monday … Sunday; all false for a service defined by its dates only.
    public var weekdays: [Bool]
    public var start: ServiceDay?
    public var end: ServiceDay?
    public var added: Set<ServiceDay>
    public var removed: Set<ServiceDay>

    public init(
      id: String, weekdays: [Bool] = Array(repeating: false, count: 7), start: ServiceDay? = nil,
      end: ServiceDay? = nil, added: Set<ServiceDay> = [], removed: Set<ServiceDay> = []
    ) {
      self.id = id
      self.weekdays = weekdays
      self.start = start
      self.end = end
      self.added = added
      self.removed = removed
    }

    /// Whether the service runs on `day`.
    public func runs(on day: ServiceDay) -> Bool {
      if removed.contains(day) { return false }
      if added.contains(day) { return true }
      guard let start, let end, start <= day, day <= end else { return false }
      return weekdays[day.weekday]
    }
  }

  /// A trip repeated every `headway` seconds from `start` while before `end`
  /// (`frequencies.txt`); the trip's own times give the pattern, shifted to each start.
  public struct Frequency: Hashable, Sendable {
    public var trip: Int
    public var start: Int
    public var end: Int
    public var headway: Int

    public init(trip: Int, start: Int, end: Int, headway: Int) {
      self.trip = trip
      self.start = start
      self.end = end
      self.headway = headway
    }
  }

  /// A `transfers.txt` rule between two stops or stations (optionally two trips).
  public struct TransferRule: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
      /// Types 0 and 1: nothing more than the timetable.
      case allowed
      /// Type 2: at least this many seconds.
      case minimum(Int)
      /// Type 3: no transfer.
      case forbidden
    }

    public var from: Int
    public var to: Int
    public var kind: Kind
    /// Trip indices when the rule names trips (it then applies between them only).
    public var fromTrip: Int?
    public var toTrip: Int?

    public init(from: Int, to: Int, kind: Kind, fromTrip: Int? = nil, toTrip: Int? = nil) {
      self.from = from
      self.to = to
      self.kind = kind
      self.fromTrip = fromTrip
      self.toTrip = toTrip
    }
  }

  public var stops: [Stop]
  public var routes: [Route]
  public var trips: [Trip]
  public var services: [Service]
  public var frequencies: [Frequency]
  public var transfers: [TransferRule]

  public init(
    stops: [Stop], routes: [Route], trips: [Trip], services: [Service],
    frequencies: [Frequency] = [], transfers: [TransferRule] = []
  ) {
    self.stops = stops
    self.routes = routes
    self.trips = trips
    self.services = services
    self.frequencies = frequencies
    self.transfers = transfers
  }
}
