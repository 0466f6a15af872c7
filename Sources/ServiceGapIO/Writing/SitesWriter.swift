import Foundation
import ServiceGap

/// Writes `sites.geojson` of `servicegap site`.
public enum SitesWriter {
  public struct Site: Sendable {
    public var id: String
    public var name: String
    public var location: LonLat
    public var gain: Double
    public var cumulative: Double
    public init(id: String, name: String, location: LonLat, gain: Double, cumulative: Double) {
      self.id = id
      self.name = name
      self.location = location
      self.gain = gain
      self.cumulative = cumulative
    }
  }

  /// The chosen sites with their candidates' ids, names and points.
  ///
  /// - Parameters:
  ///   - choices: The choice, in order.
  ///   - candidates: Every candidate (`choices` index them).
  /// - Returns: One site per choice.
  public static func sites(
    _ choices: [SiteChoice], candidates: [(id: String, name: String, location: LonLat)]
  ) -> [Site] {
    choices.map { choice in
      let candidate = candidates[choice.candidate]
      return Site(
        id: candidate.id, name: candidate.name, location: candidate.location, gain: choice.gain,
        cumulative: choice.cumulative)
    }
  }

  /// One Point per chosen site in order.
  ///
  /// Properties: `rank`, `category`, `id` and `name` of the candidate, then by objective:
  /// - coverage and cover-all: `gain_pop`, `cumulative_pop` (people newly within the
  ///   threshold, or served with a capacity);
  /// - person-km: `saved_person_km`, `cumulative_saved_person_km`;
  ///
  /// and the whole answer's value and proof: `covered_pop` and `bound_pop` (no choice of as
  /// many sites brings more), `person_km` and `bound_person_km` (none leaves less), or
  /// `sites` and `bound_sites` (no fewer sites cover everyone), with `gap` (the share the
  /// answer may be from the best possible; 0 = proven optimal).
  public static func geojson(_ sites: [Site], category: String, result: SitingResult) -> Data {
    let (gainName, cumulativeName, valueName, boundName): (String, String, String, String)
    switch result.objective {
    case .coverage:
      (gainName, cumulativeName, valueName, boundName) = (
        "gain_pop", "cumulative_pop", "covered_pop", "bound_pop"
      )
    case .coverAll:
      (gainName, cumulativeName, valueName, boundName) = (
        "gain_pop", "cumulative_pop", "sites", "bound_sites"
      )
    case .personKm:
      (gainName, cumulativeName, valueName, boundName) = (
        "saved_person_km", "cumulative_saved_person_km", "person_km", "bound_person_km"
      )
    }
    var out = ByteBuffer()
    out.append("{\"type\":\"FeatureCollection\",\"features\":[")
    for (index, site) in sites.enumerated() {
      out.append(index == 0 ? "\n" : ",\n")
      out.append("{\"type\":\"Feature\",\"properties\":{\"rank\":\(index + 1),\"category\":")
      out.appendJSONString(category)
      out.append(",\"id\":")
      out.appendJSONString(site.id)
      out.append(",\"name\":")
      out.appendJSONString(site.name)
      for (name, value) in [
        (gainName, site.gain), (cumulativeName, site.cumulative), (valueName, result.value),
        (boundName, result.bound),
      ] {
        out.append(",\"\(name)\":")
        out.append(value, decimals: 6, trimZeros: true)
      }
      // Always with decimals, so GIS clients type the column as real even at 0.
      out.append(",\"gap\":")
      out.append(result.gap, decimals: 6, trimZeros: false)
      out.append("},\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
      out.appendScaled(
        GeoJSONWriter.scaled(site.location.lon), decimals: GeoJSONWriter.coordinateDecimals)
      out.append(",")
      out.appendScaled(
        GeoJSONWriter.scaled(site.location.lat), decimals: GeoJSONWriter.coordinateDecimals)
      out.append("]}}")
    }
    out.append(sites.isEmpty ? "]}\n" : "\n]}\n")
    return out.data
  }

  /// The choice as `site` prints it: where things stand before, then the chosen sites and
  /// the plain greedy ones, each with its gain and running total, then the proof.
  ///
  /// - Parameters:
  ///   - result: The siting's answer.
  ///   - sites: Every candidate's id and name (empty when it has none).
  ///   - category: The category placed.
  ///   - thresholdMeters: The threshold (coverage and cover-all).
  ///   - capacity: The most people a new site serves, if limited.
  /// - Returns: The lines, each ending with a newline.
  public static func table(
    _ result: SitingResult, sites: [(id: String, name: String)], category: String,
    thresholdMeters: Double?, capacity: Double? = nil
  ) -> String {
    let label = thresholdMeters.map { Threshold(value: $0 / 1000, unit: .km).label } ?? ""
    var lines: [String]
    let unit: String
    switch result.objective {
    case .coverage, .coverAll:
      lines = [
        "\(category): \(people(result.uncoveredPopulation)) people live beyond "
          + "\(label) from every existing service."
      ]
      if result.objective == .coverAll {
        lines.append(
          "\(people(result.uncoveredPopulation - result.unreachablePopulation)) of them can be "
            + "\(capacity == nil ? "brought within it" : "served") by the candidates; "
            + "\(people(result.unreachablePopulation)) cannot.")
      }
      unit = capacity == nil ? "people within \(label)" : "people served within \(label)"
    case .personKm:
      lines = [
        "\(category): \(people(result.basePersonKm)) person-km to the nearest existing service."
      ]
      if result.unservedPopulation > 0 {
        lines.append(
          "\(people(result.unservedPopulation)) people no existing service reaches are left "
            + "out of person-km.")
      }
      unit = "person-km saved"
    }
    if let capacity { lines.append("Each new site serves at most \(people(capacity)) people.") }
    for (title, choices) in [
      ("chosen", result.sites), ("greedy alone", result.greedy),
    ] {
      lines.append("\n\(title): \(people(choices.last?.cumulative ?? 0)) \(unit)")
      for (rank, choice) in choices.enumerated() {
        let site = sites[choice.candidate]
        lines.append(
          "  \(rank + 1). \(site.id) \(site.name.isEmpty ? "" : "(\(site.name)) ")"
            + "+\(people(choice.gain)) → \(people(choice.cumulative))")
      }
    }
    lines.append("\n" + boundSentence(result, label: label))
    if result.nodes > 0 {
      lines.append(
        "(branch and bound explored \(result.nodes) node\(result.nodes == 1 ? "" : "s").)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// People (or person-km) as a whole number.
  private static func people(_ value: Double) -> String { String(Int(value.rounded())) }

  /// "the chosen 10 sites bring 3295 people within 5km; no choice of 10 sites brings more
  /// than 3331 (gap 1.1 %)", and the like for person-km and cover-all.
  ///
  /// - Parameters:
  ///   - result: The answer.
  ///   - label: The threshold's label.
  /// - Returns: The sentence.
  public static func boundSentence(_ result: SitingResult, label: String) -> String {
    let count = result.sites.count
    let sites = count == 1 ? "site" : "\(count) sites"
    let proof =
      result.proven
      ? " (proven optimal)." : " (gap \(String(format: "%.1f", result.gap * 100)) %)."
    switch result.objective {
    case .coverage:
      return "the chosen \(count == 1 ? "site brings" : "\(sites) bring") "
        + "\(people(result.value)) people within \(label); no choice of \(count) "
        + "site\(count == 1 ? "" : "s") brings more than \(people(result.bound))" + proof
    case .personKm:
      return "the chosen \(sites) leave\(count == 1 ? "s" : "") "
        + "\(String(format: "%.1f", result.value)) person-km; no choice of \(count) "
        + "site\(count == 1 ? "" : "s") leaves less than "
        + "\(String(format: "%.1f", result.bound))" + proof
    case .coverAll:
      let bound = Int(result.bound)
      return "\(count) site\(count == 1 ? "" : "s") bring everyone they can within \(label); "
        + (result.proven
          ? (count == 0 ? "none are needed" : "no \(count - 1) can (proven optimal).")
          : "at least \(bound) are needed" + proof)
    }
  }
}
