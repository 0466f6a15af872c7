import FuzzSupport
import ServiceGap
import ServiceGapIO

/// Fuzzes the full loaders on arbitrary bytes, as `servicegap analyze` calls them.
///
/// The first byte picks the loader and its options, the rest is the file's content:
/// - bits 0–2: population, services, regions, roads, speeds (values 5–7 wrap around);
/// - bit 3: the file is named `fuzz.geojson` instead of `fuzz.csv` (the name picks the
///   format unless the content says otherwise, see `InputFormat.detect`);
/// - bit 4: `--skip-invalid`;
/// - bits 5–6: `--crs`: none, EPSG:3006, EPSG:4326, EPSG:25833;
/// - bit 7: population `--cell 1km`; roads `--length-field length_m`.
///
/// A load must either succeed with valid items or throw an `InputError` naming the file.
@main
enum FuzzLoaders {
  static func main() { Fuzzer.run(testOneInput) }
}

private func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let input = Fuzzer.bytes(data, size)
  guard let selector = input.first else { return 0 }
  let content = Array(input.dropFirst())
  let file = selector & 0x08 == 0 ? "fuzz.csv" : "fuzz.geojson"
  let skipInvalid = selector & 0x10 != 0
  let crs = [nil, "EPSG:3006", "EPSG:4326", "EPSG:25833"][Int(selector >> 5) & 0x03]
  let flag = selector & 0x80 != 0
  var options = FieldOptions(crs: crs, skipInvalid: skipInvalid)
  if flag { options.cellSizeMeters = 1000 }
  do {
    switch Int(selector & 0x07) % 5 {
    case 0:
      let result = try PopulationLoader.load(content: content, file: file, options: options)
      checkSkipped(result.skipped, file: file)
      for unit in result.items {
        Fuzzer.check(unit.location.isValid, "unit \(unit.id) at \(unit.location)")
        Fuzzer.check(
          unit.population.isFinite && unit.population >= 0,
          "unit \(unit.id) population \(unit.population)")
      }
    case 1:
      let result = try ServiceLoader.load(content: content, file: file, options: options)
      checkSkipped(result.skipped, file: file)
      for service in result.items {
        Fuzzer.check(service.location.isValid, "service \(service.id) at \(service.location)")
        Fuzzer.check(!service.category.isEmpty, "service \(service.id) without a category")
        if let capacity = service.capacity {
          Fuzzer.check(capacity.isFinite && capacity >= 0, "capacity \(capacity)")
        }
      }
    case 2:
      let result = try RegionLoader.load(content: content, file: file, options: options)
      checkSkipped(result.skipped, file: file)
      for region in result.items {
        Fuzzer.check(!region.polygons.isEmpty, "region \(region.id) without polygons")
        for polygon in region.polygons {
          for ring in polygon {
            for point in ring {
              Fuzzer.check(point.isValid, "region \(region.id) has \(point)")
            }
          }
        }
      }
    case 3:
      let roadOptions = RoadFieldOptions(
        lengthField: flag ? "length_m" : nil, crs: crs, skipInvalid: skipInvalid)
      let result = try RoadLoader.load(content: content, file: file, options: roadOptions)
      checkSkipped(result.skipped, file: file)
      for road in result.items {
        Fuzzer.check(road.coordinates.count >= 2, "a road with \(road.coordinates.count) points")
        for point in road.coordinates { Fuzzer.check(point.isValid, "a road point \(point)") }
        if let speed = road.maxSpeedKmh {
          Fuzzer.check(speed.isFinite && speed > 0, "maxspeed \(speed)")
        }
        if let length = road.lengthMeters {
          Fuzzer.check(length.isFinite && length >= 0, "length \(length)")
        }
      }
    default:
      _ = try SpeedTableLoader.load(content: content, file: file)
    }
  } catch {
    Fuzzer.checkInputError(error, file: file)
  }
  return 0
}

/// Skipped records must be the skippable kind, each naming the file.
private func checkSkipped(_ skipped: [InputError], file: String) {
  for error in skipped {
    Fuzzer.check(error.isSkippable, "skipped an unskippable error: \(error)")
    Fuzzer.checkInputError(error, file: file)
  }
}
