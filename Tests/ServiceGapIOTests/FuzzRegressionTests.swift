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
}
