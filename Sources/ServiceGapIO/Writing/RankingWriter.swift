import Foundation
import ServiceGap

/// Writes regions ranked on one indicator (`compare` without situations): an aligned
/// table and `compare.csv` (`region,category,indicator,value,rank`).
public enum RankingWriter {
  /// One category's ranking.
  public struct Ranking: Sendable {
    public var category: String
    public var indicator: String
    public var regions: [RankedRegion]

    public init(category: String, indicator: String, regions: [RankedRegion]) {
      self.category = category
      self.indicator = indicator
      self.regions = regions
    }
  }

  static func decimals(_ indicator: String) -> Int {
    indicator.hasSuffix("_pop") || indicator == "population" || indicator == "services"
      ? 0 : (indicator.hasSuffix("_share") ? 4 : 3)
  }

  /// `rank  region  population  <indicator>`, highest first; `–` where there is no value.
  public static func table(_ ranking: Ranking) -> String {
    let places = decimals(ranking.indicator)
    var cells = [["rank", "region", "population", ranking.indicator]]
    for entry in ranking.regions {
      cells.append([
        entry.rank.map(String.init) ?? "–", entry.region,
        JSONText.format(entry.population, decimals: 0, trimZeros: false),
        entry.value.map { JSONText.format($0, decimals: places, trimZeros: false) } ?? "–",
      ])
    }
    return TextTable.render(cells) { $0 == 1 }
  }

  /// `compare.csv`: one row per category and region, in rank order.
  public static func csv(_ rankings: [Ranking]) -> Data {
    var out = ByteBuffer()
    out.append("region,category,indicator,value,rank\n")
    for ranking in rankings {
      let places = decimals(ranking.indicator)
      for entry in ranking.regions {
        out.append(SummaryWriter.csvQuoted(entry.region))
        out.append(",")
        out.append(SummaryWriter.csvQuoted(ranking.category))
        out.append(",")
        out.append(ranking.indicator)
        out.append(",")
        if let value = entry.value { out.append(value, decimals: places, trimZeros: false) }
        out.append(",")
        if let rank = entry.rank { out.append(String(rank)) }
        out.append("\n")
      }
    }
    return out.data
  }
}
