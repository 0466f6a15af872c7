import ArgumentParser

/// Where a subcommand writes its output set: `--out`.
struct OutputOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Where to write the outputs: a folder, a GeoPackage (results.gpkg) or a PostGIS "
        + "database (postgresql://user@host/db, one schema per run).",
      valueName: "dir|file.gpkg|url"))
  var out: String?
}
