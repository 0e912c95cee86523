import Foundation

/// Random variates for model simulation, generic over any `RandomNumberGenerator`.
///
/// The fast generator and ziggurat sampler for plan-wide simulation live in `Simulation`;
/// these are the textbook methods, fast enough for per-model paths.
public enum Sampling {
    /// A uniform in (0, 1), never 0 (53 random bits).
    @inlinable
    public static func uniform<G: RandomNumberGenerator>(using g: inout G) -> Double {
        (Double(g.next() >> 11) + 0.5) * 0x1p-53
    }

    /// A standard normal by Marsaglia's polar method.
    @inlinable
    public static func normal<G: RandomNumberGenerator>(using g: inout G) -> Double {
        while true {
            let u = 2 * uniform(using: &g) - 1
            let v = 2 * uniform(using: &g) - 1
            let s = u * u + v * v
            if s > 0 && s < 1 { return u * (-2 * log(s) / s).squareRoot() }
        }
    }

    /// A gamma(shape, 1) variate by Marsaglia & Tsang (2000), "A simple method for generating
    /// gamma variables", ACM TOMS 26(3); shape < 1 through the boost `G(a) = G(a+1)·U^(1/a)`.
    static func gamma<G: RandomNumberGenerator>(shape a: Double, using g: inout G) -> Double {
        if a < 1 {
            let u = uniform(using: &g)
            return gamma(shape: a + 1, using: &g) * exp(log(u) / a)
        }
        let d = a - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal(using: &g)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform(using: &g)
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// σ² drawn from the scaled inverse χ² with `df` degrees of freedom and scale `s²`:
    /// `df · s² / χ²_df` — the posterior of a Gaussian variance under the reference prior
    /// (Gelman et al., *Bayesian Data Analysis*, 3rd ed., §3.2).
    static func scaledInverseChiSquare<G: RandomNumberGenerator>(df: Double, scale2: Double, using g: inout G)
        -> Double
    {
        let chi2 = 2 * gamma(shape: df / 2, using: &g)
        return df * scale2 / max(chi2, .leastNormalMagnitude)
    }
}
