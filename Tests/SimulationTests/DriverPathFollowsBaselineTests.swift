import Testing

@testable import Simulation

/// A driver's year outside its path's table (`PreparedScenario.followBaseline`): it follows the
/// baseline's growth rate, or, where the baseline was at zero the year before, its change in
/// amount. Mutation round 146 turned `previous + (b(t) − b(t−1))` into `previous − (…)` with every
/// test passing: no test plan drives a baseline path to exactly zero under a driver path.
struct DriverPathFollowsBaselineTests {
    @Test func aPositiveBaselineIsFollowedByItsGrowthRate() {
        // x′(t) = x′(t−1)·b(t)/b(t−1): 120·(110/100) = 132.
        #expect(abs(PreparedScenario.followBaseline(previous: 120, previousBaseline: 100, baseline: 110) - 132) < 1e-12)
        // A falling baseline: 50·(80/100) = 40.
        #expect(abs(PreparedScenario.followBaseline(previous: 50, previousBaseline: 100, baseline: 80) - 40) < 1e-12)
    }

    @Test func aBaselineAtZeroIsFollowedByItsChangeInAmount() {
        // b(t−1) = 0 has no growth rate: x′(t) = x′(t−1) + b(t) − b(t−1) = 5 + 3 = 8, never 0/0.
        #expect(PreparedScenario.followBaseline(previous: 5, previousBaseline: 0, baseline: 3) == 8)
        // Both at zero stay at zero.
        #expect(PreparedScenario.followBaseline(previous: 0, previousBaseline: 0, baseline: 0) == 0)
        // A baseline below zero (a driver on the original scale) falls by 4 from 1: floored at 0.
        #expect(PreparedScenario.followBaseline(previous: 1, previousBaseline: -2, baseline: -6) == 0)
        #expect(PreparedScenario.followBaseline(previous: 2, previousBaseline: 0, baseline: 7) == 9)
    }
}
