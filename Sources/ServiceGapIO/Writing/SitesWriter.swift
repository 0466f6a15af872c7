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

  /// One Point per chosen site in order: `rank`, `category`, `id` and `name` of the
  /// candidate, `gain_pop`, `cumulative_pop`, and the whole answer's `bound_pop` (no
  /// choice of as many sites brings more people within the threshold) and `gap` (the
  /// share of the bound the answer may fall short by; 0 = proven optimal).
  public static func geojson(_ sites: [Site], category: String, bound: Double, gap: Double)
    -> Data
  {
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
      out.append(",\"gain_pop\":")
      out.append(site.gain, decimals: 6, trimZeros: true)
      out.append(",\"cumulative_pop\":")
      out.append(site.cumulative, decimals: 6, trimZeros: true)
      out.append(",\"bound_pop\":")
      out.append(bound, decimals: 6, trimZeros: true)
      // Always with decimals, so GIS clients type the column as real even at 0.
      out.append(",\"gap\":")
      out.append(gap, decimals: 6, trimZeros: false)
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

  /// The choice as `site` prints it: the people beyond the threshold, then the chosen sites
  /// and the plain greedy ones, each with its gain and running total.
  ///
  /// - Parameters:
  ///   - result: The siting's answer.
  ///   - sites: Every candidate's id and name (empty when it has none).
  ///   - category: The category placed.
  ///   - thresholdMeters: The threshold.
  /// - Returns: The lines, each ending with a newline.
  public static func table(
    _ result: CoverageSiting.Result, sites: [(id: String, name: String)], category: String,
    thresholdMeters: Double
  ) -> String {
    let label = Threshold(value: thresholdMeters / 1000, unit: .km).label
    var lines = [
      "\(category): \(people(result.uncoveredPopulation)) people live beyond "
        + "\(label) from every existing service."
    ]
    for (title, choices) in [
      ("chosen (greedy, then swaps)", result.sites), ("greedy alone", result.greedy),
    ] {
      lines.append("\n\(title): \(people(choices.last?.cumulative ?? 0)) people within \(label)")
      for (rank, choice) in choices.enumerated() {
        let site = sites[choice.candidate]
        lines.append(
          "  \(rank + 1). \(site.id) \(site.name.isEmpty ? "" : "(\(site.name)) ")"
            + "+\(people(choice.gain)) → \(people(choice.cumulative))")
      }
    }
    lines.append("\n" + boundSentence(result, label: label))
    return lines.joined(separator: "\n") + "\n"
  }

  /// People as a whole number.
  private static func people(_ value: Double) -> String { String(Int(value.rounded())) }

  /// "covers 3,295 people; no choice of 10 sites covers more than 3,331 (gap 1.1 %)".
  public static func boundSentence(_ result: CoverageSiting.Result, label: String) -> String {
    let count = result.sites.count
    let start =
      "the chosen \(count == 1 ? "site brings" : "\(count) sites bring") "
      + "\(people(result.covered)) people within \(label); no choice of \(count) "
      + "site\(count == 1 ? "" : "s") brings more than \(people(result.upperBound.rounded(.down)))"
    if result.gap <= 0 || result.upperBound.rounded(.down) <= result.covered {
      return start + " (proven optimal)."
    }
    return start + " (gap \(String(format: "%.1f", result.gap * 100)) %)."
  }
}
