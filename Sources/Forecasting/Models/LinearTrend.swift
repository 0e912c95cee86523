import Foundation

/// Linear trend `z_t = a + b(t − t̄) + ε`, fitted by least squares on the observed periods
/// (gaps need no special care). Centring makes â and b̂ independent:
/// `Var(â) = σ²/n`, `Var(b̂) = σ²/S_tt`, and the prediction variance at `t` is
/// `σ²(1 + 1/n + (t − t̄)²/S_tt)` with `n − 2` degrees of freedom.
public struct LinearTrend: ForecastModelSpec {
    public init() {}
    public var name: String { "trend" }
    public var minimumObservations: Int { 2 }

    public struct Fitted: FittedForecastModel {
        let a: Double, b: Double, tbar: Double, stt: Double, n: Int, lastPeriod: Int
        let sigma2: Double?
        public let residuals: [Double]
        func x(_ h: Int) -> Double { Double(lastPeriod + h) - tbar }
        public func forecast(horizon: Int) -> [Double] { (0..<horizon).map { a + b * x($0 + 1) } }
        public func forecastSD(horizon: Int) -> [Double]? {
            sigma2.map { s2 in
                (0..<horizon).map { h in (s2 * (1 + 1 / Double(n) + x(h + 1) * x(h + 1) / stt)).squareRoot() }
            }
        }
        public func simulate<G: RandomNumberGenerator>(horizon: Int, paths: Int, sigmaPrior: Double, using g: inout G)
            -> [[Double]]
        {
            (0..<paths).map { _ in
                let sigma =
                    sigma2.map {
                        Sampling.scaledInverseChiSquare(df: Double(n - 2), scale2: $0, using: &g).squareRoot()
                    } ?? sigmaPrior
                let aa = a + sigma / Double(n).squareRoot() * Sampling.normal(using: &g)
                let bb = b + sigma / stt.squareRoot() * Sampling.normal(using: &g)
                return (0..<horizon).map { aa + bb * x($0 + 1) + sigma * Sampling.normal(using: &g) }
            }
        }
        public var summary: String {
            "trend: slope \(String(format: "%.4g", b)), sigma \(sigma2.map { String(format: "%.4g", $0.squareRoot()) } ?? "n/a")"
        }
    }

    public func fit(_ s: YearlySeries) throws(ForecastError) -> Fitted {
        guard s.count >= 2 else { throw .tooShort(observations: s.count, needed: 2) }
        let n = s.count
        let t = s.periods.map(Double.init)
        let tbar = t.reduce(0, +) / Double(n)
        let zbar = s.values.reduce(0, +) / Double(n)
        var stt = 0.0, stz = 0.0
        for k in 0..<n {
            stt += (t[k] - tbar) * (t[k] - tbar)
            stz += (t[k] - tbar) * (s.values[k] - zbar)
        }
        let b = stz / stt
        let res = (0..<n).map { s.values[$0] - zbar - b * (t[$0] - tbar) }
        let s2: Double? = n > 2 ? res.reduce(0) { $0 + $1 * $1 } / Double(n - 2) : nil
        return Fitted(a: zbar, b: b, tbar: tbar, stt: stt, n: n, lastPeriod: s.lastPeriod!, sigma2: s2, residuals: res)
    }
}
