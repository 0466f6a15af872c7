import ServiceGap

/// Loads a road network from GeoJSON LineStrings and MultiLineStrings.
///
/// **Geometry.** A LineString is one ``RoadSegment``; a MultiLineString is one segment per
/// part, each with the feature's attributes. Any other geometry (or a null one) is an
/// ``InputError/unsupportedGeometry(file:feature:type:expected:)``; a line or part with
/// fewer than two distinct positions is an ``InputError/invalidLine(file:feature:reason:)``.
/// Both can be skipped with ``RoadFieldOptions/skipInvalid``, which skips the whole
/// feature. Coordinates are read like every GeoJSON input: ``RoadFieldOptions/crs``, else
/// the file's legacy `crs` member, else EPSG:4326.
///
/// **Properties** (names from ``RoadFieldOptions``, matched exactly, else ignoring case):
/// - `highway`: text, trimmed; anything else (null, a number) means no class.
/// - `maxspeed` → ``RoadSegment/maxSpeedKmh``: a JSON number in km/h, or text: `70`,
///   `70 km/h`, `40 mph` (× 1.609344), `12 knots`, several limits `50;70` (the lowest
///   wins). Values without a number (`SE:urban`, `none`, `signals`, `walk`) and
///   non-positive numbers give no limit, so the road runs at its class's speed; one
///   warning counts them.
/// - `oneway` → ``RoadSegment/direction``: true, `yes`, `true`, `1` are forward (the drawn
///   direction); `-1`, `reverse` backward; false, `no`, `false`, `0` both ways. Without a
///   value (absent, null, empty) a `junction` of `roundabout` or `circular` makes the road
///   forward, else it is two-way. Any other value is two-way, with one warning per
///   distinct value.
/// - `foot`, `bicycle`, `access`, `oneway:bicycle` and `motorroad` → the segment's tags of
///   the same names, which walking and cycling read (``TravelProfile``): text, trimmed
///   (true and false read as `yes` and `no`); absent, null or empty means untagged. Read
///   only when ``RoadFieldOptions/profile`` walks or cycles: by car they are left out, so
///   the roads are the same whichever of them the file has.
/// - ``RoadFieldOptions/lengthField`` → ``RoadSegment/lengthMeters``: when named, a
///   positive number on every feature (else ``InputError/badLength(file:feature:field:value:)``).
///   A MultiLineString's length is shared among its parts in proportion to their geodesic
///   lengths.
///
/// When the `highway`, `maxspeed` or `oneway` property has a value in no feature at all,
/// the loader warns, since every road then gets its class speed, the fallback speed, or
/// two-way travel.
public enum RoadLoader {
  /// The geometry types a road feature may have.
  public static let geometryTypes = ["LineString", "MultiLineString"]

  /// Loads roads from a GeoJSON file, a GeoPackage layer or an OpenStreetMap extract
  /// (through GDAL; see ``OSMReader``).
  ///
  /// - Parameters:
  ///   - file: Path of a `.geojson` file; also the name in messages.
  ///   - options: Property names, CRS and strictness.
  /// - Returns: The road segments in file order, with skipped features and warnings.
  /// - Throws: ``InputError``.
  public static func load(file: String, options: RoadFieldOptions = RoadFieldOptions()) throws
    -> LoadResult<RoadSegment>
  {
    if let document = try DatasetInput.document(file: file, role: .roads(options.profile)) {
      return try load(document: document, options: options)
    }
    return try load(content: InputFile.bytes(of: file), file: file, options: options)
  }

  /// Loads roads from GeoJSON content already in memory.
  ///
  /// - Parameters:
  ///   - content: The file's bytes.
  ///   - file: The file name used in messages.
  ///   - options: Property names, CRS and strictness.
  /// - Returns: The road segments in file order, with skipped features and warnings.
  /// - Throws: ``InputError``.
  public static func load(
    content: [UInt8], file: String, options: RoadFieldOptions = RoadFieldOptions()
  ) throws -> LoadResult<RoadSegment> {
    guard InputFormat.detect(path: file, bytes: content) == .geojson else {
      throw InputError.notGeoJSON(
        file: file, feature: nil,
        message: "roads must be a GeoJSON file of LineString or MultiLineString features")
    }
    return try load(document: GeoJSONReader.parse(content, file: file), options: options)
  }

