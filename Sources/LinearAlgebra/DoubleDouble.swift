/// An unevaluated sum `hi + lo` of two doubles: about 106 bits of significand (u ≈ 1.2e-32).
///
/// Used for the residuals of iterative refinement, where double precision (u ≈ 1.1e-16) and
/// x86 `Float80` (u ≈ 5.4e-20) are both too coarse for designs with condition numbers near
/// 1e10. Written by hand because no Swift package offers it; the error-free transformations are
/// Knuth's TwoSum and the FMA-based TwoProduct, and the sum and product follow Dekker (1971)
/// and Bailey's QD library ("accurate" addition, relative error ≤ 2u²).
@frozen
public struct DoubleDouble: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var hi: Double
    public var lo: Double

    @inlinable
    public init(_ value: Double) {
        hi = value
        lo = 0
    }

    @inlinable
    init(hi: Double, lo: Double) {
        self.hi = hi
        self.lo = lo
    }

    public static let zero = DoubleDouble(0)

    /// The nearest double.
    @inlinable
    public var double: Double { hi + lo }

    @inlinable
    static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        let e = (a - (s - bb)) + (b - bb)
        return DoubleDouble(hi: s, lo: e)
    }

    @inlinable
    static func quickTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(hi: s, lo: b - (s - a))
    }

    /// `a · b` exactly, as a double-double (FMA-based TwoProduct).
    @inlinable
    public static func product(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        return DoubleDouble(hi: p, lo: (-p).addingProduct(a, b))
    }

    @inlinable
    public static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let s = twoSum(a.hi, b.hi)
        let t = twoSum(a.lo, b.lo)
        var r = quickTwoSum(s.hi, s.lo + t.hi)
        r = quickTwoSum(r.hi, r.lo + t.lo)
        return r
    }

    @inlinable
    public static prefix func - (a: DoubleDouble) -> DoubleDouble {
        DoubleDouble(hi: -a.hi, lo: -a.lo)
    }

    @inlinable
    public static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    @inlinable
    public static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var p = product(a.hi, b.hi)
        p.lo += a.hi * b.lo + a.lo * b.hi
        return quickTwoSum(p.hi, p.lo)
    }

    @inlinable
    public static func * (a: DoubleDouble, b: Double) -> DoubleDouble {
        var p = product(a.hi, b)
        p.lo += a.lo * b
        return quickTwoSum(p.hi, p.lo)
    }

    /// Division by long division with one correction step (relative error ~ u²).
    @inlinable
    public static func / (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let q1 = a.hi / b.hi
        var r = a - b * q1
        let q2 = r.hi / b.hi
        r = r - b * q2
        let q3 = r.hi / b.hi
        return quickTwoSum(q1, q2) + DoubleDouble(q3)
    }

    @inlinable
    public static func += (a: inout DoubleDouble, b: DoubleDouble) { a = a + b }
    @inlinable
    public static func -= (a: inout DoubleDouble, b: DoubleDouble) { a = a - b }

    /// Square root by one Newton step from the double root (Karp's trick).
    public func squareRoot() -> DoubleDouble {
        if hi <= 0 { return DoubleDouble(hi < 0 ? .nan : 0) }
        let x = 1 / hi.squareRoot()
        let ax = hi * x
        let diff = (self - DoubleDouble.product(ax, ax)).hi * (x * 0.5)
        return DoubleDouble.twoSum(ax, diff)
    }

    public static func < (a: DoubleDouble, b: DoubleDouble) -> Bool {
        a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo)
    }

    public var isFinite: Bool { hi.isFinite && lo.isFinite }
    public var magnitude: DoubleDouble { hi < 0 || (hi == 0 && lo < 0) ? -self : self }

    public var description: String { "\(hi) + \(lo)" }
}
