import Foundation
import Testing

@testable import Indicators

/// The official-practice measures on worked examples computed by hand from the published rules.
struct ProgressAssessmentTests {
    func history(_ points: [(Int, Double)]) -> History {
        History(indicator: "x", points: points.map { Observation(indicator: "x", year: $0.0, value: $0.1) })
    }

    /// Destatis (Indikatorenbericht, "Wettersymbole"): the mean yearly change of the last five
    /// years, extended to the target year; the shortfall as a share of the gap still to close.
    @Test func destatisWorkedExamples() {
        // 100, 102, …, 110 (2015–2020): mean change 2 a year. Target 120 in 2025: projection
        // 110 + 5·2 = 120, shortfall 0 → on track.
        let h = history((0...5).map { (2015 + $0, 100 + 2 * Double($0)) })
        #expect(
            ProgressAssessment.destatis(history: h, target: 120, targetYear: 2025, direction: .increase) == .onTrack)
        // Target 121: shortfall 1 of a gap of 11 = 9% → partly (5–20%).
        #expect(ProgressAssessment.destatis(history: h, target: 121, targetYear: 2025, direction: .increase) == .partly)
        // Target 125: shortfall 5 of 15 = 33% → off track.
        #expect(
            ProgressAssessment.destatis(history: h, target: 125, targetYear: 2025, direction: .increase) == .offTrack)
        // Target 120.5: shortfall 0.5 of 10.5 = 4.8% → still on track.
        #expect(
            ProgressAssessment.destatis(history: h, target: 120.5, targetYear: 2025, direction: .increase) == .onTrack)
        // A falling series against a rising target: wrong direction.
        let falling = history((0...5).map { (2015 + $0, 110 - 2 * Double($0)) })
        #expect(
            ProgressAssessment.destatis(history: falling, target: 120, targetYear: 2025, direction: .increase)
                == .wrongDirection)
        // The same fall against a reduction target of 90: projection 100 − 10 = 90 → on track.
        #expect(
            ProgressAssessment.destatis(history: falling, target: 90, targetYear: 2025, direction: .decrease)
                == .onTrack)
        // Only the last five changes count: an early jump of 50 does not.
        let recent: [(Int, Double)] = (0...5).map { (2015 + $0, 100 + 2 * Double($0)) }
        let early = history([(2013, 50)] + recent)
        #expect(
            ProgressAssessment.destatis(history: early, target: 120, targetYear: 2025, direction: .increase) == .onTrack
        )
        // A target year the data have reached is judged on its own value, not the latest: 3.83 in
        // 2022 misses 4.0 although 2024 reads 4.0 (this rule once said "on track"), and a year between
        // two observations on the line between them (2023: 3.915 < 4.1 → off track; 3.915 ≥ 3.9 →
        // on track).
        let passed = history([(2020, 3.7), (2022, 3.83), (2024, 4.0)])
        #expect(
            ProgressAssessment.destatis(history: passed, target: 4.0, targetYear: 2022, direction: .increase)
                == .offTrack)
        #expect(
            ProgressAssessment.destatis(history: passed, target: 4.1, targetYear: 2023, direction: .increase)
                == .offTrack)
        #expect(
            ProgressAssessment.destatis(history: passed, target: 3.9, targetYear: 2023, direction: .increase)
                == .onTrack)
        #expect(
            ProgressAssessment.destatis(history: passed, target: 3.5, targetYear: 2019, direction: .increase) == nil)
        // One observation: no verdict.
        #expect(
            ProgressAssessment.destatis(
                history: history([(2020, 1)]), target: 2, targetYear: 2025, direction: .increase) == nil)
    }

    /// A reduction target is the rising case mirrored: 110, 108, …, 100 (2015–2020) projects to
    /// 90 in 2025, so a target of 89.5 misses by 0.5 of a gap of 10.5 = 4.8% → on track, and 88
    /// by 2 of 12 = 17% → partly. A flat series is not moving the wrong way: against 90 it is
    /// off track (shortfall 10 of 10). Mutation round seed 177: a sign of −1.25 for a reduction
    /// (4.8% read as 6%) and a test of sign / slope (−1/0 = −∞ read as "wrong direction") passed.
    @Test func aReductionTargetIsTheRisingCaseMirrored() {
        let falling = history((0...5).map { (2015 + $0, 110 - 2 * Double($0)) })
        func verdict(_ h: History, _ target: Double) -> DestatisVerdict? {
            ProgressAssessment.destatis(history: h, target: target, targetYear: 2025, direction: .decrease)
        }
        #expect(verdict(falling, 89.5) == .onTrack)
        #expect(verdict(falling, 88) == .partly)
        #expect(verdict(falling, 80) == .offTrack)
        let flat = history((0...2).map { (2018 + $0, 100) })
        #expect(verdict(flat, 90) == .offTrack)
        let rising = history((0...2).map { (2018 + $0, 100 + Double($0)) })
        #expect(verdict(rising, 90) == .wrongDirection)
    }

    /// A stock's mid-year count was measured at mid-year: 100 at the end of 2022 and 110 in
    /// mid-2024 (t = 2023.5) make a change of 10/1.5 a year, so the end of 2024 projects to
    /// 110 + 0.5·10/1.5 = 113.33: a 2024 milestone of 112 is on track (shortfall < 0), 114 is
    /// partly (0.67 of a gap of 4 = 17%). Read as the year-end value (a flow's snapshot, or
    /// before 2026-12-05) the count misses 112: off track. The progress ratio grows the same
    /// way: (110/100)^(1/1.5) − 1 = 6.56% a year against (121/100)^(1/3) − 1 = 6.56% needed for
    /// 121 in 2025 from 2022.
    @Test func aMidYearCountIsProjectedToItsYearEnd() {
        let count = Observation(indicator: "x", year: 2024, value: 110, quality: .snapshot)
        let h = History(indicator: "x", points: [Observation(indicator: "x", year: 2022, value: 100), count])
        func verdict(_ target: Double, _ kind: IndicatorKind?) -> DestatisVerdict? {
            ProgressAssessment.destatis(history: h, target: target, targetYear: 2024, direction: .increase, kind: kind)
        }
        #expect(verdict(112, .stock) == .onTrack)
        #expect(verdict(114, .stock) == .partly)
        #expect(verdict(112, .flow) == .offTrack)
        #expect(verdict(112, nil) == .offTrack)
        let r = ProgressAssessment.progressRatio(
            history: h, baseYear: 2022, target: 121, targetYear: 2025, kind: .stock)
        #expect(abs(r! - (pow(1.1, 1 / 1.5) - 1) / (pow(1.21, 1.0 / 3) - 1)) < 1e-12)
        #expect(abs(r! - 1) < 1e-3)
    }

    /// The Destatis rule's edges (mutation round seed 148), each computed by hand:
    /// - a target year between observations three years apart is read on the straight line:
    ///   100 (2020) and 130 (2023) give 100 + 30·2/3 = 120 in 2022, so 119.9 is met and 120.1 not;
    /// - a single observation in the target year is judged on its value (no trend is needed);
    /// - a latest observation in the target year is judged, not projected: 12 → 10 (2023–2025)
    ///   misses 11 and is off track, not "wrong direction";
    /// - a flat series already at its target before the target year is on track (its gap is 0,
    ///   so no share of it can be short).
    @Test func destatisEdges() {
        func verdict(_ points: [(Int, Double)], _ target: Double, _ year: Int) -> DestatisVerdict? {
            ProgressAssessment.destatis(
                history: history(points), target: target, targetYear: year, direction: .increase)
        }
        let gap = [(2020, 100.0), (2023, 130), (2024, 140)]
        #expect(verdict(gap, 119.9, 2022) == .onTrack)
        #expect(verdict(gap, 120.1, 2022) == .offTrack)
        #expect(verdict([(2025, 10)], 9, 2025) == .onTrack)
        #expect(verdict([(2025, 10)], 11, 2025) == .offTrack)
        #expect(verdict([(2023, 12), (2025, 10)], 11, 2025) == .offTrack)
        #expect(verdict([(2020, 50), (2021, 50)], 50, 2025) == .onTrack)
    }

    /// Eurostat/Statistics Canada: actual compound growth since the base year over the growth
    /// required from the base year to the target.
    @Test func progressRatioWorkedExample() {
        // Base 2020: 100; 2022: 121 (10% a year). Target 2025: 161.051 (10% a year): ratio 1.
        let h = history([(2020, 100), (2022, 121)])
        let r = ProgressAssessment.progressRatio(history: h, baseYear: 2020, target: 161.051, targetYear: 2025)!
        #expect(abs(r - 1) < 1e-9)
        // Target 200 by 2025 needs 2^(1/5) − 1 = 14.87% a year: ratio 0.1 / 0.148698 = 0.6725.
        let r2 = ProgressAssessment.progressRatio(history: h, baseYear: 2020, target: 200, targetYear: 2025)!
        #expect(abs(r2 - 0.1 / (pow(2, 0.2) - 1)) < 1e-9)
        #expect(ProgressAssessment.progressCategory(r2) == "acceleration_needed")
        // The categories' edges: 0.95 on track, 0.6 acceleration needed, 0 limited progress.
        #expect(
            [1.2, 0.95, 0.9499, 0.6, 0.5999, 0, -0.01].map(ProgressAssessment.progressCategory) == [
                "on_track", "on_track", "acceleration_needed", "acceleration_needed", "limited_progress",
                "limited_progress", "moving_away",
            ])
        #expect(
            ProgressAssessment.progressRatio(
                history: history([(2022, 121)]), baseYear: 2020, target: 200, targetYear: 2025) == nil)
        // An observation in the base year only: no growth since the base, so no ratio (not 0).
        #expect(
            ProgressAssessment.progressRatio(
                history: history([(2020, 100)]), baseYear: 2020, target: 200, targetYear: 2025) == nil)
        // A subnormal base (a lower bound of 5e-324) makes both growths infinite: no ratio, not NaN.
        #expect(
            ProgressAssessment.progressRatio(
                history: history([(2020, Double.leastNonzeroMagnitude), (2022, 50.5)]), baseYear: 2020, target: 56.5,
                targetYear: 2025)
                == nil)
    }
}

