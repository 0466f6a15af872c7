import Foundation
import ServiceGapTestSupport
import Testing

/// Small population files in the demo's column layout (Statistics Sweden's localities).
enum SmallInputs {
  static let header =
    "tatortskod,namn,kommun_kod,kommun,lan_kod,befolkning,area_ha,ar,x_sweref99tm,y_sweref99tm,lon,lat"
  static let bastutrask =
    "2417TB101,Bastuträsk,2417,Norsjö,24,322,90,2020,739368.1,7194608.2,20.040698,64.790201"
  static let norsjo =
    "2417TC102,Norsjö,2417,Norsjö,24,2036,276,2020,711839.4,7206518.9,19.480996,64.915266"
  static let mala =
    "2418TC102,Malå,2418,Malå,24,1995,265,2020,674915.4,7234308.3,18.736879,65.1855"

  static func csv(_ lines: String...) -> String { lines.joined(separator: "\n") + "\n" }

  /// Three good rows: 322 + 2,036 + 1,995 = 4,353 people.
  static let good = csv(header, bastutrask, norsjo, mala)
  /// Norsjö's longitude with a letter O for a zero.
  static let nonNumeric = csv(
    header, bastutrask, norsjo.replacingOccurrences(of: "19.480996", with: "19.48O996"), mala)
  /// Norsjö with a minus sign on its population.
  static let negative = csv(
    header, bastutrask, norsjo.replacingOccurrences(of: ",2036,", with: ",-2036,"), mala)
  /// No coordinate columns at all.
  static let noCoordinates = csv(
    "tatortskod,namn,kommun_kod,befolkning", "2417TB101,Bastuträsk,2417,322",
    "2417TC102,Norsjö,2417,2036")
  /// SWEREF99 TM metres in columns x/y, read as degrees when no --crs is given.
  static let sweref = csv(
    "tatortskod,namn,befolkning,x,y", "2417TB101,Bastuträsk,322,739368.1,7194608.2",
    "2417TC102,Norsjö,2036,711839.4,7206518.9")
}

/// One way of calling `analyze` wrongly, and the sentence the user must see.
struct BadInputCase: Sendable, CustomTestStringConvertible {
  var label: String
  /// Files written into the working folder (name → text).
  var files: [String: String]
  var population: String
  var extraArguments: [String] = []
  /// Sentences that must all appear on standard error.
  var sentences: [String]
  /// The exit status: 1 for errors found while running (these are all found reading the
  /// inputs), 64 for argument errors (sysexits' EX_USAGE).
  var status: Int32 = 1

  var testDescription: String { label }

  static let all: [BadInputCase] = [
    BadInputCase(
      label: "missing population file", files: [:], population: "saknas.csv",
      sentences: [
        "saknas.csv: file not found. Check the path (relative paths start from the current "
          + "directory)."
      ]),
    BadInputCase(
      label: "CSV without coordinate columns", files: ["nocoords.csv": SmallInputs.noCoordinates],
      population: "nocoords.csv",
      sentences: [
        "nocoords.csv: no x (longitude/easting) column found (looked for lon, lng, long, "
          + "longitude, x, easting, e); the columns are: tatortskod, namn, kommun_kod, "
          + "befolkning. Name it with --x-field."
      ]),
    BadInputCase(
      label: "non-numeric coordinate", files: ["nonnum.csv": SmallInputs.nonNumeric],
      population: "nonnum.csv",
      sentences: [
        "nonnum.csv line 3: column 'lon' has '19.48O996', not a number. Fix the value or pass "
          + "--skip-invalid to skip such rows."
      ]),
    BadInputCase(
      label: "negative population", files: ["neg.csv": SmallInputs.negative],
      population: "neg.csv",
      sentences: [
        "neg.csv line 3: column 'befolkning' has '-2036', a negative population. Fix the value "
          + "or pass --skip-invalid to skip such rows."
      ]),
    BadInputCase(
      label: "unknown CRS", files: ["good.csv": SmallInputs.good], population: "good.csv",
      extraArguments: ["--crs", "EPSG:999999"],
      sentences: [
        "good.csv: unknown CRS 'EPSG:999999' given with --crs",
        "Give it as EPSG:<code>, e.g. --crs EPSG:3006 for SWEREF99 TM or --crs EPSG:4326 for "
          + "longitude/latitude degrees.",
      ]),
    BadInputCase(
      label: "category with no services", files: ["good.csv": SmallInputs.good],
      population: "good.csv", extraArguments: ["--categories", "grocery,bakery"],
      sentences: [
        "services.geojson has no services of category 'bakery'; categories present: atm (62), "
          + "fuel (75), grocery (65), health (10), pharmacy (32), school (28). Check the "
          + "spelling, or name the category column with --category-field."
      ]),
    BadInputCase(
      label: "misspelt threshold unit", files: ["good.csv": SmallInputs.good],
      population: "good.csv", extraArguments: ["--thresholds", "10kmm"],
      sentences: [
        "'--thresholds 10kmm': '10kmm' is not a threshold; write a positive number with km, m "
          + "or min, e.g. 5km,10km or grocery=5km,10km"
      ]),
    BadInputCase(
      label: "thresholds mixing km and minutes", files: ["good.csv": SmallInputs.good],
      population: "good.csv",
      extraArguments: ["--categories", "grocery", "--thresholds", "5km,10min"],
      sentences: [
        "the thresholds given for every category mix km and min; a category's thresholds must "
          + "share one unit, e.g. 5km,10km (minutes need road-network mode)."
      ]),
    BadInputCase(
      label: "minutes in straight-line mode", files: ["good.csv": SmallInputs.good],
      population: "good.csv",
      extraArguments: ["--categories", "grocery", "--thresholds", "10min"],
      sentences: [
        "threshold '10min' for 'grocery' is a travel time, which needs road-network mode; use "
          + "distances such as 5km,10km in straight-line mode"
      ]),
    BadInputCase(
      label: "CSV with a header only", files: ["empty.csv": SmallInputs.csv(SmallInputs.header)],
      population: "empty.csv",
      sentences: ["empty.csv: no data rows. The file needs a header line and at least one row."]
    ),
    BadInputCase(
      label: "SWEREF99 TM metres read as degrees (default CRS)",
      files: ["sweref.csv": SmallInputs.sweref], population: "sweref.csv",
      sentences: [
        "sweref.csv line 2: coordinates (739368.1, 7194608.2) are not degrees in EPSG:4326 "
          + "(longitude must be within ±180, latitude within ±90); they look like SWEREF99 TM "
          + "metres; pass --crs EPSG:3006."
      ]),
    BadInputCase(
      label: "SWEREF99 TM metres declared as EPSG:4326",
      files: ["sweref.csv": SmallInputs.sweref], population: "sweref.csv",
      extraArguments: ["--crs", "EPSG:4326"],
      sentences: [
        "sweref.csv line 2: coordinates (739368.1, 7194608.2) are not degrees in EPSG:4326",
        "they look like SWEREF99 TM metres; pass --crs EPSG:3006.",
      ]),
  ]
}

