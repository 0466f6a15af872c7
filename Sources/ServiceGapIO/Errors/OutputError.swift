/// A problem writing an output file.
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be written; an earlier file at `path` is left as it was.
  case cannotWrite(path: String, reason: String)

  /// The message, ending with what to do.
  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason):
      return "cannot write \(path): \(reason). Check that the folder exists and is writable "
        + "and that the disk is not full; any earlier file there was left unchanged."
    }
  }
}
