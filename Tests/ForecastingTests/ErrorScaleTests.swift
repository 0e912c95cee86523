import Foundation
import Testing

@testable import Forecasting

/// The error scale against hand-computed values.
struct ErrorScaleTests {
    func series(_ v: [Double], start: Int = 2000) throws -> YearlySeries {
        try YearlySeries(periods: Array(start..<(start + v.count)), values: v)
    }

    @Test func rawScaleIsTheNoiseForFewIncrementsAndTheMeanSizeForMany() throws {
        // Increments 1, 3, 0 (k = 3 ≤ 6): deviations from the mean 4/3 are 1/3, 5/3, 4/3 → mean
        // 10/9, times √(3/2) for the lost degree of freedom (above the floor, half of 4/3).
        let (s, k, level) = ErrorScale.raw(try series([0, 1, 4, 4]), unitFree: true)
        #expect(k == 3 && level == 1)
        #expect(abs(s! - 10.0 / 9 * (1.5).squareRoot()) < 1e-12)
        // Increments 1, 3, 2: spread 2/3·√(3/2) = 0.816, below half the mean size 2 — which it takes.
        #expect(abs(ErrorScale.raw(try series([0, 1, 4, 6]), unitFree: true).scale! - 1) < 1e-12)
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
    }

    /// Nearly equal increments do not make a short series' scale vanish: its spread is floored at
    /// half its mean increment size (`ErrorScale.sizeFloor`).
    @Test func aSteadyShortSeriesKeepsHalfItsIncrementSize() throws {
        let scale = ErrorScale(s0: 0.1)
        // A straight line (increments 2, 2, 2; level 4): spread 0, floored at 1, so s/L = 1/4,
        // and σ = 4 · 0.1^(1 − w) · 0.25^w with w = 0.9 · 3/5.
        let w = 0.9 * 3 / 5
        let line = 4 * Foundation.exp((1 - w) * Foundation.log(0.1) + w * Foundation.log(0.25))
        #expect(abs(scale.sigma(try series([1, 3, 5, 7]), unitFree: false) - line) < 1e-12)
        // Log increments 0.012, 0.013, 0.012: spread (mean absolute deviation ·√(3/2))
        // 0.000444·1.2247 = 0.000544, below half the mean size 0.006167 — which it takes.
        let raw = ErrorScale.raw(try series([0, 0.012, 0.025, 0.037]), unitFree: true)
        #expect(abs(raw.scale! - 0.037 / 3 / 2) < 1e-12)
        // Increments 1, −1, 1: the spread (mean |Δ − 1/3| = 8/9, times √(3/2)) is above the floor.
        let noisy = ErrorScale.raw(try series([0, 1, 0, 1]), unitFree: true)
        #expect(abs(noisy.scale! - 8.0 / 9 * (1.5).squareRoot()) < 1e-12)
    }

    @Test func pooledScaleIsTheSeriesWeightedMedian() throws {
        // Series A: sizes 1, 1, 1 (weight 1/3 each); B: size 10 (weight 1); C: size 2 (weight 1).
        // Weighted median of {1 (1), 2 (1), 10 (1)}: 2.
        let a = try series([0, 1, 2, 3]), b = try series([0, 10]), c = try series([0, 2])
        #expect(ErrorScale.pooled([a, b, c], unitFree: true) == 2)
        #expect(ErrorScale.pooled([try series([1])], unitFree: true) == nil)
    }

    /// The batch's s₀ shrunk towards the library's as if the library were two more series
    /// (`BatchCalibration.shrunk`), on the log scale: closed forms.
    @Test func theBatchScaleLeansOnTheLibraryByItsNumberOfSeries() {
        // One series of size 0.001 beside a library of 0.1: (0.001 · 0.1²)^(1/3) = 10^(−5/3).
        #expect(abs(BatchCalibration.shrunk(0.001, series: 1, toward: 0.1) - pow(10, -5.0 / 3)) < 1e-15)
        // Thirty series: the library weighs 2/32.
        #expect(abs(BatchCalibration.shrunk(0.001, series: 30, toward: 0.1) - pow(10, -3 + 2 * 2.0 / 32)) < 1e-15)
        #expect(BatchCalibration.shrunk(nil, series: 0, toward: 0.1) == 0.1)
        #expect(BatchCalibration.shrunk(0.05, series: 0, toward: 0.1) == 0.1)
        // Through a batch's contributions: one unit-free series of sizes 0.01 and 0.02 (weighted
        // median 0.01), with the normal library (s₀ = 0.1): 0.01^(1/3) · 0.1^(2/3) = 10^(−4/3).
        let part = CalibrationContribution(unitFree: true, scaleItems: [(0.01, 0.5), (0.02, 0.5)], origins: [])
        let batch = BatchCalibration([part], library: ReferenceLibraryTests.normalLibrary(), horizon: 1)
        #expect(abs(batch.s0Free - pow(10, -4.0 / 3)) < 1e-15)
        #expect(batch.s0Other == batch.s0Free, "no other series: the unit-free s₀")
        // Only unit-free series with increments count as series: a unit-free one without any and
        // two in units beside it leave n = 1 (counting them, round 212's mutant, gave n = 4:
        // 10^(−5/3) instead of 10^(−4/3)). The series in units have their own s₀, 0.5.
        let mixed = BatchCalibration(
            [
                part, CalibrationContribution(unitFree: true, scaleItems: [], origins: []),
                CalibrationContribution(unitFree: false, scaleItems: [(0.5, 1)], origins: []),
                CalibrationContribution(unitFree: false, scaleItems: [(0.5, 1)], origins: []),
            ], library: ReferenceLibraryTests.normalLibrary(), horizon: 1)
        #expect(abs(mixed.s0Free - pow(10, -4.0 / 3)) < 1e-15, "\(mixed.s0Free)")
        #expect(mixed.s0Other == 0.5)
    }

    @Test func strataFollowTheNumberOfIncrements() {
        #expect(
            (0...20).map { ErrorScale.stratum(increments: $0) }
                == [0, 1, 2, 3, 4, 5, 5, 5, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7])
    }
}
