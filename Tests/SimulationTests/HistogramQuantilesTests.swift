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

    /// Values over many orders of magnitude (a volatility lever of 6 on a log-scale count:
    /// 300·e^(3Z), rounded, zeros among them) are binned as log(1 + v): each quantile within one
    /// bin of the exact order statistic on that scale. Linear bins of the same pilot were each
    /// wider than the 5–95% range and put p05 at 505 where it was near 2.
    @Test func valuesOverManyOrdersOfMagnitudeAreBinnedOnTheLogScale() {
        var g = Xoshiro256PlusPlus(seed: 12)
        var z = [Double](repeating: 0, count: 100_000)
        Ziggurat.fill(&z, using: &g)
        let values = z.map { (300 * exp(3 * $0)).rounded() }
        var h = HistogramQuantiles(pilot: [Array(values.prefix(2048))], bins: 2048)
        #expect(h.logScale == [true])
        values.withUnsafeBufferPointer { h.add(cell: 0, $0) }
        let sorted = values.sorted()
        for p in [0.05, 0.25, 0.5, 0.75, 0.95] {
            let exact = sorted[Int((p * Double(sorted.count - 1)).rounded())]
            let est = h.quantile(cell: 0, p)
            #expect(est.isExact)
            #expect(
                abs(log1p(est.value) - log1p(exact)) <= h.binWidth(cell: 0),
                "p = \(p): \(est.value) vs \(exact), bin \(h.binWidth(cell: 0)) on log(1 + v)")
        }
        // A pilot within six orders of magnitude keeps linear bins.
        #expect(HistogramQuantiles(pilot: [[0, 5, 900_000]]).logScale == [false])
        #expect(HistogramQuantiles(pilot: [[-1, 5, 9e9]]).logScale == [false])
    }

    /// Mass at one point (a share clamped just below 100 on most paths): a quantile never
    /// lies beyond the largest or below the smallest value (it read 100.04 from its bin's spread).
    @Test func aQuantileStaysWithinTheSample() {
        var h = HistogramQuantiles(pilot: [[40, 160]], bins: 64)
        let values = [Double](repeating: 99.999999, count: 990) + [Double](repeating: 99.4, count: 10)
        values.withUnsafeBufferPointer { h.add(cell: 0, $0) }
        #expect(h.binWidth(cell: 0) > 1)
        for p in [0.05, 0.5, 0.95, 0.999] {
            let q = h.quantile(cell: 0, p).value
            #expect(q <= 99.999999 && q >= 99.4, "p = \(p): \(q)")
        }
        #expect(h.quantile(cell: 0, 0.0).value == 99.4)
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

    /// A scenario that shares most values with another keeps only its difference (its values
    /// added, the other's taken out, `subtract`) and the other's counts are added at the end
    /// (`addCounts`): the same histogram as adding its own values, under- and overflow included.
    @Test func aDifferenceFromAnotherHistogramGivesTheSameCounts() {
        let pilot = [[0.0, 10.0], [0.0, 1.0]]
        var g = Xoshiro256PlusPlus(seed: 3)
        var x = [Double](repeating: 0, count: 3000)
        Ziggurat.fill(&x, using: &g)
        x = x.map { 5 + 4 * $0 }  // about one in ten beyond [−5, 15], the range with its margins
        var y = x
        for p in stride(from: 0, to: y.count, by: 7) { y[p] += 3 }  // the scenario moves some paths
        let reference = HistogramQuantiles(pilot: pilot, bins: 64)
        var own = reference, ref = reference, diff = reference
        x.withUnsafeBufferPointer { ref.add(cell: 0, $0) }
        y.withUnsafeBufferPointer { own.add(cell: 0, $0) }
        y.withUnsafeBufferPointer { diff.add(cell: 0, $0) }
        x.withUnsafeBufferPointer { diff.subtract(cell: 0, $0) }
        diff.addCounts(of: ref, cells: [true, false])
        #expect(diff == own)
        #expect(own.counts[64] > 0 && own.counts[65] > 0, "values fell below and above the range")
        #expect(reference.total == [0, 0] && diff.total == [3000, 0])
    }
}
