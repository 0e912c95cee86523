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
            units.append(Backtest.Unit(id: s.id, train: ys, test: test.map(\.1), transform: transform(ys.values)))
        }
        return [units]
    }

    /// One batch per origin, the latest last: at origin r (counted back from the end) each series
    /// keeps all but its last `horizon + r` values for training (at least 3) and holds out the
    /// next `horizon`.
    public static func rollingOrigins(
        _ series: [Series], horizon: Int, origins: Int, transform: ([Double]) -> Transform
    ) -> [[Backtest.Unit]] {
        var batches = [[Backtest.Unit]]()
        for r in (0..<origins).reversed() {
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
    /// the number of series scored at each; `n_series` is summed.
    public static func average(_ scored: [[(String, Double)]]) -> [(String, Double)] {
        var sums = [String: Double](), weights = [String: Double](), order = [String]()
        for m in scored {
            let w = m.first { $0.0 == "n_series" }?.1 ?? 1
            for (k, v) in m {
                if sums[k] == nil { order.append(k) }
                if k == "n_series" {
                    sums[k, default: 0] += v
                    weights[k] = 1
                    continue
                }
                sums[k, default: 0] += v * w
                weights[k, default: 0] += w
            }
        }
        return order.map { ($0, sums[$0]! / weights[$0]!) }
    }
}
