import Testing

@testable import Reporting

struct AxisTicksTests {
    @Test(
        "ticks are round, distinct, inside the range",
        arguments: [
            (9999.2, 10001.3), (0.0, 1.0), (3390.0, 3643.0), (0.0381, 0.0383), (-5.0, 5.0), (1e6, 3.5e6), (99.9, 100.1),
        ])
    func ticks(range: (Double, Double)) {
        let t = AxisTicks.nice(lo: range.0, hi: range.1)
        #expect(t.count >= 2 && t.count <= 11, "\(range): \(t)")
        #expect(Set(t.map(\.label)).count == t.count, "labels distinct: \(t.map(\.label))")
        #expect(t.allSatisfy { $0.value >= range.0 - 1e-12 && $0.value <= range.1 + 1e-12 })
        #expect(zip(t, t.dropFirst()).allSatisfy { $0.value < $1.value })
    }

    @Test func flatRangeIsLabelledWithDecimals() {
        // The report used to print 10001, 10001, 10000, 9999, 9999 for this range.
        let t = AxisTicks.nice(lo: 9999.2, hi: 10001.3)
        #expect(t.map(\.label) == ["10000", "10001"])
        #expect(AxisTicks.nice(lo: 9999.8, hi: 10000.3).map(\.label) == ["9999.8", "10000.0", "10000.2"])
        #expect(AxisTicks.nice(lo: 0, hi: 1).map(\.label) == ["0.00", "0.25", "0.50", "0.75", "1.00"])
        #expect(AxisTicks.nice(lo: 1, hi: 1).isEmpty && AxisTicks.nice(lo: .nan, hi: 1).isEmpty)
        // A step of 2.5 × 10ᵏ needs one decimal more than 10ᵏ, and none from 25 on.
        #expect(AxisTicks.nice(lo: 10, hi: 101).map(\.label) == ["25", "50", "75", "100"])
        #expect(AxisTicks.nice(lo: 0, hi: 10).map(\.label) == ["0.0", "2.5", "5.0", "7.5", "10.0"])
        #expect(AxisTicks.nice(lo: 0, hi: 1000).map(\.label) == ["0", "250", "500", "750", "1000"])
    }
}
