/// One analysis under way: what it was given and what the stages so far have made.
///
/// The first stage projects the units and services into the working CRS once; every
/// later stage reads these coordinates instead of projecting again.
final class AnalysisRun {
  let input: AnalysisInput
  let options: AnalysisOptions
  let progress: ProgressHandler?
  let timer = StageTimer()
  /// Remarks for the user, in the order the stages made them.
  var warnings: [String] = []

  /// Projects WGS 84 positions into the working CRS and back.
  let projection: Projection
  /// The units and services in the working CRS.
  let coordinates: ProjectedCoordinates
  /// Per category, the indices of its services (input order).
  let servicesByCategory: [String: [Int]]

  /// The projection stage: chooses the working CRS and projects every unit and service.
  ///
  /// - Throws: ``CRSError`` for an unusable working CRS.
  init(input: AnalysisInput, options: AnalysisOptions, progress: ProgressHandler?) throws {
    self.input = input
    self.options = options
    self.progress = progress
    let workCRS = options.workCRS ?? WorkCRS.automatic(for: input.units.map(\.location))
    let projection = try Projection(workCRS: workCRS)
    self.projection = projection
    let (unitXs, unitYs) = timer.time("project to \(workCRS)") {
      projection.project(input.units.map(\.location))
    }
    let (serviceXs, serviceYs) = projection.project(input.services.map(\.location))
    coordinates = ProjectedCoordinates(
      workCRS: workCRS, unitXs: unitXs, unitYs: unitYs, serviceXs: serviceXs,
      serviceYs: serviceYs)
    servicesByCategory = Dictionary(grouping: input.services.indices) {
      input.services[$0].category
    }
  }

  var workers: Int { options.workers }

  /// Runs `body` as the stage `name`, timed.
  func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    try timer.time(name, body)
  }

  /// The services of `category`, in input order.
  func services(of category: String) -> [Int] { servicesByCategory[category] ?? [] }
}

/// The units and services of an analysis in its working CRS.
struct ProjectedCoordinates: Sendable {
  /// The working CRS, such as `EPSG:3006`.
  var workCRS: String
  var unitXs: [Double]
  var unitYs: [Double]
  var serviceXs: [Double]
  var serviceYs: [Double]
}
