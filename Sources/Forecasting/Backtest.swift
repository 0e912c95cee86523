/// Out-of-sample evaluation of the batch forecaster: each series is cut at an origin, the whole
/// batch is forecast from the data before the cut (calibration included, so nothing after the
/// cut leaks in), and the next `horizon` values are scored with `Metrics`.
public enum Backtest {
    public struct Unit: Sendable {
        public let id: String
        public let train: YearlySeries
        /// Held-out values and their periods (after the last training period).
        public let test: [Double]
        public let testPeriods: [Int]
        public let transform: Transform
        /// `testPeriods` default to the periods right after the training data.
        public init(id: String, train: YearlySeries, test: [Double], testPeriods: [Int]? = nil, transform: Transform) {
            self.id = id
            self.train = train
            self.test = test
            let last = train.lastPeriod ?? 0
            self.testPeriods = testPeriods ?? test.indices.map { last + 1 + $0 }
            self.transform = transform
        }
    }

    /// Scores forecasts of `units` (forecast together as one batch).
    public static func evaluate(
        _ units: [Unit], settings: ForecastSettings, levels: [Double], quantiles: [Double]
    ) -> (metrics: [(String, Double)], forecasts: ForecastBatch) {
        let batch = Forecaster.run(units.map { ($0.id, $0.train, $0.transform) }, settings: settings)
        let rows = batch.rows(levels: levels, quantiles: quantiles)
        let horizon = settings.horizon
        var scored = [ScoredForecast]()
        for (k, u) in units.enumerated() {
            // Each held-out value is scored against the forecast for its own period: step =
            // period − last training period (a gap in the test data skips a step, never shifts one).
            let last = u.train.lastPeriod ?? 0
            let kept = zip(u.testPeriods, u.test).filter { $0.0 - last >= 1 && $0.0 - last <= horizon }
            guard !kept.isEmpty else { continue }
            let r = kept.map { rows[k * horizon + ($0.0 - last) - 1] }
            let test = kept.map(\.1)
            var intervals = [Double: (lo: [Double], hi: [Double])]()
            for (j, lv) in levels.enumerated() {
                intervals[lv] = (r.map { $0.intervals[j].lo }, r.map { $0.intervals[j].hi })
            }
            var q = [Double: [Double]]()
            for (j, t) in quantiles.enumerated() { q[t] = r.map { $0.quantiles[j] } }
            scored.append(
                ScoredForecast(
                    train: u.train.values, test: test, point: r.map(\.median), intervals: intervals,
                    quantiles: q))
        }
        return (Metrics.score(scored), batch)
    }
}
