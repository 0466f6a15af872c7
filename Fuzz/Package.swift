// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets for servicegap's readers and parsers. A separate package (like
// Benchmarks/) so the main manifest and a plain `swift build` stay untouched. Build and run
// them with Fuzz/run.sh, which passes `-sanitize=fuzzer,address` to every Swift target.
//
// Each executable's `main` hands its test function to libFuzzer's `LLVMFuzzerRunDriver`
// (SwiftPM renames an executable's entry point, so libFuzzer's own `main` cannot be used).
let package = Package(
  name: "servicegap-fuzz",
  dependencies: [.package(name: "servicegap", path: "..")],
  targets: [
    .target(name: "CFuzzerDriver"),
    .target(
      name: "FuzzSupport",
      dependencies: [
        "CFuzzerDriver", .product(name: "ServiceGapIO", package: "servicegap"),
      ]),
    .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", ioProduct]),
    .executableTarget(name: "FuzzGeoJSON", dependencies: ["FuzzSupport", ioProduct]),
    .executableTarget(
      name: "FuzzLoaders", dependencies: ["FuzzSupport", ioProduct, coreProduct]),
    .executableTarget(name: "FuzzCRS", dependencies: ["FuzzSupport", ioProduct, coreProduct]),
    .executableTarget(
      name: "FuzzArguments", dependencies: ["FuzzSupport", ioProduct, coreProduct]),
  ],
  swiftLanguageModes: [.v6]
)

var ioProduct: Target.Dependency { .product(name: "ServiceGapIO", package: "servicegap") }
var coreProduct: Target.Dependency { .product(name: "ServiceGap", package: "servicegap") }
