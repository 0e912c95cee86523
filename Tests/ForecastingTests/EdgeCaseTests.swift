import Foundation
import Testing

@testable import Forecasting

/// Edges that the forecasting module's first mutation round (seed 50, 2026-12-03) found
/// untested: each expected value follows from the formula in the code's doc comment, worked by
/// hand here.
struct EdgeCaseTests {
    /// An all-zero series is measured against a level of 1, not 0 (0/0 made its raw scale NaN and
    /// its σ zero: a zero-width interval); one value has no raw scale at all.
    @Test func degenerateSeriesHaveTheBatchScale() throws {
        let zeros = try YearlySeries(periods: [2020, 2021, 2022], values: [0, 0, 0])
        #expect(ErrorScale.raw(zeros, unitFree: false).level == 1)
        #expect(ErrorScale(s0: 0.1).sigma(zeros, unitFree: false) == 0.1)  // level 1 × s₀
        let one = ErrorScale.raw(try YearlySeries(periods: [2020], values: [5]), unitFree: false)
        #expect(one.scale == nil && one.k == 0)
    }

    /// A gap's change is spread over its years: 10, 12 and (after a missing 2002) 16 rise by 2 a
    /// year throughout, so the spread of the yearly changes is 0 and the scale is the floor,
    /// ½ · mean(2/√1, 4/√2) = 1.2071, over the level 38/3: 0.09530. (Mutation round seed 203:
    /// the change × its years, 2 and 8 a year, gave 4.243 / 12.667 = 0.3350.) A damped trend
    /// fitted to three values has no degrees of freedom left for σ: no forecast SD (round 203:
    /// `df >= 0` divided by 0).
    @Test func aGapsChangeIsSpreadOverItsYears() throws {
        let gapped = try YearlySeries(periods: [2000, 2001, 2003], values: [10, 12, 16])
        let r = ErrorScale.raw(gapped, unitFree: false)
        let expected = 0.5 * (2 + 4 / 2.0.squareRoot()) / 2 / (38.0 / 3)
        #expect(r.k == 2 && abs((r.scale ?? 0) - expected) < 1e-12, "\(r)")
        let three = try DampedTrend().fit(try YearlySeries(periods: [2000, 2001, 2002], values: [10, 12, 15]))
        #expect(three.forecastSD(horizon: 2) == nil)
    }

    /// An unchanged year says nothing about the batch's scale s₀: a series' pool items are its
    /// non-zero increment sizes over its level, each weighing 1/k. For 1, 1, 2 (level 4/3, k = 2):
    /// one item, 0.75 with weight 0.5.
    @Test func unchangedYearsAreLeftOutOfTheBatchScale() throws {
        let items = ErrorScale.poolItems(
            try YearlySeries(periods: [2020, 2021, 2022], values: [1, 1, 2]), unitFree: false)
        #expect(items.count == 1)
        #expect(abs(items[0].size - 0.75) < 1e-15 && items[0].weight == 0.5)
    }

    /// A tiny own scale counts as 10⁻³·s₀: σ = L·exp((1 − w)·ln s₀ + w·ln(10⁻³·s₀)).
    @Test func aTinyOwnScaleIsFlooredAtAThousandthOfTheBatchs() {
        let s0 = 0.2, w = ErrorScale.ownWeight(increments: 3)
        let expected = 5 * exp((1 - w) * log(s0) + w * log(1e-3 * s0))
        let sigma = ErrorScale(s0: s0).sigma(raw: 1e-12, increments: 3, level: 5)
        #expect(abs(sigma - expected) < 1e-12 * expected, "\(sigma) against \(expected)")
    }

    /// The prior's weight c = 2·(s/S)²; a series without noise (s = 0) keeps the prior's default
    /// worth of 2 increments instead of none (which would extrapolate it unshrunk).
    @Test func thePriorWeightOfASeriesWithoutNoise() {
        #expect(Combination.priorWeight(noise: 0, referenceScale: 0.1) == Combination.shrinkPrior)
        #expect(abs(Combination.priorWeight(noise: 0.05, referenceScale: 0.1) - 2 * 0.25) < 1e-15)
    }

    /// Rolling-origin errors land in the slot of their window's stratum (m points: m − 1
    /// increments) and step, up to the horizon itself: five points, horizon 3, windows of 2, 3
    /// and 4 points give strata 1, 2, 3 and slots stratum·3 + h − 1.
    @Test func backtestErrorsLandInTheirStratumAndStep() throws {
        let series = try YearlySeries(periods: Array(2016...2020), values: [10, 12, 15, 19, 24])
        let origins = Forecaster.backtestErrors(
            series, transform: .identity, horizon: 3, combination: .standard, origins: 10)
        #expect(origins.map(\.slots) == [[3, 4, 5], [6, 7], [9]])
        #expect(origins.map(\.increments) == [1, 2, 3])
        #expect(origins.map(\.residuals.count) == [3, 2, 1])
    }

