import Foundation
import Testing

@testable import Forecasting

/// Short series' paths are shrunk towards the reference class's growth (closed forms).
struct ShrinkageTests {
    /// Two points, 100 → 121: drift on the original scale gives 121 + 21h; with one increment
    /// the path keeps w = 1/(1 + 2) of it and takes 2/3 of the reference growth g.
    @Test func oneIncrementKeepsAThirdOfItsPath() throws {
        let y = try YearlySeries(periods: [2020, 2021], values: [100, 121])
        let g = 0.04
        let (f, used) = Combination.standard.forecast(y, transform: .log, horizon: 3, reference: .init(growth: g))
        #expect(used == ["drift", "reference"], "the model column says the path was shrunk")
        for h in 1...3 {
            let own = log(121 + 21 * Double(h)) - log(121)
            #expect(abs(f[h - 1] - (log(121) + own / 3 + 2.0 / 3 * g * Double(h))) < 1e-12)
        }
        // Without a reference growth, or on a scale that is not log, the path is the members'.
        let (raw, _) = Combination.standard.forecast(y, transform: .log, horizon: 3)
        #expect(abs(raw[2] - log(121 + 63)) < 1e-12)
        let (identity, _) = Combination.standard.forecast(
            y, transform: .identity, horizon: 1, reference: .init(growth: g))
        #expect(identity == [142])
    }

    /// The prior's weight follows the series' noise against the reference scale, c = 2·(s/S)²:
    /// 100 → 121 has one increment of log 1.21 on the log scale; against S = 2·log 1.21 the prior
    /// is worth c = 1/2 increment, so the path keeps w = 1/(1 + 1/2) = 2/3 of its own change.
    @Test func theSeriesNoiseSetsThePriorWeight() throws {
        let y = try YearlySeries(periods: [2020, 2021], values: [100, 121])
        let g = 0.04, scale = 2 * log(1.21)
        let (f, _) = Combination.standard.forecast(
            y, transform: .log, horizon: 3, reference: .init(growth: g, scale: scale))
        for h in 1...3 {
            let own = log(121 + 21 * Double(h)) - log(121)
            #expect(abs(f[h - 1] - (log(121) + own * 2 / 3 + g * Double(h) / 3)) < 1e-12)
        }
        // A series as noisy as the reference class keeps the prior worth 2 increments.
        let (same, _) = Combination.standard.forecast(
            y, transform: .log, horizon: 1, reference: .init(growth: g, scale: log(1.21)))
        #expect(abs(same[0] - (log(121) + (log(142) - log(121)) / 3 + 2.0 / 3 * g)) < 1e-12)
        #expect(Combination.priorWeight(noise: 0.05, referenceScale: 0.1) == 0.5)
        // Unknown noise (a constant series: 0) or no reference scale: 2.
        #expect(Combination.priorWeight(noise: 0, referenceScale: 0.1) == 2)
        #expect(Combination.priorWeight(noise: nil, referenceScale: 0.1) == 2)
        #expect(Combination.priorWeight(noise: 0.05, referenceScale: nil) == 2)
        // A steady series (log increments 0.012, 0.013, 0.012: noise floored at half their mean
        // size, 0.0061667) against S = 0.1 keeps 3/(3 + 2·0.061667²) = 0.9975 of its own path.
        let steady = Combination.priorWeight(noise: 0.037 / 6, referenceScale: 0.1)
        #expect(abs(3 / (3 + steady) - 0.99747) < 1e-5)
    }

