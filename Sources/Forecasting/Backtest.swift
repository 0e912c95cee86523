/// Out-of-sample evaluation of the batch forecaster: each series is cut at an origin, the whole
/// batch is forecast from the data before the cut (calibration included, so nothing after the
/// cut leaks in), and the next `horizon` values are scored with `Metrics`.
public enum Backtest {
    public struct Unit: Sendable {
        public let id: String
        public let train: YearlySeries
        public let test: [Double]
        public let transform: Transform
        public init(id: String, train: YearlySeries, test: [Double], transform: Transform) {
            self.id = id
            self.train = train
            self.test = test
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
            let h = min(horizon, u.test.count)
            guard h > 0 else { continue }
            let r = Array(rows[(k * horizon)..<(k * horizon + h)])
            var intervals = [Double: (lo: [Double], hi: [Double])]()
            for (j, lv) in levels.enumerated() {
                intervals[lv] = (r.map { $0.intervals[j].lo }, r.map { $0.intervals[j].hi })
            }
            var q = [Double: [Double]]()
            for (j, t) in quantiles.enumerated() { q[t] = r.map { $0.quantiles[j] } }
            scored.append(
                ScoredForecast(
                    train: u.train.values, test: Array(u.test.prefix(h)), point: r.map(\.mean), intervals: intervals,
                    quantiles: q))
        }
        return (Metrics.score(scored), batch)
    }
}
