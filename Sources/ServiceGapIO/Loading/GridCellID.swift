/// Population grid cells given by id, in the systems statistics offices publish.
///
/// | System | Example | CRS | Corner | Cell size |
/// |---|---|---|---|---|
/// | Statistics Norway (SSB) | `19250006618000` | EPSG:25833 | 7 digits x + 2,000,000, 7 digits y | column name (`ru250m`), `--cell`, else 250 m |
/// | Statistics Sweden (SCB) `rutid_scb` | `7550007190000` | EPSG:3006 | 6 digits x, 7 digits y | `rutstorl` column, `--cell`, else 1,000 m |
/// | INSPIRE / Eurostat GEOSTAT | `CRS3035RES1000mN2684000E4334000` | EPSG:3035 | N and E in metres | in the id |
/// | INSPIRE short form | `1kmN2684E4334` | EPSG:3035 | N and E in cell sizes | in the id |
///
/// Every id names the cell's lower-left corner; the unit point is the cell centre. The
/// INSPIRE forms are also read with E before N (as the EEA reference grid writes them).
public enum GridCellID {
  /// A grid id system.
  public enum System: String, Hashable, Sendable, CaseIterable {
    /// Statistics Norway's 14-digit ids.
    case statisticsNorway
    /// Statistics Sweden's 13-digit `rutid_scb`.
    case statisticsSweden
    /// INSPIRE / Eurostat GEOSTAT ids, long or short form.
    case inspire

    /// The CRS the ids are in.
    public var crs: String {
      switch self {
      case .statisticsNorway: return "EPSG:25833"
      case .statisticsSweden: return "EPSG:3006"
      case .inspire: return "EPSG:3035"
      }
    }

    /// Column names (lower case) that hold ids of this system.
    public var columnNames: [String] {
      switch self {
      case .statisticsNorway:
        return [
          "ru250m", "ru1000m", "ssbid", "ssbid250m", "ssbid_250m", "ssbid1000m", "ssbid_1000m",
        ]
      case .statisticsSweden: return ["rutid_scb", "rutid", "ruta"]
      case .inspire: return ["grd_id", "grd_newid", "grid_id", "cellcode", "cell_code"]
      }
    }

    /// The cell size when neither the id, the column name, a size column nor `--cell`
    /// gives one.
    public var defaultCellSize: Double {
      switch self {
      case .statisticsNorway: return 250
      case .statisticsSweden: return 1000
      case .inspire: return 1000
      }
    }

    /// What an id of the system looks like, for error messages.
    public var format: String {
      switch self {
      case .statisticsNorway:
        return "a 14-digit Statistics Norway cell id (7 digits x + 2000000, then 7 digits y, "
          + "in EPSG:25833), such as 19250006618000"
      case .statisticsSweden:
        return "a 13-digit SCB rutid_scb (6 digits easting, then 7 digits northing of the "
          + "lower-left corner, in EPSG:3006), such as 7550007190000"
      case .inspire:
        return "an INSPIRE grid id such as CRS3035RES1000mN2684000E4334000 or 1kmN2684E4334 "
          + "(EPSG:3035)"
      }
    }
  }

  /// A cell's lower-left corner in its system's CRS, and its size when the id says it.
  public struct Cell: Hashable, Sendable {
    /// Easting of the corner, in metres.
    public var x: Double
    /// Northing of the corner, in metres.
    public var y: Double
    /// Side length in metres; nil when the id does not carry it (SSB, SCB).
    public var size: Double?
  }

  /// Column names (lower case) whose values are cell sizes in metres, such as SCB's
  /// `rutstorl`.
  public static let sizeColumnNames = ["rutstorl", "cellsize", "cell_size"]

  /// The cell size a Statistics Norway column name implies: 1000 for names containing
  /// `1000`, 250 for `250`.
  ///
  /// - Parameter column: The column name.
  /// - Returns: The size in metres, or nil when the name does not say.
  public static func cellSize(forColumn column: String) -> Double? {
    let lower = column.lowercased()
    if lower.contains("1000") || lower.hasSuffix("1km") { return 1000 }
    if lower.contains("250") { return 250 }
    return nil
  }

