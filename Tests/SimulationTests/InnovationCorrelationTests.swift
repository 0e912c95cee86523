import Forecasting
import Foundation
import Indicators
import Testing

@testable import Simulation

/// The copula's correlation of yearly innovations (`PlanModel.innovationCorrelation`) against
/// hand computation: Pearson's r of the one-year changes over the common years, times
/// m/(m + 10) for m common changes.
struct InnovationCorrelationTests {
    static func history(_ id: String, from year: Int, _ values: [Double]) -> History {
        History(
            indicator: id,
            points: values.enumerated().map { Observation(indicator: id, year: year + $0.offset, value: $0.element) })
    }

    /// a changes by 1, 2, 3, 4 and b by 1, 3, 2, 4 (2018–2021): deviations from the mean 2.5 are
    /// (−1.5, −0.5, 0.5, 1.5) and (−1.5, 0.5, −0.5, 1.5), so r = 4/5 = 0.8, shrunk by 4/14.
    /// c changes by 5 every year: no spread, no correlation (and no 0/0). d shares only two
    /// changes with the others (fewer than 3): no correlation. c comes first and e (no change
    /// at all) last, so a zero spread is met on either side of a pair. The matrix is already a valid
    /// correlation matrix, so the repair leaves it (to 1e-9).
    @Test func pearsonOfTheChangesShrunkByTheCommonYears() throws {
        let histories = [
            Self.history("c", from: 2017, [0, 5, 10, 15, 20]),
            Self.history("a", from: 2017, [0, 1, 3, 6, 10]),
            Self.history("b", from: 2017, [0, 1, 4, 6, 10]),
            Self.history("d", from: 2019, [7, 2, 9]),
            Self.history("e", from: 2017, [3, 3, 3, 3, 3]),
        ]
        let r = try PlanModel.innovationCorrelation(histories, transforms: [Transform](repeating: .identity, count: 5))
        let expected = 0.8 * 4 / 14
        #expect(abs(r[1, 2] - expected) < 1e-9 && abs(r[2, 1] - expected) < 1e-9, "\(r[1, 2])")
        for (i, j) in [(0, 1), (0, 2), (0, 3), (0, 4), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4)] {
            #expect(abs(r[i, j]) < 1e-9 && abs(r[j, i]) < 1e-9, "(\(i), \(j)): \(r[i, j])")
        }
        #expect((0..<5).allSatisfy { abs(r[$0, $0] - 1) < 1e-9 })
    }

    /// On the log scale the changes are log ratios: b = 2·a in every year has the same log
    /// changes as a, so r = 1 before shrinking, 3/13 with three common changes.
    @Test func theChangesAreOnTheModellingScale() throws {
        let a = [10.0, 12, 18, 19]
        let r = try PlanModel.innovationCorrelation(
            [Self.history("a", from: 2020, a), Self.history("b", from: 2020, a.map { 2 * $0 })],
            transforms: [.log, .log])
        #expect(abs(r[0, 1] - 3.0 / 13) < 1e-9, "\(r[0, 1])")
    }
}
