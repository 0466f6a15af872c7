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
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
    .systemLibrary(
      name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
    .target(name: "GeoBridge", dependencies: ["CGEOS", "CPROJ"]),
    .target(name: "ServiceGap", dependencies: ["GeoBridge"]),
    .target(name: "ServiceGapIO", dependencies: ["ServiceGap"]),
    .executableTarget(
      name: "ServiceGapCLI",
      dependencies: [
        "ServiceGap", "ServiceGapIO",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .target(
      name: "ServiceGapTestSupport", dependencies: ["ServiceGap", "ServiceGapIO"],
      path: "Tests/ServiceGapTestSupport"),
    .testTarget(name: "GeoBridgeTests", dependencies: ["GeoBridge"]),
    .testTarget(
      name: "ServiceGapTests", dependencies: ["ServiceGap", "GeoBridge", "ServiceGapTestSupport"],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "ServiceGapIOTests", dependencies: ["ServiceGapIO", "ServiceGapTestSupport"],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "ServiceGapCLITests", dependencies: ["ServiceGapCLI", "ServiceGapTestSupport"],
      exclude: ["Snapshots"]),
  ],
  swiftLanguageModes: [.v6]
)
