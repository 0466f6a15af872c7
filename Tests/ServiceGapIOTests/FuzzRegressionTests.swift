import ServiceGap
import Testing

@testable import ServiceGapIO

/// Inputs the fuzz targets in Fuzz/ found to break a promise of ServiceGapIO, each pinned
/// to its documented answer.
@Suite("Fuzz regressions (IO)")
struct IOFuzzRegressionTests {
  /// FuzzArguments, crash-31000790222225f0c2d33c517cbef665ad601a4b (`0220`): the year was
  /// printed through `Int`, so `0220` became `220-01-01`, which is no date and sorts after
  /// `2020-01-01`, against "normalised dates compare correctly as text".
  @Test func serviceDateKeepsTheYearsFourDigits() throws {
    let early = try #require(ServiceDate.normalise("0220"))
    #expect(early == "0220-01-01")
    #expect(ServiceDate.normalise(early) == early)
    #expect(ServiceDate.normalise("0009-12") == "0009-12-01")
    #expect(try early < #require(ServiceDate.normalise("2020")))
  }

  /// The same value in a services file's `opened` column.
  @Test func openedDateWithLeadingZeroYear() throws {
    let text = "id,category,opened,lon,lat\ns1,grocery,0220,18.5,64.5\n"
    let result = try ServiceLoader.load(content: Array(text.utf8), file: "s.csv")
    #expect(result.items.map(\.opened) == ["0220-01-01"])
  }

  /// FuzzCRS, timeout-209410de695c1b293652a823ce0afe662037647f (`+pr\0\0oj=tmerc …`).
  ///
  /// PROJ reads C strings, so it saw only `+pr`, searched its database for that name and took
  /// over 10 s under AddressSanitizer. A GeoJSON `crs` member can hold `\u0000`; the CRS is
  /// now refused as containing a NUL character, before PROJ sees it.
  @Test func crsWithANulCharacterIsRefusedBeforePROJ() {
    let geojson = """
      {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"+pr\\u0000oj=tmerc +lon_0=15"}},
      "features":[{"type":"Feature","properties":{"population":1},"geometry":{"type":"Point","coordinates":[5e5,7e6]}}]}
      """
    #expect {
      try PopulationLoader.load(content: Array(geojson.utf8), file: "p.geojson")
    } throws: { error in
      let message = "\(error)"
      return message.contains("p.geojson") && message.contains("NUL character")
    }
    #expect(throws: InputError.self) {
      try PopulationLoader.load(
        content: Array("x,y,population\n5e5,7e6,1\n".utf8), file: "p.csv",
        options: FieldOptions(crs: "EPSG:3006\0 junk"))
    }
  }
}
