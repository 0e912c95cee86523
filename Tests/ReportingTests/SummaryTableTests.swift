import Indicators
import Scenarios
import Simulation
import Testing

@testable import Reporting

/// The terminal summary at the widths users have.
struct SummaryTableTests {
    /// Wide: each probability with its label. Too narrow for the label ("0.42 可…" before
    /// 2026-12-02): the number alone, never cut; the names give way instead. Too narrow for any
    /// table (below 28 here), one record per goal, with the number alone where the label would
    /// have put it on a line of its own.
    @Test func aNarrowTerminalGetsTheNumberNotACutLabel() throws {
        let runs = try ScenarioRunner.run(
            plan: HTMLReportTests.plan(), scenarios: [Scenario(name: "baseline")], asOf: nil, paths: 256, seed: 3,
            threads: 1)
        let wide = SummaryTable.render(runs, language: .zh, width: 200)
        #expect(wide.contains("可能") || wide.contains("很可能") || wide.contains("可能性相当"), "\(wide)")
        for width in [12, 16, 20, 24, 28, 32] {
            let narrow = SummaryTable.render(runs, language: .zh, width: width)
            let rows = narrow.split(separator: "\n").filter { $0.contains("0.") || $0.contains("1.00") }
            #expect(!rows.isEmpty, "\(narrow)")
            for row in rows {
                #expect(
                    !row.hasSuffix("…") && row.range(of: #"[01]\.\d{2,6}$"#, options: .regularExpression) != nil,
                    "\(row)")
                #expect(TextTable.width(String(row)) <= width, "\(row)")
            }
        }
        #expect(!wide.contains("数据不足："), "every goal has data: no footer")
    }

    /// A table split by scenarios keeps each probability's words even where the numbers alone
    /// would fit in fewer parts: only a cut label or a record's wrapped line drops them.
    @Test func aSplitTableKeepsItsLabels() throws {
        let runs = try ScenarioRunner.run(
            plan: HTMLReportTests.plan(), scenarios: [Scenario(name: "baseline"), Scenario(name: "other")],
            asOf: nil, paths: 256, seed: 3, threads: 1)
        let widths = (30...120).filter { width in
            let full = SummaryTable.render(runs, language: .en, width: width, labels: true)
            let bare = SummaryTable.render(runs, language: .en, width: width, labels: false)
            return !full.stacked && !full.text.contains("…\n")
                && bare.text.split(separator: "\n").count < full.text.split(separator: "\n").count
        }
        #expect(!widths.isEmpty, "some width splits the labelled table and not the bare one")
        for width in widths {
            let shown = SummaryTable.render(runs, language: .en, width: width)
            #expect(shown == SummaryTable.render(runs, language: .en, width: width, labels: true).text, "\(width)")
        }
    }

    /// A goal is printed whole up to 10¹² (a count of yuan), beyond that to 6 significant digits;
    /// a growth goal's implied level keeps 6 digits, and one without a base value is "?"
    /// (mutation round seed 105 left the edge unread).
    @Test func goalsArePrintedWholeBelowATrillion() {
        #expect(SummaryTable.format(999_999_999_999) == "999999999999")
        #expect(SummaryTable.format(1e12) == "1e+12")
        #expect(SummaryTable.format(-3500) == "-3500")
        #expect(SummaryTable.format(3567.891234) == "3567.89")
        #expect(SummaryTable.format(.nan) == "?" && SummaryTable.format(.infinity) == "?")
    }

