import Foundation
import ServiceGap

/// Writes analysis results as RFC 7946 GeoJSON, by hand, for speed and a stable layout.
///
/// Conventions shared by every file: a FeatureCollection with one feature per line; no
/// `crs` member (RFC 7946: always WGS 84 lon/lat); coordinates rounded to 7 decimals
/// (about 1 cm); numbers in plain notation, never with an exponent; integral values
/// without `.0`; property keys in a fixed, documented order; `null` for missing values,
/// so every property keeps one JSON type and QGIS reads typed columns.
public enum GeoJSONWriter {
  /// Decimal places of written coordinates.
  public static let coordinateDecimals = 7

  /// The columns of one category in `units.geojson`.
  public struct CategoryColumns: Sendable {
    /// The category: the columns are `C_dist_m`, `C_time_min`, `C_detour`, `C_nearest`.
    public var category: String
    /// Per unit, the nearest service (nil = unreachable): `C_dist_m` and `C_nearest`.
    public var nearest: [NearestService?]
    /// Per unit, the travel time in minutes: `C_time_min`, in timed (network) files.
    public var minutes: [Double?]
    /// Per unit, the detour: `C_detour`, in timed (network) files.
    public var detour: [Double?]

    /// Creates the columns of a category.
    public init(
      category: String, nearest: [NearestService?], minutes: [Double?] = [],
      detour: [Double?] = []
    ) {
      self.category = category
      self.nearest = nearest
      self.minutes = minutes
      self.detour = detour
    }

    /// The columns of an analysed category.
    public init(_ result: CategoryResult) {
      self.init(
        category: result.name, nearest: result.nearest, minutes: result.minutes ?? [],
        detour: result.detour ?? [])
    }
  }

  /// A further column of `units.geojson`, such as `grocery_2sfca` from `access`: one value
  /// per unit (null for nil), 9 decimals.
  public struct ExtraColumn: Sendable {
    public var name: String
    public var values: [Double?]
    /// Decimal places written.
    public var decimals: Int

    /// Creates a column.
    public init(name: String, values: [Double?], decimals: Int = 9) {
      self.name = name
      self.values = values
      self.decimals = decimals
    }
  }

  /// Public transport's further columns per category: `C_time_p<k>` for every percentile
  /// other than the median (minutes, 0.01; null when that share of departures reaches
  /// nothing) and `C_reached_share` (the share of departures reaching a service, 0–1).
  public static func transitColumns(_ result: AnalysisResult) -> [ExtraColumn] {
    result.perCategory.flatMap { category -> [ExtraColumn] in
      guard let transit = category.transit else { return [] }
      var columns: [ExtraColumn] = []
      for (percentile, minutes) in zip(transit.percentiles, transit.minutes) where percentile != 50
      {
        columns.append(
          ExtraColumn(name: "\(category.name)_time_p\(percentile)", values: minutes, decimals: 2))
      }
      columns.append(
        ExtraColumn(
          name: "\(category.name)_reached_share", values: transit.reachedShare, decimals: 4))
      return columns
    }
  }

  /// `units.geojson`: one Point feature per population unit.
  ///
  /// Properties, in this order: `id`, `name`, `population`, `region`, then for each
  /// category C: `C_dist_m` (metres rounded to 0.1, or null when no service is
  /// reachable), in timed (network, transit) files `C_time_min` (minutes rounded to 0.01,
  /// null when missing or unreachable; by public transport the median over the departures)
  /// and, along the roads, `C_detour` (road over straight-line distance, 3 decimals), and
  /// `C_nearest` (the nearest service's id as the crow flies by public transport, or null);
  /// then `extra` (by public transport first ``transitColumns(_:)``). The
  /// geometry is the unit point, or the unit's cell or area when it has an outline
  /// (``PopulationUnit/outline``, kept with `--unit-geometry cell`).
  ///
  /// - Parameters:
  ///   - units: The population units.
  ///   - serviceIDs: Every service's id, by ``NearestService/serviceIndex``.
  ///   - regions: Region name per unit (parallel to `units`).
  ///   - columns: The categories' columns, in column order.
  ///   - timed: Whether to write `C_time_min` and `C_detour` (network mode).
  ///   - extra: Further columns after the categories'.
  /// - Returns: The file content (UTF-8).
  public static func units(
    _ units: [PopulationUnit], serviceIDs: [String], regions: [String],
    columns: [CategoryColumns], timed: Bool = false, extra: [ExtraColumn] = []
  ) -> Data {
    var out = ByteBuffer(capacity: 64 + units.count * (240 + 90 * columns.count))
    out.appendLiteral(header)
    formatUnits(
      units, range: units.indices, serviceIDs: serviceIDs, regions: regions, columns: columns,
      timed: timed, extra: extra, into: &out)
    out.appendLiteral(footer)
    return out.data
  }

