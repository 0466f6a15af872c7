import ServiceGap

/// Polygon rings as compact SVG path data, thinned to the map's resolution.
enum SVGPathData {
  /// Vertices closer than this to the last one kept are dropped, in pixels.
  static let tolerance = 0.5

  /// Appends the path data of `polygons` (each outer ring then holes) to `out`.
  ///
  /// Each ring is projected in one batch, turned into pixels and thinned: a vertex is
  /// kept only when it lies at least ``tolerance`` pixels from the last vertex kept, so
  /// the data stays proportional to the drawn outline, not to the input's vertex count
  /// (a municipality's border with 50,000 vertices on a 440-pixel map keeps a few
  /// hundred). Rings are closed with `Z`; draw with `fill-rule="evenodd"` so holes stay
  /// empty. Unprojectable vertices are skipped.
  ///
  /// - Complexity: O(*v*) in the vertices.
  static func append(_ polygons: [PolygonRings], frame: MapFrame, into out: inout ByteBuffer) {
    for polygon in polygons {
      for ring in polygon {
        var first = true
        var last = (x: 0.0, y: 0.0)
        for point in frame.project(ring) {
          guard let point else { continue }
          let pixel = frame.pixel(point)
          if !first, abs(pixel.x - last.x) < tolerance, abs(pixel.y - last.y) < tolerance {
            continue
          }
          out.append(first ? "M" : "L")
          out.append(pixel.x, decimals: 1, trimZeros: true)
          out.append(" ")
          out.append(pixel.y, decimals: 1, trimZeros: true)
          first = false
          last = pixel
        }
        if !first { out.append("Z") }
      }
    }
  }

  /// The path data of `polygons` as text.
  static func text(_ polygons: [PolygonRings], frame: MapFrame) -> String {
    var out = ByteBuffer()
    append(polygons, frame: frame, into: &out)
    return String(decoding: out.bytes, as: UTF8.self)
  }
}
