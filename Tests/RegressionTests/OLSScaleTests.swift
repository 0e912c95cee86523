import Testing

@testable import Regression

/// Values near the ends of the double range: the fit is scale-equivariant, so x·10²⁰⁰ and
/// y·10²⁰⁰ give the closed-form line of the unscaled data, scaled (no false rank deficiency,
/// no overflow in the residual sum of squares).
struct OLSScaleTests {
    // x = 1…4, y = 2, 4.1, 5.9, 8.2: Sxx = 5, Sxy = 10.2, slope 2.04, intercept 5.05 − 2.04·2.5 = −0.05;
    // residuals 0.01, 0.07, −0.17, 0.09: RSS = 0.042, σ = √(0.042/2).
    static let x = [1.0, 2, 3, 4], y = [2.0, 4.1, 5.9, 8.2]

    @Test(arguments: [(1e200, 1e200), (1.0, 1e200), (1e200, 1.0), (1e-200, 1e-200)])
    func hugeAndTinyColumns(scales: (Double, Double)) throws {
        let (sx, sy) = scales
        let d = try Design(intercept: true, columns: [("x", Self.x.map { $0 * sx })])
        let r = try ordinaryLeastSquares(y: Self.y.map { $0 * sy }, design: d)
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * abs(b) }
        #expect(close(r.estimates[1], 2.04 * sy / sx), "slope \(r.estimates[1])")
        #expect(close(r.estimates[0], -0.05 * sy), "intercept \(r.estimates[0])")
        let rss = zip(Self.x, Self.y).map { x, y in (y - (-0.05 + 2.04 * x)) * (y - (-0.05 + 2.04 * x)) }.reduce(0, +)
        #expect(close(r.residualSD, (rss / 2).squareRoot() * sy), "σ \(r.residualSD)")
        #expect(r.rSquared.isFinite && r.standardErrors.allSatisfy(\.isFinite))
        // Residuals y − (−0.05 + 2.04·x) = 0.01, 0.07, −0.17, 0.09, in y's units.
        for (got, want) in zip(r.residuals, [0.01, 0.07, -0.17, 0.09]) {
            #expect(abs(got - want * sy) <= 1e-10 * sy, "residual \(got) vs \(want * sy)")
        }
    }

    /// A response of zeros fits exactly: every estimate, residual and standard error 0 (the
    /// response is scaled by a power of two near its largest value, which for zeros is 1: a
    /// mutant that took 0's exponent divided by zero and returned NaN).
    @Test func aResponseOfZerosFitsExactly() throws {
        let d = try Design(intercept: true, columns: [("x", Self.x)])
        let r = try ordinaryLeastSquares(y: [0, 0, 0, 0], design: d)
        #expect(r.estimates == [0, 0] && r.residuals.allSatisfy { $0 == 0 }, "\(r.estimates)")
        #expect(r.residualSD == 0 && r.standardErrors.allSatisfy { $0 == 0 }, "\(r.standardErrors)")
    }
}