  /// `units.geojson` of an analysis result (see
  /// ``units(_:serviceIDs:regions:columns:timed:extra:)``): timed when the analysis ran
  /// along the roads.
  public static func units(result: AnalysisResult, extra: [ExtraColumn] = []) -> Data {
    units(
      result.units, serviceIDs: result.services.map(\.id), regions: result.unitRegions,
      columns: result.perCategory.map(CategoryColumns.init), timed: isTimed(result),
      extra: transitColumns(result) + extra)
  }

  /// Writes `units.geojson` straight to `url`, atomically, a few megabytes at a time
  /// (national runs produce files of hundreds of megabytes).
  ///
  /// - Parameters:
  ///   - result: The analysis result.
  ///   - extra: Further columns after the categories'.
  ///   - url: The target file.
  /// - Throws: ``OutputError``.
  public static func writeUnits(
    result: AnalysisResult, extra: [ExtraColumn] = [], to url: URL
  ) throws {
    let timed = isTimed(result)
    let columns = result.perCategory.map(CategoryColumns.init)
    let extra = transitColumns(result) + extra
    // Blocks of features are formatted on two threads and written in order, so the
    // file is identical to the single-threaded one and memory stays bounded.
    let units = result.units
    let serviceIDs = result.services.map(\.id)
    let block = 16_384
    let blockCount = (units.count + block - 1) / block
    try AtomicFileWriter.write(to: url) { sink in
      var head = ByteBuffer()
      head.appendLiteral(header)
      try head.drain(into: sink)
      for first in stride(from: 0, to: blockCount, by: 2) {
        let pair = (first..<min(blockCount, first + 2)).map { index in
          index * block..<min(units.count, (index + 1) * block)
        }
        var buffers = [ByteBuffer](repeating: ByteBuffer(), count: pair.count)
        buffers.withUnsafeMutableBufferPointer { slots in
          let slots = UnsafeSendable(slots)
          DispatchQueue.concurrentPerform(iterations: pair.count) { index in
            var out = ByteBuffer(capacity: block * (200 + 80 * columns.count))
            formatUnits(
              units, range: pair[index], serviceIDs: serviceIDs, regions: result.unitRegions,
              columns: columns, timed: timed, extra: extra, into: &out)
            slots.value[index] = out
          }
        }
        for index in buffers.indices { try buffers[index].drain(into: sink) }
      }
      var tail = ByteBuffer()
      tail.appendLiteral(footer)
      try tail.drain(into: sink)
    }
  }

  /// Network, walking and cycling, and public transport modes add travel time columns
  /// (and all but public transport a detour).
  private static func isTimed(_ result: AnalysisResult) -> Bool {
    result.hasTravelTimes || result.transitDiagnostics != nil
  }

  private static let header: StaticString = "{\"type\":\"FeatureCollection\",\"features\":["
  private static let footer: StaticString = "\n]}\n"

  /// Lets concurrent workers write disjoint slots of one buffer.
  private struct UnsafeSendable<Value>: @unchecked Sendable {
    // Safety: each worker writes only its own index, and the buffer outlives them.
    let value: Value
    init(_ value: Value) { self.value = value }
  }

