import Foundation

/// Reads whole input files, turning file-system failures into ``InputError``s.
enum InputFile {
  /// The file's bytes.
  ///
  /// - Throws: ``InputError/fileNotFound(file:)`` or ``InputError/unreadable(file:reason:)``.
  static func bytes(of path: String) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw InputError.fileNotFound(file: path)
    }
    if isDirectory.boolValue { throw InputError.unreadable(file: path, reason: "it is a folder") }
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
      return [UInt8](data)
    } catch {
      throw InputError.unreadable(file: path, reason: error.localizedDescription)
    }
  }
}