    /// The pooled table's plotting positions follow the midpoint rule, (acc + w/2)/total: five own
    /// errors below the whole library (weight 200) sit at 0.5/205 … 4.5/205. A stratum with no
    /// own errors at step 2 borrows step 1's (stratum 1 too, not only longer ones), scaled by
    /// the library's ratio of spreads (1 here: every table is the same).
    @Test func poolingUsesMidpointsAndBorrowsThePreviousStep() {
        let table = (1...99).map { StudentT.normalQuantile(Double($0) / 100) }
        let strata = ErrorScale.strata
        let library = ReferenceLibrary(
            s0: 0.1, quantiles: Array(repeating: Array(repeating: table, count: 2), count: strata),
            counts: Array(repeating: Array(repeating: 100, count: 2), count: strata), source: "normal")
        var own = Array(repeating: [[Double]](repeating: [], count: 2), count: strata)
        own[1][0] = [-10, -10, -10, -10, -10]
        let calibration = Calibration(own: own, library: library, horizon: 2)
        let expected = [0.5, 1.5, 2.5, 3.5, 4.5].map { $0 / 205 }
        for (p, e) in zip(calibration.positions[1][0].prefix(5), expected) {
            #expect(abs(p - e) < 1e-12, "\(p) against \(e)")
        }
        #expect(calibration.counts[1] == [5, 5], "step 2 borrowed step 1's five errors")
    }

    /// The distribution function from quantiles against the scorer's own
    /// (`_cdf_from_quantiles` in shared/bench/score_forecasts.py, values printed by
    /// `python3 -c` on these inputs, 2026-12-03), at and between the quantiles and in both tails:
    /// at the lowest quantile a mutant went through the upper tail's formula and returned the
    /// highest level, and a single quantile's step at its own value (≥, not >) was untested.
    @Test func theCDFFromQuantilesIsTheScorers() {
        let cases: [([Double], [Double], [(Double, Double)])] = [
            (
                [0.1, 0.5, 0.9], [1, 2, 3],
                [
                    (0, 0.005187061403669979), (1, 0.1), (1.5, 0.30000000000000004), (2, 0.5), (3, 0.9),
                    (4, 0.99481293859633),
                ]
            ),
            ([0.5], [2], [(1.9, 0), (2, 1), (2.1, 1)]),
            ([0.3], [2], [(2, 0)]),
            ([0.1, 0.9], [2, 2], [(1.9, 0), (2, 0.9), (2.1, 1)]),
        ]
        for (taus, qs, points) in cases {
            for (x, p) in points {
                let mine = Metrics.cdf(taus: taus, quantiles: qs, at: x)
                #expect(abs(mine - p) < 1e-12, "\(taus) \(qs) at \(x): \(mine), the scorer \(p)")
            }
        }
    }

    /// A series whose training values never change has no MASE scale (0): it is left out of
    /// MASE, as in M4, instead of making the mean infinite (the scorer gives ∞ there). One series with scale 1 and error 1
    /// beside it: MASE 1.
    @Test func aSeriesWithoutChangeIsLeftOutOfMASE() {
        let scored = [
            ScoredForecast(train: [1, 2, 3], test: [4], point: [5], intervals: [:], quantiles: [:]),
            ScoredForecast(train: [2, 2, 2], test: [3], point: [2], intervals: [:], quantiles: [:]),
            // Nor has one whose change overflows (scale ∞), which would count as a MASE of 0.
            ScoredForecast(train: [-1.7e308, 1.7e308], test: [1], point: [2], intervals: [:], quantiles: [:]),
        ]
        let metrics = Dictionary(uniqueKeysWithValues: Metrics.score(scored))
        #expect(metrics["MASE"] == 1, "\(metrics)")
    }

    /// Where the tails stop on a scale with units (a series with negative values, on the
    /// identity scale): at 3.5 times the series' mean size or 10 σ, whichever is wider. Values
    /// around −1,000 that move by a few units: the mean size, 1,000.4, sets the cap (3,501.4);
    /// on the log scale the cap is 3.5 whatever the values.
    @Test func theTailsCapIsSetByTheSeriesSize() throws {
        let values = [-1000.0, -1001, -999, -1000.5, -1002, -999.5]
        let y = try YearlySeries(periods: Array(2010..<2016), values: values)
        let meanSize = values.map(abs).reduce(0, +) / 6
        let batch = Forecaster.run([("neg", y, .identity)], settings: ForecastSettings(horizon: 2, threads: 1))
        let f = try #require(batch.forecasts.first)
        #expect(10 * f.scale[0] < 3.5 * meanSize, "σ \(f.scale[0]) is small beside the size")
        #expect(abs(f.cap - 3.5 * meanSize) < 1e-9, "\(f.cap)")
        let positive = try YearlySeries(periods: Array(2010..<2016), values: values.map { -$0 })
        let logBatch = Forecaster.run([("pos", positive, .log)], settings: ForecastSettings(horizon: 2, threads: 1))
        #expect(logBatch.forecasts.first?.cap == 3.5)
    }

