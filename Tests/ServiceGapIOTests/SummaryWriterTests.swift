import Foundation
import ServiceGap
import Testing

@testable import ServiceGapIO

@Suite("SummaryWriter")
struct SummaryWriterTests {
  private let km10 = Threshold(value: 10, unit: .km)
  private let km20 = Threshold(value: 20, unit: .km)
  private let km25 = Threshold(value: 25, unit: .km)

  private var rows: [SummaryRow] {
    [
      SummaryRow(
        region: "Malå", category: "grocery", population: 3100, services: 2,
        servicesPer1000: 0.64516129, mean: 4.25, median: 1.0, p90: 18.2, max: 31.5, unit: .km,
        beyond: [
          BeyondThreshold(threshold: km10, population: 400, share: 0.129032, areaKm2: 1234.5678),
          BeyondThreshold(threshold: km20, population: 150, share: 0.0483871, areaKm2: nil),
        ], unreachablePopulation: 0, gini: 0.4123456789, personDistance: 13175.5,
        groups: [
          GroupTally(
            name: "kvinna", population: 1500,
            beyond: [
              BeyondThreshold(threshold: km10, population: 200, share: 0.1333333, areaKm2: nil),
              BeyondThreshold(threshold: km20, population: 70, share: 0.0466667, areaKm2: nil),
            ], unreachablePopulation: 0)
        ]),
      SummaryRow(
        region: "Skellefteå, centrum", category: "atm", population: 0, services: 0,
        servicesPer1000: nil, mean: nil, median: nil, p90: nil, max: nil, unit: .km,
        beyond: [BeyondThreshold(threshold: km25, population: 0, share: nil, areaKm2: 0)],
        unreachablePopulation: 0),
    ]
  }

