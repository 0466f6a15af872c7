import Foundation
import ServiceGapTestSupport
import Testing

/// The golden-file helper itself: it must fail on every difference and name where.
@Suite("snapshot helper", .timeLimit(.minutes(10)))
struct SnapshotHelperTests {
  @Test("equal bytes: no difference")
  func equal() {
    #expect(Snapshot.firstDifference(expected: "a\nb\n", actual: "a\nb\n") == nil)
  }

  @Test(
    "names the first differing line and column",
    arguments: [
      ("a\nb\nc\n", "a\nB\nc\n", "first difference at line 2, column 1"),
      ("a\nbcd\n", "a\nbcx\n", "first difference at line 2, column 3"),
      ("a\nb\n", "a\nb\nc\n", "actual has extra lines from line 3"),
      ("a\nb\nc\n", "a\nb\n", "actual ends before line 3"),
      ("a\nb\n", "a\nb", "first difference at line 2, column 2"),
      ("a\r\nb\n", "a\nb\n", "first difference at line 1, column 2"),
    ])
  func difference(expected: String, actual: String, message: String) throws {
    let difference = try #require(Snapshot.firstDifference(expected: expected, actual: actual))
    #expect(difference.hasPrefix(message), "\(difference)")
  }

  @Test("canonically equivalent but different bytes (å composed vs a + ring) differ")
  func unicodeNormalisation() {
    let composed = "Malå\n"
    let decomposed = "Mala\u{030A}\n"
    #expect(composed == decomposed, "Swift's String equality ignores normalisation")
    #expect(Snapshot.firstDifference(expected: composed, actual: decomposed) != nil)
  }

  @Test("a long line is shown as a window around the difference")
  func longLine() throws {
    let expected = String(repeating: "x", count: 500) + "A" + String(repeating: "y", count: 500)
    let actual = String(repeating: "x", count: 500) + "B" + String(repeating: "y", count: 500)
    let difference = try #require(Snapshot.firstDifference(expected: expected, actual: actual))
    #expect(difference.contains("column 501"))
    #expect(difference.count < 400)
  }

  @Test("a mismatch and a missing snapshot each record an issue")
  func recordsIssues() throws {
    let folder = try TemporaryFolder("snapshot")
    defer { folder.remove() }
    try folder.write("kept.txt", "Arjeplog\n")
    withKnownIssue("a different text must fail") {
      assertSnapshot("Sorsele\n", named: "kept.txt", in: folder.url)
    }
    withKnownIssue("a missing snapshot must fail (or be recorded, which fails too)") {
      assertSnapshot("Malå\n", named: "missing.txt", in: folder.url)
    }
    if !Snapshot.isRecording {
      assertSnapshot("Arjeplog\n", named: "kept.txt", in: folder.url)
      #expect(!FileManager.default.fileExists(atPath: folder.file("missing.txt").path))
    }
  }
}
