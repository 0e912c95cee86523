import Testing

@testable import Indicators
@testable import Reporting
@testable import Simulation

/// A fan chart marks the headline goal where no milestone shows it, at the level the run
/// judged: a final or growth goal in its year, an every-year goal in each plan year, nothing
/// for a cumulative goal or a goal without a level.
struct FanChartGoalMarksTests {
    func indicator(_ rule: HeadlineRule, targets: [Int: Double] = [:]) -> Indicator {
        Indicator(
            id: "x", row: "1", nameZh: "x", nameEn: "x", category: "c", kind: .level, unit: "t",
            targets: targets, headline: HeadlineGoal(rule: rule, value: 8))
    }

    func goal(_ rule: HeadlineRule, threshold: Double) -> TargetSpec {
        TargetSpec(kind: .goal, series: 0, year: 2030, threshold: threshold, direction: .increase, rule: rule)
    }

    @Test func theGoalIsMarkedWhereNoMilestoneShowsIt() {
        let years = Array(2026...2030)
        // A growth goal of 8% a year judged as 2030 ≥ 17,631.9: marked there.
        let growth = FanChart.goalMarks(indicator(.final), goal: goal(.final, threshold: 17631.9), years: years)
        #expect(growth.map(\.0) == [2030] && growth.map(\.1) == [17631.9])
        // A 2030 milestone already shows the goal.
        #expect(
            FanChart.goalMarks(indicator(.final, targets: [2030: 8]), goal: goal(.final, threshold: 8), years: years)
                .isEmpty)
        // Every year: each year without its own milestone.
        let every = FanChart.goalMarks(
            indicator(.everyYear, targets: [2026: 7]), goal: goal(.everyYear, threshold: 5), years: years)
        #expect(every.map(\.0) == [2027, 2028, 2029, 2030] && every.allSatisfy { $0.1 == 5 })
        #expect(
            FanChart.goalMarks(indicator(.cumulative), goal: goal(.cumulative, threshold: 150), years: years).isEmpty)
        // A change goal without its base-year value has no level.
        #expect(FanChart.goalMarks(indicator(.final), goal: goal(.final, threshold: .nan), years: years).isEmpty)
        #expect(FanChart.goalMarks(indicator(.final), goal: nil, years: years).isEmpty)
    }
}
