import Foundation
import ServiceGap

/// The files of an analysis' output set, and of a comparison of two situations.
public enum AnalysisOutputs {
  /// The zone files, which a run without zones removes from an earlier run's folder (their
  /// QGIS style names that run's thresholds).
  public static let zoneFiles = ["zones.geojson", "zones.qml"]

  /// `units.geojson` and `units.qml`, `summary.csv`, `summary.json`, `services.geojson`,
  /// and with `zones` `zones.geojson` and `zones.qml`.
  ///
  /// - Parameters:
  ///   - result: The analysis.
  ///   - zones: Whether the zones were drawn.
  ///   - access: Accessibility indices, added as `C_2sfca` (or `C_e2sfca`) columns to
  ///     `units.geojson` and `mean_…`, `gini_…` columns to the summary.
  /// - Returns: The files, in the order they are written.
  public static func files(
    _ result: AnalysisResult, zones: Bool, access: AccessibilityResult? = nil
  ) -> [OutputFile] {
    let unitColumns = access.map(unitColumns) ?? []
    let summaryColumns = access.map(summaryColumns) ?? .none
    var files = [
      OutputFile("units.geojson") {
        try GeoJSONWriter.writeUnits(result: result, extra: unitColumns, to: $0)
      },
      OutputFile("units.qml") { Data(QGISStyle.units(result: result).utf8) },
      OutputFile("summary.csv") { SummaryWriter.csv(rows: result.summary, extra: summaryColumns) },
      OutputFile("summary.json") {
        SummaryWriter.json(rows: result.summary, extra: summaryColumns)
      },
      // Every set shows the services the distances were measured to (a GIS user sees the
      // points the zones were drawn from), with their criticality when it was asked for.
      OutputFile("services.geojson") { ServicesWriter.geojson(result: result) },
    ]
    if zones {
      files.append(
        OutputFile("zones.geojson") { try GeoJSONWriter.writeZones(result: result, to: $0) })
      files.append(OutputFile("zones.qml") { Data(QGISStyle.zones(result: result).utf8) })
    }
    return files
  }

  /// `delta.csv`, `delta.json` and `changed_units.geojson`: how two situations differ
  /// (`whatif`, `compare --before/--after`).
  ///
  /// - Parameters:
  ///   - rows: The change of every indicator.
  ///   - changed: The units whose class changed.
  ///   - after: The analysis of the second situation.
  ///   - network: Whether travel times were measured (they are written too).
  /// - Returns: The files, in the order they are written.
  public static func situationFiles(
    rows: [DeltaRow], changed: [ChangedUnit], after: AnalysisResult, network: Bool
  ) -> [OutputFile] {
    [
      OutputFile("delta.csv") { DeltaWriter.csv(rows: rows) },
      OutputFile("delta.json") { DeltaWriter.json(rows: rows) },
      OutputFile("changed_units.geojson") {
        DeltaWriter.changedUnits(changed, result: after, network: network)
      },
    ]
  }

  /// The accessibility index of every category as a `units.geojson` column.
  static func unitColumns(_ access: AccessibilityResult) -> [GeoJSONWriter.ExtraColumn] {
    access.categories.map {
      GeoJSONWriter.ExtraColumn(name: "\($0.name)_\(access.method)", values: $0.index)
    }
  }

  /// The mean and Gini of every region and category as summary columns.
  static func summaryColumns(_ access: AccessibilityResult) -> SummaryWriter.ExtraColumns {
    var values: [SummaryWriter.ExtraColumns.RowKey: [Double?]] = [:]
    for row in access.rows {
      values[.init(region: row.region, category: row.category)] = [row.mean, row.gini]
    }
    return SummaryWriter.ExtraColumns(
      names: ["mean_\(access.method)", "gini_\(access.method)"], values: values)
  }
}
