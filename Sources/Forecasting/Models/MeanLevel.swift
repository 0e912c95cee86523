import Foundation

/// Mean level `z_t = m + ε` (flows that fluctuate around a plateau): prediction variance
/// `σ²(1 + 1/n)` with `n − 1` degrees of freedom.
public struct MeanLevel: ForecastModelSpec {
    public init() {}
    public var name: String { "mean" }
    public var minimumObservations: Int { 1 }

    public struct Fitted: FittedForecastModel {
        let mean: Double, n: Int
        let sigma2: Double?
        public let residuals: [Double]
        public func forecast(horizon: Int) -> [Double] { Array(repeating: mean, count: horizon) }
        public func forecastSD(horizon: Int) -> [Double]? {
            sigma2.map { s2 in Array(repeating: (s2 * (1 + 1 / Double(n))).squareRoot(), count: horizon) }
        }
        public func simulate<G: RandomNumberGenerator>(horizon: Int, paths: Int, sigmaPrior: Double, using g: inout G)
            -> [[Double]]
        {
            (0..<paths).map { _ in
                let sigma =
                    sigma2.map {
                        Sampling.scaledInverseChiSquare(df: Double(n - 1), scale2: $0, using: &g).squareRoot()
                    } ?? sigmaPrior
                let m = mean + sigma / Double(n).squareRoot() * Sampling.normal(using: &g)
                return (0..<horizon).map { _ in m + sigma * Sampling.normal(using: &g) }
            }
        }
        public var summary: String {
            "mean: \(String(format: "%.4g", mean)), sigma \(sigma2.map { String(format: "%.4g", $0.squareRoot()) } ?? "n/a")"
        }
    }

    public func fit(_ s: YearlySeries) throws(ForecastError) -> Fitted {
        guard s.count >= 1 else { throw .tooShort(observations: s.count, needed: 1) }
        let n = s.count
        let m = s.values.reduce(0, +) / Double(n)
        let res = s.values.map { $0 - m }
        let s2: Double? = n > 1 ? res.reduce(0) { $0 + $1 * $1 } / Double(n - 1) : nil
        return Fitted(mean: m, n: n, sigma2: s2, residuals: res)
    }
}
