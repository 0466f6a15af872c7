// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "servicegap",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "ServiceGap", targets: ["ServiceGap"]),
    .library(name: "ServiceGapIO", targets: ["ServiceGapIO"]),
    .executable(name: "servicegap", targets: ["ServiceGapCLI"]),
  ],
  // GDAL (GeoPackage and OpenStreetMap inputs; GeoPackage and PostGIS outputs) is a trait,
  // so the default build needs only PROJ and GEOS: `swift build --traits GDAL` adds it.
  traits: [
    .trait(
      name: "GDAL",
      description: "Read GeoPackage and OpenStreetMap files and write GeoPackage and PostGIS "
        + "through GDAL (libgdal-dev)."),
    .default(enabledTraits: []),
  ],
  // Pinned exactly: a clone builds the versions that were tested (the --help snapshots
  // follow swift-argument-parser's layout). Package.resolved stays out of git.
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
    .systemLibrary(
      name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
    .systemLibrary(
      name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
    // zlib inflates the members of GTFS zip files.
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // GeoBridge owns every C handle: GEOS, PROJ, zlib, and GDAL's with the GDAL trait.
    .target(
      name: "GeoBridge",
      dependencies: [
        "CGEOS", "CPROJ", "CZlib", .target(name: "CGDAL", condition: .when(traits: ["GDAL"])),
      ]),
    .target(name: "ServiceGap", dependencies: ["GeoBridge"]),
    .target(name: "ServiceGapIO", dependencies: ["ServiceGap", "GeoBridge"]),
    .executableTarget(
      name: "ServiceGapCLI",
      dependencies: [
        "ServiceGap", "ServiceGapIO",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .target(
      name: "ServiceGapTestSupport", dependencies: ["ServiceGap", "ServiceGapIO"],
      path: "Tests/ServiceGapTestSupport"),
    .testTarget(name: "GeoBridgeTests", dependencies: ["GeoBridge", "ServiceGapTestSupport"]),
    .testTarget(
      name: "ServiceGapTests", dependencies: ["ServiceGap", "GeoBridge", "ServiceGapTestSupport"],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "ServiceGapIOTests",
      dependencies: ["ServiceGapIO", "GeoBridge", "ServiceGapTestSupport"],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "ServiceGapCLITests",
      dependencies: ["ServiceGapCLI", "ServiceGap", "ServiceGapTestSupport"],
      exclude: ["Snapshots", "Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
