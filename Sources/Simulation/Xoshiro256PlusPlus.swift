/// xoshiro256++ 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
/// ACM TOMS 47(4), 2021; reference code at prng.di.unimi.it): 256 bits of state, period
/// 2²⁵⁶ − 1, and a jump function equivalent to 2¹²⁸ calls for non-overlapping streams.
///
/// Streams are keyed by (seed, scenario, block) through SplitMix64 (`stream(seed:scenario:block:)`),
/// so a block of paths always gets the same numbers whichever thread runs it and in whatever order.
public struct Xoshiro256PlusPlus: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator with the given state (not all zero).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256++ state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    /// A generator whose state is four outputs of SplitMix64 seeded with `seed` (the seeding the
    /// authors recommend).
    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        self.init(state: (sm.next(), sm.next(), sm.next(), sm.next()))
    }

    /// The stream of one block of paths keyed by a name (a lever, or "bounds:" + a series id):
    /// `stream(seed:scenario:block:)` with the name's 64-bit FNV-1a hash as the scenario key.
    static func stream(seed: UInt64, named name: String, block: Int) -> Xoshiro256PlusPlus {
        stream(seed: seed, scenario: key(name), block: UInt64(block))
    }

    /// The 64-bit FNV-1a hash of a stream's name.
    static func key(_ name: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return h
    }

    /// The stream of one block of paths of one scenario.
    public static func stream(seed: UInt64, scenario: UInt64, block: UInt64) -> Xoshiro256PlusPlus {
        var sm = SplitMix64(state: seed)
        let a = sm.next() ^ (scenario &* 0x9E37_79B9_7F4A_7C15)
        var sm2 = SplitMix64(state: a)
        let b = sm2.next() ^ (block &* 0xD1B5_4A32_D192_ED03)
        return Xoshiro256PlusPlus(seed: b)
    }

    @inlinable @inline(__always)
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s0 &+ s3, 23) &+ s0
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// Advances the state by 2¹²⁸ steps (the reference `jump()`).
    mutating func jump() {
        let table: [UInt64] = [
            0x180e_c6d3_3cfd_0aba, 0xd5a6_1266_f0c9_392c, 0xa958_2618_e03f_c9aa, 0x39ab_dc45_29b1_661c,
        ]
        var (t0, t1, t2, t3): (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for word in table {
            for b in 0..<64 {
                if word & (1 << UInt64(b)) != 0 {
                    t0 ^= s0
                    t1 ^= s1
                    t2 ^= s2
                    t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }

    /// A double in [0, 1) from the top 53 bits.
    @inlinable @inline(__always)
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A double in (0, 1), never 0 or 1 (for an inverse CDF): the top 53 bits plus one half.
    @inlinable @inline(__always)
    mutating func nextOpenUnit() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }
}

/// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014), used to seed and key streams, and as the
/// short stream of one cell of a path (`PreparedScenario.drawCounts`), where seeding a
/// xoshiro256++ per cell cost more than the draw.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Uniform doubles from a 64-bit generator: [0, 1) and (0, 1) from the top 53 bits.
protocol UnitDraws {
    mutating func next() -> UInt64
}

extension UnitDraws {
    @inline(__always) mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    @inline(__always) mutating func openUnit() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }
}

extension Xoshiro256PlusPlus: UnitDraws {}
extension SplitMix64: UnitDraws {}