  @Test func columnsAreTheUnionInOrderOfAppearance() {
    #expect(
      SummaryWriter.columns(rows: rows) == [
        "region", "category", "population", "services", "services_per_1000", "mean", "median",
        "p90", "max", "unit", "beyond_10km_pop", "beyond_10km_share", "beyond_10km_area_km2",
        "beyond_20km_pop", "beyond_20km_share", "beyond_20km_area_km2", "beyond_25km_pop",
        "beyond_25km_share", "beyond_25km_area_km2", "unreachable_pop", "gini", "p90_p50",
        "person_km", "kvinna_population", "kvinna_beyond_10km_pop", "kvinna_beyond_10km_share",
        "kvinna_beyond_20km_pop", "kvinna_beyond_20km_share", "kvinna_beyond_25km_pop",
        "kvinna_beyond_25km_share", "kvinna_unreachable_pop",
      ])
  }

  @Test func csv() {
    let expected = """
      region,category,population,services,services_per_1000,mean,median,p90,max,unit,beyond_10km_pop,beyond_10km_share,beyond_10km_area_km2,beyond_20km_pop,beyond_20km_share,beyond_20km_area_km2,beyond_25km_pop,beyond_25km_share,beyond_25km_area_km2,unreachable_pop,gini,p90_p50,person_km,kvinna_population,kvinna_beyond_10km_pop,kvinna_beyond_10km_share,kvinna_beyond_20km_pop,kvinna_beyond_20km_share,kvinna_beyond_25km_pop,kvinna_beyond_25km_share,kvinna_unreachable_pop
      Malå,grocery,3100,2,0.645,4.250,1.000,18.200,31.500,km,400,0.1290,1234.568,150,0.0484,,,,,0,0.412346,18.200,13175.5,1500,200,0.1333,70,0.0467,,,0
      "Skellefteå, centrum",atm,0,0,,,,,,km,,,,,,,0,,0.000,0,,,0,,,,,,,,

      """
    #expect(String(decoding: SummaryWriter.csv(rows: rows), as: UTF8.self) == expected)
  }

  @Test func csvReadsBackWithTheReader() throws {
    let table = try CSVReader.parse([UInt8](SummaryWriter.csv(rows: rows)), file: "summary.csv")
    #expect(table.header == SummaryWriter.columns(rows: rows))
    #expect(table.string(row: 1, column: 0) == "Skellefteå, centrum")
    #expect(table.double(row: 0, column: 5) == 4.25)
  }

  @Test func json() {
    let expected = """
      [
        {"region":"Malå","category":"grocery","population":3100,"services":2,"services_per_1000":0.645,"mean":4.25,"median":1,"p90":18.2,"max":31.5,"unit":"km","beyond_10km_pop":400,"beyond_10km_share":0.129,"beyond_10km_area_km2":1234.568,"beyond_20km_pop":150,"beyond_20km_share":0.0484,"beyond_20km_area_km2":null,"beyond_25km_pop":null,"beyond_25km_share":null,"beyond_25km_area_km2":null,"unreachable_pop":0,"gini":0.412346,"p90_p50":18.2,"person_km":13175.5,"kvinna_population":1500,"kvinna_beyond_10km_pop":200,"kvinna_beyond_10km_share":0.1333,"kvinna_beyond_20km_pop":70,"kvinna_beyond_20km_share":0.0467,"kvinna_beyond_25km_pop":null,"kvinna_beyond_25km_share":null,"kvinna_unreachable_pop":0},
        {"region":"Skellefteå, centrum","category":"atm","population":0,"services":0,"services_per_1000":null,"mean":null,"median":null,"p90":null,"max":null,"unit":"km","beyond_10km_pop":null,"beyond_10km_share":null,"beyond_10km_area_km2":null,"beyond_20km_pop":null,"beyond_20km_share":null,"beyond_20km_area_km2":null,"beyond_25km_pop":0,"beyond_25km_share":null,"beyond_25km_area_km2":0,"unreachable_pop":0,"gini":null,"p90_p50":null,"person_km":0,"kvinna_population":null,"kvinna_beyond_10km_pop":null,"kvinna_beyond_10km_share":null,"kvinna_beyond_20km_pop":null,"kvinna_beyond_20km_share":null,"kvinna_beyond_25km_pop":null,"kvinna_beyond_25km_share":null,"kvinna_unreachable_pop":null}
      ]

      """
    #expect(String(decoding: SummaryWriter.json(rows: rows), as: UTF8.self) == expected)
    #expect(String(decoding: SummaryWriter.json(rows: []), as: UTF8.self) == "[]\n")
  }

  @Test func markdown() {
    let oneRow = [rows[0]]
    let text = SummaryWriter.markdown(rows: oneRow)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("| region | category | population |"))
    #expect(lines[1].hasPrefix("|---|---|---:|---:|"))
    #expect(
      lines[2]
        == "| Malå | grocery | 3100 | 2 | 0.645 | 4.250 | 1.000 | 18.200 | 31.500 | km | 400 | 0.1290 | 1234.568 | 150 | 0.0484 | – | 0 | 0.412346 | 18.200 | 13175.5 | 1500 | 200 | 0.1333 | 70 | 0.0467 | 0 |"
    )
  }

  @Test func table() {
    let row = SummaryRow(
      region: "Arjeplog", category: "fuel", population: 1800, services: 3, servicesPer1000: 1.6667,
      mean: 12.5, median: nil, p90: nil, max: 40, unit: .km,
      beyond: [BeyondThreshold(threshold: km10, population: 900, share: 0.5, areaKm2: nil)],
      unreachablePopulation: 0)
    let expected = """
      fuel: distance to the nearest service in km
      region    population  services  per_1000   mean  median  p90    max  beyond_10km   share  area_km2  unreachable
      --------  ----------  --------  --------  -----  ------  ---  -----  -----------  ------  --------  -----------
      Arjeplog        1800         3      1.67  12.50       –    –  40.00          900  50.0 %         –            0

      """
    #expect(SummaryWriter.table(rows: [row]) == expected)
  }
}
