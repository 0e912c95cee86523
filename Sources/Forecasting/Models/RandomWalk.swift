import Foundation

/// Increments of a series with gaps: `Δᵢ = z(tᵢ) − z(tᵢ₋₁)` over `gᵢ = tᵢ − tᵢ₋₁` years.
struct Increments {
    let deltas: [Double]
    let gaps: [Double]
    init(_ s: YearlySeries) {
        var d = [Double](), g = [Double]()
        for k in 1..<max(1, s.count) {
            d.append(s.values[k] - s.values[k - 1])
            g.append(Double(s.periods[k] - s.periods[k - 1]))
        }
        deltas = d
        gaps = g
    }
    var count: Int { deltas.count }
}

/// Simulates random-walk paths `z_T + Σ (μ + σ ε)` for `horizon` steps.
func randomWalkPaths<G: RandomNumberGenerator>(
    start: Double, horizon: Int, paths: Int, draw: (inout G) -> (mu: Double, sigma: Double), using g: inout G
) -> [[Double]] {
    (0..<paths).map { _ in
        let (mu, sigma) = draw(&g)
        var z = start
        return (0..<horizon).map { _ in
            z += mu + sigma * Sampling.normal(using: &g)
            return z
        }
    }
}

/// The naive method (random walk without drift): `ẑ_{T+h} = z_T`, `Var = σ² h`.
///
/// `σ̂² = Σ Δᵢ²/gᵢ / m` over the m increments (an increment over g years has variance gσ²).
public struct Naive: ForecastModelSpec {
    public init() {}
    public var name: String { "naive" }
    public var minimumObservations: Int { 1 }

    public struct Fitted: FittedForecastModel {
        let last: Double
        let sigma2: Double?
        let df: Int
        public let residuals: [Double]
        public func forecast(horizon: Int) -> [Double] { Array(repeating: last, count: horizon) }
        public func forecastSD(horizon: Int) -> [Double]? {
            sigma2.map { s2 in (1...max(1, horizon)).prefix(horizon).map { (s2 * Double($0)).squareRoot() } }
        }
        public func simulate<G: RandomNumberGenerator>(horizon: Int, paths: Int, sigmaPrior: Double, using g: inout G)
            -> [[Double]]
        {
            randomWalkPaths(
                start: last, horizon: horizon, paths: paths,
                draw: { g in
                    guard let s2 = sigma2, df > 0 else { return (0, sigmaPrior) }
                    return (0, Sampling.scaledInverseChiSquare(df: Double(df), scale2: s2, using: &g).squareRoot())
                }, using: &g)
        }
        public var summary: String {
            "naive: last \(last), sigma \(sigma2.map { String(format: "%.4g", $0.squareRoot()) } ?? "n/a")"
        }
    }

    public func fit(_ s: YearlySeries) throws(ForecastError) -> Fitted {
        guard s.count >= 1 else { throw .tooShort(observations: s.count, needed: 1) }
        let inc = Increments(s)
        let res = zip(inc.deltas, inc.gaps).map { $0 / $1.squareRoot() }
        let s2: Double? = inc.count > 0 ? res.reduce(0) { $0 + $1 * $1 } / Double(inc.count) : nil
        return Fitted(last: s.values.last!, sigma2: s2, df: inc.count, residuals: res)
    }
}

/// Random walk with drift, exact for gaps: an increment over g years has mean gμ and
/// variance gσ². Weighted least squares gives `μ̂ = (z_T − z_1) / (t_T − t_1)` and
/// `σ̂² = Σ (Δᵢ − gᵢμ̂)²/gᵢ / (m − 1)`; `Var(μ̂) = σ²/span`, so the h-step forecast error has
/// variance `σ²(h + h²/span)` (Hyndman & Athanasopoulos, *FPP3* §5.5).
public struct RandomWalkDrift: ForecastModelSpec {
    public init() {}
    public var name: String { "drift" }
    public var minimumObservations: Int { 2 }

    public struct Fitted: FittedForecastModel {
        let last: Double
        public let drift: Double
        /// Residual variance, nil with fewer than 3 observations.
        public let sigma2: Double?
        let df: Int
        public let span: Double
        public let residuals: [Double]
        public func forecast(horizon: Int) -> [Double] {
            (1...max(1, horizon)).prefix(horizon).map { last + Double($0) * drift }
        }
        public func forecastSD(horizon: Int) -> [Double]? {
            sigma2.map { s2 in
                (1...max(1, horizon)).prefix(horizon).map { h in (s2 * (Double(h) + Double(h * h) / span)).squareRoot()
                }
            }
        }
        public func simulate<G: RandomNumberGenerator>(horizon: Int, paths: Int, sigmaPrior: Double, using g: inout G)
            -> [[Double]]
        {
            randomWalkPaths(
                start: last, horizon: horizon, paths: paths,
                draw: { g in
                    let sigma: Double
                    if let s2 = sigma2, df > 0 {
                        sigma = Sampling.scaledInverseChiSquare(df: Double(df), scale2: s2, using: &g).squareRoot()
                    } else {
                        sigma = sigmaPrior
                    }
                    return (drift + sigma / span.squareRoot() * Sampling.normal(using: &g), sigma)
                }, using: &g)
        }
        public var summary: String {
            "drift: mu \(String(format: "%.4g", drift)), sigma \(sigma2.map { String(format: "%.4g", $0.squareRoot()) } ?? "n/a"), span \(Int(span))"
        }
    }

    public func fit(_ s: YearlySeries) throws(ForecastError) -> Fitted {
        guard s.count >= 2 else { throw .tooShort(observations: s.count, needed: 2) }
        let inc = Increments(s)
        let span = Double(s.span)
        let mu = (s.values.last! - s.values.first!) / span
        let res = zip(inc.deltas, inc.gaps).map { ($0 - $1 * mu) / $1.squareRoot() }
        let df = inc.count - 1
        let s2: Double? = df > 0 ? res.reduce(0) { $0 + $1 * $1 } / Double(df) : nil
        return Fitted(last: s.values.last!, drift: mu, sigma2: s2, df: df, span: span, residuals: res)
    }
}
