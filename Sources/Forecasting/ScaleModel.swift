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
    public let sigma0: Double
    public let priorDF: Double

    public init(sigma0: Double, priorDF: Double = 2) {
        self.sigma0 = sigma0
        self.priorDF = priorDF
    }

    /// The drift model's own σ̂ and degrees of freedom (nil σ̂ below 3 points).
    public static func rawSigma(_ s: YearlySeries) -> (sigma: Double?, df: Int) {
        guard let f = try? RandomWalkDrift().fit(s) else { return (nil, 0) }
        return (f.sigma2.map { $0.squareRoot() }, f.df)
    }

    public func sigma(_ s: YearlySeries) -> Double {
        let (raw, df) = Self.rawSigma(s)
        guard let raw, df > 0 else { return sigma0 }
        return ((priorDF * sigma0 * sigma0 + Double(df) * raw * raw) / (priorDF + Double(df))).squareRoot()
    }

    /// `σ_h` for steps 1…horizon.
    public func scales(_ s: YearlySeries, horizon: Int) -> [Double] {
        let sig = max(sigma(s), .leastNormalMagnitude)
        let span = Double(max(s.span, 1))
        return (1...max(1, horizon)).prefix(horizon).map { h in sig * (Double(h) + Double(h * h) / span).squareRoot() }
    }

    /// Empirical-Bayes prior (ν₀, σ₀) for the series' variances, as in Smyth (2004, "Linear
    /// models and empirical Bayes methods for assessing differential expression", SAGMB 3(1)):
    /// if σᵢ² ~ Scaled-Inv-χ²(ν₀, σ₀²) and σ̂ᵢ² | σᵢ² ~ σᵢ²χ²_dᵢ/dᵢ, then σ̂ᵢ²/σ₀² ~ F(dᵢ, ν₀).
    /// (ν₀, σ₀²) maximise that F likelihood over a grid (ν₀ from 0.5 to 200, σ₀ around the
    /// median σ̂). Returns nil with fewer than 5 usable series.
    public static func empiricalBayesPrior(_ series: [YearlySeries]) -> (nu0: Double, sigma0: Double)? {
        let obs: [(s2: Double, df: Double)] = series.compactMap { s in
            let (raw, df) = rawSigma(s)
            guard let raw, raw > 0, df >= 1 else { return nil }
            return (raw * raw, Double(df))
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
                    ll += lgamma((d1 + d2) / 2) - lgamma(d1 / 2) - lgamma(d2 / 2) + d1 / 2 * Foundation.log(d1 / d2)
                        + (d1 / 2 - 1) * Foundation.log(x) - (d1 + d2) / 2 * Foundation.log1p(d1 * x / d2) - Foundation.log(s02)
                }
                if ll > best.ll { best = (ll, nu, s02) }
            }
        }
        return (best.nu, best.s2.squareRoot())
    }

    /// The pooled scale: the median σ̂ of series with at least 2 residual degrees of freedom,
    /// or `fallback` when there are none.
    public static func pooledSigma(_ series: [YearlySeries], fallback: Double) -> Double {
        var sig = series.compactMap { s -> Double? in
            let (raw, df) = rawSigma(s)
            return df >= 2 ? raw : nil
        }.filter { $0 > 0 }
        guard !sig.isEmpty else { return fallback }
        sig.sort()
        let m = sig.count / 2
        return sig.count % 2 == 1 ? sig[m] : (sig[m - 1] + sig[m]) / 2
    }
}
