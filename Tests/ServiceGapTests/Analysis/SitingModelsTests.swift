import Foundation
import ServiceGapTestSupport
import Testing

@testable import ServiceGap

/// p-median, set cover, capacities and the exact search against enumerating every choice
/// on small seeded instances, with distances and flows computed here independently.
@Suite("Siting models against enumeration")
struct SitingModelsTests {
  /// A seeded instance: units, existing services and candidates around Skellefteå.
  struct Instance {
    var units: [PopulationUnit]
    var services: [ServicePoint]
    var candidates: [LonLat]

    init(_ random: inout SeededRandom, units: Int = 50, services: Int = 2, candidates: Int = 12) {
      func point() -> LonLat {
        LonLat(
          lon: Double.random(in: 19.8...20.4, using: &random),
          lat: Double.random(in: 64.6...64.9, using: &random))
      }
      self.units = (0..<units).map {
        PopulationUnit(
          id: "u\($0)", population: Double(Int.random(in: 0...400, using: &random)),
          location: point())
      }
      self.services = (0..<services).map {
        ServicePoint(id: "s\($0)", category: "x", location: point())
      }
      self.candidates = (0..<candidates).map { _ in point() }
    }

    /// Metres from each unit to its nearest existing service.
    var existing: [Double] {
      units.map { unit in
        services.map { geodesicDistanceMeters(from: unit.location, to: $0.location) }.min()
          ?? .infinity
      }
    }

    /// Metres from each candidate to each unit.
    var distances: [[Double]] {
      candidates.map { site in units.map { geodesicDistanceMeters(from: $0.location, to: site) } }
    }
  }

  /// Every `size`-subset of 0..<n.
  static func subsets(of n: Int, size: Int) -> [[Int]] {
    guard size > 0 else { return [[]] }
    guard size <= n else { return [] }
    var result: [[Int]] = []
    func grow(_ from: Int, _ current: [Int]) {
      if current.count == size {
        result.append(current)
        return
      }
      for next in from..<n { grow(next + 1, current + [next]) }
    }
    grow(0, [])
    return result
  }

