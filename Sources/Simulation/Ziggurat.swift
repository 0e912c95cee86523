import Foundation

/// Standard normal variates by the ziggurat method (Marsaglia & Tsang, "The ziggurat method for
/// generating random variables", J. Stat. Softw. 5(8), 2000) with 256 layers and independent
/// bits for the layer and the abscissa (the fix of Doornik, "An improved ziggurat method",
/// 2005): one 64-bit draw gives the layer (low 8 bits) and a signed 53-bit uniform (top bits); about 99%
/// of draws return after one comparison.
public enum Ziggurat {
    /// Layer edges x₀ (base strip width v/f(r)), x₁ = r, …, x₂₅₆ = 0, and f(xᵢ) = exp(−xᵢ²/2).
    @usableFromInline static let tables: (x: [Double], f: [Double]) = {
        let r = 3.6541528853610088, v = 0.00492867323399
        func f(_ x: Double) -> Double { exp(-0.5 * x * x) }
        var x = [Double](repeating: 0, count: 257)
        x[0] = v / f(r)
        x[1] = r
        for i in 1..<255 {
            x[i + 1] = (-2 * log(f(x[i]) + v / x[i])).squareRoot()
        }
        x[256] = 0
        return (x, x.map(f))
    }()

    @usableFromInline static let r = 3.6541528853610088

    /// One standard normal variate (for bulk use `fill`, which reads the tables once).
    public static func normal(using g: inout Xoshiro256PlusPlus) -> Double {
        tables.x.withUnsafeBufferPointer { x in
            tables.f.withUnsafeBufferPointer { f in draw(x, f, &g) }
        }
    }

    @inlinable @inline(__always)
    static func draw(_ x: UnsafeBufferPointer<Double>, _ f: UnsafeBufferPointer<Double>, _ g: inout Xoshiro256PlusPlus)
        -> Double
    {
        while true {
            let bits = g.next()
            let i = Int(bits & 0xff)
            // The top 53 bits as a signed integer → u ∈ [−1, 1), independent of the layer bits.
            let u = Double(Int64(bitPattern: bits) >> 11) * 0x1p-52
            let z = u * x[i]
            if abs(z) < x[i + 1] { return z }
            if i == 0 {
                let a = tailExcess(&g)
                return u > 0 ? r + a : -(r + a)
            }
            if f[i + 1] + (f[i] - f[i + 1]) * g.nextUnit() < exp(-0.5 * z * z) { return z }
        }
    }

    /// How far beyond r a normal variate lies, given that it does (Marsaglia, "Generating a
    /// variable from the tail of the normal distribution", Technometrics 6, 1964): a = E₁/r and
    /// b = E₂ for standard exponentials E₁, E₂, kept when 2b ≥ a². The kept a has density
    /// ∝ exp(−ra − a²/2), that of Z − r given Z > r.
    @inlinable @inline(__always)
    static func tailExcess(_ g: inout Xoshiro256PlusPlus) -> Double {
        var a: Double, b: Double
        repeat {
            a = -log(1 - g.nextUnit()) / r
            b = -log(1 - g.nextUnit())
        } while 2 * b < a * a
        return a
    }

    /// Fills `buffer[0..<count]` with standard normal variates.
    @inlinable
    public static func fill(_ buffer: inout [Double], count: Int? = nil, using g: inout Xoshiro256PlusPlus) {
        let n = count ?? buffer.count
        let (xt, ft) = tables
        xt.withUnsafeBufferPointer { x in
            ft.withUnsafeBufferPointer { f in
                buffer.withUnsafeMutableBufferPointer { b in
                    // A local copy keeps the generator's state in registers.
                    var local = g
                    for k in 0..<n { b[k] = draw(x, f, &local) }
                    g = local
                }
            }
        }
    }
}
