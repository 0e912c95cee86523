/// One output row of a batch forecast: a series, a step, the mean, central intervals and
/// quantiles, all on the original scale.
public struct ForecastRow: Sendable {
    public let id: String
    public let period: Int
    public let step: Int
    public let mean: Double
    /// The median (`q0.5`), always computed: point accuracy is judged on it.
    public let median: Double
    /// (lower, upper) per requested level, in the order requested.
    public let intervals: [(lo: Double, hi: Double)]
    /// One value per requested probability level, in the order requested.
    public let quantiles: [Double]
}

extension ForecastBatch {
    /// Rows for every series and step. `levels` are central interval levels in percent
    /// (80 → the 0.1 and 0.9 quantiles); `quantiles` are probability levels in (0, 1).
    public func rows(levels: [Double], quantiles taus: [Double]) -> [ForecastRow] {
        let horizon = calibration.horizon
        // Standardised quantiles depend on the stratum and step only: compute them once.
        let zLevels = (0..<ErrorScale.strata).map { s in
            (1...max(1, horizon)).map { h in
                levels.map { lv in
                    (
                        calibration.quantile(stratum: s, step: h, (1 - lv / 100) / 2),
                        calibration.quantile(stratum: s, step: h, 1 - (1 - lv / 100) / 2)
                    )
                }
            }
        }
        let zTaus = (0..<ErrorScale.strata).map { s in
            (1...max(1, horizon)).map { h in taus.map { calibration.quantile(stratum: s, step: h, $0) } }
        }
        let zMedian = (0..<ErrorScale.strata).map { s in
            (1...max(1, horizon)).map { h in calibration.quantile(stratum: s, step: h, 0.5) }
        }
        var out = [ForecastRow]()
        out.reserveCapacity(forecasts.count * horizon)
        for f in forecasts {
            let s = f.stratum
            for h in 1...max(1, horizon) where h <= horizon {
                out.append(
                    ForecastRow(
                        id: f.id, period: f.lastPeriod + h, step: h, mean: f.mean(step: h, calibration: calibration),
                        median: f.value(step: h, standardized: zMedian[s][h - 1]),
                        intervals: zLevels[s][h - 1].map {
                            (f.value(step: h, standardized: $0.0), f.value(step: h, standardized: $0.1))
                        },
                        quantiles: zTaus[s][h - 1].map { f.value(step: h, standardized: $0) }))
            }
        }
        return out
    }
}

extension ForecastRow {
    /// The row with every value held inside `range` (a share's 0–100, a count's ≥ 0): the
    /// quantiles of the distribution censored at the bounds.
    public func clamped(to range: ClosedRange<Double>) -> ForecastRow {
        func c(_ v: Double) -> Double { min(max(v, range.lowerBound), range.upperBound) }
        return ForecastRow(
            id: id, period: period, step: step, mean: c(mean), median: c(median),
            intervals: intervals.map { (c($0.lo), c($0.hi)) },
            quantiles: quantiles.map(c))
    }
}