    /// Indicators with yearly milestones and no headline goal are not in the table of goals; a
    /// line under it counts them and says where their probabilities are (a plan of milestones
    /// alone printed an empty table and nothing else before 2026-12-05).
    @Test func indicatorsWithMilestonesOnlyAreCountedUnderTheTable() throws {
        let p = HTMLReportTests.plan()
        let milestonesOnly = p.indicators.map { i in
            Indicator(
                id: i.id, row: i.row, nameZh: i.nameZh, nameEn: i.nameEn, category: i.category, kind: i.kind,
                unit: i.unit, targets: i.targets, headline: i.id == "flat" ? i.headline : nil)
        }
        let plan = Plan(metadata: p.metadata, indicators: milestonesOnly, drivers: [], observations: p.observations)
        let runs = try ScenarioRunner.run(
            plan: plan, scenarios: [Scenario(name: "baseline")], asOf: nil, paths: 256, seed: 3, threads: 1)
        let en = SummaryTable.render(runs, language: .en, width: 300)
        #expect(
            en.hasSuffix(
                "2 more indicators have yearly milestones but no headline goal: P(met) for each year is in attainment.csv and report.html's attainment dashboard.\n"
            ), "\(en)")
        let zh = SummaryTable.render(runs, language: .zh, width: 300)
        #expect(zh.contains("另有 2 个指标只有年度目标、没有总体目标"))
        let all = try ScenarioRunner.run(
            plan: p, scenarios: [Scenario(name: "baseline")], asOf: nil, paths: 256, seed: 3, threads: 1)
        #expect(!SummaryTable.render(all, language: .en, width: 300).contains("no headline goal"))
    }

    /// Goals without data get a line under the table that says what would give them a
    /// forecast, within the terminal's width.
    @Test func goalsWithoutDataAreToldWhatWouldGiveThemAForecast() throws {
        let runs = try ScenarioRunner.run(
            plan: HTMLReportTests.planWithAnIndicatorWithoutData(), scenarios: [Scenario(name: "baseline")], asOf: nil,
            paths: 256, seed: 3, threads: 1)
        let zh = SummaryTable.render(runs, language: .zh, width: 200)
        #expect(zh.hasSuffix("1 项总体目标数据不足：在 observations.csv 中为其补充任一年的一个数值（确切值或界值），即可得到参考类预测。\n"))
        let en = SummaryTable.render(runs, language: .en, width: 30)
        #expect(en.contains("1 headline goal has"), "\(en)")
        #expect(en.split(separator: "\n").allSatisfy { TextTable.width(String($0)) <= 30 }, "\(en)")
    }

    /// A growth goal without its base-year value (2021) is "?" for want of that year, not of
    /// data: the line says which year is missing and why (an --as-of before it, or no figure),
    /// and not that one figure would give a forecast (until 2026-12-05 it said only that).
    @Test func aGoalWithoutItsBaseYearIsToldWhichYearIsMissing() throws {
        let p = HTMLReportTests.plan()
        let grow = Indicator(
            id: "grow", row: "g", nameZh: "增长指标", nameEn: "growing", category: "c", kind: .level, unit: "u",
            targets: [:], headline: HeadlineGoal(rule: .final, value: 5, form: .growth))
        let values = [100.0, 104, 107, 113, 116, 121, 125, 131]
        let obs = values.enumerated().map { Observation(indicator: "grow", year: 2014 + $0.offset, value: $0.element) }
        let plan = Plan(
            metadata: p.metadata, indicators: p.indicators + [grow], drivers: [], observations: p.observations + obs)
        let early = try ScenarioRunner.run(
            plan: plan, scenarios: [Scenario(name: "baseline")], asOf: 2020, paths: 256, seed: 3, threads: 1)
        let en = SummaryTable.render(early, language: .en, width: 300)
        #expect(
            en.contains(
                "1 growth or change goal lacks the base-year (2021) value it is measured from (goal \"?\"): --as-of 2020 is before the base year and leaves it out."
            ), "\(en)")
        #expect(!en.contains("insufficient data: one figure"), "\(en)")
        #expect(SummaryTable.render(early, language: .zh, width: 300).contains("--as-of 2020 早于基期，不含该年数值。"))
        let withoutBase = Plan(
            metadata: p.metadata, indicators: p.indicators + [grow], drivers: [],
            observations: p.observations + obs.filter { $0.year < 2021 })
        let missing = try ScenarioRunner.run(
            plan: withoutBase, scenarios: [Scenario(name: "baseline")], asOf: nil, paths: 256, seed: 3, threads: 1)
        #expect(
            SummaryTable.render(missing, language: .en, width: 300).contains(
                "give the plan's own figure in observations.csv (quality plan_base)."))
        let complete = try ScenarioRunner.run(
            plan: plan, scenarios: [Scenario(name: "baseline")], asOf: nil, paths: 256, seed: 3, threads: 1)
        #expect(!SummaryTable.render(complete, language: .en, width: 300).contains("base-year"))
    }
}

