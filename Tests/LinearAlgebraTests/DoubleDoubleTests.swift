import Testing

@testable import LinearAlgebra

struct DoubleDoubleTests {
    @Test func productIsExact() {
        // (1 + 2⁻³⁰)² = 1 + 2⁻²⁹ + 2⁻⁶⁰: the last term is lost in double, kept in double-double.
        let a = 1 + 0x1p-30
        let p = DoubleDouble.product(a, a)
        #expect(p.hi == 1 + 0x1p-29)
        #expect(p.lo == 0x1p-60)
    }

    @Test func sumKeepsTinyTerms() {
        let s = DoubleDouble(1) + DoubleDouble(1e-20) - DoubleDouble(1)
        #expect(abs(s.double - 1e-20) < 1e-35)
    }

    @Test func divisionAndSquareRoot() {
        let third = DoubleDouble(1) / DoubleDouble(3)
        // 3 · (1/3) − 1 must vanish to ~u² = 1e-32.
        #expect(abs((third * DoubleDouble(3) - DoubleDouble(1)).double) < 1e-31)
        let r = DoubleDouble(2).squareRoot()
        #expect(abs((r * r - DoubleDouble(2)).double) < 1e-31)
    }
}