  /// Formats the features of `range` (no header or footer) into `out`.
  private static func formatUnits(
    _ units: [PopulationUnit], range: Range<Int>, serviceIDs: [String], regions: [String],
    columns: [CategoryColumns], timed: Bool, extra: [ExtraColumn], into out: inout ByteBuffer
  ) {
    // Property keys are the same for every feature: build them once.
    func key(_ name: String) -> [UInt8] {
      var buffer = ByteBuffer()
      buffer.append(",")
      buffer.appendJSONString(name)
      buffer.append(":")
      return buffer.bytes
    }
    let keys = columns.map(\.category).map {
      (
        dist: key("\($0)_dist_m"), time: key("\($0)_time_min"), detour: key("\($0)_detour"),
        nearest: key("\($0)_nearest")
      )
    }
    let extraKeys = extra.map { key($0.name) }
    for index in range {
      let unit = units[index]
      out.append(index == 0 ? "\n" : ",\n")
      out.appendLiteral("{\"type\":\"Feature\",\"properties\":{\"id\":")
      out.appendJSONString(unit.id)
      out.appendLiteral(",\"name\":")
      out.appendJSONString(unit.name)
      out.appendLiteral(",\"population\":")
      out.append(unit.population, decimals: 6, trimZeros: true)
      out.appendLiteral(",\"region\":")
      if index < regions.count {
        out.appendJSONString(regions[index])
      } else {
        out.appendLiteral("null")
      }
      for (categoryIndex, column) in columns.enumerated() {
        let service = index < column.nearest.count ? column.nearest[index] : nil
        out.append(bytes: keys[categoryIndex].dist)
        if let service {
          out.append(service.distanceMeters, decimals: 1, trimZeros: true)
        } else {
          out.appendLiteral("null")
        }
        if timed {
          out.append(bytes: keys[categoryIndex].time)
          appendOptional(column.minutes, index, decimals: 2, into: &out)
          // Public transport has no road distance to compare: no detour column.
          if !column.detour.isEmpty {
            out.append(bytes: keys[categoryIndex].detour)
            appendOptional(column.detour, index, decimals: 3, into: &out)
          }
        }
        out.append(bytes: keys[categoryIndex].nearest)
        if let service {
          out.appendJSONString(serviceIDs[service.serviceIndex])
        } else {
          out.appendLiteral("null")
        }
      }
      for (column, values) in extra.enumerated() {
        out.append(bytes: extraKeys[column])
        appendOptional(values.values, index, decimals: values.decimals, into: &out)
      }
      out.appendLiteral("},\"geometry\":")
      if let outline = unit.outline, appendPolygons(outline, into: &out) {
        out.appendLiteral("}")
        continue
      }
      out.appendLiteral("{\"type\":\"Point\",\"coordinates\":[")
      out.appendScaled(scaled(unit.location.lon), decimals: coordinateDecimals)
      out.appendLiteral(",")
      out.appendScaled(scaled(unit.location.lat), decimals: coordinateDecimals)
      out.appendLiteral("]}}")
    }
  }

  /// A Polygon (one part) or MultiPolygon geometry object, rings oriented as RFC 7946
  /// asks; false, writing nothing, when every part collapses at 7 decimals.
  static func appendPolygons(_ polygons: [PolygonRings], into out: inout ByteBuffer) -> Bool {
    let parts = polygons.compactMap(orientedRings)
    guard !parts.isEmpty else { return false }
    appendPolygonGeometry(parts, into: &out)
    return true
  }

  /// A Polygon (one part) or MultiPolygon geometry object from rings already rounded and
  /// oriented.
  static func appendPolygonGeometry(_ parts: [[[ScaledPoint]]], into out: inout ByteBuffer) {
    out.appendLiteral(
      parts.count == 1
        ? "{\"type\":\"Polygon\",\"coordinates\":" : "{\"type\":\"MultiPolygon\",\"coordinates\":[")
    for (partIndex, rings) in parts.enumerated() {
      if partIndex > 0 { out.appendLiteral(",") }
      appendRings(rings, into: &out)
    }
    out.appendLiteral(parts.count == 1 ? "}" : "]}")
  }