  private static func load(document: GeoJSONDocument, options: RoadFieldOptions) throws
    -> LoadResult<RoadSegment>
  {
    let file = document.file
    var context = LoadContext(file: file, kind: .roads, skipInvalid: options.skipInvalid)
    let input = try PointLocator.coordinateInput(
      for: document, options: FieldOptions(crs: options.crs, skipInvalid: options.skipInvalid),
      context: &context)
    let fields = try Fields(document: document, options: options)
    fields.warnAboutMissingValues(document, options: options, context: &context)

    var pending = Pending()
    var tally = Tally()
    for feature in document.features {
      do throws(InputError) {
        let parts = try lineParts(of: feature, file: file)
        for part in parts {
          for position in part {
            try input.checkRange(
              x: position.x, y: position.y, file: file, location: .feature(feature.number))
          }
        }
        let length = try fields.length(of: feature, file: file)
        let attributes = fields.attributes(of: feature)
        tally.count(attributes, feature: feature.number)
        pending.append(feature.number, parts: parts, attributes: attributes, length: length)
      } catch {
        try context.handle(error)
      }
    }
    tally.warn(options: options, context: &context)
    let warning =
      input.isGeographic
      ? CoordinateHeuristics.swappedWarning(
        xs: pending.xs, ys: pending.ys, expectedArea: nil,
        hint: "GeoJSON positions are [longitude, latitude]; swap the two numbers in the file")
      : CoordinateHeuristics.degreesWarning(xs: pending.xs, ys: pending.ys, input: input)
    if let warning { context.warn(warning) }

    let roads = try pending.segments(input: input, context: &context)
    return LoadResult(
      items: roads, skipped: context.skipped, warnings: context.warnings, sourceCRS: input.crs)
  }

  /// The lines of a LineString or MultiLineString feature, each with two distinct positions.
  ///
  /// - Throws: ``InputError/unsupportedGeometry(file:feature:type:expected:)`` or
  ///   ``InputError/invalidLine(file:feature:reason:)``.
  private static func lineParts(of feature: GeoJSONFeature, file: String) throws(InputError)
    -> [[GeoJSONPosition]]
  {
    let parts: [[GeoJSONPosition]]
    let isMulti: Bool
    switch feature.geometry {
    case .lineString(let positions)?:
      parts = [positions]
      isMulti = false
    case .multiLineString(let lines)?:
      parts = lines
      isMulti = true
    case let other?:
      throw .unsupportedGeometry(
        file: file, feature: feature.number, type: other.typeName, expected: geometryTypes)
    case nil:
      throw .unsupportedGeometry(
        file: file, feature: feature.number, type: "null", expected: geometryTypes)
    }
    guard !parts.isEmpty else {
      throw .invalidLine(
        file: file, feature: feature.number, reason: "a MultiLineString without lines")
    }
    for (index, part) in parts.enumerated() {
      if let first = part.first, part.contains(where: { $0 != first }) { continue }
      let count: String
      switch part.count {
      case 0: count = "no positions"
      case 1: count = "1 position"
      default: count = "\(part.count) positions, all the same"
      }
      let place = isMulti ? "part \(index + 1) of \(parts.count): " : ""
      throw .invalidLine(
        file: file, feature: feature.number,
        reason: "\(place)\(count); a line needs at least 2 distinct positions")
    }
    return parts
  }

  /// A property name as spelled in the file: `wanted` exactly, else ignoring case.
  static func propertyName(_ wanted: String, in names: [String]) -> String? {
    if names.contains(wanted) { return wanted }
    let lowered = wanted.lowercased()
    return names.first { $0.lowercased() == lowered }
  }

  /// The attributes of one road feature.
  struct Attributes {
    var highway: String?
    var maxSpeedKmh: Double?
    var direction: TravelDirection
    /// `foot`, `bicycle`, `access`, `oneway:bicycle`, `motorroad`: those with a value.
    var travelTags: [String: String] = [:]
    /// A non-empty `maxspeed` that gave no limit.
    var unusableMaxSpeed: JSONValue?
    /// A `oneway` value that is not a recognised one.
    var unknownOneway: JSONValue?
  }

  /// The OpenStreetMap keys walking and cycling read, as road properties.
  static let travelTagKeys = ["foot", "bicycle", "access", "oneway:bicycle", "motorroad"]

