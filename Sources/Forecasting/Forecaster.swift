import Dispatch
import Foundation

/// Settings of a batch forecast.
public struct ForecastSettings: Sendable {
    public var horizon: Int
    public var combination: Combination
    /// Pseudo-degrees of freedom of the pooled scale prior (ScaleModel).
    public var priorDF: Double
    /// Backtest origins per series (the latest ones) for the error pool.
    public var originsPerSeries: Int
    /// Fewest observations at a backtest origin.
    public var minimumOriginObservations: Int
    public var prior: ErrorPrior
    public var threads: Int
    /// Estimate the scale prior (ν₀, σ₀) from the batch by empirical Bayes (else ν₀ = priorDF and
    /// σ₀ = the median σ̂).
    public var empiricalBayes = true
    /// Shift each predictive distribution so that its mean equals the point forecast.
    public var meanPreserving = false
    /// Shift the pooled errors so that their median is zero (the models' own centre is kept).
    public var recenter = true

    public init(
        horizon: Int, combination: Combination = .standard, priorDF: Double = 2, originsPerSeries: Int = 10,
        minimumOriginObservations: Int = 3, prior: ErrorPrior = .builtIn, threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.horizon = horizon
        self.combination = combination
        self.priorDF = priorDF
        self.originsPerSeries = originsPerSeries
        self.minimumOriginObservations = minimumOriginObservations
        self.prior = prior
        self.threads = threads
    }
}

/// How a series was forecast.
public enum ForecastStatus: String, Sendable {
    /// Enough data for the models and a scale of its own.
    case ok
    /// 2 observations: drift only, scale from the pool.
    case short
    /// 1 observation: no data-driven forecast; the last value with the pooled scale.
    case priorOnly = "prior_only"
    /// All values equal: the scale comes from the pool.
    case constant
}

/// One series' calibrated predictive distribution on the transformed scale:
/// `z_h = center_h + scale_h · Z_h`, `Z_h` from the pooled errors.
public struct SeriesForecast: Sendable {
    public let id: String
    public let transform: Transform
    public let lastPeriod: Int
    public let observations: Int
    public let center: [Double]
    public let scale: [Double]
    /// Location shift on the transformed scale that makes the predictive mean equal the point
    /// forecast (zero unless `ForecastSettings.meanPreserving`).
    public var shift: [Double]
    public let status: ForecastStatus
    public let models: [String]
}

/// A batch of forecasts sharing one calibration.
public struct ForecastBatch: Sendable {
    public let forecasts: [SeriesForecast]
    public let calibration: Calibration
}

/// Calibrated standardised-error quantiles per step (cached on the probability levels asked for,
/// plus a fine grid for means and sampling).
public struct Calibration: Sendable {
    public let pool: ErrorPool
    public let prior: ErrorPrior
    /// Grid of probability levels (midpoints of 400 equal bins) and their quantiles per step.
    public let grid: [Double]
    public let gridQuantiles: [[Double]]

    public init(pool: ErrorPool, prior: ErrorPrior, horizon: Int) {
        self.pool = pool
        self.prior = prior
        let g = (0..<400).map { (Double($0) + 0.5) / 400 }
        grid = g
        gridQuantiles = (1...max(1, horizon)).prefix(horizon).map { h in g.map { pool.quantile(step: h, $0, prior: prior) } }
    }

    /// The standardised quantile at `tau` for `step` (exact pool quantile, not the grid).
    public func quantile(step: Int, _ tau: Double) -> Double { pool.quantile(step: step, tau, prior: prior) }
}

extension SeriesForecast {
    /// The `tau` quantile at `step` on the original scale, given standardised quantile `zq`.
    public func value(step: Int, standardized zq: Double) -> Double {
        transform.inverse(center[step - 1] + shift[step - 1] + scale[step - 1] * zq)
    }

    /// The mean at `step` on the original scale: the average of the back-transformed grid
    /// quantiles (a 400-point quadrature of the predictive distribution).
    public func mean(step: Int, calibration: Calibration) -> Double {
        let q = calibration.gridQuantiles[step - 1]
        var s = 0.0
        for z in q { s += transform.inverse(center[step - 1] + shift[step - 1] + scale[step - 1] * z) }
        return s / Double(q.count)
    }
}

