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

    /// Long division starts from the quotient of the leading parts: near the top of the range it
    /// must not pass through a product (a mutant that started from a.hi · b.hi kept u² accuracy on
    /// 1/3, its two corrections absorbing the bad start, but gave NaN for 10³⁰⁰/10³⁰⁰).
    @Test func divisionNearTheTopOfTheRange() {
        let one = DoubleDouble(1e300) / DoubleDouble(1e300)
        #expect(one.hi == 1 && one.lo == 0)
        let q = DoubleDouble(3e200) / DoubleDouble(1e200)
        #expect(abs((q - DoubleDouble(3)).double) < 1e-31)
    }

    /// √0 = 0 (a regression that fits exactly has zero standard errors, not NaN), a perfect square
    /// is exact, and a negative number has no root.
    @Test func squareRootAtItsEdges() {
        #expect(DoubleDouble(0).squareRoot().double == 0)
        #expect(DoubleDouble(9).squareRoot().double == 3)
        #expect(DoubleDouble(-1).squareRoot().double.isNaN)
    }
}