  /// The properties found in the file, as spelled there.
  private struct Fields {
    var highway: String?
    var maxSpeed: String?
    var oneway: String?
    var junction: String?
    var length: String?
    /// The keys of ``travelTagKeys`` the file has, with their property names.
    var travelTags: [(key: String, property: String)]

    init(document: GeoJSONDocument, options: RoadFieldOptions) throws(InputError) {
      let names = document.propertyNames
      highway = propertyName(options.highwayField, in: names)
      maxSpeed = propertyName(options.maxSpeedField, in: names)
      oneway = propertyName(options.onewayField, in: names)
      junction = propertyName("junction", in: names)
      // By car the tags are not read: the roads are the same with or without them.
      travelTags =
        options.profile == .car
        ? []
        : travelTagKeys.compactMap { key in propertyName(key, in: names).map { (key, $0) } }
      if let requested = options.lengthField {
        guard let name = propertyName(requested, in: names) else {
          throw .missingLengthField(file: document.file, field: requested, available: names)
        }
        length = name
      }
    }

    /// Warns about `highway`, `maxspeed` and `oneway` when no feature has a value.
    func warnAboutMissingValues(
      _ document: GeoJSONDocument, options: RoadFieldOptions, context: inout LoadContext
    ) {
      func check(_ name: String?, requested: String, consequence: String) {
        guard let name else {
          context.warn("no feature has a '\(requested)' property; \(consequence)")
          return
        }
        let hasValue = document.features.contains { !RoadAttributes.isEmpty($0.properties[name]) }
        if !hasValue { context.warn("'\(name)' is empty in every feature; \(consequence)") }
      }
      let fallback = InputError.number(SpeedTable.defaults.fallbackKmh)
      check(
        highway, requested: options.highwayField,
        consequence: "roads without a usable maxspeed run at \(fallback) km/h")
      check(
        maxSpeed, requested: options.maxSpeedField,
        consequence: "speeds come from the highway class")
      check(
        oneway, requested: options.onewayField,
        consequence: "every road is taken as two-way"
          + (junction == nil ? "" : ", except roundabouts (junction=roundabout)"))
    }

    /// The `--length-field` value; nil without the option.
    ///
    /// - Throws: ``InputError/badLength(file:feature:field:value:)``.
    func length(of feature: GeoJSONFeature, file: String) throws(InputError) -> Double? {
      guard let length else { return nil }
      let value = feature.properties[length]
      guard let meters = value?.number, meters.isFinite, meters > 0 else {
        let shown = RoadAttributes.isEmpty(value) ? "" : value?.displayText ?? ""
        throw .badLength(file: file, feature: feature.number, field: length, value: shown)
      }
      return meters
    }

    func attributes(of feature: GeoJSONFeature) -> Attributes {
      let properties = feature.properties
      var result = Attributes(highway: nil, maxSpeedKmh: nil, direction: .both)
      if let highway, case .string(let text)? = properties[highway] {
        result.highway = text.trimmedOfSpaces
      }
      if let maxSpeed, let value = properties[maxSpeed], !RoadAttributes.isEmpty(value) {
        result.maxSpeedKmh = RoadAttributes.maxSpeedKmh(value)
        if result.maxSpeedKmh == nil { result.unusableMaxSpeed = value }
      }
      let onewayValue = oneway.flatMap { properties[$0] }
      if let onewayValue, !RoadAttributes.isEmpty(onewayValue) {
        if let direction = RoadAttributes.direction(oneway: onewayValue) {
          result.direction = direction
        } else {
          result.unknownOneway = onewayValue
        }
      } else if RoadAttributes.isRoundabout(junction.flatMap { properties[$0] }) {
        result.direction = .forward
      }
      for (key, property) in travelTags {
        if let text = RoadAttributes.tagText(properties[property]) { result.travelTags[key] = text }
      }
      return result
    }
  }

  /// Counts unusable `maxspeed` and unknown `oneway` values for the warnings.
  private struct Tally {
    var unusableSpeeds = 0
    var speedExamples: [String] = []
    /// Unknown `oneway` values in order of first appearance: text, count, first feature.
    var onewayValues: [(text: String, count: Int, first: Int)] = []

    mutating func count(_ attributes: Attributes, feature: Int) {
      if let value = attributes.unusableMaxSpeed {
        unusableSpeeds += 1
        let text = value.displayText
        if speedExamples.count < 3, !speedExamples.contains(text) { speedExamples.append(text) }
      }
      if let value = attributes.unknownOneway {
        let text = value.displayText
        if let index = onewayValues.firstIndex(where: { $0.text == text }) {
          onewayValues[index].count += 1
        } else {
          onewayValues.append((text, 1, feature))
        }
      }
    }

