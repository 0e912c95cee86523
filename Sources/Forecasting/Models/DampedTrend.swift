import Foundation

/// Additive damped trend (Gardner & McKenzie 1985; ETS(A,Ad,N) in Hyndman et al.,
/// *Forecasting with Exponential Smoothing*, 2008):
///
///     ℓ_t = α y_t + (1 − α)(ℓ_{t−1} + φ b_{t−1})
///     b_t = β (ℓ_t − ℓ_{t−1}) + (1 − β) φ b_{t−1}
///     ŷ_{T+h} = ℓ_T + (φ + … + φ^h) b_T
///
/// on the gap-filled yearly values. (α, β, φ) minimise the one-step squared errors over a
/// grid (short series cannot support a finer optimisation; ties within `SmoothingGrid`'s margin
/// keep the earlier point); the forecast variance is
/// `σ²[1 + Σ_{j<h} c_j²]` with `c_j = α(1 + βφ(1 − φ^j)/(1 − φ))` (ibid., Table 6.1).
public struct DampedTrend: ForecastModelSpec {
    public init() {}
    public var name: String { "damped" }
    public var minimumObservations: Int { 3 }

    static let alphas: [Double] = [0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.99]
    static let betas: [Double] = [0.05, 0.2, 0.5]
    static let phis: [Double] = [0.8, 0.9, 0.98]

    public struct Fitted: FittedForecastModel {
        public let alpha: Double, beta: Double, phi: Double
        let level: Double, slope: Double
        let sigma2: Double?
        let df: Int
        public let residuals: [Double]
        public func forecast(horizon: Int) -> [Double] {
            var out = [Double](), damp = 0.0, p = 1.0
            for _ in 0..<horizon {
                p *= phi
                damp += p
                out.append(level + damp * slope)
            }
            return out
        }
        func c(_ j: Int) -> Double { alpha * (1 + beta * phi * (1 - pow(phi, Double(j))) / (1 - phi)) }
        public func forecastSD(horizon: Int) -> [Double]? {
            guard let s2 = sigma2 else { return nil }
            var acc = 1.0
            return (1...max(1, horizon)).prefix(horizon).map { h in
                if h > 1 { acc += c(h - 1) * c(h - 1) }
                return (s2 * acc).squareRoot()
            }
        }
        public func simulate<G: RandomNumberGenerator>(horizon: Int, paths: Int, sigmaPrior: Double, using g: inout G)
            -> [[Double]]
        {
            (0..<paths).map { _ in
                let sigma =
                    sigma2.map { Sampling.scaledInverseChiSquare(df: Double(df), scale2: $0, using: &g).squareRoot() }
                    ?? sigmaPrior
                var l = level, b = slope
                return (0..<horizon).map { _ in
                    let e = sigma * Sampling.normal(using: &g)
                    let y = l + phi * b + e
                    let nl = l + phi * b + alpha * e
                    b = phi * b + alpha * beta * e
                    l = nl
                    return y
                }
            }
        }
        public var summary: String {
            "damped: alpha \(alpha), beta \(beta), phi \(phi), sigma \(sigma2.map { String(format: "%.4g", $0.squareRoot()) } ?? "n/a")"
        }
    }

    /// Runs the recursion; returns the final state, the one-step errors and their SSE.
    static func run(_ y: [Double], alpha: Double, beta: Double, phi: Double) -> (Double, Double, [Double], Double) {
        var l = y[0], b = y[1] - y[0]
        var errors = [Double]()
        errors.reserveCapacity(y.count - 1)
        var sse = 0.0
        for t in 1..<y.count {
            let f = l + phi * b
            let e = y[t] - f
            errors.append(e)
            sse += e * e
            let nl = alpha * y[t] + (1 - alpha) * f
            b = beta * (nl - l) + (1 - beta) * phi * b
            l = nl
        }
        return (l, b, errors, sse)
    }

    public func fit(_ s: YearlySeries) throws(ForecastError) -> Fitted {
        guard s.count >= 3 else { throw .tooShort(observations: s.count, needed: 3) }
        let y = s.filled
        var best: (Double, Double, Double, Double) = (0, 0, 0, .infinity)
        let margin = SmoothingGrid.margin(y)
        for a in Self.alphas {
            for bs in Self.betas {
                for p in Self.phis {
                    let (_, _, _, sse) = Self.run(y, alpha: a, beta: bs, phi: p)
                    if sse < best.3 - margin { best = (a, bs, p, sse) }
                }
            }
        }
        let (l, b, errors, sse) = Self.run(y, alpha: best.0, beta: best.1, phi: best.2)
        // One-step errors after the first (which only reflects the initial slope) estimate σ.
        let df = max(0, errors.count - 2)
        let s2: Double? = df > 0 ? sse / Double(df) : nil
        return Fitted(
            alpha: best.0, beta: best.1, phi: best.2, level: l, slope: b, sigma2: s2, df: max(df, 1), residuals: errors)
    }
}
