import Foundation

/// Paths used by the ServiceGapIO tests, found from this file's location.
enum IOTestPaths {
  /// The repository root: three levels up from this file.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A file under `fixtures/`.
  static func fixture(_ relative: String) -> String {
    root.appendingPathComponent("fixtures").appendingPathComponent(relative).path
  }

  /// The demo folder's file `name`.
  static func demo(_ name: String) -> String { fixture("demo_arjeplog_skelleftea/\(name)") }

  /// The Oslo slice of Statistics Norway's 250 m grid (11,326 cells; fixtures/norway_grid).
  static let norwayGrid250mOslo = fixture("norway_grid/ssb_pop_250m_2015_oslo.csv")

  /// Statistics Norway's 1 km grid of all of Norway (55,213 cells).
  static let norwayGrid1km = fixture("norway_grid/ssb_pop_1km_2015.csv")

  /// A fresh empty temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("servicegap-io-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

extension String {
  /// The UTF-8 bytes, for the loaders' in-memory entry points.
  var bytes: [UInt8] { Array(utf8) }
}
