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

  /// The plan of every category: its own list, else the general one, else the default.
  ///
  /// - Parameters:
  ///   - values: The threshold lists as typed: `5km,10km` for every category, or
  ///     `grocery=5km,10km` for one.
  ///   - categories: The categories being analysed, in output order.
  /// - Returns: One plan per category, in the order of `categories`.
  /// - Throws: ``ThresholdSpecificationError`` naming the bad value.
  public static func plans(_ values: [String], categories: [String]) throws -> [CategoryPlan] {
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
    return try categories.map { category in
      let thresholds =
        try perCategory[category] ?? general
        ?? parseList((defaults[category] ?? fallback).joined(separator: ","), value: "")
      do {
        return try CategoryPlan(name: category, thresholds: thresholds)
      } catch {
        throw ThresholdSpecificationError.mixedUnits(
          category: category, forEveryCategory: perCategory[category] == nil)
      }
    }
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

/// A threshold list that cannot be used.
///
/// The descriptions name the value, not the command-line option it came from: the
/// command line adds that (`'--thresholds 10kmm': …`).
public enum ThresholdSpecificationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A threshold that is not a positive number followed by km, m or min, in `value`.
  case badThreshold(text: String, value: String)
  /// `category=…` for a category that is not being analysed.
  case unknownCategory(category: String, value: String, categories: [String])
  /// A category's thresholds mix kilometres and minutes: the list given for every
  /// category, or its own.
  case mixedUnits(category: String, forEveryCategory: Bool)

  public var description: String {
    switch self {
    case .badThreshold(let text, _):
      return
        "'\(text)' is not a threshold; write a positive number with km, m or min, e.g. "
        + "5km,10km or grocery=5km,10km."
    case .unknownCategory(let category, _, let categories):
      return
        "'\(category)' is not one of the analysed categories "
        + "(\(categories.joined(separator: ", "))); check the spelling or add it to the "
        + "categories."
    case .mixedUnits(let category, let forEveryCategory):
      let subject =
        forEveryCategory
        ? "the thresholds given for every category" : "the thresholds of '\(category)'"
      return
        "\(subject) mix km and min; a category's thresholds must share one unit, e.g. "
        + "5km,10km (minutes need road-network mode)."
    }
  }
}