/// The batch forecaster: fits the combination per series, backtests every series at its latest
/// origins to pool standardised errors, and scales the pooled quantiles to each series.
/// Series are processed in parallel; results do not depend on the number of threads.
public enum Forecaster {
    /// `overrides` gives some series (by id) a combination of their own (a scenario's model choice).
    public static func run(
        _ input: [(id: String, series: YearlySeries, transform: Transform)], settings: ForecastSettings,
        overrides: [String: Combination] = [:]
    ) -> ForecastBatch {
        let H = settings.horizon
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
                (nu0[t], sigma0[t]) = (settings.priorDF, ScaleModel.pooledSigma(members, fallback: rel ? 0.1 : fallbackSigma(t, members), relative: rel))
            }
        }
        let nu0Fixed = nu0

        let sigma0Fixed = sigma0
        // Backtest errors, per series, in parallel; merged in input order (deterministic).
        let perSeries: [[[Double]]] = parallelMap(transformed.indices, threads: settings.threads) { i in
            let scaleModel = ScaleModel(sigma0: sigma0Fixed[input[i].transform]!, priorDF: nu0Fixed[input[i].transform]!, relative: ScaleModel.isRelative(input[i].transform))
            var local = settings
            if let c = overrides[input[i].id] { local.combination = c }
            return backtestErrors(input[i].series, transform: input[i].transform, horizon: H, settings: local, scaleModel: scaleModel)
        }
        var pooled = [[Double]](repeating: [], count: H)
        for e in perSeries { for h in 0..<H { pooled[h].append(contentsOf: e[h]) } }
        if settings.recenter {
            for h in 0..<H where !pooled[h].isEmpty {
                let m = ErrorPool.typeSeven(pooled[h].sorted(), 0.5)
                pooled[h] = pooled[h].map { $0 - m }
            }
        }
        let calibration = Calibration(pool: ErrorPool(errors: pooled), prior: settings.prior, horizon: H)

        let forecasts: [SeriesForecast] = parallelMap(transformed.indices, threads: settings.threads) { i in
            let s = transformed[i]
            let scaleModel = ScaleModel(sigma0: sigma0Fixed[input[i].transform]!, priorDF: nu0Fixed[input[i].transform]!, relative: ScaleModel.isRelative(input[i].transform))
            let combination = overrides[input[i].id] ?? settings.combination
            let (center, used) = combination.forecast(input[i].series, transform: input[i].transform, horizon: H)
            let status: ForecastStatus
            switch s.count {
            case 1: status = .priorOnly
            case 2: status = .short
            default: status = Set(s.values).count == 1 ? .constant : .ok
            }
            let scales = scaleModel.scales(s, horizon: H)
            var f = SeriesForecast(
                id: input[i].id, transform: input[i].transform, lastPeriod: s.lastPeriod!, observations: s.count,
                center: center, scale: scales, shift: Array(repeating: 0, count: H), status: status, models: used)
            if settings.meanPreserving {
                f.shift = (1...max(1, H)).prefix(H).map { h in
                    meanPreservingShift(center: center[h - 1], scale: scales[h - 1], transform: input[i].transform, grid: calibration.gridQuantiles[h - 1])
                }
            }
            return f
        }
        return ForecastBatch(forecasts: forecasts, calibration: calibration)
    }

    /// The shift δ with mean(inverse(c + δ + s·z)) = inverse(c) over the grid quantiles z, found
    /// by bisection (the mean is increasing in δ).
    static func meanPreservingShift(center c: Double, scale s: Double, transform t: Transform, grid: [Double]) -> Double {
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
    static func backtestErrors(_ original: YearlySeries, transform: Transform, horizon H: Int, settings: ForecastSettings, scaleModel: ScaleModel) -> [[Double]] {
        var out = [[Double]](repeating: [], count: H)
        let s = original.transformed(transform)
        let n = s.count
        let first = max(settings.minimumOriginObservations, n - settings.originsPerSeries)
        guard first < n else { return out }
        for k in first..<n {
            let sub = s.prefix(k)
            let (center, _) = settings.combination.forecast(original.prefix(k), transform: transform, horizon: H)
            let scales = scaleModel.scales(sub, horizon: H)
            let origin = sub.lastPeriod!
            for j in k..<n {
                let h = s.periods[j] - origin
                guard h >= 1 && h <= H else { continue }
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

/// Maps `indices` in parallel on up to `threads` threads, keeping the order of the results.
func parallelMap<T: Sendable>(_ indices: Range<Int>, threads: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let n = indices.count
    if n == 0 { return [] }
    let box = OrderedResults<T>(count: n)
    let chunks = max(1, min(n, threads * 8))
    let size = (n + chunks - 1) / chunks
    let work = { @Sendable (c: Int) in
        let lo = c * size, hi = min(n, lo + size)
        if lo < hi { for k in lo..<hi { box.set(k, body(indices.lowerBound + k)) } }
    }
    if threads <= 1 {
        for c in 0..<chunks { work(c) }
    } else {
        DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
    }
    return box.inOrder
}

/// Results written once per index by whichever thread computes them (no two threads write one
/// slot), read back in index order — so parallel work keeps a deterministic order.
public final class OrderedResults<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    public let count: Int
    public init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    public func set(_ k: Int, _ v: T) { slots[k] = v }
    /// Every result, in index order (all must have been set).
    public var inOrder: [T] { (0..<count).map { slots[$0]! } }
}
