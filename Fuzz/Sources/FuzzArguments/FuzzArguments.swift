import FuzzSupport
import ServiceGap
import ServiceGapIO

/// Fuzzes the parsers of threshold and category arguments: `Threshold(parsing:)`,
/// `ThresholdSpecification.plans` (`--thresholds`), `ComplianceRule(parsing:)`
/// (`--check`), `OSMServiceTags.Rule(parsing:)` (`--osm-service`),
/// `PopulationGroupColumns.list(parsing:)` (`--groups`), and the value parsers of service
/// dates and grid ids.
///
/// The input is UTF-8 text; each line is one `--thresholds` value, and the whole text and
/// every line go through every parser. What a parser accepts must come back unchanged from
/// its printed form.
@main
enum FuzzArguments {
  static func main() { Fuzzer.run(testOneInput) }
}

private let categories = ["grocery", "atm", "fuel", "pharmacy", "x"]

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = String(decoding: Fuzzer.bytes(data, size), as: UTF8.self)
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  for value in [text] + (lines.count > 1 ? lines : []) {
    checkThreshold(value)
    checkComplianceRule(value)
    checkOSMRule(value)
    if let date = ServiceDate.normalise(value) {
      Fuzzer.check(ServiceDate.normalise(date) == date, "date '\(value)' → '\(date)'")
    }
    checkGridID(value)
    _ = GridCellID.cellSize(forColumn: value)
    checkGroups(value)
  }
  do {
    let plans = try ThresholdSpecification.plans(lines, categories: categories)
    Fuzzer.check(plans.map(\.name) == categories, "categories \(plans.map(\.name))")
    for plan in plans {
      let thresholds = plan.thresholds
      Fuzzer.check(!thresholds.isEmpty, "no thresholds for \(plan.name)")
      Fuzzer.check(thresholds == thresholds.sorted(), "unsorted \(thresholds)")
      Fuzzer.check(thresholds.allSatisfy { $0.unit == plan.unit }, "mixed units \(thresholds)")
    }
  } catch {
    Fuzzer.check(
      error is ThresholdSpecificationError || error is CategoryPlanError,
      "\(type(of: error)): \(error)")
  }
  return 0
}

private func checkThreshold(_ text: String) {
  guard let threshold = Threshold(parsing: text) else { return }
  Fuzzer.check(
    threshold.value.isFinite && threshold.value > 0, "'\(text)' → value \(threshold.value)")
  Fuzzer.check(Threshold(parsing: threshold.label) == threshold, "'\(text)' → \(threshold)")
  if let meters = threshold.meters {
    Fuzzer.check(meters.isFinite && meters > 0, "'\(text)' → \(meters) m")
  }
}

private func checkComplianceRule(_ text: String) {
  guard let rule = ComplianceRule(parsing: text) else { return }
  Fuzzer.check((0...1).contains(rule.maximumShare), "'\(text)' → share \(rule.maximumShare)")
  guard !fusesDelimiter(rule.description, ":<=%") else { return }
  let again = ComplianceRule(parsing: rule.description)
  Fuzzer.check(
    again?.category == rule.category && again?.threshold == rule.threshold,
    "'\(text)' → '\(rule.description)' → \(String(describing: again))")
}

private func checkOSMRule(_ text: String) {
  guard let rule = OSMServiceTags.Rule(parsing: text) else { return }
  _ = OSMServiceTags.defaults.replacing(with: [rule])
  guard !fusesDelimiter(rule.description, ":=|") else { return }
  Fuzzer.check(
    OSMServiceTags.Rule(parsing: rule.description) == rule, "'\(text)' → '\(rule.description)'")
}

/// Whether a delimiter scalar shares a Character with a combining mark or the like (`=`
/// then U+035B is one Character): the parsers find delimiters by Character, as Swift
/// compares text, so such a printed rule cannot read back the same and is not checked.
private func fusesDelimiter(_ text: String, _ delimiters: String) -> Bool {
  text.contains { character in
    character.unicodeScalars.count > 1
      && character.unicodeScalars.contains { delimiters.unicodeScalars.contains($0) }
  }
}

/// A grid id parses in at most one system, to a finite corner and a positive size.
private func checkGridID(_ text: String) {
  let systems = GridCellID.System.allCases.filter { GridCellID.cell(of: text, in: $0) != nil }
  Fuzzer.check(systems.count <= 1, "'\(text)' is an id of \(systems)")
  guard let system = systems.first, let cell = GridCellID.cell(of: text, in: system) else {
    return
  }
  Fuzzer.check(cell.x.isFinite && cell.y.isFinite, "'\(text)' → \(cell)")
  Fuzzer.check(cell.size.map { $0 > 0 && $0.isFinite } ?? true, "'\(text)' → \(cell)")
}

/// Accepted groups have plain names, unique, and columns that are not empty.
private func checkGroups(_ text: String) {
  guard let groups = PopulationGroupColumns.list(parsing: text) else { return }
  Fuzzer.check(Set(groups.map(\.name)).count == groups.count, "'\(text)' → \(groups)")
  for group in groups {
    Fuzzer.check(!group.name.isEmpty && !group.columns.isEmpty, "'\(text)' → \(group)")
    Fuzzer.check(!group.columns.contains(where: \.isEmpty), "'\(text)' → \(group)")
  }
}
