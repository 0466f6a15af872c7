import Foundation
import Testing

/// Something a test needs from outside the test binary: a server, a build trait, a user.
///
/// A test that cannot run says so by name (`.requires(…)` skips it with the reason and the
/// fix, which Swift Testing prints beside the test's name); it never passes without having
/// run. Under `CI=true` a requirement that `.ci/run` provides is not allowed to be missing:
/// the test then runs and fails at ``check()`` with what is missing, instead of skipping.
public struct TestRequirement: Sendable {
  /// What is needed, as a reader would name it: "a PostGIS database".
  public var name: String
  /// Whether it is there.
  public var isMet: Bool
  /// How to provide it.
  public var fix: String
  /// Whether `make test` (and so `.ci/run`) always provides it.
  public var providedByMakeTest: Bool

  public init(name: String, isMet: Bool, fix: String, providedByMakeTest: Bool) {
    self.name = name
    self.isMet = isMet
    self.fix = fix
    self.providedByMakeTest = providedByMakeTest
  }

  /// Whether this run is CI's (`CI=true`, set by `.ci/run`).
  public static var isCI: Bool {
    ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true"
  }

  /// Whether the test should run: the requirement is met, or CI must not skip it.
  public var shouldRun: Bool { isMet || (Self.isCI && providedByMakeTest) }

  /// Why the test is skipped.
  public var skipReason: String { "needs \(name): \(fix)" }

  /// Fails the running test when the requirement is missing (under CI, where the test runs
  /// anyway).
  public func check() throws {
    guard !isMet else { return }
    throw Missing(
      description: "CI=true and \(name) is missing, though make test provides it: \(fix)")
  }

  struct Missing: Error, CustomStringConvertible { var description: String }

  // MARK: The requirements of this project's tests

  /// The PostGIS database `make test` starts (`Scripts/postgis-local.sh`).
  public static var postGIS: TestRequirement {
    let url = ProcessInfo.processInfo.environment["SERVICEGAP_TEST_POSTGIS"] ?? ""
    return TestRequirement(
      name: "a PostGIS database (SERVICEGAP_TEST_POSTGIS)", isMet: !url.isEmpty,
      fix: "run make test, or set SERVICEGAP_TEST_POSTGIS=\"$(Scripts/postgis-local.sh)\"",
      providedByMakeTest: true)
  }

  /// A build with the GDAL trait, as `make test` builds.
  public static var gdalTrait: TestRequirement {
    #if GDAL
      let built = true
    #else
      let built = false
    #endif
    return TestRequirement(
      name: "the GDAL trait", isMet: built,
      fix: "run make test, or swift test --traits GDAL (needs libgdal-dev)",
      providedByMakeTest: true)
  }
}

extension Trait where Self == ConditionTrait {
  /// Skips the test, with the reason and the fix, when `requirement` is missing, except
  /// under CI where the test must call ``TestRequirement/check()`` and fail.
  public static func requires(_ requirement: TestRequirement) -> Self {
    .enabled(if: requirement.shouldRun, Comment(rawValue: requirement.skipReason))
  }
}
