import Foundation

/// The forecast-error scale of a series, `σ_h`, used to standardise errors for the pooled
/// calibration and to scale the calibrated quantiles back.
///
/// It is the random walk with drift's forecast SD, `σ̃·√(h + h²/span)` (parameter uncertainty of
/// the drift included), with σ shrunk towards the pooled scale σ₀ of the batch:
/// `σ̃² = (ν₀σ₀² + df·σ̂²) / (ν₀ + df)` — the posterior mean under a scaled-inverse-χ² prior with
/// ν₀ pseudo-degrees of freedom (Gelman et al., *BDA3* §2.6). Two points give df = 0 and so σ₀;
/// one point gives σ₀ and span 1.
public struct ScaleModel: Sendable {
    let sigma0: Double
    let priorDF: Double
    /// On scales without units of their own (identity, square root) series of different sizes
    /// cannot share a σ: the prior is then relative, σ₀ × the series' typical level.
    public let relative: Bool

    public init(sigma0: Double, priorDF: Double = 2, relative: Bool = false) {
        self.sigma0 = sigma0
        self.priorDF = priorDF
        self.relative = relative
    }

    /// The typical level of a series on its modelling scale: mean absolute value, or the mean
    /// absolute change when the values hover around zero.
    public static func level(_ s: YearlySeries) -> Double {
        let m = s.values.map(abs).reduce(0, +) / Double(max(1, s.count))
        let inc = Increments(s)
        let d = inc.deltas.map(abs).reduce(0, +) / Double(max(1, inc.count))
        return max(m, d, 1e-12)
    }

    /// Whether a transform's scale is unit-free (log, logit) or not (identity, square root).
    static func isRelative(_ t: Transform) -> Bool { t == .identity || t == .squareRoot }

    /// The drift model's own σ̂ and degrees of freedom (nil σ̂ below 3 points).
    static func rawSigma(_ s: YearlySeries) -> (sigma: Double?, df: Int) {
        guard let f = try? RandomWalkDrift().fit(s) else { return (nil, 0) }
        return (f.sigma2.map { $0.squareRoot() }, f.df)
    }

    public func sigma(_ s: YearlySeries) -> Double {
        let (raw, df) = Self.rawSigma(s)
        let prior = relative ? sigma0 * Self.level(s) : sigma0
        guard let raw, df > 0 else { return prior }
        return ((priorDF * prior * prior + Double(df) * raw * raw) / (priorDF + Double(df))).squareRoot()
    }

    /// `σ_h` for steps 1…horizon.
    func scales(_ s: YearlySeries, horizon: Int) -> [Double] {
        let sig = max(sigma(s), .leastNormalMagnitude)
        let span = Double(max(s.span, 1))
        return (1...max(1, horizon)).prefix(horizon).map { h in sig * (Double(h) + Double(h * h) / span).squareRoot() }
    }

    /// Empirical-Bayes prior (ν₀, σ₀) for the series' variances, as in Smyth (2004, "Linear
    /// models and empirical Bayes methods for assessing differential expression", SAGMB 3(1)):
    /// if σᵢ² ~ Scaled-Inv-χ²(ν₀, σ₀²) and σ̂ᵢ² | σᵢ² ~ σᵢ²χ²_dᵢ/dᵢ, then σ̂ᵢ²/σ₀² ~ F(dᵢ, ν₀).
    /// (ν₀, σ₀²) maximise that F likelihood over a grid (ν₀ from 0.5 to 200, σ₀ around the
    /// median σ̂). Returns nil with fewer than 5 usable series.
    static func empiricalBayesPrior(_ series: [YearlySeries], relative: Bool = false) -> (
        nu0: Double, sigma0: Double
    )? {
        let obs: [(s2: Double, df: Double)] = series.compactMap { s in
            let (raw, df) = rawSigma(s)
            guard let raw, raw > 0, df >= 1 else { return nil }
            let r = relative ? raw / level(s) : raw
            return (r * r, Double(df))
        }
        guard obs.count >= 5 else { return nil }
        let logs = obs.map { Foundation.log($0.s2) }.sorted()
        let medianLog = logs[logs.count / 2]
        let nus = (0..<40).map { 0.5 * Foundation.pow(400.0, Double($0) / 39) }
        var best = (ll: -Double.infinity, nu: 2.0, s2: Foundation.exp(medianLog))
        for nu in nus {
            for k in -20...20 {
                let s02 = Foundation.exp(medianLog + Double(k) * 0.1)
                var ll = 0.0
                for o in obs {
                    let x = o.s2 / s02, d1 = o.df, d2 = nu
                    ll +=
                        lgamma((d1 + d2) / 2) - lgamma(d1 / 2) - lgamma(d2 / 2) + d1 / 2 * Foundation.log(d1 / d2)
                        + (d1 / 2 - 1) * Foundation.log(x) - (d1 + d2) / 2 * Foundation.log1p(d1 * x / d2)
                        - Foundation.log(s02)
                }
                if ll > best.ll { best = (ll, nu, s02) }
            }
        }
        return (best.nu, best.s2.squareRoot())
    }

    /// The pooled scale: the median σ̂ of series with at least 2 residual degrees of freedom,
    /// or `fallback` when there are none.
    static func pooledSigma(_ series: [YearlySeries], fallback: Double, relative: Bool = false) -> Double {
        var sig = series.compactMap { s -> Double? in
            let (raw, df) = rawSigma(s)
            guard df >= 2, let raw else { return nil }
            return relative ? raw / level(s) : raw
        }.filter { $0 > 0 }
        guard !sig.isEmpty else { return fallback }
        sig.sort()
        let m = sig.count / 2
        return sig.count % 2 == 1 ? sig[m] : (sig[m - 1] + sig[m]) / 2
    }
}
