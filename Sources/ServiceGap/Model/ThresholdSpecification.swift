import Foundation

/// Parses `--thresholds` values and fills in documented defaults per category.
///
/// A value is either a list for every category (`5km,10km`) or a list for one
/// category (`grocery=5km,10km`); a category's own list wins over the general one,
/// which wins over ``defaults``.
public enum ThresholdSpecification {
  /// Defaults drawn from Swedish practice (sources in the README):
  /// 5/10 km classes of the national service-analysis platform for everyday
  /// services, 10 km for pharmacies (coverage studies), 25 km for cash
  /// (the payment-services rule: at most 0.3 % of people beyond 25 km).
  public static let defaults: [String: [String]] = [
    "grocery": ["5km", "10km"],
    "fuel": ["10km", "20km"],
    "pharmacy": ["10km", "20km"],
    "atm": ["10km", "25km"],
    "parcel": ["5km", "10km"],
    "post": ["5km", "10km"],
    "school": ["5km", "10km"],
    "health": ["10km", "20km"],
  ]
  /// Used for any category not in ``defaults``.
  public static let fallback = ["5km", "10km"]

  /// Thresholds per category.
  ///
  /// - Parameters:
  ///   - values: The `--thresholds` values as typed.
  ///   - categories: The categories being analysed.
  /// - Returns: Ascending thresholds for every category.
  /// - Throws: ``ThresholdSpecificationError`` naming the bad value and how to write it.
  public static func resolve(_ values: [String], categories: [String]) throws -> [String:
    [Threshold]]
  {
    var general: [Threshold]?
    var perCategory: [String: [Threshold]] = [:]
    for value in values {
      let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2 {
        let category = parts[0].trimmingCharacters(in: .whitespaces)
        guard categories.contains(category) else {
          throw ThresholdSpecificationError.unknownCategory(
            category: category, value: value, categories: categories)
        }
        perCategory[category] = try parseList(parts[1], value: value)
      } else {
        general = try parseList(value, value: value)
      }
    }
    var result: [String: [Threshold]] = [:]
    for category in categories {
      let thresholds =
        try perCategory[category] ?? general
        ?? parseList((defaults[category] ?? fallback).joined(separator: ","), value: "")
      let units = Set(thresholds.map(\.unit))
      guard units.count == 1 else {
        let source = perCategory[category] != nil ? "\(category)=…" : "for every category"
        throw ThresholdSpecificationError.mixedUnits(category: category, source: source)
      }
      result[category] = Array(Set(thresholds)).sorted()
    }
    return result
  }

  private static func parseList(_ list: String, value: String) throws -> [Threshold] {
    let items = list.split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    guard !items.isEmpty, !items.contains(where: \.isEmpty) else {
      throw ThresholdSpecificationError.badThreshold(text: list, value: value)
    }
    return try items.map { item in
      guard let threshold = Threshold(parsing: item) else {
        throw ThresholdSpecificationError.badThreshold(text: item, value: value)
      }
      return threshold
    }
  }
}

/// A `--thresholds` value that cannot be used.
public enum ThresholdSpecificationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A threshold that is not a positive number followed by km, m or min.
  case badThreshold(text: String, value: String)
  /// `category=…` for a category that is not being analysed.
  case unknownCategory(category: String, value: String, categories: [String])
  /// A category's thresholds mix kilometres and minutes (`source` says which value).
  case mixedUnits(category: String, source: String)

  public var description: String {
    switch self {
    case .badThreshold(let text, let value):
      return
        "'--thresholds \(value)': '\(text)' is not a threshold; write a positive number with "
        + "km, m or min, e.g. 5km,10km or grocery=5km,10km."
    case .unknownCategory(let category, let value, let categories):
      return
        "'--thresholds \(value)': '\(category)' is not one of the analysed categories "
        + "(\(categories.joined(separator: ", "))); check the spelling or add it to --categories."
    case .mixedUnits(let category, let source):
      let subject =
        source == "for every category"
        ? "the thresholds given for every category" : "the thresholds of '\(category)'"
      return
        "\(subject) mix km and min; a category's thresholds must share one unit, e.g. "
        + "5km,10km (minutes need road-network mode)."
    }
  }
}