  /// A zone's polygon cut at the antimeridian (RFC 7946 §3.1.9), rounded and oriented:
  /// one part, or one each side; nothing when every part collapses at 7 decimals.
  static func writableParts(_ polygon: PolygonRings) -> [[[ScaledPoint]]] {
    AntimeridianCut.writableParts(of: polygon).compactMap(orientedRings)
  }

  /// One polygon's coordinates, `[[[x,y],…],…]`, from rings already rounded and oriented.
  static func appendRings(_ rings: [[ScaledPoint]], into out: inout ByteBuffer) {
    out.appendLiteral("[")
    for (ringIndex, ring) in rings.enumerated() {
      if ringIndex > 0 { out.appendLiteral(",") }
      out.appendLiteral("[")
      for (pointIndex, point) in ring.enumerated() {
        if pointIndex > 0 { out.appendLiteral(",") }
        out.appendLiteral("[")
        out.appendScaled(point.x, decimals: coordinateDecimals)
        out.appendLiteral(",")
        out.appendScaled(point.y, decimals: coordinateDecimals)
        out.appendLiteral("]")
      }
      out.appendLiteral("]")
    }
    out.appendLiteral("]")
  }

  /// The value at `index` with `decimals`, or null when missing or nil.
  private static func appendOptional(
    _ values: [Double?], _ index: Int, decimals: Int, into out: inout ByteBuffer
  ) {
    if index < values.count, let value = values[index] {
      out.append(value, decimals: decimals, trimZeros: true)
    } else {
      out.appendLiteral("null")
    }
  }

  /// `zones.geojson`: one Polygon feature per service-sparse zone.
  ///
  /// Properties, in this order: `region`, `category`, `threshold` (a number in `unit`:
  /// 10 for `10km`, 0.5 for `500m`, so GIS tools can style by it), `unit` (`km` or
  /// `min`), `population`, `area_km2` (rounded to 6 decimals),
  /// `largest_place` (null when nobody lives in the zone). Rings follow RFC 7946: the
  /// outer ring counter-clockwise, holes clockwise (reversed when needed, judged by the
  /// signed area), closed, with consecutive vertices that coincide after rounding to 7
  /// decimals dropped. A hole that collapses to fewer than four positions is dropped; a
  /// zone whose outer ring collapses (a sliver under a centimetre wide) is left out.
  ///
  /// - Parameter result: The analysis result.
  /// - Returns: The file content (UTF-8).
  public static func zones(result: AnalysisResult) -> Data {
    zones(result.zones)
  }

  /// `zones.geojson` from a list of zones (see ``zones(result:)``).
  ///
  /// - Parameter zones: The zones, written in this order.
  /// - Returns: The file content (UTF-8).
  public static func zones(_ zones: [Zone]) -> Data {
    var out = ByteBuffer(capacity: 4096)
    out.appendLiteral(header)
    var features = ByteBuffer()
    formatZones(zones[...], into: &features)
    // Every feature was written after ",\n"; the first one follows the header directly.
    features.dropFirstByte()
    out.append(bytes: features.bytes)
    out.appendLiteral(footer)
    return out.data
  }

  /// Writes `zones.geojson` straight to `url`, atomically.
  ///
  /// Blocks of zones are formatted on two threads (national network runs draw tens of
  /// thousands of staircase outlines); the bytes are those of ``zones(_:)``.
  ///
  /// - Parameters:
  ///   - result: The analysis result.
  ///   - url: The target file.
  /// - Throws: ``OutputError``.
  public static func writeZones(result: AnalysisResult, to url: URL) throws {
    let zones = result.zones
    let block = 2048
    let blockCount = (zones.count + block - 1) / block
    try AtomicFileWriter.write(to: url) { sink in
      var head = ByteBuffer()
      head.appendLiteral(header)
      try head.drain(into: sink)
      var first = true
      for start in stride(from: 0, to: blockCount, by: 2) {
        let pair = (start..<min(blockCount, start + 2)).map { index in
          index * block..<min(zones.count, (index + 1) * block)
        }
        var buffers = [ByteBuffer](repeating: ByteBuffer(), count: pair.count)
        buffers.withUnsafeMutableBufferPointer { slots in
          let slots = UnsafeSendable(slots)
          DispatchQueue.concurrentPerform(iterations: pair.count) { index in
            var out = ByteBuffer()
            formatZones(zones[pair[index]], into: &out)
            slots.value[index] = out
          }
        }
        for index in buffers.indices where buffers[index].count > 0 {
          if first {
            buffers[index].dropFirstByte()
            first = false
          }
          try buffers[index].drain(into: sink)
        }
      }
      var tail = ByteBuffer()
      tail.appendLiteral(footer)
      try tail.drain(into: sink)
    }
  }