/// The planner's rules read published figures: a bound an identity computed (from a growth rate,
/// a sum over years) is no one's figure, and its value is only its interval's lower end. With
/// such a bound of [50, 120] for 2023 after 100 (2021) and 110 (2022), the rules followed the 50.
struct PublishedFiguresTests {
    static let history = History(
        indicator: "x",
        points: [
            Observation(indicator: "x", year: 2021, value: 100),
            Observation(indicator: "x", year: 2022, value: 110),
            Plan.identityBound("x", year: 2023, 50, 120, source: "identity: x(2022) × (1 + growth(2023))"),
        ])

    @Test func identityBoundsAreLeftOut() {
        #expect(Self.history.points[2].isIdentityBound)
        #expect(!Observation(indicator: "x", year: 2023, value: 50, quality: .lowerBound).isIdentityBound)
        // A file's own source text that happens to begin like an identity's rule is still a
        // published figure (the mark was the source's prefix until the end of stop 58).
        #expect(
            !Observation(
                indicator: "x", year: 2023, value: 50, quality: .lowerBound, source: "identity: 统计局口径"
            ).isIdentityBound)
        #expect(Self.history.published.years == [2021, 2022])
        // The line through 100 and 110 reaches 140 in 2025; through the 50 it would fall.
        #expect(
            TrendRule.probability(
                history: Self.history, threshold: 140, direction: .increase, rule: .final, planYears: 2023...2025) == 1)
        // Destatis: +10 a year from 110 reaches 140 in 2025 (on track); from 50, wrong direction.
        #expect(
            ProgressAssessment.destatis(history: Self.history, target: 140, targetYear: 2025, direction: .increase)
                == .onTrack)
        // Progress ratio: 10% a year against the (1.4)^(1/4) − 1 = 8.78% required from 2021: 1.139.
        let ratio = ProgressAssessment.progressRatio(
            history: Self.history, baseYear: 2021, target: 140, targetYear: 2025)
        #expect(abs((ratio ?? 0) - 0.1 / (pow(1.4, 0.25) - 1)) < 1e-9, "\(String(describing: ratio))")
    }
}
