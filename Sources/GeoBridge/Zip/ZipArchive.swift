import CZlib
import Foundation

/// A zip file read for its members, such as the tables of a GTFS feed.
///
/// Reads the central directory (ZIP64 included), then a member on request: stored as is,
/// or deflated (inflated with zlib), checked against its CRC-32. The whole file is mapped
/// into memory, not read.
package struct ZipArchive {
  /// One member's place in the file.
  package struct Entry: Sendable {
    package var name: String
    var method: UInt16
    var crc: UInt32
    var compressedSize: UInt64
    package var size: UInt64
    var headerOffset: UInt64
  }

  private let data: Data
  /// The members, in the central directory's order.
  package let entries: [Entry]

  /// Opens `path` and reads its central directory.
  ///
  /// - Throws: ``ZipError`` when the file cannot be read or is not a zip file.
  package init(path: String) throws(ZipError) {
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      throw .unreadable(reason: (error as NSError).localizedDescription)
    }
    entries = try Self.centralDirectory(data)
  }

  /// The member called `name` (exactly, or in a folder: `feed/stops.txt` for `stops.txt`
  /// when no member has the bare name); nil when there is none.
  package func entry(named name: String) -> Entry? {
    entries.first { $0.name == name } ?? entries.first { $0.name.hasSuffix("/" + name) }
  }

  /// A member's bytes, uncompressed.
  ///
  /// - Throws: ``ZipError`` for an unsupported method, a corrupt stream or a CRC mismatch.
  package func contents(of entry: Entry) throws(ZipError) -> [UInt8] {
    let local = Int(entry.headerOffset)
    guard local + 30 <= data.count, read32(local) == 0x0403_4b50 else {
      throw .corrupt(member: entry.name, reason: "no local header at its offset")
    }
    let start = local + 30 + Int(read16(local + 26)) + Int(read16(local + 28))
    let end = start + Int(entry.compressedSize)
    guard start <= end, end <= data.count else {
      throw .corrupt(member: entry.name, reason: "the member runs past the end of the file")
    }
    let bytes: [UInt8]
    switch entry.method {
    case 0: bytes = [UInt8](data[start..<end])
    case 8: bytes = try inflate(data[start..<end], size: Int(entry.size), member: entry.name)
    default:
      throw .unsupportedMethod(member: entry.name, method: Int(entry.method))
    }
    let crc = bytes.withUnsafeBufferPointer { buffer in
      UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
    }
    guard bytes.count == Int(entry.size), crc == entry.crc else {
      throw .corrupt(member: entry.name, reason: "its CRC-32 or size does not match")
    }
    return bytes
  }

  // MARK: Reading

  private func read16(_ offset: Int) -> UInt16 { Self.read16(data, offset) }
  private func read32(_ offset: Int) -> UInt32 { Self.read32(data, offset) }

  private static func read16(_ data: Data, _ offset: Int) -> UInt16 {
    let base = data.startIndex + offset
    return UInt16(data[base]) | UInt16(data[base + 1]) << 8
  }

  private static func read32(_ data: Data, _ offset: Int) -> UInt32 {
    UInt32(read16(data, offset)) | UInt32(read16(data, offset + 2)) << 16
  }

  private static func read64(_ data: Data, _ offset: Int) -> UInt64 {
    UInt64(read32(data, offset)) | UInt64(read32(data, offset + 4)) << 32
  }

  /// Every entry of the central directory, found from the end-of-directory record.
  private static func centralDirectory(_ data: Data) throws(ZipError) -> [Entry] {
    guard data.count >= 22 else { throw .notZip }
    // The end record is the last 22 bytes plus a comment of at most 65,535.
    var end = -1
    var offset = data.count - 22
    let lowest = max(0, data.count - 22 - 65_535)
    while offset >= lowest {
      if read32(data, offset) == 0x0605_4b50 {
        end = offset
        break
      }
      offset -= 1
    }
    guard end >= 0 else { throw .notZip }
    var count = UInt64(read16(data, end + 10))
    var directory = UInt64(read32(data, end + 16))
    // ZIP64: the locator just before the end record points at the 64-bit record.
    if count == 0xFFFF || directory == 0xFFFF_FFFF, end >= 20,
      read32(data, end - 20) == 0x0706_4b50
    {
      let record = Int(read64(data, end - 12))
      guard record + 56 <= data.count, read32(data, record) == 0x0606_4b50 else {
        throw .corrupt(member: "", reason: "a broken ZIP64 end record")
      }
      count = read64(data, record + 32)
      directory = read64(data, record + 48)
    }
    var entries: [Entry] = []
    var position = Int(directory)
    for _ in 0..<count {
      guard position + 46 <= data.count, read32(data, position) == 0x0201_4b50 else {
        throw .corrupt(member: "", reason: "a broken central directory")
      }
      let nameLength = Int(read16(data, position + 28))
      let extraLength = Int(read16(data, position + 30))
      let commentLength = Int(read16(data, position + 32))
      let nameStart = position + 46
      guard nameStart + nameLength + extraLength <= data.count else {
        throw .corrupt(member: "", reason: "a broken central directory")
      }
      let name = String(
        decoding: data[(data.startIndex + nameStart)..<(data.startIndex + nameStart + nameLength)],
        as: UTF8.self)
      var entry = Entry(
        name: name, method: read16(data, position + 10), crc: read32(data, position + 16),
        compressedSize: UInt64(read32(data, position + 20)),
        size: UInt64(read32(data, position + 24)),
        headerOffset: UInt64(read32(data, position + 42)))
      readZip64Extra(data, from: nameStart + nameLength, length: extraLength, into: &entry)
      entries.append(entry)
      position = nameStart + nameLength + extraLength + commentLength
    }
    return entries
  }

  /// Fills the sizes and offset that the 32-bit fields mark as 0xFFFFFFFF from the ZIP64
  /// extra field (id 1), which lists them in that order.
  private static func readZip64Extra(
    _ data: Data, from start: Int, length: Int, into entry: inout Entry
  ) {
    var position = start
    while position + 4 <= start + length {
      let id = read16(data, position)
      let size = Int(read16(data, position + 2))
      if id == 1 {
        var field = position + 4
        if entry.size == 0xFFFF_FFFF, field + 8 <= position + 4 + size {
          entry.size = read64(data, field)
          field += 8
        }
        if entry.compressedSize == 0xFFFF_FFFF, field + 8 <= position + 4 + size {
          entry.compressedSize = read64(data, field)
          field += 8
        }
        if entry.headerOffset == 0xFFFF_FFFF, field + 8 <= position + 4 + size {
          entry.headerOffset = read64(data, field)
        }
        return
      }
      position += 4 + size
    }
  }

  /// A raw deflate stream inflated with zlib into `size` bytes.
  private func inflate(_ compressed: Data, size: Int, member: String) throws(ZipError)
    -> [UInt8]
  {
    var output = [UInt8](repeating: 0, count: size)
    var stream = z_stream()
    // −15: a raw deflate stream, as zip files hold, with the largest window.
    guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { throw .corrupt(member: member, reason: "zlib could not start") }
    defer { inflateEnd(&stream) }
    let status = compressed.withUnsafeBytes { input in
      output.withUnsafeMutableBufferPointer { out -> Int32 in
        stream.next_in = UnsafeMutablePointer(
          mutating: input.bindMemory(to: Bytef.self).baseAddress)
        stream.avail_in = uInt(input.count)
        stream.next_out = out.baseAddress
        stream.avail_out = uInt(out.count)
        return CZlib.inflate(&stream, Z_FINISH)
      }
    }
    // An empty member inflates to nothing and may end with Z_BUF_ERROR.
    guard status == Z_STREAM_END || (size == 0 && status == Z_BUF_ERROR),
      Int(stream.total_out) == size
    else {
      throw .corrupt(member: member, reason: "the deflate stream is broken (zlib \(status))")
    }
    return output
  }
}

/// Why a zip file could not be read.
package enum ZipError: Error, Equatable, Sendable {
  /// The file cannot be read.
  case unreadable(reason: String)
  /// No end-of-directory record: not a zip file.
  case notZip
  /// A member uses a compression other than stored or deflate.
  case unsupportedMethod(member: String, method: Int)
  /// The directory or a member is damaged.
  case corrupt(member: String, reason: String)
}
