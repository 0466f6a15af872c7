import Foundation
import ServiceGapTestSupport
import Testing

/// `servicegap analyze` on the demo area (five pilot municipalities, Arjeplog to
/// Skellefteå), pinned by golden files: the table, the four output files and the other
/// summary formats.
@Suite("analyze: demo area golden files", .timeLimit(.minutes(10)))
struct AnalyzeDemoTests {
  static let outputFiles = [
    "units.geojson", "zones.geojson", "summary.csv", "summary.json", "units.qml", "zones.qml",
    "services.geojson",
  ]
  /// Every file of the set: the golden ones and `run.json`, which changes every run.
  static let listing = outputFiles + ["run.json"]

  @Test("table and output files match the snapshots, identically with 1 and 2 threads")
  func goldenFilesAndDeterminism() async throws {
    let folder = try TemporaryFolder("demo")
    defer { folder.remove() }

    var runs: [(output: ProcessOutput, files: [String: Data])] = []
    for threads in [1, 2] {
      let out = folder.file("out-\(threads)")
      let result = try await runServiceGap(
        Demo.analyzeArguments() + ["--threads", "\(threads)", "--out", out.path], in: folder.url)
      #expect(result.status == 0, "stderr: \(result.stderr)")
      #expect(result.stderr == "")
      let files = try folderContents(out)
      #expect(files.keys.sorted() == Self.listing.sorted(), "no other (temporary) files")
      runs.append((result, files))
    }

    let (single, double) = (runs[0], runs[1])
    #expect(single.output.stdout == double.output.stdout, "table differs between 1 and 2 threads")
    for name in Self.outputFiles {
      #expect(single.files[name] == double.files[name], "\(name) differs between 1 and 2 threads")
    }

    assertSnapshot(single.output.stdout, named: "analyze-demo.table.txt")
    for name in Self.outputFiles {
      assertSnapshot(single.files[name] ?? Data(), named: "analyze-demo.\(name)")
    }
  }

  @Test(
    "--format prints the summary as csv, md or json, the same bytes as the files",
    arguments: ["csv", "md", "json"])
  func formats(_ format: String) async throws {
    let folder = try TemporaryFolder("format")
    defer { folder.remove() }
    let out = folder.file("out")
    let result = try await runServiceGap(
      Demo.analyzeArguments() + ["--format", format, "--threads", "1", "--out", out.path],
      in: folder.url)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stderr == "")
    assertSnapshot(result.stdout, named: "analyze-demo.format-\(format).txt")

    if format == "csv" || format == "json" {
      let file = try Data(contentsOf: out.appendingPathComponent("summary.\(format)"))
      #expect(Data(result.stdout.utf8) == file, "stdout differs from summary.\(format)")
    }
  }
}
