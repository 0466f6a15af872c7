#if GDAL
  import Foundation
  import GeoBridge
  import ServiceGapTestSupport
  import Testing

  @testable import ServiceGapIO

  /// Opening and closing many GDAL datasets leaves resident memory flat (issue 6: no leaks).
  ///
  /// A GeoPackage open costs about 7 ms in a debug build on a busy two-core machine
  /// (SQLite opens the file and GDAL reads the GeoPackage's metadata tables and layer
  /// definitions), so 100,000 opens would take over ten minutes: 2,000 opens, and 1,000
  /// full reads of a layer. An open dataset holds a file descriptor and SQLite's caches,
  /// tens of kB or more, so removing `GDALClose` from `VectorDataset.deinit` fails the
  /// test by far (or runs out of file descriptors).
  @Suite(
    "GDAL datasets: opening and dropping many leaves memory flat", .serialized,
    .timeLimit(.minutes(10)))
  struct DatasetHandleChurnTests {
    static let geoPackage = IOTestPaths.fixture("gpkg/inputs.gpkg")

    @Test("2,000 opens of a small GeoPackage, listing its layers")
    func openAndClose() throws {
      try ResidentMemory.inOwnProcess(suite: "DatasetHandleChurnTests") { try openChurn() }
    }

    func openChurn() throws {
      try ResidentMemory.expectFlat("GDAL datasets", count: 2_000, warmUp: 100) { _ in
        let dataset = try VectorReading.open(path: Self.geoPackage, file: "inputs.gpkg")
        #expect(dataset.layerNames.count == 6)
      }
    }

    @Test("1,000 reads of a layer (features, fields, geometries, CRS)")
    func readLayers() throws {
      try ResidentMemory.inOwnProcess(suite: "DatasetHandleChurnTests") { try readChurn() }
    }

    func readChurn() throws {
      let path = try #require(DatasetPath(Self.geoPackage + ":regions"))
      try ResidentMemory.expectFlat("GDAL layer reads", count: 1_000, warmUp: 50) { index in
        let document = try LayerReader.document(path, file: "inputs.gpkg")
        #expect(document.features.count == 5)
        if index % 10 == 0 {
          // The failure path closes the dataset too.
          let missing = try #require(DatasetPath(Self.geoPackage + ":nothing"))
          #expect(throws: InputError.self) {
            _ = try LayerReader.document(missing, file: "inputs.gpkg")
          }
        }
      }
    }
  }
#endif
