import Foundation
import ServiceGap

/// Writes `services.geojson`: the services the analysis used, with their closure
/// criticality when it was asked for.
public enum ServicesWriter {
  /// One Point per service of an analysed category, in input order.
  ///
  /// Properties, in this order: `id`, `name`, `category`, `region`, then, when the analysis
  /// measured closure criticality, per threshold label t used by any analysed category (in
  /// order of first appearance) `sole_pop_<t>`: the people who would move beyond t if this
  /// service alone closed; null for a threshold the service's category does not use;
  /// then `added_person_km` (or `added_person_min` for a category measured in minutes,
  /// one column per unit in use): what its closure would add to one round of everyone's
  /// trips, and `orphaned_pop`: the people it would leave with no service of its category.
  /// Services of categories not analysed are left out: no distance was measured to them.
  public static func geojson(result: AnalysisResult) -> Data {
    let measured = result.perCategory.contains { $0.solePopulation != nil }
    var labels: [String] = []
    var burdenUnits: [ThresholdUnit] = []
    if measured {
      for plan in result.plans {
        for threshold in plan.thresholds where !labels.contains(threshold.label) {
          labels.append(threshold.label)
        }
        if !burdenUnits.contains(plan.unit) { burdenUnits.append(plan.unit) }
      }
    }
    let byName = Dictionary(
      result.perCategory.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var out = ByteBuffer(capacity: 64 + result.services.count * 200)
    out.append("{\"type\":\"FeatureCollection\",\"features\":[")
    var first = true
    for (index, service) in result.services.enumerated() {
      guard let category = byName[service.category] else { continue }
      out.append(first ? "\n" : ",\n")
      first = false
      out.append("{\"type\":\"Feature\",\"properties\":{\"id\":")
      out.appendJSONString(service.id)
      out.append(",\"name\":")
      out.appendJSONString(service.name)
      out.append(",\"category\":")
      out.appendJSONString(service.category)
      out.append(",\"region\":")
      out.appendJSONString(
        index < result.serviceRegions.count
          ? result.serviceRegions[index] : Analysis.outsideRegion)
      let thresholds = category.plan.thresholds
      let sole = category.solePopulation(ofService: index) ?? []
      for label in labels {
        out.append(",")
        out.appendJSONString("sole_pop_\(label)")
        out.append(":")
        if let position = thresholds.firstIndex(where: { $0.label == label }),
          position < sole.count
        {
          out.append(sole[position], decimals: 6, trimZeros: true)
        } else {
          out.append("null")
        }
      }
      if measured {
        appendBurden(
          category.closureBurden(ofService: index), of: category, units: burdenUnits, to: &out)
      }
      out.append("},\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
      out.appendScaled(
        GeoJSONWriter.scaled(service.location.lon), decimals: GeoJSONWriter.coordinateDecimals)
      out.append(",")
      out.appendScaled(
        GeoJSONWriter.scaled(service.location.lat), decimals: GeoJSONWriter.coordinateDecimals)
      out.append("]}}")
    }
    out.append(first ? "]}\n" : "\n]}\n")
    return out.data
  }

  /// The `added_person_<unit>` columns (the category's own holds the burden, the others
  /// null) and `orphaned_pop`.
  private static func appendBurden(
    _ burden: ClosureBurden?, of category: CategoryResult, units: [ThresholdUnit],
    to out: inout ByteBuffer
  ) {
    for unit in units {
      out.append(",")
      out.appendJSONString("added_person_\(unit.rawValue)")
      out.append(":")
      if let burden, unit == category.plan.unit {
        out.append(burden.added, decimals: 6, trimZeros: true)
      } else {
        out.append("null")
      }
    }
    out.append(",\"orphaned_pop\":")
    if let burden {
      out.append(burden.orphaned, decimals: 6, trimZeros: true)
    } else {
      out.append("null")
    }
  }

  /// The most critical services of each category as an aligned table: ranked by the
  /// people who would move beyond the smallest threshold, then the next; with what each
  /// closure would add to everyone's trips and the people it would leave without.
  public static func table(result: AnalysisResult, top: Int = 10) -> String {
    var blocks: [String] = []
    for category in result.perCategory {
      let thresholds = category.plan.thresholds
      let sole = category.solePopulation ?? []
      let members = category.serviceIndices.indices.filter { $0 < sole.count }
      let ranked = members.sorted { a, b in
        let (x, y) = (sole[a], sole[b])
        let (first, second) = (
          result.services[category.serviceIndices[a]], result.services[category.serviceIndices[b]]
        )
        return x != y ? x.lexicographicallyPrecedes(y, by: >) : first.id < second.id
      }.prefix(top)
      var cells = [
        ["service", "name", "region"] + thresholds.map { "sole_pop_\($0.label)" }
          + ["added_person_\(category.plan.unit.rawValue)", "orphaned_pop"]
      ]
      let burden = category.closureBurden ?? []
      for member in ranked {
        let service = category.serviceIndices[member]
        let extra =
          member < burden.count
          ? [burden[member].added, burden[member].orphaned].map {
            JSONText.format($0, decimals: 0, trimZeros: false)
          } : ["–", "–"]
        cells.append(
          [
            result.services[service].id, result.services[service].name,
            result.serviceRegions[service],
          ]
            + sole[member].map { JSONText.format($0, decimals: 0, trimZeros: false) } + extra)
      }
      blocks.append(
        "\(category.name): people who would move beyond each threshold if the service alone "
          + "closed (top \(min(top, members.count)) of \(members.count))\n"
          + String(TextTable.render(cells) { $0 < 3 }.dropLast()))
    }
    return blocks.joined(separator: "\n\n") + "\n"
  }
}

/// Writes `combined.geojson`: where people miss several services at once.
public enum CombinedZonesWriter {
  /// One Polygon per part: `region`, `missing` (how many services are beyond their
  /// threshold there), `services` (such as `grocery>10km,atm>25km`), `population`,
  /// `area_km2`, `largest_place` (null when nobody lives there).
  public static func geojson(_ zones: [CombinedZone]) -> Data {
    var out = ByteBuffer(capacity: 4096)
    out.append("{\"type\":\"FeatureCollection\",\"features\":[")
    var first = true
    for zone in zones {
      let parts = GeoJSONWriter.writableParts(zone.polygon)
      guard !parts.isEmpty else { continue }
      out.append(first ? "\n" : ",\n")
      first = false
      out.append("{\"type\":\"Feature\",\"properties\":{\"region\":")
      out.appendJSONString(zone.region)
      out.append(",\"missing\":\(zone.missing.count),\"services\":")
      out.appendJSONString(
        zone.missing.map { "\($0.category)>\($0.threshold.label)" }.joined(separator: ","))
      out.append(",\"population\":")
      out.append(zone.population, decimals: 6, trimZeros: true)
      out.append(",\"area_km2\":")
      out.append(zone.areaKm2, decimals: 6, trimZeros: true)
      out.append(",\"largest_place\":")
      if zone.largestPlace.isEmpty {
        out.append("null")
      } else {
        out.appendJSONString(zone.largestPlace)
      }
      out.append("},\"geometry\":")
      GeoJSONWriter.appendPolygonGeometry(parts, into: &out)
      out.append("}")
    }
    out.append(first ? "]}\n" : "\n]}\n")
    return out.data
  }
}
