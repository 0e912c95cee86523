import Foundation

/// The Theta method of Assimakopoulos & Nikolopoulos (2000) in the form of Hyndman & Billah
/// (2003, IJF 19): simple exponential smoothing with drift equal to half the slope `b` of the
/// linear trend,
///
///     ŷ_{T+h} = ℓ_T + (b/2)·(h − 1 + (1 − (1 − α)^n)/α),
///
/// where ℓ_T and α come from simple exponential smoothing of the gap-filled values (α on a
/// grid 0.05…1 minimising one-step squared errors) — the form used by `thetaf` in R's forecast
/// package — and the SES forecast variance `σ²(1 + (h − 1)α²)`.
public struct Theta: ForecastModelSpec {
    public init() {}
    public var name: String { "theta" }
    public var minimumObservations: Int { 3 }

    public struct Fitted: FittedForecastModel {
        public let alpha: Double
        let level: Double, halfSlope: Double, n: Int
        let sigma2: Double?
        let df: Int
        public let residuals: [Double]
        public func forecast(horizon: Int) -> [Double] {
            let tail = (1 - pow(1 - alpha, Double(n))) / alpha
            return (1...max(1, horizon)).prefix(horizon).map { h in level + halfSlope * (Double(h - 1) + tail) }
        }
        public func forecastSD(horizon: Int) -> [Double]? {
            sigma2.map { s2 in
                (1...max(1, horizon)).prefix(horizon).map { h in (s2 * (1 + Double(h - 1) * alpha * alpha)).squareRoot()
                }
            }
        }
        public func simulate<G: RandomNumberGenerator>(horizon: Int, paths: Int, sigmaPrior: Double, using g: inout G)
            -> [[Double]]
        {
            let mean = forecast(horizon: horizon)
            return (0..<paths).map { _ in
                let sigma =
                    sigma2.map { Sampling.scaledInverseChiSquare(df: Double(df), scale2: $0, using: &g).squareRoot() }
                    ?? sigmaPrior
                var shift = 0.0
                return (0..<horizon).map { h in
                    let e = sigma * Sampling.normal(using: &g)
                    let y = mean[h] + shift + e
                    shift += alpha * e
                    return y
                }
            }
        }
        public var summary: String {
            "theta: alpha \(alpha), drift \(String(format: "%.4g", halfSlope)), sigma \(sigma2.map { String(format: "%.4g", $0.squareRoot()) } ?? "n/a")"
        }
    }

    public func fit(_ s: YearlySeries) throws(ForecastError) -> Fitted {
        guard s.count >= 3 else { throw .tooShort(observations: s.count, needed: 3) }
        let y = s.filled
        let n = y.count
        // Slope of the least-squares line through the filled values.
        let tbar = Double(n - 1) / 2
        let ybar = y.reduce(0, +) / Double(n)
        var stt = 0.0, sty = 0.0
        for t in 0..<n {
            stt += (Double(t) - tbar) * (Double(t) - tbar)
            sty += (Double(t) - tbar) * (y[t] - ybar)
        }
        let half = sty / stt / 2
        func ses(_ a: Double) -> (Double, [Double], Double) {
            var l = y[0], sse = 0.0
            var errs = [Double]()
            for t in 1..<n {
                let e = y[t] - l
                errs.append(e)
                sse += e * e
                l += a * e
            }
            return (l, errs, sse)
        }
        var bestA = 1.0, bestSSE = Double.infinity
        let margin = SmoothingGrid.margin(y)
        for k in 1...20 {
            let a = Double(k) * 0.05
            let (_, _, sse) = ses(a)
            if sse < bestSSE - margin { (bestA, bestSSE) = (a, sse) }
        }
        let (l, errs, sse) = ses(bestA)
        let df = errs.count - 1
        let s2: Double? = df > 0 ? sse / Double(df) : nil
        return Fitted(alpha: bestA, level: l, halfSlope: half, n: n, sigma2: s2, df: max(df, 1), residuals: errs)
    }
}
