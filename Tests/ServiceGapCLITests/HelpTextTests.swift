import Foundation
import ServiceGapTestSupport
import Testing

/// The full help texts, pinned (at 80 columns): they are the command's documentation.
@Suite("help text", .timeLimit(.minutes(10)))
struct HelpTextTests {
  @Test(
    "--help prints the whole text on stdout and exits 0",
    arguments: [
      (["--help"], "help.servicegap.txt"),
      (["analyze", "--help"], "help.analyze.txt"),
      (["whatif", "--help"], "help.whatif.txt"),
      (["compare", "--help"], "help.compare.txt"),
      (["access", "--help"], "help.access.txt"),
      (["site", "--help"], "help.site.txt"),
    ])
  func help(_ arguments: [String], snapshot: String) async throws {
    let result = try await runServiceGap(arguments, in: Fixtures.root)
    #expect(result.status == 0)
    #expect(result.stderr == "")
    assertSnapshot(result.stdout, named: snapshot)
  }

  @Test("`help analyze` is the same text as `analyze --help`")
  func helpSubcommand() async throws {
    let viaHelp = try await runServiceGap(["help", "analyze"], in: Fixtures.root)
    let viaFlag = try await runServiceGap(["analyze", "--help"], in: Fixtures.root)
    #expect(viaHelp.status == 0)
    #expect(viaFlag.status == 0)
    #expect(viaHelp.stdout.contains("USAGE: servicegap analyze"), "\(viaHelp.stdout)")
    #expect(viaHelp.stdout == viaFlag.stdout)
  }

  /// The examples in `--help` are copied by people: run each exactly as printed (from
  /// the folder its text names), only with `--out` sent to a temporary folder.
  @Test(
    "the examples in --help run as printed",
    arguments: [
      (
        "analyze",
        [
          [
            "services.geojson", "summary.csv", "summary.json", "units.geojson", "units.qml",
            "zones.geojson", "zones.qml",
          ],
          [
            "services.geojson", "summary.csv", "summary.json", "units.geojson", "units.qml",
            "zones.geojson", "zones.qml",
          ],
          [
            "services.geojson", "summary.csv", "summary.json", "units.geojson", "units.qml",
            "zones.geojson", "zones.qml",
          ],
          [
            "services.geojson", "summary.csv", "summary.json", "units.geojson", "units.qml",
            "zones.geojson", "zones.qml",
          ],
        ]
      ),
      ("whatif", [["changed_units.geojson", "delta.csv", "delta.json"]]),
      ("compare", [["compare.csv"], ["changed_units.geojson", "delta.csv", "delta.json"]]),
      (
        "access",
        [
          [
            "services.geojson", "summary.csv", "summary.json", "units.geojson", "units.qml",
            "zones.geojson", "zones.qml",
          ]
        ]
      ),
      ("site", [["sites.geojson"], ["sites.geojson"], ["sites.geojson"]]),
    ])
  func examplesRun(_ command: String, outputs: [[String]]) async throws {
    let help = try await runServiceGap([command, "--help"], in: Fixtures.root).stdout
    let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let starts = lines.indices.filter { lines[$0].hasPrefix("  servicegap \(command)") }
    #expect(starts.count == outputs.count)
    for (start, files) in zip(starts, outputs) {
      // "…from the repository's fixtures/roads folder:" names where to run it.
      let intro = try #require(lines[..<start].last { $0.contains("fixtures/") })
      let folderName = try #require(
        intro.split(separator: " ").first { $0.hasPrefix("fixtures/") }.map {
          String($0.dropFirst("fixtures/".count))
        })
      var printed = ""
      for line in lines[start...] {
        printed += line.trimmingCharacters(in: .whitespaces)
        guard printed.hasSuffix("\\") else { break }
        printed = String(printed.dropLast()) + " "
      }
      var arguments = printed.split(separator: " ").map(String.init)
      #expect(arguments.first == "servicegap")
      arguments.removeFirst()
      let folder = try TemporaryFolder("help-example")
      defer { folder.remove() }
      let out = try #require(arguments.firstIndex(of: "--out"))
      try #require(out + 1 < arguments.count, "\(printed): --out without a folder")
      arguments[out + 1] = folder.url.path
      let result = try await runServiceGap(arguments, in: Fixtures.url(folderName))
      #expect(result.status == 0, "\(printed): \(result.stderr)")
      // Every set also gets run.json, which names the subcommand and the set, itself last.
      let listing = (files + ["run.json"]).sorted()
      #expect(try folderContents(folder.url).keys.sorted() == listing, "\(printed)")
      let manifest = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("run.json")))
          as? [String: Any])
      #expect((manifest["servicegap"] as? [String: Any])?["command"] as? String == command)
      let listed = try #require(manifest["outputs"] as? [String])
      #expect(listed.last == "run.json" && listed.sorted() == listing, "\(printed): \(listed)")
    }
  }
}
