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

  @Test("the example in `analyze --help` names fixture files that exist")
  func exampleFilesExist() async throws {
    let result = try await runServiceGap(["analyze", "--help"], in: Fixtures.root)
    let paths = result.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" })
      .filter { $0.hasPrefix("fixtures/") }
    #expect(!paths.isEmpty)
    for path in paths {
      #expect(
        FileManager.default.fileExists(
          atPath: Fixtures.root.appendingPathComponent(String(path)).path),
        "\(path) in the help example does not exist")
    }
  }
}
