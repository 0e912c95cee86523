import Foundation
import Testing

@testable import Forecasting

/// The special functions against closed forms and published values.
struct SpecialFunctionTests {
    /// Φ⁻¹ at textbook points (Abramowitz and Stegun, table 26.5) and at the ends.
    @Test func normalQuantileAtKnownPoints() {
        for (p, z) in [(0.975, 1.959963984540054), (0.9, 1.2815515655446004), (0.5, 0.0), (0.001, -3.090232306167813)] {
            #expect(abs(StudentT.normalQuantile(p) - z) < 1e-12, "\(p)")
            #expect(abs(StudentT.normalCDF(z) - p) < 1e-14, "\(z)")
        }
        #expect(StudentT.normalQuantile(0) == -.infinity && StudentT.normalQuantile(-1) == -.infinity)
        #expect(StudentT.normalQuantile(1) == .infinity && StudentT.normalQuantile(2) == .infinity)
    }

    /// I_x(a, b) for whole a and b is a binomial tail: Σ_{j=a}^{a+b−1} C(a+b−1, j) x^j (1−x)^(a+b−1−j);
    /// I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b, I_½(a, a) = ½ (symmetry).
    @Test func incompleteBetaAgainstClosedForms() {
        func binomialTail(_ x: Double, _ a: Int, _ b: Int) -> Double {
            let n = a + b - 1
            var choose = 1.0, sum = 0.0
            for j in 0...n {
                if j >= a { sum += choose * pow(x, Double(j)) * pow(1 - x, Double(n - j)) }
                choose = choose * Double(n - j) / Double(j + 1)
            }
            return sum
        }
        for x in [0.01, 0.2, 0.37, 0.5, 0.8, 0.99] {
            for (a, b) in [(1, 1), (2, 3), (5, 2), (7, 7), (3, 10)] {
                let got = StudentT.incompleteBeta(x, Double(a), Double(b))
                #expect(abs(got - binomialTail(x, a, b)) < 1e-12, "I_\(x)(\(a), \(b)) = \(got)")
            }
            #expect(abs(StudentT.incompleteBeta(x, 2.5, 1) - pow(x, 2.5)) < 1e-12)
            #expect(abs(StudentT.incompleteBeta(x, 1, 3.5) - (1 - pow(1 - x, 3.5))) < 1e-12)
        }
        #expect(abs(StudentT.incompleteBeta(0.5, 4.3, 4.3) - 0.5) < 1e-12)
        #expect(StudentT.incompleteBeta(0, 2, 3) == 0 && StudentT.incompleteBeta(1, 2, 3) == 1)
    }
}