  /// The system whose column names include `column` (case-insensitive); nil otherwise.
  public static func system(forColumn column: String) -> System? {
    let lower = column.lowercased()
    return System.allCases.first { $0.columnNames.contains(lower) }
  }

  /// The cell an id names in `system`.
  ///
  /// - Parameters:
  ///   - id: The id's text; spaces around it are ignored.
  ///   - system: The id system.
  /// - Returns: The cell, or nil when `id` is not an id of `system`.
  public static func cell(of id: String, in system: System) -> Cell? {
    var copy = id
    return copy.withUTF8 { cell(ofBytes: $0, in: system) }
  }

  /// The system whose ids `id` looks like; nil when none.
  public static func system(of id: String) -> System? {
    System.allCases.first { cell(of: id, in: $0) != nil }
  }

  static func cell(ofBytes bytes: UnsafeBufferPointer<UInt8>, in system: System) -> Cell? {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 { end -= 1 }
    let id = UnsafeBufferPointer(rebasing: bytes[start..<end])
    switch system {
    case .statisticsNorway:
      guard let (x, y) = digits(id, split: 7, total: 14) else { return nil }
      return Cell(x: Double(x - 2_000_000), y: Double(y))
    case .statisticsSweden:
      guard let (x, y) = digits(id, split: 6, total: 13) else { return nil }
      return Cell(x: Double(x), y: Double(y))
    case .inspire:
      return inspireCell(id)
    }
  }

  /// Splits an all-digit id of `total` digits after `split` digits.
  private static func digits(_ id: UnsafeBufferPointer<UInt8>, split: Int, total: Int) -> (
    Int, Int
  )? {
    guard id.count == total else { return nil }
    var first = 0
    var second = 0
    for offset in 0..<total {
      let byte = id[offset]
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      if offset < split {
        first = first * 10 + Int(byte - 0x30)
      } else {
        second = second * 10 + Int(byte - 0x30)
      }
    }
    return (first, second)
  }

  /// `CRS3035RES1000mN2684000E4334000` (metres) or `1kmN2684E4334` (cell sizes), with N
  /// and E in either order.
  private static func inspireCell(_ id: UnsafeBufferPointer<UInt8>) -> Cell? {
    var reader = ByteReader(bytes: id)
    let size: Double
    let scale: Double
    if reader.skip("CRS3035RES") {
      guard let resolution = reader.integer(), let unit = reader.sizeUnit() else { return nil }
      size = Double(resolution) * unit
      scale = 1
    } else {
      guard let resolution = reader.integer(), let unit = reader.sizeUnit() else { return nil }
      size = Double(resolution) * unit
      scale = size
    }
    guard size > 0 else { return nil }
    var north: Int?
    var east: Int?
    for _ in 0..<2 {
      if reader.skip("N"), north == nil {
        north = reader.integer()
      } else if reader.skip("E"), east == nil {
        east = reader.integer()
      } else {
        return nil
      }
    }
    guard reader.atEnd, let north, let east else { return nil }
    return Cell(x: Double(east) * scale, y: Double(north) * scale, size: size)
  }

  /// Reads an id from left to right.
  private struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    var atEnd: Bool { position == bytes.count }

    /// Consumes `text` (ASCII, case-insensitive) when the bytes continue with it.
    mutating func skip(_ text: StaticString) -> Bool {
      let count = text.utf8CodeUnitCount
      guard bytes.count - position >= count else { return false }
      for offset in 0..<count {
        let expected = text.utf8Start[offset] | 0x20
        guard bytes[position + offset] | 0x20 == expected else { return false }
      }
      position += count
      return true
    }

    /// Consumes digits; nil when there are none (or too many to be a coordinate).
    mutating func integer() -> Int? {
      var value = 0
      var count = 0
      while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
        value = value * 10 + Int(bytes[position] - 0x30)
        position += 1
        count += 1
        if count > 12 { return nil }
      }
      return count > 0 ? value : nil
    }

    /// Consumes `km` (1000) or `m` (1).
    mutating func sizeUnit() -> Double? {
      if skip("km") { return 1000 }
      if skip("m") { return 1 }
      return nil
    }
  }
}
