import Testing

@testable import Indicators

/// Lines of the plan's consistency checks that no test pinned until mutation round seed 78
/// (2026-12-06) changed them and every Indicators test still passed.
struct ConsistencyEdgesTests {
    static let meta = PlanConsistencyTests.meta

    static func indicator(_ kind: IndicatorKind, goal: HeadlineGoal, location: Indicators.SourceLocation? = nil)
        -> Indicator
    {
        Indicator(
            id: "x", row: "1", nameZh: "x", nameEn: "x", category: "c", kind: kind, unit: "家", targets: [:],
            headline: goal, location: location)
    }

    /// A growth or change goal of −100% or less leaves nothing (an error); on a flow or a net
    /// change it compares two years' amounts (a warning); a stock's +5% a year is neither.
    @Test func aPercentGoalThatLeavesNothingAndOneOnAFlowAreFound() {
        func findings(_ kind: IndicatorKind, _ form: GoalForm, _ value: Double) -> [Finding] {
            let ind = Self.indicator(kind, goal: HeadlineGoal(rule: .final, value: value, form: form))
            return PlanConsistency.check(Plan(metadata: Self.meta, indicators: [ind], drivers: [], observations: []))
        }
        for form in [GoalForm.growth, .change] {
            #expect(
                findings(.stock, form, -100).contains { $0.severity == .error && $0.message.contains("leaves nothing") }
            )
            #expect(!findings(.stock, form, -99).contains { $0.message.contains("leaves nothing") })
            for kind in [IndicatorKind.flow, .netChange] {
                #expect(findings(kind, form, 5).contains { $0.message.contains("compares the last year's amount") })
            }
            let stock = findings(.stock, form, 5).map(\.message)
            #expect(!stock.contains { $0.contains("leaves nothing") || $0.contains("compares the last year's amount") })
        }
    }

    /// A finding without a place of its own points at its indicator's row; one with a place
    /// keeps it.
    @Test func aFindingWithoutAPlacePointsAtItsIndicatorsRow() {
        let row = Indicators.SourceLocation(file: "indicators.csv", line: 7)
        let ind = Self.indicator(.stock, goal: HeadlineGoal(rule: .final, value: 1), location: row)
        let plan = Plan(metadata: Self.meta, indicators: [ind], drivers: [], observations: [])
        let own = Indicators.SourceLocation(file: "o.csv", line: 3)
        let moved = PlanConsistency.located(
            [Finding(.error, "x", "derived", at: nil), Finding(.error, "x", "observed", at: own)], in: plan)
        #expect(moved.map(\.location) == [row, own])
    }

    /// A growth row whose years are not both known contradicts nothing (it is read as a tie on
    /// the paths); one whose two known years leave no room for it does: 101 → 111 is a growth
    /// of 8.9–10.9% as written, which "10" (9.5–10.5%) meets and "20" does not.
    @Test func aGrowthRowContradictsOnlyTwoKnownYears() {
        let t = GrowthRateTests()
        #expect(!t.plan([t.growth(2023, 10, "10")]).growthContradictsKnownYears(t.growth(2023, 10, "10")))
        let known = t.plan([t.value(2021, 101, "101"), t.value(2022, 111, "111"), t.growth(2022, 10, "10")])
        #expect(!known.growthContradictsKnownYears(t.growth(2022, 10, "10")))
        #expect(known.growthContradictsKnownYears(t.growth(2022, 20, "20")))
    }

    /// A growth that leaves nothing has no factors: "at most −100%" ("-100", an upper bound) is
    /// [−110%, −100%], factors [max(−1.10, −1) + 1, 0] = [0, 0], nil; "at most −99%" keeps
    /// (0, 0.01]. Such a row, or one of an indicator the plan does not have, is set aside as a
    /// contradiction (mutation round seed 177: a factor of 0 was accepted, and a row without
    /// factors was kept).
    @Test func aGrowthThatLeavesNothingHasNoFactorsAndIsSetAside() {
        let t = GrowthRateTests()
        #expect(Plan.growthFactors(t.growth(2023, -100, "-100", .upperBound)) == nil)
        let f = Plan.growthFactors(t.growth(2023, -99, "-99", .upperBound))
        #expect(f?.lower == 0 && abs((f?.upper ?? 0) - 0.01) < 1e-12, "\(String(describing: f))")
        let known = t.plan([t.value(2022, 100, "100"), t.value(2023, 1, "1")])
        #expect(known.growthContradictsKnownYears(t.growth(2023, -100, "-100", .upperBound)))
        var other = Observation(indicator: "y", year: 2023, value: 10, text: "10")
        other.measure = .growth
        #expect(known.growthContradictsKnownYears(other))
    }

    /// A year known by a lower bound is capped by the next year's mid-year count even where the
    /// cap equals the bound: 2022 "≥ 3001.5" beside a mid-2023 count of "3001" (≤ 3001.5) is
    /// exactly 3001.5, so with 2023 = 3300 (as written, 3250–3350) the growth lies in
    /// [3250/3001.5, 3350/3001.5] = [8.3%, 11.6%]: "5" (4.5–5.5%) contradicts it and "10" does
    /// not. Read without the cap (2022 up to 3301.65) "5" went unwarned (round seed 177).
    @Test func aCapEqualToTheLowerBoundPinsTheYear() {
        let t = GrowthRateTests()
        let floor = Observation(indicator: "x", year: 2022, value: 3001.5, text: "3001.5", quality: .lowerBound)
        let count = Observation(indicator: "x", year: 2023, value: 3001, text: "3001", quality: .snapshot)
        let plan = t.plan([floor, count, t.value(2023, 3300, "3300")])
        #expect(plan.yearEndCap(of: "x", year: 2022) == 3001.5)
        #expect(plan.growthContradictsKnownYears(t.growth(2023, 5, "5")))
        #expect(!plan.growthContradictsKnownYears(t.growth(2023, 10, "10")))
    }

    /// The Chinese text of each finding names the same case as its English one: a share's range
    /// and a stock's, the direction a milestone moves against, a goal's form (an average yearly
    /// growth or a change against the base year) and which way it is judged, and the two years a
    /// growth row links. Until 2026-12-06 (mutation round seed 78) a mutant that gave each
    /// ternary's other branch passed every test: `check --lang zh` would have told a planner
    /// that a share's 120 is outside "≥ 0".
    @Test func chineseFindingsNameTheSameCaseAsTheEnglish() {
        func zh(_ inds: [Indicator], _ obs: [Observation] = []) -> [String] {
            PlanConsistency.check(Plan(metadata: Self.meta, indicators: inds, drivers: [], observations: obs))
                .compactMap(\.messageZh)
        }
        func ind(_ kind: IndicatorKind, _ targets: [Int: Double], _ direction: Direction = .increase) -> Indicator {
            Indicator(
                id: "x", row: "1", nameZh: "x", nameEn: "x", category: "c", kind: kind, unit: "%", direction: direction,
                targets: targets, headline: HeadlineGoal(rule: .final, value: targets[2023] ?? 1))
        }
        #expect(
            zh([ind(.share, [2022: 120])]).contains { $0.contains("超出比重指标的取值范围（0 到 100 之间）") },
            "\(zh([ind(.share, [2022: 120])]))")
        #expect(zh([ind(.stock, [2022: -5])]).contains { $0.contains("的取值范围（≥ 0）") })
        #expect(zh([ind(.stock, [2022: 10, 2023: 8])]).contains { $0.contains("的变化与方向“增加”相反") })
        #expect(zh([ind(.stock, [2022: 8, 2023: 10], .decrease)]).contains { $0.contains("的变化与方向“减少”相反") })
        func percent(_ kind: IndicatorKind, _ form: GoalForm, _ value: Double, _ d: Direction = .increase) -> Indicator
        {
            Indicator(
                id: "x", row: "1", nameZh: "x", nameEn: "x", category: "c", kind: kind, unit: "家", direction: d,
                targets: [:], headline: HeadlineGoal(rule: .final, value: value, form: form))
        }
        #expect(zh([percent(.stock, .growth, -100)]).contains { $0.hasPrefix("年均增速 -100% 使数值归零") })
        #expect(zh([percent(.stock, .change, -100)]).contains { $0.hasPrefix("相对基期变化 -100% 使数值归零") })
        #expect(zh([percent(.flow, .growth, 5)]).contains { $0.contains("的增速目标比较的是末年与基期年的当年数量") })
        #expect(zh([percent(.flow, .change, 5)]).contains { $0.contains("的变化目标比较的是末年与基期年的当年数量") })
        #expect(zh([percent(.stock, .growth, 5)]).contains { $0.hasPrefix("增速目标以2021年数值为基数，而该年没有观测值") })
        #expect(zh([percent(.stock, .change, 5)]).contains { $0.hasPrefix("变化目标以2021年数值为基数，而该年没有观测值") })
        let base = [Observation(indicator: "x", year: 2021, value: 100, text: "100", quality: .planBase)]
        #expect(
            zh([percent(.stock, .growth, 10)], base).contains {
                $0.hasPrefix("目标自2021年起年均增长 10%（基数 100）按 2023年 ≥ 121 评估")
            }, "\(zh([percent(.stock, .growth, 10)], base))")
        #expect(
            zh([percent(.stock, .change, -10, .decrease)], base).contains {
                $0.hasPrefix("目标相对2021年变化 -10%（基数 100）按 2023年 ≤ 90 评估")
            }, "\(zh([percent(.stock, .change, -10, .decrease)], base))")
        let t = GrowthRateTests()
        let contradicted = t.plan([t.value(2021, 101, "101"), t.value(2022, 111, "111"), t.growth(2022, 20, "20")])
        let growthZh = PlanConsistency.check(contradicted).compactMap(\.messageZh)
        #expect(
            growthZh.contains { $0.hasPrefix("2022年增速 20%") && $0.contains("与数值 101（2021年）→ 111（2022年）的变化") },
            "\(growthZh)")
    }

    /// The observation checks' own words (mutation round seed 88): the singular of "indicators
    /// have one exact observation"; an observed value above its parent called observed, a derived
    /// one derived; an exact value above another report's upper bound ("近3000" beside 3,100)
    /// warned of; and a year with one report listed as nothing.
    @Test func observationFindingsSayWhatTheyFound() {
        func messages(_ inds: [Indicator], _ obs: [Observation]) -> [String] {
            PlanConsistency.check(Plan(metadata: Self.meta, indicators: inds, drivers: [], observations: obs))
                .map(\.message)
        }
        func ind(_ id: String, parent: String? = nil) -> Indicator {
            Indicator(
                id: id, parent: parent, row: id, nameZh: id, nameEn: id, category: "c", kind: .stock, unit: "家",
                targets: [2022: 1], headline: HeadlineGoal(rule: .final, value: 1))
        }
        let at = Indicators.SourceLocation(file: "o.csv", line: 2)
        func read(_ id: String, _ year: Int, _ v: Double, _ q: Quality = .actual) -> Observation {
            Observation(indicator: id, year: year, value: v, text: String(Int(v)), quality: q, location: at)
        }
        let one = messages([ind("x")], [read("x", 2021, 5)])
        #expect(one.contains { $0.hasPrefix("1 indicator has one exact observation") }, "\(one)")
        #expect(!one.contains { $0.contains("has 1 reports") }, "\(one)")
        let child = messages(
            [ind("p"), ind("c", parent: "p")],
            [read("p", 2021, 5), read("p", 2020, 4), read("c", 2021, 7), read("c", 2020, 3)])
        #expect(child.contains { $0.hasPrefix("observed 7 in 2021 exceeds its parent 'p' (5)") }, "\(child)")
        let bounded = messages([ind("x")], [read("x", 2021, 3100), read("x", 2021, 3000, .upperBound)])
        #expect(bounded.contains { $0.contains("is above the upper bound 3000") }, "\(bounded)")
    }
}