    /// A share is shrunk on its logit scale as a level is on its log scale. 40 → 50 (%): drift on
    /// the original scale reaches 100 by step 5, so the members' path is the drift on the logit
    /// scale, logit 50 + h·d with d = logit 50 − logit 40 = log 1.5; with one increment it keeps
    /// w = 1/3 of it and takes 2/3 of the reference growth g. The shares' default (the last
    /// value and the drift, averaged) keeps 1/3 of half of it. Before 2026-12-01 a share's path
    /// was the members' alone: a 2-point share went on at its one change a year.
    @Test func aShareIsShrunkOnItsLogitScale() throws {
        let y = try YearlySeries(periods: [2020, 2021], values: [40, 50])
        let g = 0.01, d = log(1.5)
        let (f, used) = Combination.standard.forecast(y, transform: .logit, horizon: 3, reference: .init(growth: g))
        #expect(used == ["drift@log", "reference"])
        let (both, _) = Combination.shares.forecast(y, transform: .logit, horizon: 3, reference: .init(growth: g))
        for h in 1...3 {
            let t = Double(h)
            #expect(abs(f[h - 1] - (d * t / 3 + 2.0 / 3 * g * t)) < 1e-12, "\(f)")
            #expect(abs(both[h - 1] - (d * t / 6 + 2.0 / 3 * g * t)) < 1e-12, "\(both)")
        }
    }

    /// The weight grows with the increments, k/(k + 2), and stops at 6 increments.
    @Test func weightFollowsTheIncrements() {
        let centre = [1.0, 2.0]
        for k in 1...6 {
            let w = Double(k) / Double(k + 2)
            let s = Combination.shrunk(centre, last: 0, increments: k, growth: 0.5)
            #expect(abs(s[0] - (w * 1 + (1 - w) * 0.5)) < 1e-15 && abs(s[1] - (w * 2 + (1 - w) * 1)) < 1e-15)
        }
        #expect(Combination.shrunk(centre, last: 0, increments: 7, growth: 0.5) == centre)
        #expect(Combination.shrunk(centre, last: 0, increments: 0, growth: 0.5) == centre)
        // An infinitely noisy series takes the reference growth alone; a NaN weight keeps the path.
        #expect(Combination.shrunk(centre, last: 0, increments: 3, growth: 0.5, prior: .infinity) == [0.5, 1])
        #expect(Combination.shrunk(centre, last: 0, increments: 3, growth: 0.5, prior: .nan) == centre)
    }

    /// The built-in library's reference growth is 3/4 of the median one-year log change of
    /// Tourism and M1 (16,494 changes of the positive series, whole series): NumPy's median
    /// (type 7) gives 0.04541270790646512 (`np.quantile(np.diff(np.log(v)), 0.5) * 0.75` over
    /// the pooled changes). Until 2026-12-03 the table's levels 0.495 and 0.505 were averaged
    /// (0.045390474049278956), and the calibration's median was the 0.495 level alone.
    @Test func builtInReferenceGrowthIsTheCollectionsMedianChange() throws {
        let g = try #require(ReferenceLibrary.builtIn.referenceGrowth)
        // The library stores standardised quantiles to 5 significant digits.
        #expect(abs(g - 0.04541270790646512) < 2e-6, "\(g)")
        // Its tails, through the calibration of the library alone: NumPy's 5% and 95% quantiles
        // of the same changes over s₀ are −2.3038 and 4.1085, less the quarter of the median
        // (0.6286) that stratum 0 does not keep. The levels used before 2026-12-03 gave 3.67
        // for the upper one.
        let c = Calibration(own: [], library: .builtIn, horizon: 1)
        #expect(abs(c.quantile(stratum: 0, step: 1, 0.95) - (4.1085 - 0.25 * 0.6286)) < 0.03)
        #expect(abs(c.quantile(stratum: 0, step: 1, 0.05) - (-2.3038 - 0.25 * 0.6286)) < 0.03)
        #expect(ReferenceLibrary.builtIn.counts[0][0] == 16494)
    }

    /// Which series are shrunk: those with 1 to 6 increments (2 to 7 values); 8 values keep
    /// their drift, and one value has no drift to shrink. (Mutation round 140: counting values
    /// for increments, `count + 1` for `count − 1`, left 7-value series unshrunk.)
    @Test func seriesOfTwoToSevenValuesAreShrunk() throws {
        for n in 1...9 {
            let y = try YearlySeries(
                periods: Array(2001...(2000 + n)), values: (0..<n).map { 100 * pow(1.1, Double($0)) })
            let (_, used) = Combination.standard.forecast(
                y, transform: .log, horizon: 2, reference: .init(growth: 0.04))
            #expect(used.contains("reference") == (2...7).contains(n), "\(n) values: \(used)")
        }
    }
}
