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
    let resolved = try ThresholdSpecification.resolve(
      ["10km,5km", "atm=25km"], categories: ["grocery", "atm"])
    #expect(resolved["grocery"]?.map(\.label) == ["5km", "10km"])
    #expect(resolved["atm"]?.map(\.label) == ["25km"])
    let defaults = try ThresholdSpecification.resolve([], categories: ["atm", "bakery"])
    #expect(defaults["atm"]?.map(\.label) == ["10km", "25km"])
    #expect(defaults["bakery"]?.map(\.label) == ["5km", "10km"])
  }

  @Test func errorsSayHowToFix() {
    #expect(throws: ThresholdSpecificationError.badThreshold(text: "10kmm", value: "10kmm")) {
      try ThresholdSpecification.resolve(["10kmm"], categories: ["grocery"])
    }
    #expect(
      throws: ThresholdSpecificationError.mixedUnits(
        category: "grocery", source: "for every category")
    ) {
      try ThresholdSpecification.resolve(["5km,10min"], categories: ["grocery"])
    }
    #expect(
      throws: ThresholdSpecificationError.unknownCategory(
        category: "bakery", value: "bakery=5km", categories: ["grocery"])
    ) {
      try ThresholdSpecification.resolve(["bakery=5km"], categories: ["grocery"])
    }
    let message = ThresholdSpecificationError.badThreshold(text: "x", value: "x").description
    #expect(message.contains("write a positive number with km, m or min"))
  }
}
