import Foundation
import Testing

@testable import ServiceGapIO

/// What killed runs leave behind is recognised by name and removed only when its process
/// is gone (issue 6: nothing lost).
@Suite("TemporaryOutputs: leftovers of killed runs")
struct TemporaryOutputsTests {
  /// Above Linux's largest `pid_max` (2^22), so no process can have it.
  static let deadPID: Int32 = 4_194_999

  @Test(
    "our temporary names give their process id; other names give nil",
    arguments: [
      (".servicegap-staging-123", Int32(123)), (".units.geojson.tmp-45-678", 45),
      (".results.gpkg.partial-9", 9), (".results.gpkg.partial-9-journal", 9),
      (".results.gpkg.partial-9-wal", 9), ("units.geojson", nil), (".hidden", nil),
      (".units.geojson.tmp-45", nil), ("results.gpkg.partial-9", nil),
      (".notes.tmp-x-1", nil),
    ] as [(String, Int32?)])
  func ownerProcess(_ name: String, _ pid: Int32?) {
    #expect(TemporaryOutputs.ownerProcess(ofTemporaryName: name) == pid)
  }

  @Test("removes the leftovers of dead processes, keeps those of live ones and other files")
  func removeStale() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("servicegap-stale-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let dead = Self.deadPID
    let live = getpid()
    let stagingDead = ".servicegap-staging-\(dead)"
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent(stagingDead).appendingPathComponent("inner"),
      withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent(".servicegap-staging-\(live)"),
      withIntermediateDirectories: true)
    let files = [
      ".units.geojson.tmp-\(dead)-12", ".r.gpkg.partial-\(dead)", ".r.gpkg.partial-\(dead)-journal",
      ".units.geojson.tmp-1-12", "units.geojson", ".hidden",
    ]
    for name in files {
      try Data("x".utf8).write(to: folder.appendingPathComponent(name))
    }
    let removed = TemporaryOutputs.removeStale(in: folder)
    #expect(
      removed
        == [
          ".r.gpkg.partial-\(dead)", ".r.gpkg.partial-\(dead)-journal", stagingDead,
          ".units.geojson.tmp-\(dead)-12",
        ].sorted())
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(
      left
        == [
          ".hidden", ".servicegap-staging-\(live)", ".units.geojson.tmp-1-12", "units.geojson",
        ].sorted())
  }
}
