import Foundation
import ServiceGapTestSupport
import Testing

/// The full help texts, pinned (at 80 columns): they are the command's documentation.
@Suite("help text")
struct HelpTextTests {
  @Test(
    "--help prints the whole text on stdout and exits 0",
    arguments: [
      (["--help"], "help.servicegap.txt"),
      (["analyze", "--help"], "help.analyze.txt"),
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
    #expect(viaHelp.stdout == viaFlag.stdout)
  }

  /// The example in `analyze --help` is copied by people: run it exactly as printed
  /// (from the folder it names), only with `--out` sent to a temporary folder.
  @Test("the example in `analyze --help` runs as printed")
  func exampleRuns() async throws {
    let help = try await runServiceGap(["analyze", "--help"], in: Fixtures.root).stdout
    let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let start = try #require(lines.firstIndex { $0.hasPrefix("  servicegap analyze") })
    var command = ""
    for line in lines[start...] {
      command += line.trimmingCharacters(in: .whitespaces)
      guard command.hasSuffix("\\") else { break }
      command = String(command.dropLast()) + " "
    }
    var arguments = command.split(separator: " ").map(String.init)
    #expect(arguments.first == "servicegap")
    arguments.removeFirst()
    let folder = try TemporaryFolder("help-example")
    defer { folder.remove() }
    let out = try #require(arguments.firstIndex(of: "--out"))
    arguments[out + 1] = folder.url.path
    let result = try await runServiceGap(
      arguments, in: Fixtures.url(Fixtures.demoDirectory))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      try folderContents(folder.url).keys.sorted() == [
        "summary.csv", "summary.json", "units.geojson", "zones.geojson",
      ])
  }
}