    /// Metrics of several origins averaged with each origin weighted by its number of series:
    /// MASE 1.0 over 10 series and 2.0 over 30 give (10 + 60)/40 = 1.75; n_series is the
    /// largest count (30) and n_forecasts the sum (40).
    @Test func originsAreWeightedByTheirSeries() {
        let avg = Dictionary(
            uniqueKeysWithValues: BacktestDesign.average([
                [("n_series", 10), ("MASE", 1.0)], [("MASE", 2.0), ("n_series", 30)],
            ]))
        #expect(avg["MASE"] == 1.75, "\(avg)")
        #expect(avg["n_series"] == 30 && avg["n_forecasts"] == 40, "\(avg)")
    }

    /// Held-out values a split backtest cannot score: at or before the last training period, and
    /// beyond the horizon; a series without training values says nothing.
    @Test func unscoredHeldOutValuesAreFound() {
        let series = [
            BacktestDesign.Series(
                id: "a", periods: [1, 2, 3, 4, 5, 6], values: [1, 2, 3, 4, 5, 6],
                isTest: [false, true, false, true, true, true]),
            BacktestDesign.Series(id: "b", periods: [1, 2], values: [1, 2], isTest: [true, true]),
        ]
        let u = BacktestDesign.unscored(series, horizon: 2)
        #expect(u.before.count == 1 && u.before[0] == (id: "a", period: 2, lastTrain: 3))
        #expect(u.beyond.count == 1 && u.beyond[0] == (id: "a", period: 6))
        #expect(BacktestDesign.unscored(series, horizon: 3).beyond.isEmpty)
        // A held-out value of the last training period itself is "at or before" it (the readers
        // refuse a period twice, but the library takes any series; round seed 180's `p < last`
        // scored it as step 0).
        let same = BacktestDesign.Series(
            id: "c", periods: [1, 2, 2], values: [1, 2, 2], isTest: [false, false, true])
        let v = BacktestDesign.unscored([same], horizon: 2)
        #expect(v.before.count == 1 && v.before[0] == (id: "c", period: 2, lastTrain: 2) && v.beyond.isEmpty)
    }

    /// Rolling origins: at origin r (counted back from the end) a series keeps all but its last
    /// h + r values and holds out the next h. Ten values 1…10 at h = 2 allow 10 − 2 − 2 = 6
    /// origins (at least 3 training values); asked for 3, the batches train on 1…5, 1…6, 1…7
    /// and hold out 6–7, 7–8, 8–9 (the latest last), while a 5-value series takes part only
    /// where it keeps 3 to train on (the latest), and a 4-value one allows no origin. (Mutation round 140: `cut + h` as `cut − h` and `max(0, …)`
    /// as `min(0, …)` passed every test of this target; only the command-line tests reached
    /// this.)
    @Test func rollingOriginsHoldOutTheNextStepsOfEachCut() throws {
        let long = BacktestDesign.Series(
            id: "long", periods: Array(2001...2010), values: (1...10).map(Double.init),
            isTest: Array(repeating: false, count: 10))
        let short = BacktestDesign.Series(
            id: "short", periods: Array(2006...2010), values: [6, 7, 8, 9, 10],
            isTest: Array(repeating: false, count: 5))
        let batches = BacktestDesign.rollingOrigins([long, short], horizon: 2, origins: 3) { _ in .identity }
        #expect(batches.count == 3)
        for (b, units) in batches.enumerated() {
            let r = 2 - b
            let a = try #require(units.first { $0.id == "long" })
            #expect(a.train.values == (1...(8 - r)).map(Double.init), "origin \(r): \(a.train.values)")
            #expect(a.test == [Double(9 - r), Double(10 - r)] && a.testPeriods == [2009 - r, 2010 - r])
            #expect(units.contains { $0.id == "short" } == (r == 0), "origin \(r)")
        }
        let all = BacktestDesign.rollingOrigins([long], horizon: 2, origins: 50) { _ in .identity }
        #expect(all.count == 6 && all.first?.first?.train.count == 3)
        #expect(BacktestDesign.rollingOrigins([short], horizon: 2, origins: 3) { _ in .identity }.count == 1)
        let tiny = BacktestDesign.Series(
            id: "tiny", periods: [1, 2, 3, 4], values: [1, 2, 3, 4], isTest: [false, false, false, false])
        #expect(BacktestDesign.rollingOrigins([tiny], horizon: 2, origins: 3) { _ in .identity }.isEmpty)
    }
}
