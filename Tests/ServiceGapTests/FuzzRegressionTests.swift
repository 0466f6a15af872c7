import ServiceGap
import Testing

/// Inputs the fuzz targets in Fuzz/ found to crash, each pinned to its documented answer.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
  /// FuzzArguments, crash-bc0c8d5494a8759d1a9cd9c56373ed470334fc9c: a `<=` before the colon
  /// made `ComplianceRule(parsing:)` form a reversed range and trap ("Range requires
  /// lowerBound <= upperBound"), so `servicegap analyze --check` crashed in validation.
  @Test(arguments: ["pharm<=y : 10 k 100 %", "<=:", "a<=b:", "<=x:5km"])
  func complianceRuleWithLessOrEqualBeforeTheColon(text: String) {
    #expect(ComplianceRule(parsing: text) == nil)
  }

  /// The rule's `<=` is the first one after the colon; the category is all before the colon.
  @Test func complianceRuleCategoryMayContainLessOrEqual() throws {
    let rule = try #require(ComplianceRule(parsing: "a<=b:5km<=1%"))
    #expect(rule.category == "a<=b")
    #expect(rule.threshold == Threshold(value: 5, unit: .km))
    #expect(rule.maximumShare == 0.01)
    #expect(ComplianceRule(parsing: "atm:25km<=0.3%")?.description == "atm:25km<=0.3%")
  }

  /// FuzzArguments, crash-eeb920d896794d811ef67da1332c89e1cd914f3a: `01e308km` was accepted.
  ///
  /// Its kilometres are finite but its metres infinite; at the other end `4e-324m` became
  /// 0 km. Both are now not thresholds, with the usual message.
  @Test(arguments: ["01e308km", "1e306min", "4e-324m"])
  func thresholdOutsideWhatMetresCanHold(text: String) {
    #expect(Threshold(parsing: text) == nil)
    #expect(throws: ThresholdSpecificationError.badThreshold(text: text, value: text)) {
      try ThresholdSpecification.plans([text], categories: ["grocery"])
    }
  }

  /// Large but representable thresholds still parse.
  @Test func thresholdNearTheLimit() throws {
    let threshold = try #require(Threshold(parsing: "1e300km"))
    #expect(threshold.value == 1e300)
    #expect(threshold.meters?.isFinite == true)
  }
}
