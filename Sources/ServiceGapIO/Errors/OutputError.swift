/// A problem writing an output file.
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be written; an earlier file at `path` is left as it was.
  case cannotWrite(path: String, reason: String)
  /// The output folder could not be created.
  case cannotCreateFolder(path: String, reason: String)
  /// The staging folder could not be made inside the output folder.
  case cannotWriteInto(folder: String, reason: String)
  /// The staging folder for a GeoPackage or database could not be made next to it.
  case cannotWriteNear(target: String, reason: String)
  /// A finished file could not be renamed into the output folder.
  case cannotMove(name: String, folder: String, reason: String)
  /// Writing the GeoPackage or the database failed (GDAL's explanation).
  case export(String)
  /// A GeoPackage or database target in a build without the GDAL trait.
  case needsGDAL(target: String)

  /// The message, ending with what to do.
  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason):
      return "cannot write \(path): \(reason). Check that the folder exists and is writable "
        + "and that the disk is not full; any earlier file there was left unchanged."
    case .cannotCreateFolder(let path, let reason):
      return "cannot create the output folder '\(path)': \(reason)"
    case .cannotWriteInto(let folder, let reason):
      return "cannot write into the output folder '\(folder)': \(reason)"
    case .cannotWriteNear(let target, let reason):
      return "cannot write next to '\(target)': \(reason)"
    case .cannotMove(let name, let folder, let reason):
      return "cannot move \(name) into '\(folder)': \(reason)"
    case .export(let message):
      return message
    case .needsGDAL(let target):
      return "writing to '\(target)' needs GDAL, which this servicegap was built without. "
        + "Rebuild with `swift build -c release --traits GDAL` (`make build` does), or write "
        + "to a folder."
    }
  }
}