  @Test("person-km: the optimum of every choice of 3, proven; the answer recomputes")
  func personKm() throws {
    var proven = 0
    try withEvery(seed: 0..<10) { seed, random in
      let instance = Instance(&random)
      let existing = instance.existing
      let distances = instance.distances
      func personKm(_ chosen: [Int]) -> Double {
        instance.units.indices.reduce(0.0) { sum, unit in
          let nearest = chosen.map { distances[$0][unit] }.reduce(existing[unit], min)
          return sum + instance.units[unit].population * nearest / 1000
        }
      }
      let best = Self.subsets(of: instance.candidates.count, size: 3).map(personKm).min()!
      let result = Siting.solve(
        units: instance.units, services: instance.services, candidates: instance.candidates,
        model: SitingModel(objective: .personKm, thresholdMeters: nil, count: 3))
      let chosen = result.sites.map(\.candidate)
      #expect(chosen.count == 3, "seed \(seed)")
      #expect(abs(result.value - personKm(chosen)) < 1e-6 * best, "seed \(seed)")
      #expect(abs(result.basePersonKm - personKm([])) < 1e-6 * best, "seed \(seed)")
      #expect(result.bound <= best + 1e-6 * best, "seed \(seed): bound above the optimum")
      #expect(result.value <= best * 1.01, "seed \(seed): \(result.value) vs \(best)")
      #expect(
        abs(result.basePersonKm - (result.sites.last?.cumulative ?? 0) - result.value)
          < 1e-6 * best, "seed \(seed): savings add up")
      if result.proven {
        proven += 1
        #expect(abs(result.value - best) < 1e-6 * best, "seed \(seed): proven but not optimal")
      }
    }
    #expect(proven == 10, "proved \(proven) of 10")
  }

  @Test("cover-all: the fewest sites covering everyone coverable, by enumeration")
  func coverAll() throws {
    var sizes: [Int] = []
    try withEvery(seed: 20..<30) { seed, random in
      let instance = Instance(&random, candidates: 14)
      let threshold = 5000.0
      let existing = instance.existing
      let distances = instance.distances
      let uncovered = instance.units.indices.filter {
        instance.units[$0].population > 0 && existing[$0] > threshold
      }
      let coverable = Set(
        uncovered.filter { unit in distances.contains { $0[unit] <= threshold } })
      func covers(_ chosen: [Int]) -> Bool {
        coverable.allSatisfy { unit in chosen.contains { distances[$0][unit] <= threshold } }
      }
      let fewest = (0...instance.candidates.count).first { size in
        Self.subsets(of: instance.candidates.count, size: size).contains(where: covers)
      }!
      let result = Siting.solve(
        units: instance.units, services: instance.services, candidates: instance.candidates,
        model: SitingModel(objective: .coverAll, thresholdMeters: threshold, count: 0))
      let chosen = result.sites.map(\.candidate)
      #expect(covers(chosen), "seed \(seed): not everyone covered")
      #expect(Int(result.value) == chosen.count && chosen.count == fewest, "seed \(seed)")
      #expect(Int(result.bound) <= fewest, "seed \(seed): bound above the optimum")
      #expect(result.proven, "seed \(seed)")
      let coverablePeople = coverable.reduce(0.0) { $0 + instance.units[$1].population }
      #expect(
        abs(result.uncoveredPopulation - result.unreachablePopulation - coverablePeople) < 1e-9)
      sizes.append(fewest)
    }
    #expect(Set(sizes).count > 1, "every instance needs \(sizes) sites: too alike")
  }

  @Test("capacity: the optimum of every choice of 3, by an independent maximum flow")
  func capacity() throws {
    var binding = 0
    try withEvery(seed: 40..<50) { seed, random in
      let instance = Instance(&random, units: 40, candidates: 10)
      let threshold = 6000.0
      let capacity = 700.0
      let existing = instance.existing
      let distances = instance.distances
      let uncovered = instance.units.indices.filter {
        instance.units[$0].population > 0 && existing[$0] > threshold
      }
      func served(_ chosen: [Int]) -> Double {
        EdmondsKarp.served(
          sites: chosen.map { site in
            uncovered.indices.filter { distances[site][uncovered[$0]] <= threshold }
          },
          people: uncovered.map { instance.units[$0].population }, capacity: capacity)
      }
      let best = Self.subsets(of: instance.candidates.count, size: 3).map(served).max()!
      let result = Siting.solve(
        units: instance.units, services: instance.services, candidates: instance.candidates,
        model: SitingModel(
          objective: .coverage, thresholdMeters: threshold, count: 3, capacity: capacity,
          nodeLimit: nil))
      let chosen = result.sites.map(\.candidate)
      #expect(abs(result.value - served(chosen)) < 1e-6, "seed \(seed)")
      #expect(abs(result.value - best) < 1e-6, "seed \(seed): \(result.value) vs \(best)")
      #expect(result.proven && result.bound >= best - 1e-6, "seed \(seed)")
      #expect(result.sites.allSatisfy { $0.gain <= capacity + 1e-9 }, "seed \(seed)")
      let uncapacitated = Siting.solve(
        units: instance.units, services: instance.services, candidates: instance.candidates,
        model: SitingModel(objective: .coverage, thresholdMeters: threshold, count: 3))
      if uncapacitated.value > result.value + 1e-9 { binding += 1 }
    }
    #expect(binding >= 3, "the capacity binds on \(binding) of 10 instances only")
  }

  @Test("the exact search proves the optimum of random gains; a cut-short one still bounds it")
  func exactSearch() throws {
    try withEvery(seed: 60..<75) { seed, random in
      let units = 40
      let population = (0..<units).map { _ in Double(Int.random(in: 1...50, using: &random)) }
      let reach = (0..<16).map { _ in
        (0..<units).filter { _ in Double.random(in: 0..<1, using: &random) < 0.2 }.map {
          (unit: $0, gain: Double.random(in: 0.1...3, using: &random))
        }
      }
      let problem = SitingProblem(population: population, reach: reach, count: 4)
      func value(_ chosen: [Int]) -> Double {
        (0..<units).reduce(0.0) { sum, unit in
          let gain =
            chosen.map { site in reach[site].first { $0.unit == unit }?.gain ?? 0 }
            .max() ?? 0
          return sum + population[unit] * gain
        }
      }
      let best = Self.subsets(of: 16, size: 4).map(value).max()!
      let exact = SitingSearch.solve(problem, nodeLimit: nil)
      #expect(exact.proven, "seed \(seed)")
      #expect(abs(exact.value - best) < 1e-9 * best, "seed \(seed): \(exact.value) vs \(best)")
      let quick = SitingSearch.solve(problem, nodeLimit: 1)
      #expect(quick.upperBound >= best - 1e-9 * best, "seed \(seed): bound below optimum")
      #expect(quick.value <= best + 1e-9 * best, "seed \(seed)")
    }
  }
}
