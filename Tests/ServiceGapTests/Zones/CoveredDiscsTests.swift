import Foundation
import ServiceGapTestSupport
import Testing

@testable import ServiceGap

/// Leaving covered discs out of the union changes nothing: every point of a disc left out
/// lies in the inscribed circle of a disc kept, and crowded discs do get left out.
@Suite("Discs the union can do without")
struct CoveredDiscsTests {
  @Test("every point of a disc left out is within a kept disc's inscribed circle")
  func leftOutDiscsAreCovered() throws {
    var leftOut = 0
    try withEvery(seed: 0..<4) { seed, random in
      let radius = 5000.0
      let inner = radius * ZoneBuilder.inscribedFraction
      // A crowded town and a scattered countryside.
      let town = (0..<150).map { _ in
        (
          x: Double.random(in: -4000...4000, using: &random),
          y: Double.random(in: -4000...4000, using: &random)
        )
      }
      let country = (0..<40).map { _ in
        (
          x: Double.random(in: -60000...60000, using: &random),
          y: Double.random(in: -60000...60000, using: &random)
        )
      }
      let centres = (town + country).sorted { ($0.x, $0.y) < ($1.x, $1.y) }
      let kept = CoveredDiscs.needed(centres: centres, radius: radius, innerRadius: inner)
      let keptSet = Set(kept)
      #expect(kept == kept.sorted(), "seed \(seed)")
      leftOut += centres.count - kept.count
      for disc in centres.indices where !keptSet.contains(disc) {
        // Points on the circle and inside it, in rings.
        for step in 0..<180 {
          let angle = Double(step) * .pi / 90
          for fraction in [1.0, 0.9, 0.6, 0.3, 0] {
            let x = centres[disc].x + radius * fraction * cos(angle)
            let y = centres[disc].y + radius * fraction * sin(angle)
            let covered = kept.contains {
              hypot(centres[$0].x - x, centres[$0].y - y) <= inner * (1 + 1e-12)
            }
            if !covered {
              Issue.record("seed \(seed): disc \(disc) left out, (\(x), \(y)) uncovered")
              return
            }
          }
        }
      }
      // An isolated disc is never left out.
      let lonely = centres.indices.filter { disc in
        !centres.indices.contains {
          $0 != disc
            && hypot(centres[$0].x - centres[disc].x, centres[$0].y - centres[disc].y) <= inner
        }
      }
      #expect(lonely.allSatisfy(keptSet.contains), "seed \(seed)")
    }
    #expect(leftOut > 4 * 100, "only \(leftOut) discs left out of 4 crowded towns")
  }
}
