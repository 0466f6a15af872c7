import ArgumentParser

/// The `servicegap` command: who lives far from everyday services.
@main
struct ServiceGapCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "servicegap",
    abstract: "Shows who lives far from everyday services, and where.",
    discussion: """
      Measures, for every village, locality or grid cell, the distance to the nearest
      grocery store, fuel station, pharmacy, ATM or any other kind of service, draws
      the service-sparse zones and summarises them per municipality.

      Start with:  servicegap analyze --help
      """,
    version: ServiceGapVersion.current,
    subcommands: [Analyze.self, Compare.self, WhatIf.self, Access.self, Site.self],
    defaultSubcommand: nil)

  /// Parses and runs a subcommand; a library error is printed in the command line's words
  /// (``ErrorMessages``).
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var command = command as? AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch {
      exit(withError: ErrorMessages.forCommandLine(error))
    }
  }
}

/// The version printed by `--version` and written into run manifests.
enum ServiceGapVersion {
  static let current = "0.1.0"
}
