import Foundation
import Parallel

/// The batch forecaster: fits the combination per series, backtests every series at its latest
/// origins to pool standardised errors, and scales the pooled quantiles to each series.
/// Series are processed in parallel; results do not depend on the number of threads.
public enum Forecaster {
    /// `overrides` gives some series (by id) a combination of their own (a scenario's model choice).
    public static func run(
        _ input: [(id: String, series: YearlySeries, transform: Transform)], settings: ForecastSettings,
        overrides: [String: Combination] = [:]
    ) -> ForecastBatch {
        // A transform that does not admit every value (log of a zero) gives way to the automatic one.
        let input = input.map { i in
            (
                id: i.id, series: i.series,
                transform: i.series.values.allSatisfy(i.transform.admits)
                    ? i.transform : Transform.automatic(values: i.series.values)
            )
        }
        let horizon = settings.horizon
        let transformed = input.map { $0.series.transformed($0.transform) }
        // Pooled scale per transform (series on different scales are not mixed).
        var sigma0 = [Transform: Double]()
        var nu0 = [Transform: Double]()
        for t in Set(input.map(\.transform)) {
            let members = zip(input, transformed).filter { $0.0.transform == t }.map(\.1)
            let rel = ScaleModel.isRelative(t)
            if settings.empiricalBayes, let eb = ScaleModel.empiricalBayesPrior(members, relative: rel) {
                (nu0[t], sigma0[t]) = (eb.nu0, eb.sigma0)
            } else {
                (nu0[t], sigma0[t]) = (
                    settings.priorDF,
                    ScaleModel.pooledSigma(members, fallback: rel ? 0.1 : fallbackSigma(t, members), relative: rel)
                )
            }
        }
        let nu0Fixed = nu0

        let sigma0Fixed = sigma0
        // Backtest errors, per series, in parallel; merged in input order (deterministic).
        let perSeries: [[[Double]]] = parallelMap(transformed.indices, threads: settings.threads) { i in
            let scaleModel = ScaleModel(
                sigma0: sigma0Fixed[input[i].transform]!, priorDF: nu0Fixed[input[i].transform]!,
                relative: ScaleModel.isRelative(input[i].transform))
            var local = settings
            if let c = overrides[input[i].id] { local.combination = c }
            return backtestErrors(
                input[i].series, transform: input[i].transform, horizon: horizon, settings: local,
                scaleModel: scaleModel)
        }
        var pooled = [[Double]](repeating: [], count: horizon)
        for e in perSeries { for h in 0..<horizon { pooled[h].append(contentsOf: e[h]) } }
        if settings.recenter {
            for h in 0..<horizon where !pooled[h].isEmpty {
                let m = ErrorPool.typeSeven(pooled[h].sorted(), 0.5)
                pooled[h] = pooled[h].map { $0 - m }
            }
        }
        let calibration = Calibration(pool: ErrorPool(errors: pooled), prior: settings.prior, horizon: horizon)

        let forecasts: [SeriesForecast] = parallelMap(transformed.indices, threads: settings.threads) { i in
            let s = transformed[i]
            let scaleModel = ScaleModel(
                sigma0: sigma0Fixed[input[i].transform]!, priorDF: nu0Fixed[input[i].transform]!,
                relative: ScaleModel.isRelative(input[i].transform))
            let combination = overrides[input[i].id] ?? settings.combination
            let (center, used) = combination.forecast(input[i].series, transform: input[i].transform, horizon: horizon)
            let status: ForecastStatus
            switch s.count {
            case 1: status = .priorOnly
            case 2: status = .short
            default: status = Set(s.values).count == 1 ? .constant : .ok
            }
            let scales = scaleModel.scales(s, horizon: horizon)
            var f = SeriesForecast(
                id: input[i].id, transform: input[i].transform, lastPeriod: s.lastPeriod!, observations: s.count,
                center: center, scale: scales, shift: Array(repeating: 0, count: horizon), status: status, models: used)
            if settings.meanPreserving {
                f.shift = (1...max(1, horizon)).prefix(horizon).map { h in
                    meanPreservingShift(
                        center: center[h - 1], scale: scales[h - 1], transform: input[i].transform,
                        grid: calibration.gridQuantiles[h - 1])
                }
            }
            return f
        }
        return ForecastBatch(forecasts: forecasts, calibration: calibration)
    }

    /// The shift δ with mean(inverse(c + δ + s·z)) = inverse(c) over the grid quantiles z, found
    /// by bisection (the mean is increasing in δ).
    static func meanPreservingShift(center c: Double, scale s: Double, transform t: Transform, grid: [Double]) -> Double
    {
        let target = t.inverse(c)
        func mean(_ d: Double) -> Double { grid.reduce(0) { $0 + t.inverse(c + d + s * $1) } / Double(grid.count) }
        var lo = -10 * s - 1e-9, hi = 10 * s + 1e-9
        for _ in 0..<80 {
            let mid = (lo + hi) / 2
            if mean(mid) < target { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// Standardised errors `(y_{o+h} − ŷ_{o,h}) / σ_{o,h}` at the series' latest origins.
    static func backtestErrors(
        _ original: YearlySeries, transform: Transform, horizon horizon: Int, settings: ForecastSettings,
        scaleModel: ScaleModel
    ) -> [[Double]] {
        var out = [[Double]](repeating: [], count: horizon)
        let s = original.transformed(transform)
        let n = s.count
        let first = max(settings.minimumOriginObservations, n - settings.originsPerSeries)
        guard first < n else { return out }
        for k in first..<n {
            let sub = s.prefix(k)
            let (center, _) = settings.combination.forecast(original.prefix(k), transform: transform, horizon: horizon)
            let scales = scaleModel.scales(sub, horizon: horizon)
            let origin = sub.lastPeriod!
            for j in k..<n {
                let h = s.periods[j] - origin
                guard h >= 1 && h <= horizon else { continue }
                let z = (s.values[j] - center[h - 1]) / scales[h - 1]
                if z.isFinite { out[h - 1].append(z) }
            }
        }
        return out
    }

    /// A scale when no series in the batch can estimate one: 10% a year on log and logit
    /// scales; on other scales 10% of the typical level.
    static func fallbackSigma(_ t: Transform, _ series: [YearlySeries]) -> Double {
        switch t {
        case .log, .logit: return 0.1
        case .squareRoot, .identity:
            let levels = series.flatMap(\.values).map(abs)
            let m = levels.isEmpty ? 1 : levels.reduce(0, +) / Double(levels.count)
            return max(0.1 * m, 1e-6)
        }
    }
}
