#if GDAL
  import CGDAL

  /// Runs GDAL calls with its error printing switched off, keeping the last message.
  ///
  /// GDAL prints its complaints to standard error unasked; servicegap reports them in its
  /// own errors instead, with what to do.
  package enum GDALQuiet {
    /// Runs `body` and returns its value with GDAL's last error message (nil if none).
    package static func run<T>(_ body: () throws -> T) rethrows -> (value: T, message: String?) {
      CPLErrorReset()
      CPLPushErrorHandler(CPLQuietErrorHandler)
      defer { CPLPopErrorHandler() }
      let value = try body()
      // CPLGetLastErrorMsg: never NULL; an empty string when there was no error.
      let message = CPLGetLastErrorMsg().map { String(cString: $0) }
      return (value, message?.isEmpty == false ? message : nil)
    }

    /// Registers GDAL's drivers, once per process.
    package static func registerDrivers() { _ = registration }

    private static let registration: Void = { GDALAllRegister() }()
  }

  /// A GDAL call that failed, with GDAL's own message when it gave one.
  ///
  /// The cases say what servicegap was doing; the caller words the message for its user.
  package enum GDALFailure: Error, Equatable, Sendable {
    /// A dataset could not be opened for reading.
    case open(message: String?)
    /// A new dataset could not be created (nil driver: GDAL lacks it).
    case create(driverFound: Bool, message: String?)
    /// A dataset could not be opened for update (a database connection).
    case connect(message: String?)
    /// A transaction could not be started or committed (`start a transaction`, `commit`).
    case transaction(step: String, message: String?)
    /// A SQL statement was refused.
    case execute(sql: String, message: String?)
    /// A layer to copy could not be read.
    case readBack(message: String?)
    /// A raster's cells could not be read, from `row` (counted from 0) on.
    case readRaster(row: Int, message: String?)
    /// A layer could not be created or filled.
    case writeLayer(name: String, message: String?)
    /// A table could not be created.
    case createTable(name: String, message: String?)
    /// A row of a table could not be written (`row` counts from 0).
    case writeRow(name: String, row: Int, message: String?)
  }
#endif