  /// Formats zones as features, each preceded by ",\n"; zones whose outer ring collapses
  /// are left out.
  private static func formatZones(_ zones: ArraySlice<Zone>, into out: inout ByteBuffer) {
    for zone in zones {
      let parts = writableParts(zone.polygon)
      guard !parts.isEmpty else { continue }
      out.appendLiteral(",\n")
      out.appendLiteral("{\"type\":\"Feature\",\"properties\":{\"region\":")
      out.appendJSONString(zone.region)
      out.appendLiteral(",\"category\":")
      out.appendJSONString(zone.category)
      out.appendLiteral(",\"threshold\":")
      out.append(zone.threshold.value, decimals: 6, trimZeros: true)
      out.appendLiteral(",\"unit\":")
      out.appendJSONString(zone.threshold.unit.rawValue)
      out.appendLiteral(",\"population\":")
      out.append(zone.population, decimals: 6, trimZeros: true)
      out.appendLiteral(",\"area_km2\":")
      out.append(zone.areaKm2, decimals: 6, trimZeros: true)
      out.appendLiteral(",\"largest_place\":")
      if zone.largestPlace.isEmpty {
        out.appendLiteral("null")
      } else {
        out.appendJSONString(zone.largestPlace)
      }
      out.appendLiteral("},\"geometry\":")
      appendPolygonGeometry(parts, into: &out)
      out.appendLiteral("}")
    }
  }

  /// A position as integers of 1e-7 degrees.
  struct ScaledPoint: Equatable {
    var x: Int64
    var y: Int64
  }

  static func scaled(_ degrees: Double) -> Int64 {
    Int64((degrees * 1e7).rounded(.toNearestOrAwayFromZero))
  }

  /// Rounds, de-duplicates, closes and orients the rings; nil if the outer ring collapses.
  static func orientedRings(_ polygon: PolygonRings) -> [[ScaledPoint]]? {
    var result: [[ScaledPoint]] = []
    for (index, ring) in polygon.enumerated() {
      var points: [ScaledPoint] = []
      points.reserveCapacity(ring.count + 1)
      for point in ring {
        let scaledPoint = ScaledPoint(x: scaled(point.lon), y: scaled(point.lat))
        if points.last != scaledPoint { points.append(scaledPoint) }
      }
      if let first = points.first, points.count > 1, first != points.last { points.append(first) }
      guard points.count >= 4 else {
        if index == 0 { return nil }
        continue
      }
      let area = signedArea(points)
      if area == 0 {
        if index == 0 { return nil }
        continue
      }
      let wantCounterClockwise = index == 0
      if (area > 0) != wantCounterClockwise { points.reverse() }
      result.append(points)
    }
    return result.isEmpty ? nil : result
  }

  /// Twice the signed area (shoelace); positive for counter-clockwise rings.
  static func signedArea(_ ring: [ScaledPoint]) -> Double {
    guard let origin = ring.first else { return 0 }
    var sum = 0.0
    for index in 0..<(ring.count - 1) {
      // Relative to the first vertex, to keep the products small and exact enough.
      let ax = Double(ring[index].x - origin.x)
      let ay = Double(ring[index].y - origin.y)
      let bx = Double(ring[index + 1].x - origin.x)
      let by = Double(ring[index + 1].y - origin.y)
      sum += ax * by - bx * ay
    }
    return sum
  }
}
