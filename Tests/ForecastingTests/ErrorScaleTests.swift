import Foundation
import Testing

@testable import Forecasting

/// The error scale against hand-computed values.
struct ErrorScaleTests {
    func series(_ v: [Double], start: Int = 2000) throws -> YearlySeries {
        try YearlySeries(periods: Array(start..<(start + v.count)), values: v)
    }

    @Test func rawScaleIsTheNoiseForFewIncrementsAndTheMeanSizeForMany() throws {
        // Increments 1, 3, 2 (k = 3 ≤ 6): deviations from the mean 2 are 1, 1, 0 → mean 2/3,
        // times √(3/2) for the lost degree of freedom.
        let (s, k, level) = ErrorScale.raw(try series([0, 1, 4, 6]), unitFree: true)
        #expect(k == 3 && level == 1)
        #expect(abs(s! - 2.0 / 3 * (1.5).squareRoot()) < 1e-12)
        // Eight increments alternating 1 and −1 (k = 8 > 6): mean size 1.
        let (s8, k8, _) = ErrorScale.raw(try series([0, 1, 0, 1, 0, 1, 0, 1, 0]), unitFree: true)
        #expect(k8 == 8 && abs(s8! - 1) < 1e-12)
        // One increment: its size. A gap of 4 years divides the size by √4.
        #expect(abs(ErrorScale.raw(try series([1, 3]), unitFree: true).scale! - 2) < 1e-12)
        let gap = try YearlySeries(periods: [2000, 2004], values: [1, 3])
        #expect(abs(ErrorScale.raw(gap, unitFree: true).scale! - 1) < 1e-12)
        // Not unit-free: relative to the mean absolute level (2).
        #expect(abs(ErrorScale.raw(try series([1, 3]), unitFree: false).scale! - 1) < 1e-12)
    }

    @Test func sigmaShrinksTowardsTheBatchByEvidence() throws {
        let scale = ErrorScale(s0: 0.1)
        // No increment: s₀. One increment of size 0.4: w = 0.9·1/3 = 0.3 → 0.1^0.7 · 0.4^0.3.
        #expect(abs(scale.sigma(try series([5]), unitFree: true) - 0.1) < 1e-12)
        let z = try series([0, 0.4])
        #expect(abs(scale.sigma(z, unitFree: true) - pow(0.1, 0.7) * pow(0.4, 0.3)) < 1e-12)
        // Capped at 1.5 on unit-free scales.
        #expect(ErrorScale(s0: 5).sigma(try series([0, 10]), unitFree: true) == 1.5)
    }

    /// Equal values (or equal increments) have no scale of their own: σ is the batch's, not a
    /// tiny one that would exclude even staying where the series is.
    @Test func aConstantSeriesTakesTheBatchScale() throws {
        let scale = ErrorScale(s0: 0.1)
        #expect(abs(scale.sigma(try series([3, 3, 3, 3]), unitFree: true) - 0.1) < 1e-12)
        #expect(abs(scale.sigma(try series([5, 5]), unitFree: true) - 0.1) < 1e-12)
        // A straight line on its own scale (increments 2, 2, 2): level 4 times s₀.
        #expect(abs(scale.sigma(try series([1, 3, 5, 7]), unitFree: false) - 0.4) < 1e-12)
    }

    @Test func pooledScaleIsTheSeriesWeightedMedian() throws {
        // Series A: sizes 1, 1, 1 (weight 1/3 each); B: size 10 (weight 1); C: size 2 (weight 1).
        // Weighted median of {1 (1), 2 (1), 10 (1)}: 2.
        let a = try series([0, 1, 2, 3]), b = try series([0, 10]), c = try series([0, 2])
        #expect(ErrorScale.pooled([a, b, c], unitFree: true) == 2)
        #expect(ErrorScale.pooled([try series([1])], unitFree: true) == nil)
    }

    @Test func strataFollowTheNumberOfIncrements() {
        #expect(
            (0...20).map { ErrorScale.stratum(increments: $0) }
                == [0, 1, 2, 3, 4, 5, 5, 5, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7])
    }
}
