import Indicators
import Testing

@testable import Simulation

/// The point that stands in for a bounded year as a forecast's starting point
/// (`PlanModel.withBoundedYears`): √(lo·hi) for an interval of positive values, (lo + hi)/2 when
/// an end is zero or negative (a geometric mean of a sign change is not a middle), a one-sided
/// bound itself. Values worked by hand.
struct BoundMiddleTests {
    private let exact = History(
        indicator: "x",
        points: [
            Observation(indicator: "x", year: 2020, value: 10),
            Observation(indicator: "x", year: 2021, value: 12),
        ])

    private func middle(_ lower: Double?, _ upper: Double?) -> Double? {
        let h = PlanModel.withBoundedYears(exact, bounds: [2022: (lower, upper)])
        return h.points.first { $0.year == 2022 && $0.quality == .boundMiddle }?.value
    }

    @Test func positiveIntervalTakesTheGeometricMean() {
        #expect(middle(4, 9) == 6)
        #expect(abs(middle(2700, 2700 * 1.21)! - 2970) < 1e-9)
    }

    @Test func anIntervalReachingZeroOrBelowTakesTheMidpoint() {
        #expect(middle(0, 8) == 4)
        #expect(middle(-2, 6) == 2)
        #expect(middle(-6, -2) == -4)
    }

    @Test func aOneSidedBoundIsItself() {
        #expect(middle(3000, nil) == 3000)
        #expect(middle(nil, 45) == 45)
        #expect(middle(nil, nil) == nil)
    }

    @Test func boundsUpToTheLastExactYearAreLeftOut() {
        let h = PlanModel.withBoundedYears(exact, bounds: [2021: (5, 20), 2019: (1, 4)])
        #expect(h == exact)
    }
}
