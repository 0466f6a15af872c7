import Foundation
import Testing

@testable import ServiceGapIO

@Suite("AtomicFileWriter")
struct AtomicFileWriterTests {
  @Test func writesAndReplaces() throws {
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("summary.csv")
    try AtomicFileWriter.write(Data("first\n".utf8), to: url)
    try AtomicFileWriter.write(Data("second\n".utf8), to: url)
    #expect(try String(contentsOf: url, encoding: .utf8) == "second\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["summary.csv"])
  }

  @Test func failureBeforeRenameLeavesTheOldFileAndNoTemporary() throws {
    struct Crash: Error {}
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("units.geojson")
    try AtomicFileWriter.write(Data("good".utf8), to: url)
    #expect(throws: OutputError.cannotWrite(path: url.path, reason: "Crash()")) {
      try AtomicFileWriter.write(
        Data("half-written".utf8), to: url, beforeRename: { throw Crash() })
    }
    #expect(try String(contentsOf: url, encoding: .utf8) == "good")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["units.geojson"])
  }

  @Test func missingFolderIsAnError() throws {
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("nope/summary.json")
    do {
      try AtomicFileWriter.write(Data("x".utf8), to: url)
      Issue.record("expected an error")
    } catch let error as OutputError {
      #expect(
        error.description
          == "cannot write \(url.path): cannot create a temporary file (No such file or directory). "
          + "Check that the folder exists and is writable and that the disk is not full; any "
          + "earlier file there was left unchanged.")
    }
  }

  @Test func targetThatIsAFolderIsLeftAlone() throws {
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("zones.geojson")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    #expect(throws: OutputError.self) { try AtomicFileWriter.write(Data("x".utf8), to: url) }
    var isDirectory: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory))
    #expect(isDirectory.boolValue)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["zones.geojson"])
  }
}
