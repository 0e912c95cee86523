import Foundation
import Parallel

/// The batch forecaster (normalised split-conformal calibration, see `Calibration`):
/// 1. each series' point forecast from its combination (default: drift on the original scale),
///    on its modelling scale;
/// 2. its error scale σ (`ErrorScale`) with the batch's s₀;
/// 3. out-of-sample errors of the same forecaster at every series' latest 10 origins (windows
///    of all data before the origin, at least 2 points), standardised by the window's σ, pooled
///    by stratum and step with the reference library's (`Calibration`);
/// 4. per series: centre, σ and stratum; quantiles are `centre + σ·Q(τ)` back-transformed, with
///    σ·Q capped at ±3.5 on unit-free scales (a 95% upper bound never beyond 33 times the median).
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
        // Batch scales: unit-free series (log, logit) share one s₀, the others another (relative
        // to their levels); the library's when the batch has no increments.
        let library = settings.library
        let freeS0 =
            ErrorScale.pooled(zip(input, transformed).filter { $0.0.transform.isUnitFree }.map(\.1), unitFree: true)
            ?? library.s0
        let otherS0 =
            ErrorScale.pooled(zip(input, transformed).filter { !$0.0.transform.isUnitFree }.map(\.1), unitFree: false)
            ?? freeS0
        let scales = (free: ErrorScale(s0: freeS0), other: ErrorScale(s0: otherS0))
        @Sendable func scale(_ t: Transform) -> ErrorScale { t.isUnitFree ? scales.free : scales.other }

        let counter = settings.progress.map { ProgressCounter(total: 2 * input.count, report: $0) }
        let perSeries: [[[Double]]] = parallelMap(transformed.indices, threads: settings.threads) { i in
            defer { counter?.add(1) }
            return backtestErrors(
                input[i].series, transform: input[i].transform, horizon: horizon,
                combination: overrides[input[i].id] ?? settings.combination, scale: scale(input[i].transform),
                origins: settings.originsPerSeries)
        }
        var own = [[[Double]]](repeating: [[Double]](repeating: [], count: horizon), count: ErrorScale.strata)
        for e in perSeries {
            for s in 0..<ErrorScale.strata { for h in 0..<horizon { own[s][h] += e[s * horizon + h] } }
        }
        let calibration = Calibration(own: own, library: library, horizon: horizon)

        let forecasts: [SeriesForecast] = parallelMap(transformed.indices, threads: settings.threads) { i in
            defer { counter?.add(1) }
            let s = transformed[i], t = input[i].transform
            let combination = overrides[input[i].id] ?? settings.combination
            let (center, used) = combination.forecast(input[i].series, transform: t, horizon: horizon)
            let status: ForecastStatus
            switch s.count {
            case 1: status = .priorOnly
            case 2: status = .short
            default: status = Set(s.values).count == 1 ? .constant : .ok
            }
            let sigma = max(scale(t).sigma(s, unitFree: t.isUnitFree), .leastNormalMagnitude)
            // On unit-free scales the tails stop at ±3.5 (a factor 33); elsewhere at 3.5 levels or
            // 10 σ, whichever is wider (a series around zero has a small level).
            let cap = t.isUnitFree ? 3.5 : max(3.5 * ErrorScale.increments(s, unitFree: false).level, 10 * sigma)
            return SeriesForecast(
                id: input[i].id, transform: t, lastPeriod: s.lastPeriod!, observations: s.count, center: center,
                scale: Array(repeating: sigma, count: horizon), cap: cap,
                stratum: ErrorScale.stratum(increments: s.count - 1), status: status, models: used)
        }
        return ForecastBatch(forecasts: forecasts, calibration: calibration)
    }

    /// Standardised errors `(z_{o+h} − ẑ_{o,h}) / σ_o` at the series' latest `origins` origins,
    /// flattened as `[stratum · horizon + step − 1]`.
    static func backtestErrors(
        _ original: YearlySeries, transform: Transform, horizon: Int, combination: Combination, scale: ErrorScale,
        origins: Int
    ) -> [[Double]] {
        var out = [[Double]](repeating: [], count: ErrorScale.strata * horizon)
        let z = original.transformed(transform)
        let n = z.count
        let first = max(2, n - origins)
        guard first < n else { return out }
        for m in first..<n {
            let window = original.prefix(m), zw = z.prefix(m)
            let (center, _) = combination.forecast(window, transform: transform, horizon: horizon)
            let sigma = scale.sigma(zw, unitFree: transform.isUnitFree)
            let stratum = ErrorScale.stratum(increments: m - 1)
            let origin = zw.lastPeriod!
            for j in m..<n {
                let h = z.periods[j] - origin
                guard h >= 1 && h <= horizon else { continue }
                let u = (z.values[j] - center[h - 1]) / sigma
                if u.isFinite { out[stratum * horizon + h - 1].append(u) }
            }
        }
        return out
    }
}