/// A probability printed beside its label never reads as the other side of the label's
/// threshold: 0.6589 (about as likely as not) printed "0.66 about as likely as not" against a
/// scale that says ≥ 0.66 is likely.
struct ProbabilityTextTests {
    @Test func theFigureStaysOnTheLabelsSideOfEachThreshold() {
        #expect(ProbabilityText.format(0.6589) == "0.659")
        #expect(ProbabilityText.format(0.66) == "0.66")
        #expect(ProbabilityText.format(0.65999) == "0.65999")
        #expect(ProbabilityText.format(0.8951) == "0.895")
        #expect(ProbabilityText.format(0.104) == "0.104")
        #expect(ProbabilityText.format(0.3349) == "0.335")
        #expect(ProbabilityText.format(0.3271) == "0.33")
        #expect(ProbabilityText.format(0.42) == "0.42")
        // The bounds begin where two decimals would round to a certainty: 0.995 prints ">0.99"
        // (as "%.2f" it is 0.99, its double being just below 0.995); 0.005 prints "0.01" and just
        // below it "<0.01".
        #expect(ProbabilityText.format(0.995) == ">0.99" && ProbabilityText.format(0.9949) == "0.99")
        #expect(ProbabilityText.format(0.005) == "0.01" && ProbabilityText.format(0.0049) == "<0.01")
        // Every figure printed, read back, carries the label of the probability it stands for
        // (a bound read as its end: ">0.99" as 0.99).
        var p = 0.0
        while p <= 1 {
            let shown = Double(String(ProbabilityText.format(p).filter { $0 != "<" && $0 != ">" }))!
            #expect(LikelihoodLabel(probability: shown) == LikelihoodLabel(probability: p), "\(p)")
            p += 0.00037
        }
    }

    /// A simulated probability is never printed as a certainty: every path meeting a goal is
    /// "more than 0.99", not "1.00" (which reads as met).
    @Test func nearCertaintyIsPrintedAsABound() {
        #expect(ProbabilityText.format(1) == ">0.99")
        #expect(ProbabilityText.format(0.9951) == ">0.99")
        #expect(ProbabilityText.format(0.99499) == "0.99")
        #expect(ProbabilityText.format(0.9949) == "0.99")
        #expect(ProbabilityText.format(0) == "<0.01")
        #expect(ProbabilityText.format(0.00499) == "<0.01")
        #expect(ProbabilityText.format(0.005) == "0.01")
        #expect(ProbabilityText.format(0.05) == "0.05")
    }
}

/// The all-goals line counts the reference-class goals apart: goals only, not the milestones of
/// the same indicators (mutation round seed 81 counted every reference-class target).
struct AllGoalsLineTests {
    @Test func onlyGoalsAreCountedAsReferenceClass() throws {
        let p = HTMLReportTests.plan()
        let one = Indicator(
            id: "one", row: "one", nameZh: "单点", nameEn: "one point", category: "c", kind: .level, unit: "u",
            targets: [2023: 55, 2024: 58], headline: HeadlineGoal(rule: .final, value: 60))
        let plan = Plan(
            metadata: p.metadata, indicators: p.indicators + [one], drivers: [],
            observations: p.observations + [Observation(indicator: "one", year: 2021, value: 50)])
        let runs = try ScenarioRunner.run(
            plan: plan, scenarios: [Scenario(name: "baseline")], asOf: nil, paths: 256, seed: 3, threads: 1)
        let run = try #require(runs.first)
        let k = try #require(run.model.series.firstIndex { $0.id == "one" })
        #expect(run.model.series[k].evidence.grade == .referenceClass)
        #expect(AllGoalsLine.referenceClassGoals(model: run.model, result: run.result) == 1)
        #expect(SummaryTable.render(runs, language: .en, width: 200).contains("(4, 1 of them reference-class)"))
    }
}
