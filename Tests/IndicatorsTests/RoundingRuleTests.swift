import Testing

@testable import Indicators

/// Which written values settle a target (`Indicator.unsettledByRounding`): "13" stands for
/// 12.5–13.5, so it settles a milestone of 12.5 (met) and of 13.6 (missed) and leaves 13 open;
/// the ends are exact in binary, so the boundaries are tested as written.
struct RoundingRuleTests {
    static func indicator(direction: Direction, target: Double, kind: IndicatorKind = .level) -> Indicator {
        Indicator(
            id: "x", row: "x", nameZh: "x", nameEn: "x", category: "c", kind: kind, unit: "u", direction: direction,
            targets: [2024: target], headline: nil)
    }

    static func read(_ text: String, quality: Quality = .actual) -> History {
        History(
            indicator: "x",
            points: [
                Observation(
                    indicator: "x", year: 2024, value: Double(text)!, text: text, quality: quality,
                    location: SourceLocation(file: "o.csv", line: 2))
            ])
    }

    @Test func aTargetAtAnEndOfTheIntervalIsSettled() {
        let h = Self.read("13")
        // Increase: the value is at least 12.5, so 12.5 is met; 13.5 may be missed.
        #expect(
            Self.indicator(direction: .increase, target: 12.5).unsettledByRounding(h, planYears: 2022...2025).isEmpty)
        #expect(
            Self.indicator(direction: .increase, target: 12.4).unsettledByRounding(h, planYears: 2022...2025).isEmpty)
        #expect(
            Self.indicator(direction: .increase, target: 13.6).unsettledByRounding(h, planYears: 2022...2025).isEmpty)
        let open = Self.indicator(direction: .increase, target: 13.5).unsettledByRounding(h, planYears: 2022...2025)
        #expect(open[2024]?.lower == 12.5 && open[2024]?.upper == 13.5)
        #expect(
            Self.indicator(direction: .increase, target: 12.75).unsettledByRounding(h, planYears: 2022...2025).count
                == 1)
        // Decrease (a ceiling): the value is at most 13.5, so 13.5 is met; 12.5 may be missed.
        #expect(
            Self.indicator(direction: .decrease, target: 13.5).unsettledByRounding(h, planYears: 2022...2025).isEmpty)
        #expect(
            Self.indicator(direction: .decrease, target: 12.4).unsettledByRounding(h, planYears: 2022...2025).isEmpty)
        #expect(
            Self.indicator(direction: .decrease, target: 12.5).unsettledByRounding(h, planYears: 2022...2025).count == 1
        )
        #expect(
            Self.indicator(direction: .decrease, target: 13.25).unsettledByRounding(h, planYears: 2022...2025).count
                == 1)
    }

    /// A whole count lies on a whole number: "271" 家 is 271 and settles a milestone of 271 (it
    /// read "very likely" at P = 1, since 270.5–271.5 straddled it); "3300" still stands for
    /// 3,250–3,350; a count written with decimals keeps its interval.
    @Test func aWholeCountIsAWholeNumber() {
        func count(_ target: Double, _ direction: Direction = .increase) -> Indicator {
            Indicator(
                id: "x", row: "x", nameZh: "x", nameEn: "x", category: "c", kind: .stock, unit: "家",
                direction: direction, targets: [2024: target], headline: nil)
        }
        #expect(count(271).unsettledByRounding(Self.read("271"), planYears: 2022...2025).isEmpty)
        #expect(count(271, .decrease).unsettledByRounding(Self.read("271"), planYears: 2022...2025).isEmpty)
        let rounded = count(3300).unsettledByRounding(Self.read("3300"), planYears: 2022...2025)
        #expect(rounded[2024]?.lower == 3250 && rounded[2024]?.upper == 3350, "\(rounded)")
        let decimals = count(271.2).unsettledByRounding(Self.read("271.2"), planYears: 2022...2025)
        #expect(decimals[2024].map { abs($0.lower - 271.15) < 1e-9 && abs($0.upper - 271.25) < 1e-9 } == true)
        // The same figure of a level (not counted) is an interval that leaves 271 open.
        #expect(
            Self.indicator(direction: .increase, target: 271).unsettledByRounding(
                Self.read("271"), planYears: 2022...2025
            ).count == 1)
    }

    /// The whole numbers of an interval, the one rule every count uses (`wholeNumbers`).
    @Test func wholeNumbersOfAnInterval() {
        #expect(wholeNumbers(from: 2.58, to: 2.68) == nil)
        #expect(wholeNumbers(from: 13.185, to: 14.65).map { [$0.least, $0.most] } == [14, 14])
        #expect(wholeNumbers(from: 270.5, to: 271.5).map { [$0.least, $0.most] } == [271, 271])
        #expect(wholeNumbers(from: -52.79, to: -47.99).map { [$0.least, $0.most] } == [-52, -48])
        #expect(wholeNumbers(from: 3250, to: 3350).map { [$0.least, $0.most] } == [3250, 3350])
    }

    /// A headline level goal (final year, here 2024) is a threshold like a milestone; a growth
    /// goal's value (7% a year) is no level, so a figure straddling 7 leaves nothing open.
    @Test func aHeadlineLevelGoalIsAThresholdAndAGrowthGoalIsNot() {
        let h = Self.read("7")
        func ind(_ goal: HeadlineGoal) -> Indicator {
            Indicator(
                id: "x", row: "x", nameZh: "x", nameEn: "x", category: "c", kind: .level, unit: "u",
                direction: .increase, targets: [:], headline: goal)
        }
        let level = ind(HeadlineGoal(rule: .final, value: 7)).unsettledByRounding(h, planYears: 2022...2024)
        #expect(level[2024]?.lower == 6.5 && level[2024]?.upper == 7.5, "\(level)")
        #expect(
            ind(HeadlineGoal(rule: .final, value: 7, form: .growth)).unsettledByRounding(h, planYears: 2022...2024)
                .isEmpty)
        // Not the final year: a final-year goal does not judge 2024.
        #expect(ind(HeadlineGoal(rule: .final, value: 7)).unsettledByRounding(h, planYears: 2022...2025).isEmpty)
        #expect(ind(HeadlineGoal(rule: .everyYear, value: 7)).unsettledByRounding(h, planYears: 2022...2025).count == 1)
        // An every-year goal judges the plan's years only: 2024 before a plan of 2025–2028 is
        // no year of it, and its figure stays exact (plan_metamorphic.py, seed 9).
        #expect(ind(HeadlineGoal(rule: .everyYear, value: 7)).unsettledByRounding(h, planYears: 2025...2028).isEmpty)
    }

    /// A bound, a value not read from a file, or one written with an exponent is not a rounded
    /// value: only the first has an interval, and it is its bound's, not a rounding one.
    @Test func onlyExactValuesReadFromAFileAreRounded() {
        let lower = History(
            indicator: "x",
            points: [
                Observation(
                    indicator: "x", year: 2024, value: 13, text: "13", quality: .lowerBound,
                    location: SourceLocation(file: "o.csv", line: 2))
            ])
        #expect(lower.points[0].roundingInterval(kind: .level) == nil)
        #expect(Observation(indicator: "x", year: 2024, value: 13, text: "13").roundingInterval(kind: .level) == nil)
        let exponent = Self.read("1.3e1")
        #expect(exponent.points[0].roundingInterval(kind: .level).map { $0.upper - $0.lower } == 0)
        // An estimate reaches at least 2% either way: "50" is 49–51, not 49.5–50.5.
        let estimate = Self.read("50", quality: .estimate).points[0].roundingInterval(kind: .level)
        #expect(estimate.map { abs($0.lower - 49) < 1e-12 && abs($0.upper - 51) < 1e-12 } == true)
    }

    /// How a bound is read (`Observation.bounds(kind:)`): "超X" is [X, 1.1·X], "近X" [0.9·X, X],
    /// a whole count reaches at least one unit, and a share stops just short of its ends
    /// ("超95%" is [95, 99.9999], never 100 or above; "近0.5%" of a share is [0.45, 0.5]).
    @Test func boundsAsRead() {
        func b(_ v: Double, _ q: Quality, _ kind: IndicatorKind) -> [Double?]? {
            Observation(indicator: "x", year: 2024, value: v, quality: q).bounds(kind: kind).map {
                [$0.lower, $0.upper]
            }
        }
        #expect(b(3000, .lowerBound, .stock) == [3000, 3000 * 1.1])
        #expect(b(7, .lowerBound, .stock) == [7, 8])
        #expect(b(544, .upperBound, .flow) == [544 * 0.9, 544])
        #expect(b(3, .upperBound, .flow) == [2, 3])
        let share = b(95, .lowerBound, .share)
        #expect(share?[0] == 95 && share?[1] == 100 * (1 - 1e-6), "\(String(describing: share))")
        #expect(b(0.5, .upperBound, .share) == [0.5 * 0.9, 0.5])
        #expect(b(0.000_000_5, .upperBound, .share)?[0] == 1e-6, "a share's floor is above zero")
        // A mid-year snapshot of a stock or flow reaches up to the year end; of a level it is
        // exact unless both ends are given.
        #expect(b(3072, .snapshot, .stock) == [3072, 3072 * 1.1])
        var snap = Observation(indicator: "x", year: 2024, value: 40, quality: .snapshot)
        snap.explicitLower = 38
        #expect(snap.bounds(kind: .level) == nil, "one end given: exact")
        snap.explicitUpper = 43
        #expect(snap.bounds(kind: .level).map { [$0.lower, $0.upper] } == [38, 43])
        #expect(b(12, .actual, .stock) == nil)
        // A negative figure (a net change's fall) reaches 10% of its size too: "≤ −47.99" is
        // [−52.789, −47.99] and "≥ −50" is [−50, −45]; both were read as the figure alone.
        #expect(b(-47.99, .upperBound, .netChange) == [-47.99 * 1.1, -47.99])
        #expect(b(-50, .lowerBound, .netChange) == [-50, -50 * 0.9])
    }

    /// A bound is a closed interval: every reading gives both ends or none, whatever the quality,
    /// kind, sign and explicit columns. The model relies on it: a net-change year between two known
    /// ones is drawn within its bounds when it has a lower *or* an upper end
    /// (`PlanModel+Build.swift`), which is the same test as "both" only because of this (mutation
    /// round seed 102 left `||` as `&&` alive).
    @Test func boundsComeInPairs() {
        var seen = 0
        for kind in IndicatorKind.allCases {
            for quality in Quality.allCases {
                for value in [-47.99, -3.0, 0.0, 0.4, 7.0, 55.5, 3000.0] {
                    let explicits: [(Double?, Double?)] = [
                        (nil, nil), (value - 1, nil), (nil, value + 1), (value - 1, value + 1),
                    ]
                    for explicit in explicits {
                        var o = Observation(indicator: "x", year: 2024, value: value, quality: quality)
                        (o.explicitLower, o.explicitUpper) = explicit
                        guard let b = o.bounds(kind: kind) else { continue }
                        seen += 1
                        #expect(
                            (b.lower == nil) == (b.upper == nil),
                            "\(kind) \(quality) \(value) \(explicit): \(String(describing: b))")
                    }
                }
            }
        }
        #expect(seen > 100)
    }

    /// A value with one explicit bound is said to stand "with its lower/upper" for its interval
    /// (mutation round 145: either bound alone counted as none, and the finding told the planner
    /// to give the lower/upper they had given).
    @Test func aValueWithOneBoundIsSaidToStandWithIt() throws {
        let ind = Indicator(
            id: "x", row: "1", nameZh: "x", nameEn: "x", category: "c", kind: .level, unit: "亿元",
            targets: [2022: 100, 2023: 110], headline: HeadlineGoal(rule: .final, value: 110))
        for (lower, upper) in [(99.5 as Double?, nil as Double?), (nil, 100.4), (99.5, 100.4)] {
            var o = Observation(
                indicator: "x", year: 2022, value: 100, text: "100",
                location: SourceLocation(file: "o.csv", line: 2))
            (o.explicitLower, o.explicitUpper) = (lower, upper)
            let plan = Plan(metadata: PlanConsistencyTests.meta, indicators: [ind], drivers: [], observations: [o])
            let said = PlanConsistency.check(plan).filter { $0.message.hasPrefix("2022: 100 ") }
            #expect(
                said.count == 1 && said[0].message.contains("100 with its lower/upper stands for")
                    && !said[0].message.contains("give lower/upper"),
                "\(String(describing: lower)), \(String(describing: upper)): \(said.map(\.message))")
        }
    }
}
