import Testing

@testable import Simulation

/// Paired and independent differences of proportions against hand-counted answers.
struct ProbabilityDifferenceTests {
    @Test func pairedDifferenceCountsDiscordantPaths() {
        // 64 paths: a meets on paths 0–39, b on paths 20–49. n10 = 20, n01 = 10.
        let a: [UInt64] = [(1 << 40) - 1]
        let b: [UInt64] = [((1 << 50) - 1) & ~((1 << 20) - 1)]
        let d = ProbabilityDifference.paired(a, b, paths: 64)
        #expect(d.difference == 10.0 / 64)
        // Var = ((n10 + n01)/N − d²)/N = (30/64 − (10/64)²)/64.
        let v = (30.0 / 64 - (10.0 / 64) * (10.0 / 64)) / 64
        #expect(abs(d.standardError - v.squareRoot()) < 1e-15)
        #expect(d.beyondNoise == (10.0 / 64 > 3 * v.squareRoot()))
    }

    /// Only the first `paths` paths count: the unused end of the last word, and a longer run's
    /// further words, are left out (the end of the last word counted before 2026-12-02, and an
    /// idle lever moved a goal met on every path by 32 / 20,000).
    @Test func pairedDifferenceCountsOnlyTheGivenPaths() {
        // 100 paths that all meet against 70 paths that all meet, the rest of its words zero.
        let all: [UInt64] = [~0, ~0]
        let seventy: [UInt64] = [~0, (1 << 6) - 1]
        #expect(ProbabilityDifference.paired(all, seventy, paths: 70) == .init(difference: 0, standardError: 0))
        #expect(ProbabilityDifference.paired([~0, ~0, ~0], [~0, (1 << 36) - 1], paths: 100).difference == 0)
        // 100 paths, a meets on all, b on none of paths 64–99: n10 = 36.
        let d = ProbabilityDifference.paired([~0, ~0], [~0, 0], paths: 100)
        #expect(d.difference == 36.0 / 100)
    }

    @Test func independentDifferenceAndTheThreeSERule() {
        let d = ProbabilityDifference.independent(0.5, se: 0.03, 0.6, se: 0.04)
        #expect(abs(d.difference - 0.1) < 1e-15 && abs(d.standardError - 0.05) < 1e-15)
        #expect(!d.beyondNoise, "0.1 is within 3 × 0.05")
        #expect(ProbabilityDifference.independent(0.5, se: 0.01, 0.6, se: 0.01).beyondNoise)
        #expect(ProbabilityDifference.independent(1, se: 0, 0, se: 0).beyondNoise, "data-judged targets: any change")
        #expect(!ProbabilityDifference.independent(1, se: 0, 1, se: 0).beyondNoise)
    }
}
