import Foundation
import Testing

@testable import Simulation

/// Distributions of scenario levers against closed forms.
struct UncertainQuantityTests {
    @Test func quantilesInClosedForm() {
        // Triangular(0, 1, 4): F(x) = x²/4 on [0, 1]; at u = 0.25 → 1 (the mode), at u = 0.1 → √0.4.
        let tri = UncertainQuantity.triangular(min: 0, mode: 1, max: 4)
        #expect(abs(tri.quantile(0.25) - 1) < 1e-12)
        #expect(abs(tri.quantile(0.1) - 0.4.squareRoot()) < 1e-12)
        #expect(abs(UncertainQuantity.uniform(min: 2, max: 6).quantile(0.75) - 5) < 1e-12)
        #expect(abs(UncertainQuantity.normal(mean: 1, sd: 2).quantile(0.975) - (1 + 2 * 1.959963984540054)) < 1e-9)
        #expect(abs(UncertainQuantity.lognormal(meanlog: 0, sdlog: 1).quantile(0.5) - 1) < 1e-12)
        // Truncated at ± 4 sd, the range the scenario reader checks (−80 ± 4·4.75 stays above −99).
        #expect(UncertainQuantity.normal(mean: -80, sd: 4.75).quantile(1e-12) == -99)
        #expect(UncertainQuantity.normal(mean: 1, sd: 2).quantile(1 - 1e-12) == 9)
        #expect(abs(UncertainQuantity.lognormal(meanlog: 0, sdlog: 1).quantile(1e-15) - exp(-4)) < 1e-15)
        // A symmetric PERT (mode in the middle) has its median at the mode; PERT(0, 0, 1) is
        // Beta(1, 5) with F(x) = 1 − (1 − x)⁵, so its median is 1 − 0.5^(1/5).
        #expect(abs(UncertainQuantity.pert(min: 0, mode: 5, max: 10).quantile(0.5) - 5) < 1e-9)
        #expect(abs(UncertainQuantity.pert(min: 0, mode: 0, max: 1).quantile(0.5) - (1 - pow(0.5, 0.2))) < 1e-9)
        // Its tails too: F⁻¹(u) = 1 − (1 − u)^(1/5), near each end of [0, 1].
        for u in [0.001, 0.01, 0.99, 0.999] {
            #expect(
                abs(UncertainQuantity.pert(min: 0, mode: 0, max: 1).quantile(u) - (1 - pow(1 - u, 0.2))) < 1e-9, "\(u)")
            // PERT(0, 1, 1) is Beta(5, 1): F⁻¹(u) = u^(1/5).
            #expect(abs(UncertainQuantity.pert(min: 0, mode: 1, max: 1).quantile(u) - pow(u, 0.2)) < 1e-9, "\(u)")
        }
    }

    /// The triangular quantile in closed form, for an asymmetric one (2, 3, 6) whose mode sits
    /// at F = (3 − 2)/(6 − 2) = 0.25: below it 2 + √(4·1·u), above it 6 − √(4·3·(1 − u))
    /// (mutation round 117 moved the split point, which a symmetric triangle at u = 0.5 hides).
    @Test func anAsymmetricTriangleHasItsClosedFormQuantiles() {
        let q = UncertainQuantity.triangular(min: 2, mode: 3, max: 6)
        for (u, x) in [
            (0.2, 2 + (0.8).squareRoot()), (0.25, 3.0), (0.5, 6 - 6.0.squareRoot()), (0.9, 6 - 1.2.squareRoot()),
        ] {
            #expect(abs(q.quantile(u) - x) < 1e-12, "u = \(u): \(q.quantile(u)) vs \(x)")
        }
    }

    @Test func meansAndTablesAgree() {
        for q in [
            UncertainQuantity.pert(min: -15, mode: -8, max: -3), .triangular(min: 2, mode: 3.5, max: 5),
            .normal(mean: 4, sd: 1),
        ] {
            let t = q.table()
            // The table's average over a fine uniform grid is the mean (to the interpolation error).
            let n = 20000
            let m = (0..<n).map { t.sample((Double($0) + 0.5) / Double(n)) }.reduce(0, +) / Double(n)
            #expect(abs(m - q.mean) < 0.01 * max(1, abs(q.mean)), "\(q): \(m) vs \(q.mean)")
        }
        #expect(UncertainQuantity.pert(min: 0, mode: 1, max: 6).mean == 10.0 / 6)
        // A lognormal's mean is exp(μ + σ²/2) (mutation round 117 took σ²/2 off and the sampled
        // check above, without a lognormal, passed).
        #expect(abs(UncertainQuantity.lognormal(meanlog: 0.5, sdlog: 0.8).mean - exp(0.5 + 0.32)) < 1e-12)
        #expect(UncertainQuantity.fixed(3).table().sample(0.123) == 3)
    }

    /// The one value a degenerate distribution always takes, and none for a spread one: a lever
    /// of "0% in every draw" is idle as written (`Lever.idleAsWritten`), one of mean 0 with a
    /// spread is not (mutation round seed 97).
    @Test func aDegenerateDistributionHasItsValue() {
        #expect(UncertainQuantity.normal(mean: 2, sd: 0).certainValue == 2)
        #expect(UncertainQuantity.normal(mean: 0, sd: 1).certainValue == nil)
        #expect(UncertainQuantity.uniform(min: 3, max: 3).certainValue == 3)
        #expect(UncertainQuantity.uniform(min: -1, max: 1).certainValue == nil)
        #expect(UncertainQuantity.lognormal(meanlog: 0, sdlog: 0).certainValue == 1)
        #expect(UncertainQuantity.lognormal(meanlog: 0, sdlog: 0.1).certainValue == nil)
        #expect(UncertainQuantity.pert(min: -1, mode: 0, max: 1).certainValue == nil)
        func growth(_ q: UncertainQuantity) -> Lever {
            Lever(name: "g", series: ["gdp"], action: .growth(fromYear: 2023, percentPerYear: q))
        }
        #expect(growth(.normal(mean: 0, sd: 0)).idleAsWritten?.en == "its growth is 0% a year in every draw")
        #expect(growth(.normal(mean: 0, sd: 1)).idleAsWritten == nil)
        #expect(growth(.fixed(0.5)).idleAsWritten == nil)
        // A shock is idle if it never happens or moves by 0% when it does.
        func shock(_ probability: Double, _ q: UncertainQuantity) -> Lever {
            Lever(name: "s", series: ["gdp"], action: .shock(year: 2023, probability: probability, percent: q))
        }
        #expect(shock(0, .fixed(-10)).idleAsWritten?.en == "a shock with probability 0 never happens")
        #expect(shock(0.3, .fixed(0)).idleAsWritten?.en == "its shock is 0% in every draw")
        #expect(shock(0.3, .fixed(-10)).idleAsWritten == nil)
    }

    @Test func impossibleParametersAreNamed() {
        #expect(UncertainQuantity.pert(min: 3, mode: 1, max: 2).problem != nil)
        #expect(UncertainQuantity.normal(mean: 0, sd: -1).problem != nil)
        #expect(UncertainQuantity.uniform(min: 2, max: 1).problem != nil)
        #expect(UncertainQuantity.triangular(min: 0, mode: 1, max: 2).problem == nil)
        // Each condition on its own: a mode above the max, below the min, and a range of zero width.
        #expect(UncertainQuantity.triangular(min: 0, mode: 3, max: 2).problem != nil)
        #expect(UncertainQuantity.pert(min: 2, mode: 1, max: 3).problem != nil)
        #expect(UncertainQuantity.triangular(min: 1, mode: 1, max: 1).problem != nil)
        #expect(UncertainQuantity.pert(min: 0, mode: 0, max: 1).problem == nil)
        #expect(UncertainQuantity.pert(min: 0, mode: 1, max: 1).problem == nil)
        #expect(UncertainQuantity.uniform(min: 1, max: 1).problem == nil)
        #expect(UncertainQuantity.fixed(.nan).problem != nil)
        #expect(UncertainQuantity.lognormal(meanlog: 0, sdlog: -0.1).problem != nil)
        #expect(UncertainQuantity.normal(mean: 0, sd: 0).problem == nil)
    }
}
