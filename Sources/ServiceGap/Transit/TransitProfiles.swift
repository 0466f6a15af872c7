/// For every stop, the earliest arrival at a service of one category when boarding there
/// at a given time: a step function of the time, found by one backward scan of the day's
/// connections (profile connection scan, after Dibbelt, Pajor, Strasser and Wagner).
///
/// The scan goes from the latest departure to the earliest. For a connection of trip T
/// from stop u to stop v, the best arrival at a service is the least of: alighting at v and
/// walking to the nearest service (egress); staying on T (what T's later connections
/// found); alighting at v and boarding again at v or at a stop within the transfer limit,
/// after the transfer's time (the boarding profiles built so far, which hold every later
/// departure). A connection that allows boarding adds its departure and that arrival to
/// u's profile when it improves it. Boarding profiles never chain two walks: they are
/// entered after an access walk or one transfer walk, and leave only by riding.
struct TransitProfiles: Sendable {
  /// Per stop, departures in decreasing order with the arrival they lead to; the arrivals
  /// decrease along each list (later departures that arrive no earlier are dropped).
  private var departures: [[Int32]]
  private var arrivals: [[Double]]

  /// Scans `timetable` backwards for the services whose walks from each stop are `egress`.
  ///
  /// - Complexity: O(*c* · *k* · log *p*) for *c* connections, *k* transfer legs a stop
  ///   and *p* entries a profile.
  init(timetable: TransitTimetable, walks: TransitWalks, egress: [Double]) {
    let stopCount = egress.count
    departures = Array(repeating: [], count: stopCount)
    arrivals = Array(repeating: [], count: stopCount)
    var onTrip = [Double](repeating: .infinity, count: timetable.tripCount)
    for connection in timetable.connections {
      let trip = Int(connection.trip)
      var best = onTrip[trip]
      if connection.dropOff {
        let stop = Int(connection.to)
        let arrival = Double(connection.arrival)
        best = min(best, arrival + egress[stop])
        for leg in walks.transfers[stop] {
          best = min(best, earliestArrival(boardingAt: Int(leg.stop), time: arrival + leg.seconds))
        }
      }
      onTrip[trip] = best
      if connection.pickup, best.isFinite {
        add(stop: Int(connection.from), departure: connection.departure, arrival: best)
      }
    }
  }

  /// Adds a departure no later than every one already listed at the stop.
  private mutating func add(stop: Int, departure: Int32, arrival: Double) {
    if let last = arrivals[stop].last {
      // A later departure arriving as early already serves everyone who could take this.
      guard arrival < last else { return }
      if departures[stop].last == departure {
        arrivals[stop][arrivals[stop].count - 1] = arrival
        return
      }
    }
    departures[stop].append(departure)
    arrivals[stop].append(arrival)
  }

  /// The earliest arrival at a service for someone ready to board at `stop` at `time`;
  /// infinity when no departure at or after `time` leads to one.
  func earliestArrival(boardingAt stop: Int, time: Double) -> Double {
    let times = departures[stop]
    // The last entry departing at or after `time`: the list is in decreasing order.
    var low = 0
    var high = times.count
    while low < high {
      let middle = (low + high) / 2
      if Double(times[middle]) >= time { low = middle + 1 } else { high = middle }
    }
    return low == 0 ? .infinity : arrivals[stop][low - 1]
  }

  /// Entries in all profiles, for the diagnostics and memory estimates.
  var entryCount: Int { departures.reduce(0) { $0 + $1.count } }
}

/// A unit's (or a zone cell's) travel times over the departures of the window.
struct TransitTimes: Sendable {
  /// Travel time in seconds per departure, ascending; infinity for a departure that
  /// reaches no service within the cap.
  var sorted: [Double]

  /// Every departure's best journey: walking straight to the nearest service (`direct`
  /// seconds; infinity when there is none), or walking to a stop of `access` and riding.
  init(
    access: [TransitWalks.Leg], direct: Double, profiles: TransitProfiles, departures: [Int],
    cap: Double
  ) {
    // Most of a rural area has no stop within reach: every departure is the direct walk.
    if access.isEmpty {
      sorted = Array(repeating: direct <= cap ? direct : .infinity, count: departures.count)
      return
    }
    var times: [Double] = []
    times.reserveCapacity(departures.count)
    for departure in departures {
      let start = Double(departure)
      var arrival = start + direct
      for leg in access {
        arrival = min(
          arrival, profiles.earliestArrival(boardingAt: Int(leg.stop), time: start + leg.seconds))
      }
      let travel = arrival - start
      times.append(travel <= cap ? travel : .infinity)
    }
    sorted = times.sorted()
  }

  /// The value at nearest rank ⌈p/100 · n⌉; nil when it is infinite (unreachable) or
  /// there are no departures.
  func percentile(_ p: Int) -> Double? {
    guard !sorted.isEmpty else { return nil }
    // In integers: 0.9 × 120 in doubles is a hair above 108, and its ceiling 109.
    let rank = max(1, (p * sorted.count + 99) / 100)
    let value = sorted[min(sorted.count, rank) - 1]
    return value.isFinite ? value : nil
  }

  /// The share of departures that reach a service within the cap.
  var reachedShare: Double {
    guard !sorted.isEmpty else { return 0 }
    return Double(sorted.count { $0.isFinite }) / Double(sorted.count)
  }
}
