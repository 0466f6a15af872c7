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

  /// One Point per chosen site in order: `rank`, `category`, `id` and `name` of the
  /// candidate, `gain_pop`, `cumulative_pop`.
  public static func geojson(_ sites: [Site], category: String) -> Data {
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
}
