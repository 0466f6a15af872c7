/// A GeoJSON `coordinates` value read straight into positions by ``JSONParser``.
///
/// National road files hold millions of positions; as generic nodes each would be an
/// array of two numbers, several allocations and about a hundred bytes. Packed, a
/// position is its two numbers. Only regular values are packed: nested arrays of one
/// depth whose innermost arrays hold exactly two numbers and none of which is empty.
/// Anything else (a height, an empty ring, mixed depths) stays a generic node, so
/// ``node`` gives back exactly what the file says and messages are unchanged.
enum PackedCoordinates: Equatable, Sendable {
  /// `[x, y]`
  case position(GeoJSONPosition)
  /// `[[x, y], …]`
  case positions([GeoJSONPosition])
  /// `[[[x, y], …], …]`
  case lines([[GeoJSONPosition]])
  /// `[[[[x, y], …], …], …]`
  case polygons([[[GeoJSONPosition]]])

  /// The same value as generic nodes.
  var node: JSONNode {
    func position(_ position: GeoJSONPosition) -> JSONNode {
      .array([.number(position.x), .number(position.y)])
    }
    func positions(_ positions: [GeoJSONPosition]) -> JSONNode { .array(positions.map(position)) }
    func lines(_ lines: [[GeoJSONPosition]]) -> JSONNode { .array(lines.map(positions)) }
    switch self {
    case .position(let value): return position(value)
    case .positions(let value): return positions(value)
    case .lines(let value): return lines(value)
    case .polygons(let value): return .array(value.map(lines))
    }
  }
}
