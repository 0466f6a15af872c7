import Foundation

/// Reads a file, or bytes already in memory, a chunk at a time from a given offset.
///
/// The CSV stream (``CSVRows``) and its UTF-8 check use it so that memory holds a chunk,
/// not the file. Bytes in memory are handed out in chunks too, so tests can cut any
/// content at every byte and check the stream reads the same rows.
final class ChunkReader {
  /// Where the bytes come from.
  enum Origin: Sendable {
    /// A file on disk (path).
    case file(String)
    /// Content already in memory (tests, UTF-16 files converted to UTF-8).
    case memory([UInt8])
  }

  private let origin: Origin
  private let path: String
  /// The open file descriptor; -1 for memory.
  private let descriptor: Int32
  /// The next offset to read.
  private var offset: Int
  /// The content's size when opened: reads ask for no more than is left (plus one byte,
  /// to see the end, or a file that grew), so a small file does not get a 4 MiB buffer.
  let size: Int

  /// Opens the origin and positions it at `offset`.
  ///
  /// - Parameters:
  ///   - origin: The file or bytes.
  ///   - offset: Byte offset of the first byte to read.
  ///   - file: The file name used in messages.
  /// - Throws: ``InputError/fileNotFound(file:)`` or ``InputError/unreadable(file:reason:)``.
  init(_ origin: Origin, offset: Int, file: String) throws(InputError) {
    self.origin = origin
    self.path = file
    self.offset = offset
    guard case .file(let filePath) = origin else {
      descriptor = -1
      if case .memory(let bytes) = origin { size = bytes.count } else { size = 0 }
      return
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: filePath, isDirectory: &isDirectory) else {
      throw .fileNotFound(file: file)
    }
    if isDirectory.boolValue { throw .unreadable(file: file, reason: "it is a folder") }
    // open(2): -1 with errno on failure; the descriptor is closed in deinit.
    let opened = open(filePath, O_RDONLY)
    guard opened >= 0 else { throw .unreadable(file: file, reason: Self.errorText()) }
    if offset > 0, lseek(opened, off_t(offset), SEEK_SET) < 0 {
      let reason = Self.errorText()
      close(opened)
      throw .unreadable(file: file, reason: reason)
    }
    descriptor = opened
    var status = stat()
    size = fstat(opened, &status) == 0 ? Int(status.st_size) : Int.max / 2
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// Replaces `buffer` with its bytes from `start` on followed by up to `count` new bytes.
  ///
  /// One new array is filled in place, without zero-filling it first (which costs seconds
  /// for a 4 MiB chunk in a debug build), so a refill costs one copy of what is kept.
  ///
  /// - Returns: The number of new bytes; 0 only at the end of the content.
  /// - Throws: ``InputError/unreadable(file:reason:)`` when reading fails.
  @discardableResult
  func read(into buffer: inout [UInt8], keepingFrom start: Int = 0, count: Int)
    throws(InputError) -> Int
  {
    let kept = buffer.count - start
    let count = min(count, max(size - offset, 0) + 1)
    var got = 0
    var failure: InputError?
    buffer = buffer.withUnsafeBufferPointer { old in
      [UInt8](unsafeUninitializedCapacity: kept + count) { out, initialized in
        _ = UnsafeMutableBufferPointer(rebasing: out[0..<kept])
          .initialize(fromContentsOf: UnsafeBufferPointer(rebasing: old[start..<old.count]))
        do throws(InputError) {
          got = try fill(UnsafeMutableBufferPointer(rebasing: out[kept..<kept + count]))
        } catch {
          failure = error
        }
        initialized = kept + got
      }
    }
    if let failure { throw failure }
    return got
  }

  /// Reads into `destination` until it is full or the content ends; the bytes read.
  private func fill(_ destination: UnsafeMutableBufferPointer<UInt8>) throws(InputError) -> Int {
    guard let base = destination.baseAddress, destination.count > 0 else { return 0 }
    if case .memory(let bytes) = origin {
      let end = min(bytes.count, offset + destination.count)
      guard offset < end else { return 0 }
      let count = end - offset
      bytes.withUnsafeBufferPointer { source in
        _ = UnsafeMutableBufferPointer(rebasing: destination[0..<count])
          .initialize(fromContentsOf: UnsafeBufferPointer(rebasing: source[offset..<end]))
      }
      offset = end
      return count
    }
    var filled = 0
    while filled < destination.count {
      // read(2): bytes read, 0 at the end of the file, -1 with errno on failure.
      let got = Foundation.read(descriptor, base + filled, destination.count - filled)
      if got == 0 { break }
      if got < 0 {
        if errno == EINTR { continue }
        throw .unreadable(file: path, reason: Self.errorText())
      }
      filled += got
      offset += got
    }
    return filled
  }

  private static func errorText() -> String { String(cString: strerror(errno)) }
}

/// Whether the bytes of an origin are valid UTF-8, read a chunk at a time.
///
/// A multi-byte character cut by a chunk's end is carried over to the next chunk, so the
/// answer is the same as for the whole content at once.
enum ChunkedUTF8 {
  static func isValid(
    _ origin: ChunkReader.Origin, offset: Int, file: String, chunkSize: Int
  ) throws(InputError) -> Bool {
    let reader = try ChunkReader(origin, offset: offset, file: file)
    var buffer: [UInt8] = []
    var checked = 0
    while true {
      let got = try reader.read(into: &buffer, keepingFrom: checked, count: chunkSize)
      if got == 0 { return isValid(buffer) }
      checked = completeLength(buffer)
      guard isValid(buffer[0..<checked]) else { return false }
    }
  }

  /// Whether `bytes` are valid UTF-8 (ASCII quickly).
  static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
    let ascii = bytes.withUnsafeBufferPointer { buffer in
      var highBits: UInt8 = 0
      for byte in buffer { highBits |= byte }
      return highBits < 0x80
    }
    return ascii || String(validating: bytes, as: UTF8.self) != nil
  }

  static func isValid(_ bytes: [UInt8]) -> Bool { isValid(bytes[...]) }

  /// The length of `bytes` without a multi-byte character cut off at the end.
  static func completeLength(_ bytes: [UInt8]) -> Int {
    var start = bytes.count
    // Back over at most three continuation bytes (10xxxxxx) to the lead byte.
    while start > 0, bytes.count - start < 3, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
    guard start > 0 else { return bytes.count }
    let lead = bytes[start - 1]
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    return bytes.count - (start - 1) < length ? start - 1 : bytes.count
  }
}
