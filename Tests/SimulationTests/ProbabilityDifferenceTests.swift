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

    @Test func independentDifferenceAndTheThreeSERule() {
        let d = ProbabilityDifference.independent(0.5, se: 0.03, 0.6, se: 0.04)
        #expect(abs(d.difference - 0.1) < 1e-15 && abs(d.standardError - 0.05) < 1e-15)
        #expect(!d.beyondNoise, "0.1 is within 3 × 0.05")
        #expect(ProbabilityDifference.independent(0.5, se: 0.01, 0.6, se: 0.01).beyondNoise)
        #expect(ProbabilityDifference.independent(1, se: 0, 0, se: 0).beyondNoise, "data-judged targets: any change")
        #expect(!ProbabilityDifference.independent(1, se: 0, 1, se: 0).beyondNoise)
    }
}
