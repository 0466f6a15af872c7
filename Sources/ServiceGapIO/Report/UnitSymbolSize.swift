/// The size of a unit's circle: area proportional to its population, shared by the HTML
/// report and the QGIS style.
///
/// The diameter is `maximum × √(population / largest population)`, so a circle's area is
/// proportional to the people it stands for (a square-root scale, as proportional-symbol
/// maps use; a linear diameter would exaggerate large places quadratically). Units with
/// few or no people get a floor of ``minimumFraction`` of the largest diameter so they
/// stay visible; below that floor the areas are no longer proportional. The report's
/// compact dots (large runs) use a lower floor, so a country's units do not cover it.
public struct UnitSymbolSize: Hashable, Sendable {
  /// The population drawn at the largest diameter.
  public var largestPopulation: Double

  /// The smallest diameter, as a fraction of the largest.
  public var minimumFraction: Double

  /// The floor of circles: QGIS styles and the report's circles (0.2).
  public static let defaultMinimumFraction = 0.2

  /// Creates the scale for units whose largest population is `largestPopulation`.
  ///
  /// - Parameters:
  ///   - largestPopulation: The population drawn at the largest diameter.
  ///   - minimumFraction: The smallest diameter as a fraction of the largest.
  public init(largestPopulation: Double, minimumFraction: Double = defaultMinimumFraction) {
    self.largestPopulation = largestPopulation
    self.minimumFraction = minimumFraction
  }

  /// The diameter as a fraction (``minimumFraction``…1, more above the largest
  /// population) of the largest diameter.
  ///
  /// - Parameter population: The unit's people; negative counts as 0.
  /// - Returns: The fraction; ``minimumFraction`` when nobody lives in any unit.
  public func diameterFraction(population: Double) -> Double {
    guard largestPopulation > 0 else { return minimumFraction }
    return max(minimumFraction, (max(0, population) / largestPopulation).squareRoot())
  }

  /// The same rule as a QGIS expression for a data-defined marker size.
  ///
  /// - Parameters:
  ///   - field: The population column (`population`).
  ///   - largestDiameter: The diameter of the most populous unit, in the symbol's unit.
  /// - Returns: An expression such as `max(0.2, sqrt(coalesce("population", 0) / 59373)) * 8`.
  public func qgisExpression(field: String = "population", largestDiameter: Double) -> String {
    let fraction = JSONText.format(minimumFraction, decimals: 6, trimZeros: true)
    let diameter = JSONText.format(largestDiameter, decimals: 6, trimZeros: true)
    guard largestPopulation > 0 else { return "\(fraction) * \(diameter)" }
    let largest = JSONText.format(largestPopulation, decimals: 6, trimZeros: true)
    return "max(\(fraction), sqrt(max(0, coalesce(\(QGISExpression.field(field)), 0)) / "
      + "\(largest))) * \(diameter)"
  }
}
