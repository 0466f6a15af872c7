import Foundation
import ServiceGap

/// The diagnostics section of a public transport run, for standard error: what ran, who
/// has no stop within walking distance, which stops need a booking, and how often a
/// departure reaches nothing.
public enum TransitReport {
  /// The section's lines, joined by newlines.
  public static func render(_ diagnostics: TransitDiagnostics) -> String {
    func clock(_ seconds: Int) -> String {
      String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60)
    }
    func list(_ items: [String]) -> String {
      let shown = items.prefix(10).joined(separator: ", ")
      return items.count > 10 ? "\(shown), … (\(items.count) in all)" : shown
    }
    var lines = [
      "public transport on \(diagnostics.date), departures \(clock(diagnostics.windowStart))–"
        + "\(clock(diagnostics.windowEnd)): \(diagnostics.activeTrips) trip(s), "
        + "\(diagnostics.connections) connection(s), \(diagnostics.servedStops) stop(s) served"
    ]
    if diagnostics.activeTrips == 0 {
      lines.append(
        "  no trip runs in the window: check --date against the feed's calendar and "
          + "--departure (everyone can only walk)")
    }
    let without = diagnostics.unitsWithoutStop
    if !without.isEmpty {
      lines.append(
        "  \(without.count) unit(s) (\(Int(diagnostics.peopleWithoutStop.rounded())) people) "
          + "have no served stop within --max-walk and can only walk: \(list(without))")
    }
    let onDemand = diagnostics.onDemandOnlyStops
    if !onDemand.isEmpty {
      lines.append(
        "  \(onDemand.count) stop(s) are served only by on-demand routes (types 715, 1501) "
          + "that must be booked: \(list(onDemand.map { $0.name.isEmpty ? $0.id : "\($0.name) (\($0.id))" }))"
      )
    }
    if diagnostics.tripRulesIgnored > 0 {
      lines.append(
        "  \(diagnostics.tripRulesIgnored) transfers.txt rule(s) naming trips were not applied")
    }
    for (category, share) in diagnostics.missedDepartureShare where share > 0 {
      lines.append(
        "  \(category): \(String(format: "%.1f", share * 100)) % of departures (weighted by "
          + "population) reach no service within --max-time")
    }
    return lines.joined(separator: "\n")
  }
}
