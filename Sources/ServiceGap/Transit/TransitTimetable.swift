/// The rides of one service day: every elementary connection (a trip from one stop to the
/// next) that runs on the day, in the order a backward profile search scans them.
///
/// The day's trips are those whose service runs on it, plus the previous day's trips at
/// their times past 24:00:00 (shifted back a day); `frequencies.txt` trips are repeated at
/// every headway; routes the ``RouteTypeFilter`` drops are left out. Only connections that
/// can matter for a departure of the window are kept: departing at or after its start,
/// arriving no later than its last departure plus the travel-time cap.
struct TransitTimetable: Sendable {
  /// One ride from a stop to the next stop of the same trip.
  struct Connection: Sendable {
    var from: Int32
    var to: Int32
    var departure: Int32
    var arrival: Int32
    /// The trip instance (a frequency-repeated trip has one per start).
    var trip: Int32
    /// The call's position in its trip, which orders connections of equal times.
    var sequence: Int32
    /// Boarding allowed at `from`, alighting at `to`.
    var pickup: Bool
    var dropOff: Bool
  }

  /// In scan order: departure descending, then arrival descending, then later calls of a
  /// trip first, so a trip's onward connections are known when its earlier ones are seen.
  let connections: [Connection]
  /// Trip instances (after the route filter) with a connection the window can use.
  let tripCount: Int
  /// Stops some kept trip calls at on the day.
  let servedStops: [Bool]
  /// Stops that only on-demand routes (``RouteTypeFilter/onDemandTypes``) serve on the day,
  /// whatever the filter: they need a booking.
  let onDemandOnlyStops: [Int]

  /// The connections of `options.date` that departures of the window can use.
  init(options: TransitOptions) {
    let feed = options.feed
    let day = options.date
    let lastDeparture = options.departures.last ?? options.windowStart
    let latestArrival = Double(lastDeparture) + options.maxTravelSeconds
    var templates: [Int: [TransitFeed.Frequency]] = [:]
    for frequency in feed.frequencies { templates[frequency.trip, default: []].append(frequency) }

    var connections: [Connection] = []
    var tripCount = 0
    var served = [Bool](repeating: false, count: feed.stops.count)
    // Per stop: served by a scheduled route, by an on-demand one (before the filter).
    var scheduled = [Bool](repeating: false, count: feed.stops.count)
    var onDemand = [Bool](repeating: false, count: feed.stops.count)
    for (offset, serviceDay) in [(0, day), (-86_400, day.previous)] {
      for (index, trip) in feed.trips.enumerated()
      where feed.services[trip.service].runs(on: serviceDay) {
        let times = trip.stopTimes
        guard let first = times.first, times.count > 1 else { continue }
        let type = feed.routes[trip.route].type
        let starts = Self.starts(of: trip, index: index, templates: templates)
        for call in times where offset == 0 || call.departure >= 86_400 {
          if RouteTypeFilter.onDemandTypes.contains(type) {
            onDemand[call.stop] = true
          } else {
            scheduled[call.stop] = true
          }
        }
        guard options.routeTypes.keeps(type) else { continue }
        for start in starts {
          let shift = offset + start - first.departure
          let instance = Int32(tripCount)
          var used = false
          for position in 0..<(times.count - 1) {
            let (here, next) = (times[position], times[position + 1])
            let departure = here.departure + shift
            let arrival = next.arrival + shift
            guard departure >= options.windowStart, Double(arrival) <= latestArrival else {
              continue
            }
            used = true
            served[here.stop] = true
            served[next.stop] = true
            connections.append(
              Connection(
                from: Int32(here.stop), to: Int32(next.stop), departure: Int32(departure),
                arrival: Int32(arrival), trip: instance, sequence: Int32(position),
                pickup: here.pickup, dropOff: next.dropOff))
          }
          if used { tripCount += 1 }
        }
      }
    }
    connections.sort {
      if $0.departure != $1.departure { return $0.departure > $1.departure }
      if $0.arrival != $1.arrival { return $0.arrival > $1.arrival }
      if $0.trip != $1.trip { return $0.trip < $1.trip }
      return $0.sequence > $1.sequence
    }
    self.connections = connections
    self.tripCount = tripCount
    servedStops = served
    onDemandOnlyStops = feed.stops.indices.filter { onDemand[$0] && !scheduled[$0] }
  }

  /// The departures of a trip's first call: its own, or every start of its frequencies.
  private static func starts(
    of trip: TransitFeed.Trip, index: Int, templates: [Int: [TransitFeed.Frequency]]
  ) -> [Int] {
    guard let frequencies = templates[index] else { return [trip.stopTimes[0].departure] }
    return frequencies.flatMap { frequency in
      Array(stride(from: frequency.start, to: frequency.end, by: max(1, frequency.headway)))
    }
  }
}
