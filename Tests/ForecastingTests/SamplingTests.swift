import Foundation
import Testing

@testable import Forecasting

/// The samplers behind parameter uncertainty and the library's quantiles, against closed forms.
struct SamplingTests {
    typealias SplitMix = ContractTests.SplitMix

    /// Gamma(k) has mean k and variance k; the scaled inverse χ²(ν, s²) has mean ν s²/(ν − 2) and
    /// variance 2ν²s⁴/((ν − 2)²(ν − 4)) (Gelman et al., BDA3, appendix A). 200,000 draws, seeded;
    /// each mean within 5 standard errors.
    @Test func gammaAndScaledInverseChiSquareMoments() {
        var g = SplitMix(state: 77)
        let n = 200_000
        for k in [0.7, 2.5, 9.0] {
            let xs = (0..<n).map { _ in Sampling.gamma(shape: k, using: &g) }
            let mean = xs.reduce(0, +) / Double(n)
            #expect(abs(mean - k) < 5 * (k / Double(n)).squareRoot(), "Gamma(\(k)): \(mean)")
        }
        let (nu, s2) = (10.0, 4.0)
        let ys = (0..<n).map { _ in Sampling.scaledInverseChiSquare(df: nu, scale2: s2, using: &g) }
        let mean = ys.reduce(0, +) / Double(n)
        let variance = 2 * nu * nu * s2 * s2 / ((nu - 2) * (nu - 2) * (nu - 4))
        #expect(abs(mean - nu * s2 / (nu - 2)) < 5 * (variance / Double(n)).squareRoot(), "mean \(mean)")
    }

    /// A generator that always gives the same word: its uniform is the midpoint of the 53-bit
    /// cell, (k + ½)·2⁻⁵³, so the extreme words give 2⁻⁵⁴ and 1 − 2⁻⁵⁴, never 0 (whose logarithm
    /// the gamma boost and the polar method take) and never 1.
    @Test func aUniformIsNeverZeroNorOne() {
        struct Constant: RandomNumberGenerator {
            let word: UInt64
            mutating func next() -> UInt64 { word }
        }
        var low = Constant(word: 0), high = Constant(word: .max), middle = Constant(word: 1 << 63)
        #expect(Sampling.uniform(using: &low) == 0x1p-54)
        #expect(Sampling.uniform(using: &high) == 1 - 0x1p-54)
        #expect(Sampling.uniform(using: &middle) == 0.5 + 0x1p-54)
    }

    /// The library's quantiles are NumPy's default (type 7, linear between order statistics):
    /// np.quantile([1, 2, 3, 4], [0, 0.25, 0.5, 0.9, 1]) = [1, 1.75, 2.5, 3.7, 4].
    @Test func libraryQuantilesAreTypeSeven() {
        let got = [0, 0.25, 0.5, 0.9, 1].map { ReferenceLibrary.typeSeven([1, 2, 3, 4], $0) }
        for (a, b) in zip(got, [1, 1.75, 2.5, 3.7, 4]) { #expect(abs(a - b) < 1e-12, "\(got)") }
        #expect(ReferenceLibrary.typeSeven([5], 0.3) == 5)
    }
}
