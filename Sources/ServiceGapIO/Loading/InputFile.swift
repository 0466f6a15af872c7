import Foundation

/// Reads input files, turning file-system failures into ``InputError``s.
enum InputFile {
  /// The file's bytes, read straight into one array (no second copy of the file).
  ///
  /// - Throws: ``InputError/fileNotFound(file:)`` or ``InputError/unreadable(file:reason:)``.
  static func bytes(of path: String) throws(InputError) -> [UInt8] {
    let reader = try ChunkReader(.file(path), offset: 0, file: path)
    // The size fstat gave (at most 1 GiB for the first read: beyond, doubling steps).
    let size = min(reader.size, 1 << 30)
    // The whole file in the first read (a short read means the end); a file that grew
    // meanwhile in doubling steps.
    var bytes: [UInt8] = []
    var count = max(size + 1, 1 << 16)
    while try reader.read(into: &bytes, keepingFrom: 0, count: count) == count {
      count = bytes.count
    }
    return bytes
  }

  /// The first 64 KiB of the file (or all of a shorter one), to tell its format.
  ///
  /// - Throws: ``InputError/fileNotFound(file:)`` or ``InputError/unreadable(file:reason:)``.
  static func opening(of path: String) throws(InputError) -> [UInt8] {
    let reader = try ChunkReader(.file(path), offset: 0, file: path)
    var bytes: [UInt8] = []
    try reader.read(into: &bytes, count: 64 << 10)
    return bytes
  }
}
