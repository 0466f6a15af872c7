import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files atomically: a failed run never leaves a half-written file behind.
///
/// The data goes to a temporary file in the same folder (`.<name>.tmp-<pid>-<random>`),
/// which is flushed to disk (`fsync`) and then renamed over the target (`rename(2)` is
/// atomic within one file system). On any failure the temporary file is removed and
/// whatever was at the target before stays intact. The folder is synced after the
/// rename so the new name survives a crash.
public enum AtomicFileWriter {
  /// Writes `data` to `url` atomically.
  ///
  /// - Parameters:
  ///   - data: The complete file content.
  ///   - url: A file URL; its folder must exist.
  /// - Throws: ``OutputError/cannotWrite(path:reason:)``.
  public static func write(_ data: Data, to url: URL) throws {
    try write(data, to: url, beforeRename: {})
  }

  /// Writes atomically, calling `beforeRename` between the flushed temporary file and the
  /// rename (a seam for tests that simulate a failure at the last moment).
  static func write(_ data: Data, to url: URL, beforeRename: () throws -> Void) throws {
    try write(to: url, beforeRename: beforeRename) { sink in
      try data.withUnsafeBytes { try sink.write($0) }
    }
  }

  /// Writes a file atomically in pieces: `produce` hands chunks to the sink as it
  /// goes, so a large file never has to sit in memory whole.
  ///
  /// - Parameters:
  ///   - url: A file URL; its folder must exist.
  ///   - produce: Writes the content through the sink; an error it throws leaves the
  ///     target untouched.
  /// - Throws: ``OutputError/cannotWrite(path:reason:)`` or what `produce` throws.
  public static func write(to url: URL, produce: (ChunkSink) throws -> Void) throws {
    try write(to: url, beforeRename: {}, produce: produce)
  }

  /// Receives the chunks of a file being written by ``write(to:produce:)``.
  public final class ChunkSink {
    fileprivate let descriptor: Int32
    fileprivate let failure: (String) -> OutputError

    fileprivate init(descriptor: Int32, failure: @escaping (String) -> OutputError) {
      self.descriptor = descriptor
      self.failure = failure
    }

    /// Appends bytes to the temporary file.
    public func write(_ buffer: UnsafeRawBufferPointer) throws {
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(
          descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw failure("write failed")
        }
        offset += written
      }
    }
  }

  static func write(
    to url: URL, beforeRename: () throws -> Void, produce: (ChunkSink) throws -> Void
  ) throws {
    let path = url.path
    let folder = url.deletingLastPathComponent().path
    let temporary =
      url.deletingLastPathComponent()
      .appendingPathComponent(
        ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
      ).path
    func failure(_ what: String) -> OutputError {
      .cannotWrite(path: path, reason: "\(what) (\(String(cString: strerror(errno))))")
    }

    // Registered before it exists, so an interruption never leaves it behind.
    let registration = TemporaryOutputs.register(temporary)
    defer { TemporaryOutputs.unregister(registration) }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard descriptor >= 0 else { throw failure("cannot create a temporary file") }
    var renamed = false
    defer { if !renamed { unlink(temporary) } }
    do {
      defer { close(descriptor) }
      try produce(ChunkSink(descriptor: descriptor, failure: failure))
      guard fsync(descriptor) == 0 else { throw failure("fsync failed") }
    }
    do {
      try beforeRename()
    } catch let error as OutputError {
      throw error
    } catch {
      throw OutputError.cannotWrite(path: path, reason: "\(error)")
    }
    try TemporaryOutputs.commit {
      guard rename(temporary, path) == 0 else { throw failure("rename failed") }
      renamed = true
    }
    let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY)
    if folderDescriptor >= 0 {
      _ = fsync(folderDescriptor)
      close(folderDescriptor)
    }
  }
}