@Suite("analyze: bad input stops with a clear message", .timeLimit(.minutes(10)))
struct AnalyzeBadInputTests {
  @Test("exits non-zero, says what is wrong and writes no output", arguments: BadInputCase.all)
  func badInput(_ testCase: BadInputCase) async throws {
    let folder = try TemporaryFolder("bad")
    defer { folder.remove() }
    try folder.copyFixture(Demo.services, as: "services.geojson")
    for (name, text) in testCase.files { try folder.write(name, text) }
    let result = try await runServiceGap(
      [
        "analyze", "--population", testCase.population, "--services", "services.geojson",
        "--out", "out",
      ] + testCase.extraArguments,
      in: folder.url)

    #expect(result.status == testCase.status, "stderr was: \(result.stderr)")
    for sentence in testCase.sentences {
      #expect(result.stderr.contains(sentence), "stderr was: \(result.stderr)")
    }
    #expect(result.stdout == "", "a failed run prints no summary")
    let written = try folderContents(folder.file("out"))
    #expect(written.isEmpty, "files written by a failed run: \(written.keys.sorted())")
  }

  @Test(
    "--skip-invalid skips the bad row, counts it in a warning and exits 0",
    arguments: [
      ("nonnum.csv", SmallInputs.nonNumeric, "warning: nonnum.csv: skipped 1 row (1 not a number)"),
      ("neg.csv", SmallInputs.negative, "warning: neg.csv: skipped 1 row (1 negative population)"),
    ])
  func skipInvalid(file: String, text: String, warning: String) async throws {
    let folder = try TemporaryFolder("skip")
    defer { folder.remove() }
    try folder.copyFixture(Demo.services, as: "services.geojson")
    try folder.write(file, text)
    let result = try await runServiceGap(
      [
        "analyze", "--population", file, "--services", "services.geojson", "--skip-invalid",
        "--categories", "grocery", "--format", "csv", "--out", "out",
      ],
      in: folder.url)

    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(
      result.stderr.split(separator: "\n").contains { $0 == warning }, "stderr: \(result.stderr)")
    // Norsjö (2,036) is the bad row: Bastuträsk 322 + Malå 1,995 remain.
    let all = result.stdout.split(separator: "\n").first { $0.hasPrefix("ALL,grocery,") }
    #expect(all?.split(separator: ",", omittingEmptySubsequences: false)[2] == "2317")
    let units = try String(
      contentsOf: folder.file("out").appendingPathComponent("units.geojson"), encoding: .utf8)
    #expect(units.contains("\"Bastuträsk\"") && units.contains("\"Malå\""))
    #expect(!units.contains("2417TC102"), "the skipped row is not a unit")
  }
}
