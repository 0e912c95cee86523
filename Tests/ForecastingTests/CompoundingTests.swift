import Foundation
import Testing

@testable import Forecasting

/// Series that compound are extrapolated on the log scale, straight lines on the original one
/// (closed forms: a geometric series' log drift is its growth rate exactly).
struct CompoundingTests {
    func series(_ values: [Double]) throws -> YearlySeries {
        try YearlySeries(periods: Array(2010..<(2010 + values.count)), values: values)
    }

    @Test func geometricGrowthCompoundsAndIsExtrapolatedAtItsRate() throws {
        // 7% a year with a small wobble: log increments steady, original-scale increments growing.
        let wobble = [0.0, 0.002, -0.001, 0.001, -0.002, 0.0, 0.001, -0.001, 0.002, 0.0]
        let y = try series(wobble.indices.map { 100 * pow(1.07, Double($0)) * (1 + wobble[$0]) })
        #expect(Combination.compounds(y, transformed: y.transformed(.log)))
        let (f, used) = Combination.standard.forecast(y, transform: .log, horizon: 3)
        #expect(used == ["drift@log"], "the model column says which scale was used")
        // Log drift: last · exp(h · mean log increment) — the first-to-last growth rate.
        let rate = log(y.values.last! / y.values.first!) / Double(y.count - 1)
        for h in 1...3 {
            #expect(abs(f[h - 1] - (log(y.values.last!) + Double(h) * rate)) < 1e-12)
        }
        // A straight line through it would have grown 5.1% in the first step, not 7%.
        let linear = (y.values.last! - y.values.first!) / Double(y.count - 1)
        #expect(linear / y.values.last! < 0.052)
    }

    @Test func linesNoiseAndShortSeriesDoNotCompound() throws {
        let line = try series((0..<10).map { 100 + 7 * Double($0) })
        #expect(!Combination.compounds(line, transformed: line.transformed(.log)))
        let noisy = try series([100, 130, 95, 140, 120, 160, 110, 150, 170, 140])
        #expect(!Combination.compounds(noisy, transformed: noisy.transformed(.log)))
        let short = try series((0..<(Combination.compoundingMinimum - 1)).map { 100 * pow(1.07, Double($0)) })
        #expect(!Combination.compounds(short, transformed: short.transformed(.log)))
        // Exactly the minimum is enough (mutation round seed 82 asked for one point more).
        let least = try series((0..<Combination.compoundingMinimum).map { 100 * pow(1.07, Double($0)) })
        #expect(Combination.compounds(least, transformed: least.transformed(.log)))
        // A straight line is extrapolated as one (drift on the original scale).
        let (f, used) = Combination.standard.forecast(line, transform: .log, horizon: 2)
        #expect(used == ["drift"])
        #expect(abs(exp(f[1]) - (163 + 14)) < 1e-9)
    }
}
