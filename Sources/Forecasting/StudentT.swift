import Foundation

/// The standard normal's distribution function and quantile, and the regularised incomplete beta
/// function (Beta-PERT draws, `UncertainQuantity`). The Student-t quantile that gave the type its
/// name was unused and is gone (2026-12-02).
public enum StudentT {
    /// Standard normal CDF via `erfc`.
    public static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Standard normal quantile: Acklam's rational approximation refined by one Halley step
    /// (relative error < 1e-15 over (0, 1)).
    public static func normalQuantile(_ p: Double) -> Double {
        guard p > 0 && p < 1 else { return p <= 0 ? -.infinity : .infinity }
        let a = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        let b = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01,
        ]
        let c = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00,
        ]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let pl = 0.02425
        var x: Double
        func poly(_ k: [Double], _ v: Double) -> Double { k.reduce(0) { $0 * v + $1 } }
        if p < pl {
            let q = (-2 * log(p)).squareRoot()
            x = poly(c, q) / (poly(d, q) * q + 1)
        } else if p <= 1 - pl {
            let q = p - 0.5, r = q * q
            x = poly(a, r) * q / (poly(b, r) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -poly(c, q) / (poly(d, q) * q + 1)
        }
        let e = normalCDF(x) - p
        let root2pi: Double = (2 * Double.pi).squareRoot()
        let density: Double = exp(x * x / 2)
        let u: Double = e * root2pi * density
        return x - u / (1 + x * u / 2)
    }

    /// Regularised incomplete beta `I_x(a, b)` by Lentz's continued fraction
    /// (Press et al., *Numerical Recipes*, 3rd ed., §6.4).
    public static func incompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lnorm: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let lpow: Double = a * log(x) + b * log(1 - x)
        let lbeta = lnorm + lpow
        if x < (a + 1) / (a + b + 2) {
            return exp(lbeta) * continuedFraction(x, a, b) / a
        }
        return 1 - exp(lbeta) * continuedFraction(1 - x, b, a) / b
    }

    static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m2 = Double(2 * m), md = Double(m)
            var aa = md * (b - md) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + md) * (a + b + md) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-16 { break }
        }
        return h
    }
}
