import Foundation
import ServiceGapTestSupport
import Testing

@testable import ServiceGapIO

/// SHA-256 against the FIPS 180-4 examples (NIST's "SHA256.pdf", "SHA256_2.pdf" and the
/// long-message test of FIPS 180-2 appendix B.3) and against `sha256sum` on files.
@Suite("SHA256")
struct SHA256Tests {
  static let vectors: [(label: String, message: [UInt8], hex: String)] = [
    ("empty", [], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "448 bits", Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "896 bits",
      Array(
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
          + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
    (
      "one million a", [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    ),
  ]

  @Test("FIPS 180-4 examples, in one piece", arguments: vectors.indices)
  func fipsVectors(_ index: Int) {
    let vector = Self.vectors[index]
    #expect(SHA256.hex(SHA256.hash(vector.message)) == vector.hex, "\(vector.label)")
  }

  @Test("one million a, in pieces of 1 to 1000 bytes that straddle the blocks")
  func millionInPieces() {
    let vector = Self.vectors[4]
    var hasher = SHA256()
    var offset = 0
    var size = 1
    while offset < vector.message.count {
      let end = min(offset + size, vector.message.count)
      hasher.update(vector.message[offset..<end].withUnsafeBytes { Data($0) })
      offset = end
      size = size % 1000 + 7
    }
    #expect(SHA256.hex(hasher.finalize()) == vector.hex)
  }

  /// Every split of messages around the padding boundaries (55, 56, 63, 64 bytes …) gives
  /// the one-piece digest: the buffering of partial blocks loses and repeats nothing.
  @Test("every split point of messages of 0 to 130 bytes gives the same digest")
  func splits() {
    for length in 0...130 {
      let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
      let whole = SHA256.hash(message)
      for split in 0...length {
        var hasher = SHA256()
        hasher.update(Array(message[..<split]))
        hasher.update(Array(message[split...]))
        #expect(hasher.finalize() == whole, "length \(length), split at \(split)")
      }
    }
  }

  @Test("finalize leaves the hasher as it was, so it can go on")
  func finalizeDoesNotConsume() {
    var hasher = SHA256()
    hasher.update(Array("ab".utf8))
    _ = hasher.finalize()
    hasher.update(Array("c".utf8))
    #expect(
      SHA256.hex(hasher.finalize())
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  /// `sha256sum` (GNU coreutils) prints `<hex>  <path>`.
  static func sha256sum(_ path: String) throws -> String? {
    let tool = "/usr/bin/sha256sum"
    guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
    return try ChildProcess.runBlocking([tool, path]).stdout.split(separator: " ").first
      .map(String.init)
  }

  @Test(
    "hashFile equals sha256sum on fixture files",
    arguments: ["demo_arjeplog_skelleftea/services.geojson", "roads/umea_region_roads.geojson"])
  func fixtureFiles(_ relative: String) throws {
    let path = IOTestPaths.fixture(relative)
    let digest = try SHA256.hashFile(atPath: path)
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber
    #expect(digest.byteCount == size?.uint64Value)
    let expected = try #require(try Self.sha256sum(path), "sha256sum is not installed")
    #expect(digest.hex == expected)
  }

  @Test("a file of several 1 MiB chunks and an odd tail: sha256sum's and the in-memory digest")
  func multiChunkFile() throws {
    let folder = try IOTestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("big.bin")
    let bytes = (0..<(2 * 1_048_576 + 12_345)).map {
      UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13)
    }
    try Data(bytes).write(to: url)
    let digest = try SHA256.hashFile(atPath: url.path)
    #expect(digest.byteCount == UInt64(bytes.count))
    #expect(digest.hex == SHA256.hex(SHA256.hash(bytes)))
    let expected = try #require(try Self.sha256sum(url.path), "sha256sum is not installed")
    #expect(digest.hex == expected)
  }

  @Test("a missing file is InputError.fileNotFound")
  func missingFile() {
    #expect(throws: InputError.fileNotFound(file: "/nonexistent/population.csv")) {
      try SHA256.hashFile(atPath: "/nonexistent/population.csv")
    }
  }
}
