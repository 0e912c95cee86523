import Foundation
import Testing

@testable import Simulation

struct HistogramQuantilesTests {
    /// Histogram quantiles against exact order statistics: the documented bound is one bin width.
    @Test func errorWithinOneBinWidth() {
        var g = Xoshiro256PlusPlus(seed: 11)
        var values = [Double](repeating: 0, count: 200_000)
        Ziggurat.fill(&values, using: &g)
        values = values.map { exp(0.3 * $0) * 100 }  // skewed, like a stock on its natural scale
        var h = HistogramQuantiles(pilot: [Array(values.prefix(4096))])
        values.withUnsafeBufferPointer { h.add(cell: 0, UnsafeBufferPointer(rebasing: $0[0..<100_000])) }
        values.withUnsafeBufferPointer { h.add(cell: 0, UnsafeBufferPointer(rebasing: $0[100_000...])) }
        let sorted = values.sorted()
        for p in [0.05, 0.5, 0.95] {
            let exact = sorted[Int((p * Double(sorted.count - 1)).rounded())]
            let est = h.quantile(cell: 0, p)
            #expect(est.isExact)
            #expect(
                abs(est.value - exact) <= h.binWidth(cell: 0),
                "p = \(p): \(est.value) vs \(exact), bin \(h.binWidth(cell: 0))")
        }
    }

    @Test func mergingIsOrderFree() {
        let pilot = [[0.0, 10.0]]
        var a = HistogramQuantiles(pilot: pilot, bins: 64), b = a.emptyCopy()
        let xs = (0..<1000).map { Double($0 % 97) / 10 }
        xs.withUnsafeBufferPointer {
            a.add(cell: 0, UnsafeBufferPointer(rebasing: $0[0..<500]));
            b.add(cell: 0, UnsafeBufferPointer(rebasing: $0[500...]))
        }
        var ab = a, ba = b
        ab.merge(b)
        ba.merge(a)
        #expect(ab.counts == ba.counts && ab.total == ba.total)
    }
}
