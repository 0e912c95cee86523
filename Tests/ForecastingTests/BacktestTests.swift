import Foundation
import Testing

@testable import Forecasting

/// Backtest scoring: each held-out value is scored against the forecast of its own period (a gap
/// in the test periods skips a step, never shifts one), and a value on an interval's end is inside.
struct BacktestTests {
    /// Five trending series of 8 years (2000–2007) with held-out periods 2008 and 2010 (2009 missing).
    static func units(test: (Int) -> [Double]) throws -> [Backtest.Unit] {
        try (0..<5).map { i in
            let values = (0..<8).map { 100 * pow(1.05 + 0.01 * Double(i), Double($0)) + Double(($0 * 7 + i) % 3) }
            let train = try YearlySeries(periods: Array(2000...2007), values: values)
            return Backtest.Unit(id: "s\(i)", train: train, test: test(i), testPeriods: [2008, 2010], transform: .log)
        }
    }

    @Test func eachHeldOutValueMeetsTheForecastOfItsOwnPeriod() throws {
        let settings = ForecastSettings(horizon: 3, threads: 1)
        // The batch's forecasts first (the scores forecast the same batch again, deterministically).
        let (_, batch) = Backtest.evaluate(
            try Self.units { _ in [1, 1] }, settings: settings, levels: [80], quantiles: [0.5])
        let rows = batch.rows(levels: [80], quantiles: [0.5])
        #expect(rows.count == 15 && rows.map(\.step) == Array(repeating: [1, 2, 3], count: 5).flatMap { $0 })
        func at(_ i: Int, _ step: Int) -> ForecastRow { rows[i * 3 + step - 1] }
        // Held-out values equal to the medians of 2008 (step 1) and 2010 (step 3).
        let exact = try Self.units { i in [at(i, 1).median, at(i, 3).median] }
        let (m, _) = Backtest.evaluate(exact, settings: settings, levels: [80], quantiles: [0.5])
        let metric = Dictionary(m, uniquingKeysWith: { a, _ in a })
        #expect(metric["sMAPE"] == 0, "\(m)")
        #expect(metric["cov80"] == 1)
        // On the upper end of the 80% interval: inside (coverage counts lo ≤ y ≤ hi).
        let onEnd = try Self.units { i in [at(i, 1).intervals[0].hi, at(i, 3).intervals[0].hi] }
        let (e, _) = Backtest.evaluate(onEnd, settings: settings, levels: [80], quantiles: [0.5])
        #expect(Dictionary(e, uniquingKeysWith: { a, _ in a })["cov80"] == 1, "\(e)")
        // Periods beyond the horizon are not scored: 2011 is step 4 of 3.
        let beyond = try (0..<5).map { i in
            let u = try Self.units { i in [at(i, 1).median, at(i, 3).median] }[i]
            return Backtest.Unit(
                id: u.id, train: u.train, test: [at(i, 1).median, 1e9], testPeriods: [2008, 2011], transform: .log)
        }
        let (b, _) = Backtest.evaluate(beyond, settings: settings, levels: [80], quantiles: [0.5])
        #expect(Dictionary(b, uniquingKeysWith: { a, _ in a })["sMAPE"] == 0, "\(b)")
    }
}
