import Forecasting
import Foundation

/// A draw from a normal distribution restricted to an interval, by inversion: with
/// α = (lo − m)/s and β = (hi − m)/s, x = m + s·Φ⁻¹(Φ(α) + u·(Φ(β) − Φ(α))) for u ~ U(0, 1)
/// (Devroye, *Non-Uniform Random Variate Generation*, 1986, §II.2; Robert, "Simulation of
/// truncated normal variables", Statistics and Computing 5, 1995, §1). The interval is mirrored
/// into the lower tail first, where Φ keeps its relative precision; an interval so far in the tail
/// that Φ cannot tell its ends apart gives its end nearest the mean.
enum TruncatedNormal {
    /// `lo`/`hi` may be infinite (a one-sided bound); `u` in (0, 1).
    static func draw(mean m: Double, sd s: Double, lo: Double, hi: Double, u: Double) -> Double {
        guard s > 0, lo < hi else { return min(max(m, lo), hi) }
        var a = (lo - m) / s, b = (hi - m) / s
        let mirrored = a > 0
        if mirrored { (a, b) = (-b, -a) }
        let pa = StudentT.normalCDF(a), pb = StudentT.normalCDF(b)
        var x = b  // the end nearest the mean (a < b ≤ 0 here when the interval is out of reach)
        if pb - pa > 0 {
            let q = StudentT.normalQuantile(pa + u * (pb - pa))
            if q.isFinite { x = min(max(q, a), b) }
        }
        return m + s * (mirrored ? -x : x)
    }
}
