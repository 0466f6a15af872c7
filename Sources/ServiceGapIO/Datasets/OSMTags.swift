/// Reads the `other_tags` field of GDAL's OpenStreetMap layers: PostgreSQL hstore text,
/// `"key"=>"value","key2"=>"value2"`, with `\"` and `\\` escapes inside the quotes.
enum OSMTags {
  /// The tags; a malformed tail is ignored (GDAL writes well-formed text).
  static func parse(hstore text: String) -> [String: String] {
    var tags: [String: String] = [:]
    var iterator = text.makeIterator()
    func quoted() -> String? {
      while let character = iterator.next() {
        if character == "\"" { break }
        if character != "," && character != " " { return nil }
      }
      var value = ""
      while let character = iterator.next() {
        switch character {
        case "\\": if let escaped = iterator.next() { value.append(escaped) }
        case "\"": return value
        default: value.append(character)
        }
      }
      return nil
    }
    while let key = quoted() {
      // The `=>` between key and value.
      guard iterator.next() == "=", iterator.next() == ">", let value = quoted() else { break }
      tags[key] = value
    }
    return tags
  }
}
