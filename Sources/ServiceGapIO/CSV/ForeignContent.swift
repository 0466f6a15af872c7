/// Recognises files that were given as CSV but hold something else.
///
/// A web page saved instead of the data it links to, an Excel workbook renamed to `.csv`,
/// GeoJSON with a `.csv` name: read as CSV they would give a header of garbage and a message about a
/// missing column; this names what the file is and how to get the CSV.
enum ForeignContent {
  /// What the opening bytes show, and the fix; nil when they may well be CSV.
  static func recognise(_ opening: [UInt8]) -> (what: String, fix: String)? {
    let excelFix = "In Excel: File > Save As > CSV UTF-8 (comma delimited), and give that file."
    if opening.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      return ("an Excel workbook (.xlsx) or another ZIP archive", excelFix)
    }
    if opening.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
      return ("an Excel 97-2003 workbook (.xls)", excelFix)
    }
    if opening.starts(with: Array("SQLite format 3\0".utf8)) {
      return (
        "an SQLite database or GeoPackage",
        "Give it with a .gpkg or .sqlite name (add :layer when it has several layers)."
      )
    }
    if opening.starts(with: Array("%PDF".utf8)) {
      return ("a PDF document", "Export the table as CSV from the program that made it.")
    }
    var text = opening[...]
    if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
    text = text.drop { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
    let lowered = String(decoding: text.prefix(512), as: UTF8.self).lowercased()
    if lowered.hasPrefix("<!doctype html") || lowered.hasPrefix("<html")
      || (lowered.hasPrefix("<") && lowered.contains("<html"))
    {
      return (
        "a web page (HTML)",
        "Download the data file itself rather than the page that links to it, or save the "
          + "table as CSV."
      )
    }
    if lowered.hasPrefix("<?xml") {
      return ("XML", "Give a GML or KML file with its .gml or .kml name, or export it as CSV.")
    }
    if lowered.hasPrefix("{") {
      return ("JSON", "Give GeoJSON with a .geojson name.")
    }
    return nil
  }
}
