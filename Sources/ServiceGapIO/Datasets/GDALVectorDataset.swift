#if GDAL
  import CGDAL
  import Foundation

  /// An open GDAL vector dataset (read-only), closed when released.
  ///
  /// GDAL's own messages are silenced while it works (they would go to standard error
  /// unasked) and reported in servicegap's ``InputError`` instead.
  final class GDALVectorDataset {
    let handle: GDALDatasetH
    /// The file name used in messages.
    let file: String

    /// Registers GDAL's drivers once per process.
    private static let registration: Void = { GDALAllRegister() }()

    /// Opens `path` as a vector dataset.
    ///
    /// - Throws: ``InputError/fileNotFound(file:)`` or ``InputError/dataset(file:message:)``
    ///   with GDAL's reason.
    init(path: String, file: String) throws(InputError) {
      _ = Self.registration
      guard FileManager.default.fileExists(atPath: path) else {
        throw .fileNotFound(file: path)
      }
      let opened = GDALQuiet.run {
        GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil)
      }
      guard let handle = opened.value else {
        throw .dataset(
          file: file,
          message: "GDAL cannot open it as a vector file (\(opened.message ?? "unknown format")). "
            + "Check that it is a complete GeoPackage, Shapefile or OpenStreetMap file.")
      }
      self.handle = handle
      self.file = file
    }

    deinit { GDALClose(handle) }

    /// The layer names, in file order.
    var layerNames: [String] {
      (0..<GDALDatasetGetLayerCount(handle)).compactMap { index in
        GDALDatasetGetLayer(handle, index).map { String(cString: OGR_L_GetName($0)) }
      }
    }

    /// The layer called `name`, or the only layer when `name` is nil.
    ///
    /// - Throws: ``InputError/dataset(file:message:)`` naming the layers to choose from.
    func layer(named name: String?, path: String) throws(InputError) -> OGRLayerH {
      let names = layerNames
      let listed = names.map { "'\($0)'" }.joined(separator: ", ")
      if let name {
        guard let layer = GDALDatasetGetLayerByName(handle, name) else {
          throw .dataset(
            file: file,
            message: "no layer '\(name)'; its layers are \(listed). Write \(path):LAYER "
              + "with one of them.")
        }
        return layer
      }
      guard names.count == 1, let only = GDALDatasetGetLayer(handle, 0) else {
        let example = names.first ?? "layer"
        throw .dataset(
          file: file,
          message: names.isEmpty
            ? "it has no layers. Check that it is the file you meant."
            : "it has \(names.count) layers (\(listed)); name the one to read, as "
              + "\(path):\(example).")
      }
      return only
    }
  }

  /// Runs GDAL calls with its error printing switched off, keeping the last message.
  enum GDALQuiet {
    static func run<T>(_ body: () -> T) -> (value: T, message: String?) {
      CPLErrorReset()
      CPLPushErrorHandler(CPLQuietErrorHandler)
      defer { CPLPopErrorHandler() }
      let value = body()
      let message = CPLGetLastErrorMsg().map { String(cString: $0) }
      return (value, message?.isEmpty == false ? message : nil)
    }
  }
#endif
