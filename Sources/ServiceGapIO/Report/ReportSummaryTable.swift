import ServiceGap

/// The summary as HTML tables, one per category, with exactly the cells of the text
/// table `analyze` prints.
///
/// Rather than format the numbers a second time, it renders ``SummaryWriter/table(rows:)``
/// and cuts each line at the columns its rule of dashes marks, so the report and the
/// terminal always agree (shares as percentages, `–` for missing values).
enum ReportSummaryTable {
  /// `<table>` elements, one per category, each with its caption.
  static func html(rows: [SummaryRow]) -> String {
    let text = SummaryWriter.table(rows: rows)
    var html = ""
    for block in text.components(separatedBy: "\n\n") {
      let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        .filter { !$0.isEmpty }
      guard lines.count >= 3 else { continue }
      let spans = columnSpans(rule: lines[2])
      func cells(_ line: String) -> [String] {
        let characters = Array(line)
        return spans.map { span in
          guard span.lowerBound < characters.count else { return "" }
          return String(characters[span.lowerBound..<min(span.upperBound, characters.count)])
            .trimmingCharacters(in: .whitespaces)
        }
      }
      html +=
        "<table class=\"summary\">\n<caption>\(HTMLText.escape(lines[0]))</caption>\n<thead><tr>"
      for (index, name) in cells(lines[1]).enumerated() {
        html += "<th\(index == 0 ? "" : " class=\"num\"")>\(HTMLText.escape(name))</th>"
      }
      html += "</tr></thead>\n<tbody>\n"
      for line in lines[3...] {
        let row = cells(line)
        let total = row.first == Analysis.allRegions
        html += total ? "<tr class=\"total\">" : "<tr>"
        for (index, cell) in row.enumerated() {
          html += "<td\(index == 0 ? "" : " class=\"num\"")>\(HTMLText.escape(cell))</td>"
        }
        html += "</tr>\n"
      }
      html += "</tbody>\n</table>\n"
    }
    return html
  }

  /// The character ranges of the columns under a rule such as `------  ----  --`.
  static func columnSpans(rule: String) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    var start: Int?
    for (index, character) in rule.enumerated() {
      if character == "-" {
        if start == nil { start = index }
      } else if let first = start {
        spans.append(first..<index)
        start = nil
      }
    }
    if let first = start { spans.append(first..<rule.count) }
    return spans
  }
}
