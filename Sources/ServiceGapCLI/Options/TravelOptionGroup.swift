import ArgumentParser
import ServiceGap

/// Options of walking and cycling (`--mode walk`, `--mode bike`): their speeds.
struct TravelOptionGroup: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Walking speed with --mode walk, km/h, on every way and to the road (default: 5).",
      valueName: "kmh"))
  var walkSpeed: Double?

  @Option(
    help: ArgumentHelp(
      "Cycling speed with --mode bike, km/h, on every way and to the road (default: 15).",
      valueName: "kmh"))
  var bikeSpeed: Double?

  func validate() throws {
    for (option, speed) in [("--walk-speed", walkSpeed), ("--bike-speed", bikeSpeed)] {
      if let speed, !(speed > 0 && speed.isFinite) {
        throw ValidationError("'\(option) \(speed)' must be a positive speed in km/h.")
      }
    }
  }

  /// Refuses a speed when no mode measured uses it (`modes`: the run's mode, or the two
  /// modes `compare` sets side by side).
  func validate(modes: [DistanceMode]) throws {
    if walkSpeed != nil, !modes.contains(.walk) {
      throw ValidationError(
        "'--walk-speed' is the speed of '--mode walk': add '--mode walk', or drop "
          + "'--walk-speed'.")
    }
    if bikeSpeed != nil, !modes.contains(.bike) {
      throw ValidationError(
        "'--bike-speed' is the speed of '--mode bike': add '--mode bike', or drop "
          + "'--bike-speed'.")
    }
  }

  /// Who travels in `mode`, at the speeds given.
  func profile(for mode: DistanceMode) -> TravelProfile {
    mode.profile(walkSpeedKmh: walkSpeed ?? 5, bikeSpeedKmh: bikeSpeed ?? 15)
  }
}
