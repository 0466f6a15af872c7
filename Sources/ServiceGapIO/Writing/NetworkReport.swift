import Foundation
import ServiceGap

/// The diagnostics section of a road-network run, for standard error: the checks the
/// national platform does by hand (snapping, stranded units, detours, islands).
public enum NetworkReport {
  /// The section's lines, joined by newlines.
  public static func render(_ diagnostics: NetworkDiagnostics, result: AnalysisResult) -> String {
    func list(_ items: [String]) -> String {
      let shown = items.prefix(10).joined(separator: ", ")
      return items.count > 10 ? "\(shown), … (\(items.count) in all)" : shown
    }
    let sizes = diagnostics.componentSizes
    var lines = [
      "road network: \(diagnostics.nodes) nodes, \(diagnostics.arcs) directed arcs, "
        + "\(sizes.count) connected component(s)"
        + (sizes.count > 1
          ? " (largest \(sizes[0]) nodes; the others \(list(sizes.dropFirst().prefix(10).map(String.init))))"
          : "")
    ]
    let beyond = diagnostics.unitsBeyondMaxSnap
    if !beyond.isEmpty {
      lines.append(
        "  \(beyond.count) unit(s) lie beyond --max-snap from every road, unreachable: "
          + list(beyond))
    }
    let idle = diagnostics.servicesBeyondMaxSnap
    if !idle.isEmpty {
      lines.append(
        "  \(idle.count) service(s) lie beyond --max-snap from every road and serve nobody: "
          + list(idle))
    }
    // Units on the roads that still reach no service: their road component has none.
    let offRoad = Set(beyond)
    for category in result.perCategory {
      let stranded = category.nearest.indices.filter { unit in
        category.nearest[unit] == nil && !offRoad.contains(result.units[unit].id)
      }
      guard !stranded.isEmpty else { continue }
      let people = stranded.reduce(0) { $0 + result.units[$1].population }
      let name = category.name
      lines.append(
        "  \(name): \(stranded.count) unit(s) (\(Int(people.rounded())) people) on the roads "
          + "reach no \(name) service (a component without one, one-way roads, or its "
          + "services beyond --max-snap): \(list(stranded.map { result.units[$0].id }))")
    }
    if !diagnostics.unitsSnappedOver1km.isEmpty {
      lines.append(
        "  units snapped more than 1 km from their point: \(list(diagnostics.unitsSnappedOver1km))")
    }
    if !diagnostics.servicesOnIslands.isEmpty {
      lines.append(
        "  services on road components where no unit is: \(list(diagnostics.servicesOnIslands))")
    }
    // Only trips of at least 1 km as the crow flies: on shorter ones the legs to
    // and from the road dominate any ratio.
    var detours: [String] = []
    for category in result.perCategory {
      for (unit, ratio) in (category.detour ?? []).enumerated() {
        guard let ratio, ratio > 3, let road = category.nearest[unit]?.distanceMeters,
          road / ratio >= 1000
        else { continue }
        detours.append(
          "\(result.units[unit].id) \(category.name) ×\(String(format: "%.1f", ratio))")
      }
    }
    if !detours.isEmpty {
      lines.append(
        "  detours above 3 × the straight line (trips of 1 km or more): \(list(detours))")
    }
    return lines.joined(separator: "\n")
  }
}
