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
}
