import Foundation

/// Poisson variates, exact for every mean.
///
/// - μ < 10: Knuth's product of uniforms (The Art of Computer Programming, vol. 2, §3.4.1 F):
///   the count of uniforms whose running product stays above e^(−μ); about μ + 1 draws.
/// - μ ≥ 10: Hörmann's transformed rejection with squeeze, PTRS ("The transformed rejection
///   method for generating Poisson random variables", Insurance: Mathematics and Economics 12,
///   1993, 39–45): a hat from a transformed uniform, accepted at once about 9 times in 10, else
///   checked against the log-probability k·log μ − μ − log k!.
///
/// Written here because no Swift package the project may use samples distributions (Swift
/// Numerics has none); the tests check it against the Poisson probabilities themselves.
enum Poisson {
    static func draw<G: UnitDraws>(mean mu: Double, using g: inout G) -> Double {
        guard mu > 0, mu.isFinite else { return mu.isFinite ? 0 : mu }
        if mu < 10 {
            let limit = exp(-mu)
            var k = 0.0, product = g.openUnit()
            while product > limit {
                k += 1
                product *= g.openUnit()
            }
            return k
        }
        let root = mu.squareRoot()
        let b = 0.931 + 2.53 * root
        let a = -0.059 + 0.02483 * b
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = g.unit() - 0.5, v = g.openUnit()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mu + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            // Only the slow path (about one draw in ten) needs α: its division is not paid on the others.
            let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
            if log(v) + log(inverseAlpha) - log(a / (us * us) + b) <= -mu + k * log(mu) - lgamma(k + 1) {
                return k
            }
        }
    }
}
