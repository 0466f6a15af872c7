#if !GDAL
  import ServiceGapTestSupport
  import Testing

  /// A build without the GDAL trait compiles the GeoPackage, OpenStreetMap and PostGIS tests
  /// out; this says so by name instead of passing without them (and fails under CI).
  @Suite("GDAL: not in this build")
  struct GDALTraitTests {
    @Test(
      "DatasetInputTests, DatasetExportTests and DatasetHandleChurnTests are left out",
      .requires(.gdalTrait))
    func gdalTestsAreBuilt() throws {
      try TestRequirement.gdalTrait.check()
    }
  }
#endif
