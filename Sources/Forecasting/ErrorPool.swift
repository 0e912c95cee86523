/// Standardised forecast errors pooled across series, per horizon: the empirical correction
/// that makes intervals cover what they claim (DESIGN.md §3.3).
///
/// An error at origin `o` and step `h` is standardised by the scale model's forecast SD at that
/// origin: `z = (y_{o+h} − ŷ_{o,h}) / σ_{o,h}` on the transformed scale. Quantiles of the pooled
/// `z` replace the Gaussian quantiles of the model (probabilistic recalibration, as in
/// Kuleshov et al. 2018; for forecasting, the empirical-error intervals of Williams & Goodman
/// 1971 and Isengildina-Massa et al. 2010).
public struct ErrorPool: Sendable {
    /// Sorted standardised errors for steps 1…horizon.
    public let errors: [[Double]]

    public init(errors: [[Double]]) {
        self.errors = errors.map { $0.filter(\.isFinite).sorted() }
    }

    public var horizon: Int { errors.count }
    public func count(step: Int) -> Int { errors[step - 1].count }

    /// Empirical quantile (linear interpolation between order statistics, Hyndman & Fan type 7)
    /// of the standardised error at `step`, blended with `prior` when the pool is small:
    /// weight `n / (n + priorWeight)` on the pool (quantile averaging).
    public func quantile(step: Int, _ tau: Double, prior: ErrorPrior = .builtIn) -> Double {
        let z = errors[min(step, errors.count) - 1]
        let p = prior.quantile(step: step, tau)
        guard !z.isEmpty else { return p }
        let e = Self.typeSeven(z, tau)
        let w = Double(z.count) / (Double(z.count) + prior.weight)
        return w * e + (1 - w) * p
    }

    static func typeSeven(_ sorted: [Double], _ tau: Double) -> Double {
        let h = Double(sorted.count - 1) * min(max(tau, 0), 1)
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}

/// Quantiles of standardised errors used when a batch is too small to calibrate itself, and as
/// a weak prior (weight 50 pseudo-errors) otherwise.
///
/// `builtIn` is the pooled calibration of the Tourism development set (518 yearly series,
/// training parts only, steps 1–6 averaged; `plancast forecast --input train.csv --horizon 6
/// --calibration cal.csv`, see Notebooks-data/forecast-accuracy.md): close to a standard normal
/// in the centre, with a heavier lower tail (declines are sharper than rises). Between its
/// levels it is interpolated linearly; beyond 0.005 and 0.995 it continues along a normal tail
/// through the outermost level.
public struct ErrorPrior: Sendable {
    /// Pseudo-count of the prior against the pool.
    public let weight: Double
    let quantileFunction: @Sendable (Int, Double) -> Double

    public init(weight: Double, quantile: @escaping @Sendable (Int, Double) -> Double) {
        self.weight = weight
        self.quantileFunction = quantile
    }

    public func quantile(step: Int, _ tau: Double) -> Double { quantileFunction(step, tau) }

    static let taus: [Double] = [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995,
    ]
    static let zs: [Double] = [
        -3.753, -3.204, -2.417, -1.889, -1.348, -0.805, -0.627, -0.474, -0.221, 0.000, 0.215, 0.449, 0.582, 0.739,
        1.166, 1.555, 1.963, 2.508, 2.888,
    ]

    /// Piecewise-linear quantile function through (taus, zs) with normal tails.
    static func table(_ tau: Double) -> Double {
        if tau <= taus.first! {
            return zs.first! * StudentT.normalQuantile(max(tau, 1e-12)) / StudentT.normalQuantile(taus.first!)
        }
        if tau >= taus.last! {
            return zs.last! * StudentT.normalQuantile(min(tau, 1 - 1e-12)) / StudentT.normalQuantile(taus.last!)
        }
        let k = taus.firstIndex { $0 >= tau }!
        let w = (tau - taus[k - 1]) / (taus[k] - taus[k - 1])
        return zs[k - 1] + w * (zs[k] - zs[k - 1])
    }

    public static let builtIn = ErrorPrior(weight: 50) { _, tau in table(tau) }
}