    func warn(options: RoadFieldOptions, context: inout LoadContext) {
      if unusableSpeeds > 0 {
        let examples = speedExamples.map { "'\($0)'" }.joined(separator: ", ")
        let have = unusableSpeeds == 1 ? "feature has" : "features have"
        context.warn(
          "\(unusableSpeeds) \(have) a '\(options.maxSpeedField)' with no speed in km/h or mph "
            + "(such as \(examples)); their speed comes from the highway class")
      }
      for value in onewayValues {
        let features = value.count == 1 ? "1 feature" : "\(value.count) features"
        context.warn(
          "'\(options.onewayField)' is '\(value.text)' on \(features) (first: feature "
            + "\(value.first)), which is not yes, no or -1; those roads are taken as two-way")
      }
    }
  }

  /// Features that passed the checks, waiting for coordinate conversion.
  private struct Pending {
    var numbers: [Int] = []
    var attributes: [Attributes] = []
    var lengths: [Double?] = []
    /// Per feature, the ranges of its parts in `xs`/`ys`.
    var parts: [[Range<Int>]] = []
    var xs: [Double] = []
    var ys: [Double] = []

    mutating func append(
      _ number: Int, parts lines: [[GeoJSONPosition]], attributes: Attributes, length: Double?
    ) {
      numbers.append(number)
      self.attributes.append(attributes)
      lengths.append(length)
      var ranges: [Range<Int>] = []
      ranges.reserveCapacity(lines.count)
      for line in lines {
        let start = xs.count
        for position in line {
          xs.append(position.x)
          ys.append(position.y)
        }
        ranges.append(start..<xs.count)
      }
      parts.append(ranges)
    }

    /// Converts every position in one batch and builds the segments; a feature with a
    /// position PROJ cannot convert is an ``InputError/untransformable(file:location:x:y:crs:)``.
    func segments(input: CoordinateInput, context: inout LoadContext) throws(InputError)
      -> [RoadSegment]
    {
      let points: [LonLat?]
      if input.converter == nil {
        points = zip(xs, ys).map { LonLat(lon: $0, lat: $1) }
      } else {
        points = input.lonLats(xs: xs, ys: ys)
      }
      var roads: [RoadSegment] = []
      roads.reserveCapacity(numbers.count)
      for (feature, ranges) in parts.enumerated() {
        var lines: [[LonLat]] = []
        lines.reserveCapacity(ranges.count)
        var failed: Int?
        for range in ranges {
          var line: [LonLat] = []
          line.reserveCapacity(range.count)
          for index in range {
            guard let point = points[index] else {
              failed = index
              break
            }
            line.append(point)
          }
          if failed != nil { break }
          lines.append(line)
        }
        if let failed {
          try context.handle(
            .untransformable(
              file: context.file, location: .feature(numbers[feature]), x: xs[failed],
              y: ys[failed], crs: input.crs))
          continue
        }
        let shares = Self.lengths(of: lines, total: lengths[feature])
        let attributes = attributes[feature]
        let tags = attributes.travelTags
        for (line, length) in zip(lines, shares) {
          roads.append(
            RoadSegment(
              coordinates: line, highway: attributes.highway,
              maxSpeedKmh: attributes.maxSpeedKmh, direction: attributes.direction,
              lengthMeters: length, foot: tags["foot"], bicycle: tags["bicycle"],
              access: tags["access"], onewayBicycle: tags["oneway:bicycle"],
              motorroad: tags["motorroad"]))
        }
      }
      return roads
    }

    /// Shares a feature's true length among its parts by their geodesic lengths.
    private static func lengths(of lines: [[LonLat]], total: Double?) -> [Double?] {
      guard let total else { return Array(repeating: nil, count: lines.count) }
      guard lines.count > 1 else { return [total] }
      let drawn = lines.map { line in
        zip(line, line.dropFirst()).reduce(0.0) {
          $0 + geodesicDistanceMeters(from: $1.0, to: $1.1)
        }
      }
      let sum = drawn.reduce(0, +)
      guard sum > 0 else { return lines.map { _ in total / Double(lines.count) } }
      return drawn.map { total * $0 / sum }
    }
  }
}
