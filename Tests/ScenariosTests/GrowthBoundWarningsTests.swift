import Testing

@testable import Indicators
@testable import Scenarios

/// The predicate of `GrowthBoundWarnings` on quantiles whose answers follow from the tie
/// f̲·Q_{t−1} ≤ Q_t ≤ f̄·Q_{t−1} and the slack 0.002·max(|Q_{t−1}|, |Q_t|, 1) (+ a count's). Until
/// mutation round seed 76 (2026-12-06) only a lower bound on a count was tested, through a whole
/// run: the upper end's comparison, its slack and which ends a row states could change unseen.
struct GrowthBoundWarningsTests {
    @Test func aQuantileBeyondAStatedEndBeyondItsSlackBreaksIt() {
        let breaks = { (qa: Double, qb: Double, lower: Double?, upper: Double?) in
            GrowthBoundWarnings.breaks([qa], [qb], lower: lower, upper: upper, countSlack: 0)
        }
        // ≥ 34%: 100 → 133 falls 1 short of 134, beyond the slack 0.266; 133.8 is within 0.2676.
        #expect(breaks(100, 133, 1.34, nil) && !breaks(100, 133.8, 1.34, nil))
        // ≤ 2%: 100 → 102.5 is 0.5 above 102, beyond 0.205; 102.1 is within 0.2042; 100 holds.
        #expect(breaks(100, 102.5, nil, 1.02) && !breaks(100, 102.1, nil, 1.02) && !breaks(100, 100, nil, 1.02))
        // At exactly the slack the tie holds: 0 → 0.002 against ≤ 2% (slack 0.002·1).
        #expect(!breaks(0, 0.002, nil, 1.02) && breaks(0, 0.0021, nil, 1.02))
        // An end not stated is not checked.
        #expect(!breaks(100, 50, nil, 1.02) && !breaks(100, 500, 1.34, nil))
        // Any quantile breaking it is enough.
        #expect(GrowthBoundWarnings.breaks([100, 200], [134, 200], lower: 1.34, upper: nil, countSlack: 0))
        // A count's slack: 10 → 12 against ≥ 34% (13.4) is within 1 + 1.5 items, 10 → 10 is not.
        #expect(!GrowthBoundWarnings.breaks([10], [12], lower: 1.34, upper: nil, countSlack: 2.5))
        #expect(GrowthBoundWarnings.breaks([10], [10], lower: 1.34, upper: nil, countSlack: 2.5))
    }

    /// "超34%" states only the lower end, "不到2%" only the upper, an exact rate both.
    @Test func aRowStatesOnlyItsOwnEnds() {
        let f = (lower: 1.2, upper: 1.4)
        func ends(_ q: Quality) -> (Double?, Double?) {
            let e = GrowthBoundWarnings.statedEnds(
                Observation(indicator: "a", year: 2024, value: 30, quality: q), factors: f)
            return (e.lower, e.upper)
        }
        #expect(ends(.lowerBound) == (1.2, nil) && ends(.upperBound) == (nil, 1.4) && ends(.actual) == (1.2, 1.4))
    }
}
