import Foundation
import Testing

@testable import Forecasting

/// A positive series whose straight line reaches zero: the drift is taken on the log scale, and
/// no path jumps where the line leaves the range (closed forms: the drift of a line is its
/// slope, that of its logs the first-to-last log ratio over the increments).
struct FallingLineTests {
    func series(_ values: [Double]) throws -> YearlySeries {
        try YearlySeries(periods: Array(2010..<(2010 + values.count)), values: values)
    }

    /// 100, 90, …, 20: the line reaches zero in two years. Before 2026-12-01 the first step
    /// followed the line (10), the second the log drift (13.7): the median rose again.
    @Test func aLineThatReachesZeroSoonIsExtrapolatedOnTheLogScale() throws {
        let y = try series((0..<9).map { 100 - 10 * Double($0) })
        #expect(!Combination.compounds(y, transformed: y.transformed(.log)))
        let (f, used) = Combination.standard.forecast(y, transform: .log, horizon: 12)
        #expect(used == ["drift@log"], "the model column says which scale was used")
        let rate = log(20.0 / 100) / 8
        for h in 1...12 {
            #expect(abs(f[h - 1] - (log(20) + Double(h) * rate)) < 1e-12)
        }
        #expect(zip(f, f.dropFirst()).allSatisfy { $0 > $1 }, "a falling series' path never rises")
    }

    /// 100, 99, …, 91: the line stays positive for 91 years, so it is used, and where it leaves
    /// the range (a horizon of 100) the path goes on by the log drift's steps.
    @Test func aSlowLineIsKeptAndContinuedWithoutAJump() throws {
        let y = try series((0..<10).map { 100 - Double($0) })
        let (near, used) = Combination.standard.forecast(y, transform: .log, horizon: 10)
        #expect(used == ["drift"])
        for h in 1...10 {
            #expect(abs(exp(near[h - 1]) - (91 - Double(h))) < 1e-9)
        }
        let (far, _) = Combination.standard.forecast(y, transform: .log, horizon: 100)
        #expect(Array(far.prefix(10)) == near, "a longer horizon does not change nearer steps")
        #expect(abs(exp(far[89]) - 1) < 1e-9, "the line's last value in range: 91 − 90")
        let rate = log(91.0 / 100) / 9
        for h in 91...100 {
            #expect(abs(far[h - 1] - (log(1) + Double(h - 90) * rate)) < 1e-12)
        }
        #expect(zip(far, far.dropFirst()).allSatisfy { $0 > $1 })
    }

    /// A share whose line passes 100 within ten years is extrapolated on the logit scale.
    @Test func aShareHeadingPastAHundredIsExtrapolatedOnTheLogitScale() throws {
        let y = try series([70, 78, 86, 94])
        let (f, used) = Combination.standard.forecast(y, transform: .logit, horizon: 5)
        #expect(used == ["drift@log"])
        let z = y.transformed(.logit).values
        let rate = (z[3] - z[0]) / 3
        for h in 1...5 {
            #expect(abs(f[h - 1] - (z[3] + Double(h) * rate)) < 1e-12)
        }
    }
}
