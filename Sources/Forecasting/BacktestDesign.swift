/// How a batch is cut for a backtest, and how the scores of several origins are combined.
public enum BacktestDesign {
    /// A series as read for a backtest: periods, values and which values are held out.
    public struct Series: Sendable {
        public let id: String
        public let periods: [Int]
        public let values: [Double]
        /// Parallel to `periods`: true for held-out (test) values.
        public let isTest: [Bool]
        public init(id: String, periods: [Int], values: [Double], isTest: [Bool]) {
            self.id = id
            self.periods = periods
            self.values = values
            self.isTest = isTest
        }
    }

    /// One batch: every series forecast from its train values and scored on its test values.
    /// Series without train values are left out.
    public static func heldOut(_ series: [Series], transform: ([Double]) -> Transform) -> [[Backtest.Unit]] {
        var units = [Backtest.Unit]()
        for s in series {
            let pairs = zip(zip(s.periods, s.values), s.isTest)
            let train = pairs.filter { !$0.1 }.map(\.0)
            let test = pairs.filter { $0.1 }.map(\.0).sorted { $0.0 < $1.0 }
            guard !train.isEmpty, let ys = try? YearlySeries(periods: train.map(\.0), values: train.map(\.1)) else {
                continue
            }
            units.append(
                Backtest.Unit(
                    id: s.id, train: ys, test: test.map(\.1), testPeriods: test.map(\.0),
                    transform: transform(ys.values)))
        }
        return [units]
    }

    /// The held-out values a split backtest cannot score (`Backtest.evaluate` scores steps 1…h
    /// after a series' last training period): those at or before that period (`before`, with
    /// it), and those beyond the horizon (`beyond`). Series without training values are left
    /// out, as `heldOut` leaves them. Until 2026-12-03 both were dropped without a word: a split
    /// file with six test years scored at `--horizon 4` lost two of them unseen.
    public static func unscored(_ series: [Series], horizon: Int) -> (
        before: [(id: String, period: Int, lastTrain: Int)], beyond: [(id: String, period: Int)]
    ) {
        var before = [(id: String, period: Int, lastTrain: Int)](), beyond = [(id: String, period: Int)]()
        for s in series {
            let trainPeriods = s.periods.indices.filter { !s.isTest[$0] }.map { s.periods[$0] }
            guard let last = trainPeriods.max() else { continue }
            for (p, test) in zip(s.periods, s.isTest) where test {
                if p <= last { before.append((s.id, p, last)) } else if p - last > horizon { beyond.append((s.id, p)) }
            }
        }
        return (before, beyond)
    }

    /// One batch per origin, the latest last: at origin r (counted back from the end) each series
    /// keeps all but its last `horizon + r` values for training (at least 3) and holds out the
    /// values of the next `horizon` periods (fewer where the series has gaps). Origins beyond
    /// what the longest series allows are not tried.
    public static func rollingOrigins(
        _ series: [Series], horizon: Int, origins: Int, transform: ([Double]) -> Transform
    ) -> [[Backtest.Unit]] {
        var batches = [[Backtest.Unit]]()
        let longest = series.map(\.values.count).max() ?? 0
        let usable = max(0, min(origins, longest - horizon - 2))
        for r in (0..<usable).reversed() {
            var units = [Backtest.Unit]()
            for s in series {
                guard let ys = try? YearlySeries(periods: s.periods, values: s.values) else { continue }
                let cut = ys.count - horizon - r
                guard cut >= 3 else { continue }
                let train = ys.prefix(cut)
                units.append(
                    Backtest.Unit(
                        id: s.id, train: train, test: Array(ys.values[cut..<(cut + horizon)]),
                        transform: transform(train.values)))
            }
            batches.append(units)
        }
        return batches
    }

    /// The metrics of several origins in one list: each metric averaged over origins, weighted by
    /// the number of series scored at each; `n_series` is the number of distinct series scored
    /// (every series scored at an earlier origin is scored at the later ones, so the largest
    /// count), and `n_forecasts` the number of series × origins.
    public static func average(_ scored: [[(String, Double)]]) -> [(String, Double)] {
        var sums = [String: Double](), weights = [String: Double](), order = [String]()
        for m in scored {
            let w = m.first { $0.0 == "n_series" }?.1 ?? 1
            for (k, v) in m {
                if sums[k] == nil { order.append(k) }
                if k == "n_series" {
                    sums[k] = max(sums[k] ?? 0, v)
                    weights[k] = 1
                    sums["n_forecasts", default: 0] += v
                    weights["n_forecasts"] = 1
                    continue
                }
                // An origin where a metric is undefined (no scaled series) does not count for it.
                guard v.isFinite else { continue }
                sums[k, default: 0] += v * w
                weights[k, default: 0] += w
            }
        }
        if sums["n_forecasts"] != nil, let i = order.firstIndex(of: "n_series") {
            order.insert("n_forecasts", at: i + 1)
        }
        return order.map { k in (k, (weights[k] ?? 0) > 0 ? sums[k, default: 0] / weights[k]! : .nan) }
    }
}
