import Testing

@testable import Simulation

/// Targets are judged straight into 64-path bit words (`PreparedScenario.judge`, `count`). The
/// answers are counted by hand here, and a guard word after the last word must stay untouched:
/// a loop that ran one pass too many on a multiple of 64 paths wrote one word past the bits
/// (the surviving mutant of the Simulation round of seed 64, DEVELOPERS.md), which only the
/// address sanitizer saw before.
struct JudgeBitsTests {
    static let guardWord: UInt64 = 0xDEAD_BEEF_F00D_CAFE

    /// Path p's value is p (NaN on every 7th path), judged against `threshold`.
    static func judged(paths n: Int, threshold: Double, increase: Bool) -> (total: Int, bits: [UInt64], counts: [Int32])
    {
        let q = (0..<n).map { $0 % 7 == 3 ? Double.nan : Double($0) }
        let words = (n + 63) / 64
        var bits = [UInt64](repeating: 0, count: words + 1)
        bits[words] = guardWord
        var counts = [Int32](repeating: 5, count: n + 1)
        let total = q.withUnsafeBufferPointer { qb in
            bits.withUnsafeMutableBufferPointer { bb in
                counts.withUnsafeMutableBufferPointer { cb in
                    PreparedScenario.judge(qb.baseAddress!, n, threshold, increase, bb.baseAddress!, cb.baseAddress!)
                }
            }
        }
        return (total, bits, counts)
    }

    @Test(arguments: [1, 63, 64, 65, 128, 200])
    func eachPathIsOneBitAndNaNFails(paths n: Int) {
        for increase in [true, false] {
            let threshold = 40.0
            let r = Self.judged(paths: n, threshold: threshold, increase: increase)
            let met = (0..<n).filter { p in
                p % 7 != 3 && (increase ? Double(p) >= threshold : Double(p) <= threshold)
            }
            #expect(r.total == met.count)
            let words = (n + 63) / 64
            #expect(r.bits[words] == Self.guardWord, "a word written past the bits of \(n) paths")
            #expect(r.counts[n] == 5, "a count written past \(n) paths")
            for p in 0..<n {
                let bit = (r.bits[p / 64] >> UInt64(p % 64)) & 1
                #expect((bit == 1) == met.contains(p), "path \(p) of \(n)")
                #expect(r.counts[p] == (met.contains(p) ? 6 : 5))
            }
        }
    }

    /// "All goals met" is a count equal to the number of goals, path by path.
    @Test(arguments: [64, 70, 128])
    func allMetIsTheCountOfEveryGoal(paths n: Int) {
        let counts = (0..<n).map { Int32($0 % 4) }
        let words = (n + 63) / 64
        var bits = [UInt64](repeating: 0, count: words + 1)
        bits[words] = Self.guardWord
        var quantity = [Double](repeating: -1, count: n + 1)
        let total = bits.withUnsafeMutableBufferPointer { bb in
            quantity.withUnsafeMutableBufferPointer { qb in
                PreparedScenario.count(counts, equalTo: 3, quantity: qb.baseAddress!, bits: bb.baseAddress!)
            }
        }
        #expect(total == (0..<n).filter { $0 % 4 == 3 }.count)
        #expect(bits[words] == Self.guardWord)
        #expect(quantity[n] == -1)
        #expect(quantity[..<n].elementsEqual(counts.map(Double.init)))
        for p in 0..<n { #expect(((bits[p / 64] >> UInt64(p % 64)) & 1 == 1) == (p % 4 == 3)) }
    }
}
