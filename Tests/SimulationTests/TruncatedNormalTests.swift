import Testing

@testable import Simulation

/// Draws of a normal N(m, s²) restricted to [lo, hi] by inversion, against the closed form
/// m + s·Φ⁻¹(Φ(α) + u·(Φ(β) − Φ(α))), α = (lo − m)/s, β = (hi − m)/s, evaluated by Python's
/// `statistics.NormalDist` (printed with `repr`):
///
///     N = NormalDist(); a = (12 - 10) / 2; 10 + 2 * N.inv_cdf(N.cdf(a) + 0.5 * (1 - N.cdf(a)))
///
/// A mean and scale other than 0 and 1 (the simulator's bounds are on each path's own).
struct TruncatedNormalTests {
    @Test func matchesTheClosedFormAwayFromTheStandardNormal() {
        let cases: [(m: Double, s: Double, lo: Double, hi: Double, u: Double, want: Double)] = [
            (10, 2, 12, .infinity, 0.5, 12.819217418586907),
            (10, 2, -.infinity, 9, 0.25, 7.150771712995375),
            (5, 3, 2, 11, 0.7, 6.853628219034227),
        ]
        for c in cases {
            let got = TruncatedNormal.draw(mean: c.m, sd: c.s, lo: c.lo, hi: c.hi, u: c.u)
            #expect(abs(got - c.want) < 1e-9, "\(c): \(got)")
        }
    }

    @Test func anEmptyOrPointIntervalGivesItsEndNearestTheMean() {
        #expect(TruncatedNormal.draw(mean: 10, sd: 2, lo: 7, hi: 7, u: 0.3) == 7)
        #expect(TruncatedNormal.draw(mean: 10, sd: 0, lo: 3, hi: 8, u: 0.3) == 8)
    }
}
