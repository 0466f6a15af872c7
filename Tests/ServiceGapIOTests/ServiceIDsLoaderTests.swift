import Foundation
import Testing

@testable import ServiceGapIO

@Suite("ServiceIDsLoader")
struct ServiceIDsLoaderTests {
  @Test(
    "an id column, else one id per line",
    arguments: [
      ("svc1\n", ["svc1"]),
      ("svc1\nsvc2\r\n\nsvc3", ["svc1", "svc2", "svc3"]),
      ("id,name\nsvc1,Kåge\n\"svc2\",\"B, C\"\n", ["svc1", "svc2"]),
      ("name;ID\nKåge;svc1\nBoliden; svc2 \n", ["svc1", "svc2"]),
      ("id\n\nsvc9\n", ["svc9"]),
    ])
  func ids(content: String, expected: [String]) throws {
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("close.csv")
    try Data(content.utf8).write(to: file)
    #expect(try ServiceIDsLoader.load(file: file.path) == expected)
  }

  @Test func anEmptyFileIsAnError() throws {
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("close.txt")
    try Data().write(to: file)
    #expect(throws: InputError.emptyFile(file: file.path, format: .csv)) {
      try ServiceIDsLoader.load(file: file.path)
    }
  }
}
