import Foundation
import Testing

@testable import Forecasting

/// Coverage of the calibrated forecaster on series simulated from known processes.
struct CalibrationTests {
    typealias SplitMix = ContractTests.SplitMix

    /// 400 log-normal random walks with drift (μ = 0.03, σ = 0.08 a year on logs), 15 years of
    /// history; the next 4 years are held out. Each step has 400 independent outcomes, so an 80%
    /// interval's coverage has binomial SD √(0.8·0.2/400) = 0.02 per step: the band ±4 SD,
    /// [0.72, 0.88], fails with probability < 1e-4 for a calibrated forecaster.
    @Test func coverageOnSimulatedRandomWalks() throws {
        var g = SplitMix(state: 2026)
        var input = [(id: String, series: YearlySeries, transform: Transform)]()
        var future = [[Double]]()
        for i in 0..<400 {
            var z = log(100.0)
            var vals = [Double]()
            for _ in 0..<19 {
                z += 0.03 + 0.08 * Sampling.normal(using: &g)
                vals.append(exp(z))
            }
            input.append(("s\(i)", try YearlySeries(periods: Array(2000..<2015), values: Array(vals.prefix(15))), .log))
            future.append(Array(vals.suffix(4)))
        }
        let batch = Forecaster.run(input, settings: ForecastSettings(horizon: 4, threads: 2))
        let rows = batch.rows(levels: [80, 95], quantiles: [0.5])
        for h in 1...4 {
            var in80 = 0, in95 = 0, below = 0
            for (k, f) in future.enumerated() {
                let r = rows[k * 4 + h - 1]
                let y = f[h - 1]
                if y >= r.intervals[0].lo && y <= r.intervals[0].hi { in80 += 1 }
                if y >= r.intervals[1].lo && y <= r.intervals[1].hi { in95 += 1 }
                if y <= r.quantiles[0] { below += 1 }
            }
            let c80 = Double(in80) / 400, c95 = Double(in95) / 400, c50 = Double(below) / 400
            #expect((0.72...0.88).contains(c80), "step \(h): 80% coverage \(c80) (seed 2026)")
            // 95%: SD √(0.95·0.05/400) = 0.011; ±4 SD.
            #expect((0.906...0.994).contains(c95), "step \(h): 95% coverage \(c95) (seed 2026)")
            #expect((0.40...0.60).contains(c50), "step \(h): share below the median \(c50) (seed 2026)")
        }
    }

    /// The forecast scale is the error scale σ widened by `outOfSampleInflation` (3%) for series
    /// of two or more points, and σ itself for a one-point series (whose scale is the library's);
    /// from six points on, ×1.4 more when the last value is below the one five observations
    /// earlier and ×0.90 otherwise (`Forecaster.direction`).
    @Test func scaleIsWidenedForSeriesWithIncrements() throws {
        let input: [Forecaster.Input] = [
            ("one", try YearlySeries(periods: [2020], values: [100]), .log),
            ("two", try YearlySeries(periods: [2019, 2020], values: [90, 100]), .log),
            (
                "many",
                try YearlySeries(
                    periods: Array(2011...2020), values: (0..<10).map { 100 * pow(1.05, Double($0)) + Double($0 % 3) }),
                .log
            ),
            (
                "falling",
                try YearlySeries(
                    periods: Array(2011...2020), values: (0..<10).map { 100 * pow(0.95, Double($0)) + Double($0 % 3) }),
                .log
            ),
            // Falling over the last five observations only (up, then down): falling.
            ("turned", try YearlySeries(periods: Array(2013...2020), values: [50, 60, 90, 88, 80, 75, 70, 66]), .log),
            // Five points, falling: below six points the direction is not used.
            ("short", try YearlySeries(periods: Array(2016...2020), values: [90, 85, 80, 79, 70]), .log),
        ]
        let direction = ["one": 1.0, "two": 1, "many": 0.90, "falling": 1.4, "turned": 1.4, "short": 1]
        let settings = ForecastSettings(horizon: 2, threads: 1)
        let batch = Forecaster.run(input, settings: settings)
        let parts = Forecaster.contributions(Forecaster.admissible(input), settings: settings)
        let scale = BatchCalibration(parts, library: settings.library, horizon: 2).scale(unitFree: true)
        #expect(Forecaster.outOfSampleInflation == 1.03)
        #expect(Forecaster.direction == (falling: 1.4, rising: 0.90))
        for (f, i) in zip(batch.forecasts, input) {
            let sigma = scale.sigma(i.series.transformed(.log), unitFree: true)
            let expected = sigma * (i.series.count >= 2 ? 1.03 : 1) * direction[i.id]!
            #expect(abs(f.scale[0] - expected) <= 1e-12 * expected, "\(i.id): \(f.scale[0]) vs \(expected)")
            // The median is the centre plus the kept bias at the scale before the direction:
            // the direction changes the spread, not the median. A one-point series' kept bias
            // (its growth) is at the library's scale, not the batch's.
            let (centre, _) = settings.combination.forecast(
                i.series, transform: .log, horizon: 2, reference: settings.library.referenceClass)
            let biasScale = i.series.count >= 2 ? sigma * 1.03 : settings.library.s0
            for step in 1...2 {
                let q50 = batch.calibration.quantile(stratum: f.stratum, step: step, 0.5)
                let median = exp(centre[step - 1] + biasScale * q50)
                let got = f.quantile(step: step, 0.5, calibration: batch.calibration)
                #expect(abs(got - median) <= 1e-9 * median, "\(i.id) step \(step): median \(got) vs \(median)")
            }
        }
    }

