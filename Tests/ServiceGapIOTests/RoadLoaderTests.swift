import Foundation
import ServiceGap
import Testing

@testable import ServiceGapIO

/// A FeatureCollection of the given features.
private func roads(_ features: String..., crs: String? = nil) -> [UInt8] {
  let member = crs.map { #""crs":{"type":"name","properties":{"name":"\#($0)"}},"# } ?? ""
  return #"{"type":"FeatureCollection",\#(member)"features":[\#(features.joined(separator: ","))]}"#
    .bytes
}

/// A LineString feature with the given properties (JSON object members).
private func line(_ properties: String, _ coordinates: String = "[[18,64],[18.01,64]]") -> String {
  #"{"type":"Feature","properties":{\#(properties)},"geometry":{"type":"LineString","coordinates":\#(coordinates)}}"#
}

/// A feature with any geometry.
private func feature(_ properties: String, _ geometry: String) -> String {
  #"{"type":"Feature","properties":{\#(properties)},"geometry":\#(geometry)}"#
}

/// The error the road loader throws for `content`, or nil.
private func roadError(
  _ content: [UInt8], file: String = "roads.geojson", options: RoadFieldOptions = RoadFieldOptions()
) -> InputError? {
  do {
    _ = try RoadLoader.load(content: content, file: file, options: options)
    return nil
  } catch {
    return error as? InputError
  }
}

@Suite("RoadLoader")
struct RoadLoaderTests {
  // MARK: Real networks

  @Test func umeaRegion() throws {
    let result = try RoadLoader.load(
      file: IOTestPaths.fixture("roads/umea_region_roads.geojson"),
      options: RoadFieldOptions(lengthField: "length_m"))
    #expect(result.items.count == 5_502)
    #expect(result.skipped.isEmpty && result.warnings.isEmpty)
    #expect(result.sourceCRS == "EPSG:4326")
    #expect(result.items.filter { $0.direction == .forward }.count == 1_581)
    #expect(result.items.filter { $0.direction == .both }.count == 3_921)
    #expect(result.items.filter { $0.maxSpeedKmh == nil }.count == 778)
    #expect(result.items.allSatisfy { ($0.lengthMeters ?? 0) > 0 })
    let kilometres = result.items.reduce(0) { $0 + ($1.lengthMeters ?? 0) } / 1000
    #expect(abs(kilometres - 2_783.8) < 0.05)
    var classes: [String: Int] = [:]
    for road in result.items { classes[road.highway ?? "-", default: 0] += 1 }
    #expect(
      classes == [
        "residential": 2_025, "tertiary": 1_365, "trunk": 926, "secondary": 925, "primary": 122,
        "trunk_link": 90, "secondary_link": 45, "tertiary_link": 4,
      ])
    let first = try #require(result.items.first)
    #expect(
      first
        == RoadSegment(
          coordinates: [
            LonLat(lon: 20.3067997, lat: 63.882211), LonLat(lon: 20.3067998, lat: 63.8821035),
          ],
          highway: "secondary", maxSpeedKmh: nil, direction: .both, lengthMeters: 12))
  }

  @Test func umeaRegionWithoutLengthField() throws {
    let result = try RoadLoader.load(
      file: IOTestPaths.fixture("roads/umea_region_roads.geojson"))
    #expect(result.items.count == 5_502)
    #expect(result.items.allSatisfy { $0.lengthMeters == nil })
  }

  @Test func samsoe() throws {
    let result = try RoadLoader.load(file: IOTestPaths.fixture("roads/samsoe_roads.geojson"))
    #expect(result.items.count == 1_286)
    #expect(result.skipped.isEmpty && result.warnings.isEmpty)
    #expect(result.items.filter { $0.direction == .forward }.count == 54)
    #expect(result.items.filter { $0.direction == .backward }.isEmpty)
    #expect(result.items.filter { $0.maxSpeedKmh != nil }.count == 228)
    var speeds: [Double: Int] = [:]
    for road in result.items { if let speed = road.maxSpeedKmh { speeds[speed, default: 0] += 1 } }
    #expect(speeds == [50: 153, 80: 69, 60: 3, 40: 3])
    var classes: [String: Int] = [:]
    for road in result.items { classes[road.highway ?? "-", default: 0] += 1 }
    #expect(
      classes == [
        "service": 694, "residential": 327, "unclassified": 188, "tertiary": 75,
        "living_street": 2,
      ])
  }

  @Test func helsinkiStringSpeeds() throws {
    let path = IOTestPaths.fixture("osm/helsinki_centre_roads.geojson")
    let result = try RoadLoader.load(file: path)
    #expect(result.items.count == 2_417)
    #expect(result.skipped.isEmpty && result.warnings.isEmpty)
    // Every maxspeed is text ("30") or null; each text parses to its number.
    let document = try GeoJSONReader.read(file: path)
    var strings = 0
    for (feature, road) in zip(document.features, result.items) {
      switch feature.properties["maxspeed"] {
      case .string(let text)?:
        strings += 1
        #expect(road.maxSpeedKmh == Double(text), "feature \(feature.number)")
      default:
        #expect(road.maxSpeedKmh == nil, "feature \(feature.number)")
      }
    }
    #expect(strings == 749)
    #expect(result.items[176].maxSpeedKmh == 10 && result.items[176].highway == "service")
    #expect(result.items[257].maxSpeedKmh == 10 && result.items[257].direction == .forward)
    #expect(result.items[55].direction == .both)  // oneway "no"
    #expect(result.items.filter { $0.direction == .forward }.count == 451)
    var speeds: [Double: Int] = [:]
    for road in result.items { if let speed = road.maxSpeedKmh { speeds[speed, default: 0] += 1 } }
    #expect(speeds == [30: 551, 40: 174, 20: 11, 10: 10, 5: 2, 50: 1])
  }

  // MARK: maxspeed

  @Test(
    arguments: [
      (JSONValue.number(70), 70.0),
      (.number(42.5), 42.5),
      (.string("70"), 70),
      (.string(" 70 "), 70),
      (.string("70 km/h"), 70),
      (.string("70km/h"), 70),
      (.string("70 kmh"), 70),
      (.string("70 KPH"), 70),
      (.string("30 mph"), 30 * 1.609344),
      (.string("30mph"), 30 * 1.609344),
      (.string("10 knots"), 18.52),
      (.string("50;70"), 50),
      (.string("70; 50"), 50),
      (.string("40 mph;80"), 40 * 1.609344),
      (.string("signals;60"), 60),
    ] as [(JSONValue, Double)])
  func maxSpeedParses(value: JSONValue, kmh: Double) throws {
    let parsed = try #require(RoadAttributes.maxSpeedKmh(value))
    #expect(abs(parsed - kmh) < 1e-9)
  }

  @Test(arguments: [
    JSONValue.string("SE:urban"), .string("DK:rural"), .string("none"), .string("signals"),
    .string("walk"), .string(""), .string("0"), .string("-30"), .string("fast"),
    .string("70 furlongs"), .string("nan"), .number(0), .number(-50), .bool(true), .null,
    .other("[50]"),
  ])
  func maxSpeedWithoutLimit(value: JSONValue) {
    #expect(RoadAttributes.maxSpeedKmh(value) == nil)
  }

  @Test func maxSpeedFormsThroughTheLoader() throws {
    let result = try RoadLoader.load(
      content: roads(
        line(#""highway":"primary","maxspeed":"70 mph","oneway":"no""#),
        line(#""highway":"primary","maxspeed":"50;70","oneway":"no""#),
        line(#""highway":"primary","maxspeed":"SE:urban","oneway":"no""#),
        line(#""highway":"primary","maxspeed":"none","oneway":"no""#),
        line(#""highway":"primary","maxspeed":0,"oneway":"no""#),
        line(#""highway":"primary","maxspeed":null,"oneway":"no""#),
        line(#""highway":"primary","maxspeed":90,"oneway":"no""#),
        line(#""highway":"primary","maxspeed":"SE:urban","oneway":"no""#)),
      file: "roads.geojson")
    #expect(
      result.items.map(\.maxSpeedKmh) == [70 * 1.609344, 50, nil, nil, nil, nil, 90, nil])
    #expect(
      result.warnings == [
        "roads.geojson: 4 features have a 'maxspeed' with no speed in km/h or mph (such as "
          + "'SE:urban', 'none', '0'); their speed comes from the highway class"
      ])
  }

  // MARK: oneway

  @Test(
    arguments: [
      (JSONValue.bool(true), TravelDirection.forward), (.bool(false), .both),
      (.string("yes"), .forward), (.string("YES"), .forward), (.string(" true "), .forward),
      (.string("1"), .forward), (.string("-1"), .backward), (.string("reverse"), .backward),
      (.string("no"), .both), (.string("false"), .both), (.string("0"), .both),
      (.string(""), .both), (.null, .both), (.number(1), .forward), (.number(-1), .backward),
      (.number(0), .both),
    ] as [(JSONValue, TravelDirection)])
  func onewayForms(value: JSONValue, direction: TravelDirection) {
    #expect(RoadAttributes.direction(oneway: value) == direction)
  }

  @Test(arguments: [
    JSONValue.string("reversible"), .string("alternating"), .number(2), .other("{}"),
  ])
  func onewayUnknown(value: JSONValue) {
    #expect(RoadAttributes.direction(oneway: value) == nil)
  }

  @Test func onewayThroughTheLoader() throws {
    let result = try RoadLoader.load(
      content: roads(
        line(#""highway":"residential","oneway":true"#),
        line(#""highway":"residential","oneway":false"#),
        line(#""highway":"residential","oneway":"yes""#),
        line(#""highway":"residential","oneway":"-1""#),
        line(#""highway":"residential","oneway":"reversible""#),
        line(#""highway":"residential","oneway":null,"junction":"roundabout""#),
        line(#""highway":"residential","junction":"circular""#),
        line(#""highway":"residential","oneway":"no","junction":"roundabout""#),
        line(#""highway":"residential","oneway":"","junction":"roundabout""#),
        line(#""highway":"residential","oneway":"alternating""#),
        line(#""highway":"residential","oneway":"reversible""#),
        line(#""highway":"residential","oneway":null"#)),
      file: "roads.geojson")
    #expect(
      result.items.map(\.direction) == [
        .forward, .both, .forward, .backward, .both, .forward, .forward, .both, .forward, .both,
        .both, .both,
      ])
    // No feature has a maxspeed property: that warning comes first.
    #expect(
      result.warnings == [
        "roads.geojson: no feature has a 'maxspeed' property; speeds come from the highway class",
        "roads.geojson: 'oneway' is 'reversible' on 2 features (first: feature 5), which is not "
          + "yes, no or -1; those roads are taken as two-way",
        "roads.geojson: 'oneway' is 'alternating' on 1 feature (first: feature 10), which is not "
          + "yes, no or -1; those roads are taken as two-way",
      ])
  }

  // MARK: Missing properties

  @Test func warnsAboutPropertiesInNoFeature() throws {
    let result = try RoadLoader.load(
      content: roads(line(#""name":"Storgatan""#)), file: "roads.geojson")
    #expect(
      result.items == [
        RoadSegment(coordinates: [LonLat(lon: 18, lat: 64), LonLat(lon: 18.01, lat: 64)])
      ])
    #expect(
      result.warnings == [
        "roads.geojson: no feature has a 'highway' property; roads without a usable maxspeed "
          + "run at 50 km/h",
        "roads.geojson: no feature has a 'maxspeed' property; speeds come from the highway class",
        "roads.geojson: no feature has a 'oneway' property; every road is taken as two-way",
      ])
  }

  @Test func warnsAboutPropertiesEmptyEverywhere() throws {
    let result = try RoadLoader.load(
      content: roads(
        line(#""highway":"tertiary","maxspeed":null,"oneway":null,"junction":null"#),
        line(#""highway":"tertiary","maxspeed":"","oneway":null"#)),
      file: "roads.geojson")
    #expect(
      result.warnings == [
        "roads.geojson: 'maxspeed' is empty in every feature; speeds come from the highway class",
        "roads.geojson: 'oneway' is empty in every feature; every road is taken as two-way, "
          + "except roundabouts (junction=roundabout)",
      ])
  }

  @Test func customPropertyNamesIgnoreCase() throws {
    let result = try RoadLoader.load(
      content: roads(line(#""KLASS":"trunk","Hastighet":"90","Enkelriktad":"yes""#)),
      file: "roads.geojson",
      options: RoadFieldOptions(
        highwayField: "klass", maxSpeedField: "hastighet", onewayField: "enkelriktad"))
    #expect(result.warnings.isEmpty)
    #expect(result.items.first?.highway == "trunk")
    #expect(result.items.first?.maxSpeedKmh == 90)
    #expect(result.items.first?.direction == .forward)
  }

  @Test func highwayMustBeText() throws {
    let result = try RoadLoader.load(
      content: roads(
        line(#""highway":" tertiary ","maxspeed":50,"oneway":false"#),
        line(#""highway":5,"maxspeed":50,"oneway":false"#),
        line(#""highway":"","maxspeed":50,"oneway":false"#)),
      file: "roads.geojson")
    #expect(result.items.map(\.highway) == ["tertiary", nil, nil])
  }

  // MARK: Geometry

  @Test func multiLineStringSplitsIntoParts() throws {
    let multi = feature(
      #""highway":"tertiary","maxspeed":"60","oneway":"-1","len":300"#,
      #"{"type":"MultiLineString","coordinates":[[[18,64],[18.01,64]],[[18.02,64],[18.03,64],[18.04,64]]]}"#
    )
    let result = try RoadLoader.load(
      content: roads(multi, line(#""highway":"service","len":"12,5""#)), file: "roads.geojson",
      options: RoadFieldOptions(lengthField: "len"))
    #expect(result.items.count == 3)
    #expect(result.items[0].coordinates == [LonLat(lon: 18, lat: 64), LonLat(lon: 18.01, lat: 64)])
    #expect(result.items[1].coordinates.count == 3)
    for road in result.items.prefix(2) {
      #expect(road.highway == "tertiary" && road.maxSpeedKmh == 60 && road.direction == .backward)
    }
    // 300 m shared 1 : 2 by the parts' geodesic lengths.
    let first = try #require(result.items[0].lengthMeters)
    let second = try #require(result.items[1].lengthMeters)
    #expect(abs(first + second - 300) < 1e-9)
    #expect(abs(first - 100) < 1e-3 && abs(second - 200) < 1e-3)
    #expect(result.items[2].lengthMeters == 12.5)
  }

  @Test func pointFeatureIsAnError() {
    let error = roadError(
      roads(
        line(#""highway":"tertiary""#),
        feature(#""highway":"tertiary""#, #"{"type":"Point","coordinates":[18,64]}"#)))
    #expect(
      error
        == .unsupportedGeometry(
          file: "roads.geojson", feature: 2, type: "Point",
          expected: ["LineString", "MultiLineString"]))
    #expect(
      error?.description
        == "roads.geojson feature 2: geometry Point cannot be used here (expected LineString, "
        + "MultiLineString). Change the feature or pass --skip-invalid to skip such features.")
    #expect(
      roadError(roads(feature("", "null")))
        == .unsupportedGeometry(
          file: "roads.geojson", feature: 1, type: "null",
          expected: ["LineString", "MultiLineString"]))
  }

  @Test func degenerateLines() {
    let single = roadError(roads(line("", "[[18,64],[18,64],[18,64]]")))
    #expect(
      single
        == .invalidLine(
          file: "roads.geojson", feature: 1,
          reason: "3 positions, all the same; a line needs at least 2 distinct positions"))
    #expect(
      single?.description
        == "roads.geojson feature 1: invalid line (3 positions, all the same; a line needs at least "
        + "2 distinct positions). Fix or remove the feature, or pass --skip-invalid to skip such "
        + "features.")
    #expect(
      roadError(roads(line("", "[[18,64]]")))?.description
        == "roads.geojson feature 1: invalid line (1 position; a line needs at least 2 distinct "
        + "positions). Fix or remove the feature, or pass --skip-invalid to skip such features.")
    let part = feature("", #"{"type":"MultiLineString","coordinates":[[[18,64],[18.1,64]],[]]}"#)
    #expect(
      roadError(roads(line(""), part))
        == .invalidLine(
          file: "roads.geojson", feature: 2,
          reason: "part 2 of 2: no positions; a line needs at least 2 distinct positions"))
    let empty = feature("", #"{"type":"MultiLineString","coordinates":[]}"#)
    #expect(
      roadError(roads(empty))
        == .invalidLine(
          file: "roads.geojson", feature: 1, reason: "a MultiLineString without lines"))
  }

  @Test func skipInvalidSkipsWholeFeatures() throws {
    let result = try RoadLoader.load(
      content: roads(
        line(#""highway":"tertiary","maxspeed":70,"oneway":false,"length_m":10"#),
        feature(#""highway":"tertiary""#, #"{"type":"Point","coordinates":[18,64]}"#),
        line(#""highway":"tertiary","length_m":5"#, "[[18,64],[18,64]]"),
        line(#""highway":"tertiary","length_m":"abc""#),
        feature(
          #""highway":"tertiary","length_m":20"#,
          #"{"type":"MultiLineString","coordinates":[[[18,64],[18.1,64]],[[18.2,64]]]}"#),
        line(#""highway":"residential","length_m":7"#, "[[18,64],[18,95]]")),
      file: "roads.geojson", options: RoadFieldOptions(lengthField: "length_m", skipInvalid: true))
    #expect(result.items.count == 1)
    #expect(result.items.first?.lengthMeters == 10)
    #expect(
      result.skippedSummary
        == "roads.geojson: skipped 5 features (1 unsupported geometry, 2 invalid line, "
        + "1 bad length, 1 coordinates out of range)")
  }

  @Test func legacyCRSMemberIsHonoured() throws {
    let content = roads(
      line(#""highway":"tertiary""#, "[[758000,7087000],[759000,7087000]]"),
      crs: "urn:ogc:def:crs:EPSG::3006")
    let result = try RoadLoader.load(content: content, file: "roads.geojson")
    #expect(result.sourceCRS == "EPSG:3006")
    let road = try #require(result.items.first)
    #expect(road.coordinates.count == 2)
    for point in road.coordinates {
      #expect(point.lon > 20.2 && point.lon < 20.3 && point.lat > 63.8 && point.lat < 63.9)
    }
    let metres = geodesicDistanceMeters(from: road.coordinates[0], to: road.coordinates[1])
    #expect(abs(metres - 1000) < 5)
  }

  @Test func projectedCoordinatesWithoutCRSAreAnError() {
    let error = roadError(roads(line("", "[[758000,7087000],[759000,7087000]]")))
    #expect(
      error
        == .coordinateOutOfRange(
          file: "roads.geojson", location: .feature(1), x: 758000, y: 7087000, crs: "EPSG:4326",
          suggestedCRS: "EPSG:3006", declaredBy: .roads))
    // No option overrides a road file's CRS: the message says how to fix the file.
    #expect(
      error?.description
        == "roads.geojson feature 1: coordinates (758000, 7087000) are not degrees in EPSG:4326 "
        + "(longitude must be within ±180, latitude within ±90); they look like SWEREF99 TM "
        + "metres. GeoJSON positions are longitude/latitude (RFC 7946): reproject the file "
        + "(ogr2ogr -s_srs EPSG:3006 -t_srs EPSG:4326 lonlat.geojson roads.geojson), or name "
        + "its CRS in a crs member: \"crs\": {\"type\": \"name\", \"properties\": {\"name\": "
        + "\"EPSG:3006\"}}.")
  }

  @Test func csvIsNotARoadFile() {
    let error = roadError("a,b\n1,2\n".bytes, file: "roads.csv")
    #expect(
      error?.description
        == "roads.csv: not valid GeoJSON: roads must be a GeoJSON file of LineString or "
        + "MultiLineString features. See RFC 7946 for the expected structure.")
  }

  // MARK: Length field

  @Test(arguments: [
    (#""length_m":"abc""#, "abc"), (#""length_m":0"#, "0"), (#""length_m":-3.5"#, "-3.5"),
    (#""length_m":null"#, ""), (#""other":1"#, ""), (#""length_m":true"#, "true"),
  ])
  func badLengthValues(properties: String, shown: String) {
    let error = roadError(
      roads(line(#""length_m":12"#), line(properties)),
      options: RoadFieldOptions(lengthField: "length_m"))
    #expect(
      error == .badLength(file: "roads.geojson", feature: 2, field: "length_m", value: shown))
  }

  @Test func badLengthMessages() {
    #expect(
      InputError.badLength(file: "roads.geojson", feature: 2, field: "length_m", value: "abc")
        .description
        == "roads.geojson feature 2: property 'length_m' has 'abc', not a positive length in "
        + "metres. Fix the value, drop --length-field to use the geometry's length, or pass "
        + "--skip-invalid to skip such features.")
    #expect(
      InputError.badLength(file: "roads.geojson", feature: 4, field: "length_m", value: "")
        .description
        == "roads.geojson feature 4: property 'length_m' is empty, not a positive length in "
        + "metres. Fix the value, drop --length-field to use the geometry's length, or pass "
        + "--skip-invalid to skip such features.")
    #expect(InputError.badLength(file: "r", feature: 1, field: "l", value: "").isSkippable)
    #expect(
      InputError.badLength(file: "r", feature: 3, field: "l", value: "").location == .feature(3))
  }

  @Test func lengthFieldMissingFromEveryFeature() {
    let error = roadError(
      roads(line(#""highway":"tertiary","LENGTH_M":5"#)),
      options: RoadFieldOptions(lengthField: "length"))
    #expect(
      error
        == .missingLengthField(
          file: "roads.geojson", field: "length", available: ["highway", "LENGTH_M"]))
    #expect(
      error?.description
        == "roads.geojson: property 'length' given with --length-field is in no feature; the "
        + "properties are: highway, LENGTH_M. Check the spelling (names are not case-sensitive), "
        + "or drop --length-field to use the geometry's length.")
    // A different case is fine.
    #expect(
      roadError(
        roads(line(#""highway":"tertiary","LENGTH_M":5"#)),
        options: RoadFieldOptions(lengthField: "length_m")) == nil)
  }
}

extension RoadLoaderTests {
  /// Nested so that `--filter RoadLoaderTests` runs it too.
  @Suite("SpeedTableLoader")
  struct SpeedTableLoaderTests {
    private func speedsError(_ text: String, file: String = "speeds.csv") -> InputError? {
      do {
        _ = try SpeedTableLoader.load(content: text.bytes, file: file)
        return nil
      } catch {
        return error as? InputError
      }
    }

    @Test func overridesDefaultsAndKeepsTheRest() throws {
      let table = try SpeedTableLoader.load(
        content: "highway,speed_kmh\ntertiary,55\nresidential, 30 \nferry,12.5\n".bytes,
        file: "speeds.csv")
      var expected = SpeedTable.defaults.speeds
      expected["tertiary"] = 55
      expected["residential"] = 30
      expected["ferry"] = 12.5
      #expect(table.speeds == expected)
      #expect(table.speeds["trunk"] == 90)  // not in the file: default kept
      #expect(table.fallbackKmh == 50)
    }

    @Test func otherDelimitersCaseAndExtraColumns() throws {
      let semicolon = try SpeedTableLoader.load(
        content: "Highway;Speed_KMH;note\ntertiary;62,5;gravel\n".bytes, file: "speeds.csv")
      #expect(semicolon.speeds["tertiary"] == 62.5)
      let tab = try SpeedTableLoader.load(
        content: "speed_kmh\thighway\n45\tsecondary\n".bytes, file: "speeds.tsv")
      #expect(tab.speeds["secondary"] == 45)
      // Trailing empty fields are harmless.
      let trailing = try SpeedTableLoader.load(
        content: "highway,speed_kmh\nprimary,75,,\n".bytes, file: "speeds.csv")
      #expect(trailing.speeds["primary"] == 75)
    }

    @Test func loadsFromAFile() throws {
      let folder = try IOTestPaths.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let path = folder.appendingPathComponent("speeds.csv").path
      try "highway,speed_kmh\nservice,15\n".write(toFile: path, atomically: true, encoding: .utf8)
      #expect(try SpeedTableLoader.load(file: path).speeds["service"] == 15)
      #expect(throws: InputError.fileNotFound(file: "nope.csv")) {
        try SpeedTableLoader.load(file: "nope.csv")
      }
    }

    @Test(arguments: [
      ("highway,speed_kmh\ntertiary,60\nprimary,fast\n", 3, "fast"),
      ("highway,speed_kmh\ntertiary,0\n", 2, "0"),
      ("highway,speed_kmh\ntertiary,-20\n", 2, "-20"),
      ("highway,speed_kmh\ntertiary,\n", 2, ""),
      ("highway,speed_kmh\ntertiary\n", 2, ""),
      ("highway,speed_kmh\ntertiary,NaN\n", 2, "NaN"),
    ])
    func badSpeed(text: String, line: Int, value: String) {
      #expect(
        speedsError(text)
          == .badSpeed(file: "speeds.csv", line: line, field: "speed_kmh", value: value))
    }

    @Test func badSpeedMessage() {
      #expect(
        speedsError("highway,speed_kmh\ntertiary,60\nprimary,fast\n")?.description
          == "speeds.csv line 3: column 'speed_kmh' has 'fast', not a positive speed in km/h. Fix "
          + "the value, or delete the row to keep the class's default speed.")
      #expect(
        speedsError("highway,speed_kmh\ntertiary,\n")?.description
          == "speeds.csv line 2: column 'speed_kmh' is empty, not a positive speed in km/h. Fix "
          + "the value, or delete the row to keep the class's default speed.")
    }

    @Test func duplicateHighway() {
      let error = speedsError("highway,speed_kmh\ntertiary,60\nprimary,80\ntertiary,70\n")
      #expect(
        error == .duplicateHighway(file: "speeds.csv", line: 4, highway: "tertiary", firstLine: 2))
      #expect(
        error?.description
          == "speeds.csv line 4: highway class 'tertiary' is already given on line 2. Keep one row "
          + "per class.")
    }

    @Test func missingColumn() {
      let error = speedsError("highway,speed\ntertiary,60\n")
      #expect(
        error
          == .missingSpeedColumn(
            file: "speeds.csv", column: "speed_kmh", available: ["highway", "speed"]))
      #expect(
        error?.description
          == "speeds.csv: no 'speed_kmh' column; the columns are: highway, speed. A speeds file "
          + "needs the columns highway,speed_kmh, one row per road class (e.g. tertiary,60).")
      #expect(
        speedsError("class,speed_kmh\ntertiary,60\n")
          == .missingSpeedColumn(
            file: "speeds.csv", column: "highway", available: ["class", "speed_kmh"]))
    }

    @Test func malformedRows() {
      let empty = speedsError("highway,speed_kmh\n ,60\n")
      #expect(
        empty == .badSpeedRow(file: "speeds.csv", line: 2, reason: "column 'highway' is empty"))
      #expect(
        empty?.description
          == "speeds.csv line 2: column 'highway' is empty. A speeds file has one row per road "
          + "class: highway,speed_kmh (e.g. tertiary,60).")
      // A decimal comma in a comma-separated file splits the value: not silently 62.
      let split = speedsError("highway,speed_kmh\ntertiary,62,5\n")
      #expect(
        split?.description
          == "speeds.csv line 2: 3 fields, but the header has 2 (delimiter ','). A speeds file has "
          + "one row per road class: highway,speed_kmh (e.g. tertiary,60).")
      #expect(split?.isSkippable == false)
      #expect(split?.location == .line(2))
      #expect(speedsError("highway,speed_kmh\n") == .emptyFile(file: "speeds.csv", format: .csv))
    }
  }
}
