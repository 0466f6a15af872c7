import ServiceGap
import Testing

@Suite("Thresholds")
struct ThresholdSpecificationTests {
  @Test(arguments: [
    ("5km", 5.0, ThresholdUnit.km, "5km"), ("500m", 0.5, .km, "500m"),
    ("2.5 km", 2.5, .km, "2.5km"), ("20min", 20, .min, "20min"), (" 10KM ", 10, .km, "10km"),
  ])
  func parses(text: String, value: Double, unit: ThresholdUnit, label: String) throws {
    let threshold = try #require(Threshold(parsing: text))
    #expect(threshold.value == value)
    #expect(threshold.unit == unit)
    #expect(threshold.label == label)
  }

  @Test(arguments: ["", "km", "10", "-5km", "0km", "10kmm", "nankm", "infkm", "5 miles"])
  func rejects(text: String) {
    #expect(Threshold(parsing: text) == nil)
  }

  @Test func generalPerCategoryAndDefaults() throws {
    let plans = try ThresholdSpecification.plans(
      ["10km,5km", "atm=25km"], categories: ["grocery", "atm"])
    #expect(plans.map(\.name) == ["grocery", "atm"])
    #expect(plans[0].thresholds.map(\.label) == ["5km", "10km"])
    #expect(plans[1].thresholds.map(\.label) == ["25km"])
    let defaults = try ThresholdSpecification.plans([], categories: ["atm", "bakery"])
    #expect(defaults[0].thresholds.map(\.label) == ["10km", "25km"])
    #expect(defaults[1].thresholds.map(\.label) == ["5km", "10km"])
  }

  @Test func errorsSayHowToFixAndNameNoOption() {
    #expect(throws: ThresholdSpecificationError.badThreshold(text: "10kmm", value: "10kmm")) {
      try ThresholdSpecification.plans(["10kmm"], categories: ["grocery"])
    }
    #expect(
      throws: ThresholdSpecificationError.mixedUnits(category: "grocery", forEveryCategory: true)
    ) {
      try ThresholdSpecification.plans(["5km,10min"], categories: ["grocery"])
    }
    #expect(
      throws: ThresholdSpecificationError.mixedUnits(category: "grocery", forEveryCategory: false)
    ) {
      try ThresholdSpecification.plans(["grocery=5km,10min"], categories: ["grocery"])
    }
    #expect(
      throws: ThresholdSpecificationError.unknownCategory(
        category: "bakery", value: "bakery=5km", categories: ["grocery"])
    ) {
      try ThresholdSpecification.plans(["bakery=5km"], categories: ["grocery"])
    }
    let message = ThresholdSpecificationError.badThreshold(text: "x", value: "x").description
    #expect(
      message
        == "'x' is not a threshold; write a positive number with km, m or min, e.g. 5km,10km or "
        + "grocery=5km,10km.")
    #expect(!message.contains("--"), "the library names no command-line option")
  }
}

@Suite("Category plans")
struct CategoryPlanTests {
  let plan: CategoryPlan

  init() throws {
    plan = try CategoryPlan(
      name: "grocery",
      thresholds: [
        Threshold(value: 10, unit: .km), Threshold(value: 5, unit: .km),
        Threshold(value: 5, unit: .km),
      ])
  }

  @Test func sortsAndDropsDuplicates() {
    #expect(plan.thresholds.map(\.label) == ["5km", "10km"])
    #expect(plan.unit == .km && plan.measure == .meters && plan.rawPerUnit == 1000)
  }

  @Test(arguments: [
    (Double?.some(0), 0, "<=5km", "≤ 5 km"), (5, 0, "<=5km", "≤ 5 km"),
    (5.0001, 1, "5km-10km", "5–10 km"), (10, 1, "5km-10km", "5–10 km"),
    (10.5, 2, ">10km", "> 10 km"), (nil, 3, "unreachable", "unreachable"),
  ])
  func classes(value: Double?, index: Int, name: String, label: String) {
    #expect(plan.classIndex(of: value) == index)
    #expect(plan.className(of: value) == name)
    #expect(plan.classLabel(index) == label)
  }

  @Test func beyondIsStrictlyGreater() {
    #expect(!plan.isBeyond(5, threshold: 0))
    #expect(plan.isBeyond(5.000001, threshold: 0))
    #expect(plan.isBeyond(nil, threshold: 1))
  }

  @Test func valuesInThePlansUnit() throws {
    #expect(plan.value(meters: 2500, minutes: 7) == 2.5)
    let minutes = try CategoryPlan(name: "fuel", thresholds: [Threshold(value: 10, unit: .min)])
    #expect(minutes.value(meters: 2500, minutes: 7) == 7)
    #expect(minutes.measure == .seconds && minutes.rawPerUnit == 60)
    #expect(minutes.value(meters: 2500, minutes: nil) == nil)
  }

  @Test func refusesMixedUnits() {
    #expect(throws: CategoryPlanError.mixedUnits(category: "x")) {
      try CategoryPlan(
        name: "x", thresholds: [Threshold(value: 5, unit: .km), Threshold(value: 5, unit: .min)])
    }
  }

  @Test func withoutThresholdsEveryReachableValueIsOneClass() throws {
    let bare = try CategoryPlan(name: "x", thresholds: [])
    #expect(bare.classIndex(of: 3) == 0 && bare.className(of: 3) == "" && bare.classCount == 2)
    #expect(bare.className(of: nil) == "unreachable")
  }
}