    /// A one-point series grows by the library's reference growth g = κ·m·s₀ (0.045 a year for
    /// the shipped library) whatever the batch beside it, so its step-1 median is 100·e^g; its
    /// spread is the batch's s₀: wider beside volatile series than beside calm ones.
    @Test func aOnePointSeriesGrowsAtTheLibrarysRateInAnyBatch() throws {
        let settings = ForecastSettings(horizon: 3, threads: 1)
        let g = try #require(settings.library.referenceGrowth)
        #expect(abs(g - 0.045) < 0.001)
        var medians = [Double](), widths = [Double]()
        for step in [0.01, 0.3] {
            // Ten series of 12 points whose log increments alternate ±step around 0.02 a year.
            var input: [Forecaster.Input] = try (0..<10).map { j in
                let v = (0..<12).map { 50 * exp(0.02 * Double($0) + (($0 + j) % 2 == 0 ? step : -step)) }
                return ("s\(j)", try YearlySeries(periods: Array(2009...2020), values: v), .log)
            }
            input.append(("one", try YearlySeries(periods: [2020], values: [100]), .log))
            let batch = Forecaster.run(input, settings: settings)
            let f = try #require(batch.forecasts.last)
            #expect(f.stratum == 0)
            medians.append(f.quantile(step: 1, 0.5, calibration: batch.calibration))
            widths.append(
                log(
                    f.quantile(step: 1, 0.95, calibration: batch.calibration)
                        / f.quantile(step: 1, 0.05, calibration: batch.calibration)))
        }
        for m in medians { #expect(abs(m - 100 * exp(g)) <= 1e-9 * m, "median \(m) vs \(100 * exp(g))") }
        // log(q95/q05) is σ·(Q₀(0.95) − Q₀(0.05)): s₀ is about 0.03 beside the calm series and
        // 0.4 beside the volatile ones (each shrunk towards the library's 0.096 as two series).
        #expect(widths[1] > 5 * widths[0], "90% widths on the log scale \(widths)")
    }

    @Test func resultsDoNotDependOnThreads() throws {
        var g = SplitMix(state: 7)
        let input = try (0..<50).map { i -> (id: String, series: YearlySeries, transform: Transform) in
            let v = (0..<10).map { _ in 50 + 10 * Sampling.uniform(using: &g) }
            return ("s\(i)", try YearlySeries(periods: Array(1...10), values: v), .log)
        }
        let a = Forecaster.run(input, settings: ForecastSettings(horizon: 3, threads: 1)).rows(
            levels: [90], quantiles: [0.5])
        let b = Forecaster.run(input, settings: ForecastSettings(horizon: 3, threads: 4)).rows(
            levels: [90], quantiles: [0.5])
        #expect(a.map(\.mean) == b.map(\.mean))
        #expect(a.map(\.intervals[0].hi) == b.map(\.intervals[0].hi))
    }

    @Test func awkwardSeriesGiveValidBoundedForecasts() throws {
        let cases: [(String, [Int], [Double], Transform, ForecastStatus)] = [
            ("one", [2020], [5], .log, .priorOnly),
            ("two", [2019, 2021], [5, 7], .log, .short),
            ("three", [2018, 2019, 2020], [1, 2, 4], .log, .ok),
            ("constant", [2010, 2011, 2012, 2013], [3, 3, 3, 3], .log, .constant),
            ("zeros", [2015, 2016, 2017, 2018, 2019], [0, 2, 1, 0, 3], .squareRoot, .ok),
            ("share", [2019, 2020, 2021, 2022], [99.5, 99.7, 99.9, 99.8], .logit, .ok),
            ("gaps", [2000, 2003, 2004, 2008], [100, 130, 128, 160], .log, .ok),
        ]
        let input = try cases.map { ($0.0, try YearlySeries(periods: $0.1, values: $0.2), $0.3) }
        let batch = Forecaster.run(input, settings: ForecastSettings(horizon: 3))
        for (k, c) in cases.enumerated() {
            #expect(batch.forecasts[k].status == c.4, "\(c.0)")
        }
        let rows = batch.rows(levels: [80, 95], quantiles: [0.05, 0.5, 0.95])
        for r in rows {
            let values =
                [r.mean, r.intervals[0].lo, r.intervals[0].hi, r.intervals[1].lo, r.intervals[1].hi] + r.quantiles
            #expect(values.allSatisfy { $0.isFinite }, "\(r.id) step \(r.step)")
            #expect(r.intervals[1].lo <= r.intervals[0].lo && r.intervals[0].lo <= r.quantiles[1])
            #expect(r.quantiles[1] <= r.intervals[0].hi && r.intervals[0].hi <= r.intervals[1].hi)
            switch r.id {
            case "share": #expect(values.allSatisfy { $0 > 0 && $0 < 100 })
            default: #expect(values.allSatisfy { $0 >= 0 })
            }
        }
        // The gap is respected: the forecast continues from 2008.
        #expect(rows.first { $0.id == "gaps" }?.period == 2009)
    }
}

extension CalibrationTests {
    /// On the identity scale a series a million times larger gets intervals a million times
    /// wider: the scale prior is relative, so series of different sizes do not borrow each
    /// other's units.
    @Test func identityScaleForecastsAreScaleEquivariant() throws {
        let a: [Double] = [0.5, -0.2, 1.1, 0.7, 1.9, 1.4, 2.2, 2.0]
        let c: [Double] = [3, -1, 4, 1, 5, 9, 2, 6]
        let input = try [("a", a), ("b", a.map { $0 * 1e6 }), ("c", c)].map { id, v in
            (id: id, series: try YearlySeries(periods: Array(1...v.count), values: v), transform: Transform.identity)
        }
        let rows = Forecaster.run(input, settings: ForecastSettings(horizon: 3)).rows(
            levels: [80, 95], quantiles: [0.5])
        for h in 0..<3 {
            let ra = rows[h], rb = rows[3 + h]
            let wa = ra.intervals[1].hi - ra.intervals[1].lo, wb = rb.intervals[1].hi - rb.intervals[1].lo
            #expect(abs(wb / wa - 1e6) < 1e-3, "step \(h + 1): width ratio \(wb / wa)")
            #expect(abs(rb.mean / 1e6 - ra.mean) < 1e-9 * max(1, abs(ra.mean)))
        }
    }

    /// A series' share of the calibration is equal to another bit for bit, the way the parts of
    /// a sharded batch must agree with the whole batch: a NaN residual equals itself, and one
    /// scale item's weight, or 0 against −0, makes them differ (mutation round seed 101: the
    /// scale items' comparison was unpinned).
    @Test func contributionsAreEqualBitForBit() {
        func contribution(weight: Double = 2, residual: Double = .nan) -> CalibrationContribution {
            CalibrationContribution(
                unitFree: true, scaleItems: [(size: 0.1, weight: 1), (size: 0.3, weight: weight)],
                origins: [.init(scale: 0.2, increments: 4, level: 10, slots: [0, 1], residuals: [0.5, residual])])
        }
        #expect(contribution() == contribution())
        #expect(contribution(weight: 2.5) != contribution())
        #expect(contribution(weight: -0.0) != contribution(weight: 0))
        #expect(contribution(residual: 1) != contribution())
    }
}
