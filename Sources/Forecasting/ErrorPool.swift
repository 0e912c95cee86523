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
/// a weak prior otherwise. `builtIn` is Student-t with 4 degrees of freedom scaled by 1.3 — heavier
/// than the Gaussian the models assume, in line with the under-coverage of model intervals on
/// short yearly series reported by Makridakis et al. (M4, 2020) — until a pooled table from a
/// reference collection replaces it (see Notebooks-data/forecast-accuracy.md).
public struct ErrorPrior: Sendable {
    /// Pseudo-count of the prior against the pool.
    public let weight: Double
    let quantileFunction: @Sendable (Int, Double) -> Double

    public init(weight: Double, quantile: @escaping @Sendable (Int, Double) -> Double) {
        self.weight = weight
        self.quantileFunction = quantile
    }

    public func quantile(step: Int, _ tau: Double) -> Double { quantileFunction(step, tau) }

    public static let builtIn = ErrorPrior(weight: 50) { _, tau in 1.3 * StudentT.quantile(tau, df: 4) }
}
