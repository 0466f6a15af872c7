import Foundation
import ServiceGap

/// Named fixtures shared by every test target, read from the repository's `fixtures/`.
public enum Fixtures {
  /// The repository root (found from this file's path, so no bundle resources are needed).
  public static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A file under `fixtures/`.
  public static func url(_ relative: String) -> URL {
    root.appendingPathComponent("fixtures").appendingPathComponent(relative)
  }

  /// The demo area: five pilot municipalities from Arjeplog to Skellefteå.
  public static let demoDirectory = "demo_arjeplog_skelleftea"

  /// Parsed JSON of a fixture file.
  public static func json(_ relative: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url(relative)))
  }

  /// The demo services, read with plain JSONSerialization (independent of ServiceGapIO).
  public static func demoServices() throws -> [ServicePoint] {
    let collection = try json("\(demoDirectory)/services.geojson") as? [String: Any]
    let features = collection?["features"] as? [[String: Any]] ?? []
    return features.compactMap { feature in
      guard let properties = feature["properties"] as? [String: Any],
        let geometry = feature["geometry"] as? [String: Any],
        let coordinates = geometry["coordinates"] as? [Double],
        let id = properties["id"] as? String, let category = properties["category"] as? String
      else { return nil }
      return ServicePoint(
        id: id, name: properties["name"] as? String ?? "", category: category,
        location: LonLat(lon: coordinates[0], lat: coordinates[1]))
    }
  }

  /// The five demo municipalities (`kommun_kod` as id, `kommun` as name).
  public static func demoRegions() throws -> [Region] {
    try regions("\(demoDirectory)/kommuner.geojson")
  }

  /// Regions from a GeoJSON file of (Multi)Polygons with `kommun_kod` and `kommun`.
  public static func regions(_ relative: String) throws -> [Region] {
    let collection = try json(relative) as? [String: Any]
    let features = collection?["features"] as? [[String: Any]] ?? []
    return features.compactMap { feature in
      guard let properties = feature["properties"] as? [String: Any],
        let geometry = feature["geometry"] as? [String: Any],
        let type = geometry["type"] as? String
      else { return nil }
      let polygons: [[[[Double]]]]
      if type == "Polygon" {
        polygons = [geometry["coordinates"] as? [[[Double]]] ?? []]
      } else {
        polygons = geometry["coordinates"] as? [[[[Double]]]] ?? []
      }
      return Region(
        id: properties["kommun_kod"] as? String ?? "", name: properties["kommun"] as? String ?? "",
        polygons: polygons.map { $0.map { $0.map { LonLat(lon: $0[0], lat: $0[1]) } } })
    }
  }
}

extension AnalysisResult {
  /// Closure criticality per service, in input order: the thresholds' people of each
  /// service, empty for services of categories not analysed (or without criticality).
  public var solePopulationByService: [[Double]] {
    services.indices.map { index in
      self[services[index].category]?.solePopulation(ofService: index) ?? []
    }
  }
}
