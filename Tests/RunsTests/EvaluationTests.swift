import Foundation
import Testing

@testable import IO
@testable import Indicators
@testable import PlanFiles
@testable import Reporting
@testable import Runs
@testable import Scenarios
@testable import Simulation

/// Plans as governments write them (issue 14) and `plancast evaluate`, on a synthetic
/// five-year plan: growth and change goals, an every-year ceiling, a cumulative amount,
/// final-only goals, binding and expected goals, plan_base observations.
struct EvaluationTests {
    static let plan = RunPipelineTests.root.appendingPathComponent("Tests/RunsTests/Fixtures/five-year-plan").path

    @Test func goalsAsWrittenLoadAndPassCheck() throws {
        let loaded = try PlanLoader.load(directory: Self.plan)
        let findings = PlanConsistency.check(loaded.plan)
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings.filter { $0.severity == .error })")
        let gdp = loaded.plan.indicator("gdp")!
        #expect(gdp.headline == HeadlineGoal(rule: .final, value: 8, form: .growth))
        #expect(gdp.commitment == .expected)
        #expect(loaded.plan.indicator("energy_intensity")!.commitment == .binding, "约束性 reads as binding")
        #expect(loaded.plan.observations.contains { $0.quality == .planBase })
        // The implied levels, closed form: 1660 × 1.08⁵ and 0.78 × (1 − 0.16).
        #expect(abs(GoalForm.growth.level(value: 8, base: 1660, years: 5)! - 2439.084607488) < 1e-6)
        #expect(abs(GoalForm.change.level(value: -16, base: 0.78, years: 5)! - 0.6552) < 1e-12)
        #expect(GoalForm.growth.level(value: 8, base: nil, years: 5) == nil)
    }

    @Test func evaluateScoresTheModelAndTheReferenceRules() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = EvaluationRequest(
            planDirectory: Self.plan, outcomes: Self.plan + "/outcomes.csv", asOf: [2012, 2013],
            outputFolder: dir.appendingPathComponent("ev").path)
        r.paths = 4000
        r.threads = 2
        r.baseRate = 0.75
        r.language = .en
        let outcome = try PlanEvaluation.run(r)
        #expect(outcome.rows.count == 14, "7 goals × 2 years")
        let gdp = outcome.rows.first { $0.indicator == "gdp" }!
        #expect(gdp.goal.contains("2439.08"))
        #expect(outcome.rows.first { $0.indicator == "energy_intensity" }!.goal.contains("0.6552"))
        #expect(outcome.rows.filter { $0.indicator == "patents_per_10k" }.allSatisfy { $0.p[0] == nil })
        // The base-rate rule's Brier score, closed form over the 12 goal-years the model judges:
        // outcomes 0,1,1,1,1,0 per year → (2 · 0.75² + 4 · 0.25²)/6.
        let scores = try String(contentsOfFile: outcome.folder + "/scores.csv", encoding: .utf8)
        let expected = String(format: "%.4f", (2 * 0.75 * 0.75 + 4 * 0.25 * 0.25) / 6)
        #expect(scores.contains("all,base_rate,12,\(expected),"))
        // Binding goals apart: energy intensity and forest cover, both met, twice → (0.25² · 4)/4.
        #expect(scores.contains("binding goals,all,base_rate,4,0.0625,"))
        // Decrease goals apart: energy intensity and unemployment, both met, twice → 0.0625; the
        // increase goals 2 met and 2 not per year → (2 · 0.75² + 2 · 0.25²)/4.
        #expect(scores.contains("decrease goals,all,base_rate,4,0.0625,"), "\(scores)")
        #expect(scores.contains("increase goals,all,base_rate,8,0.3125,"), "\(scores)")
        let page = try String(contentsOfFile: outcome.folder + "/report.html", encoding: .utf8)
        #expect(
            page.contains("Brier score by kind of goal")
                && page.contains("<td class=\"name\">decrease goals</td><td>4</td>"))
        for f in ["evaluation.csv", "reliability.csv", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: outcome.folder + "/" + f))
        }
        #expect(RunFolder.verify(outcome.folder, layout: .evaluation).isEmpty)
        #expect(outcome.warnings.isEmpty)
        // A Chinese report names the methods and the goals in words; the CSVs keep their ids.
        let zh = EvaluationReport.html(outcome.rows, title: "t", language: .zh)
        #expect(zh.contains("<th>三点直线规则</th>") && !zh.contains("<th>trend_rule</th>"))
        #expect(zh.contains("<td>年均增长 8%（2015年 ≥ 2439.08）</td>"), "\(zh)")
        #expect(zh.contains("<td>较基期变化 -16%（2015年 ≤ 0.6552"))
        #expect(gdp.goal == "growth 8% a year (2015 ≥ 2439.08)")
        #expect(EvaluationReport.summary(outcome.rows, language: .zh).contains("三点直线规则"))
        // As of the plan's last year the outcome is already in: said, not silently scored.
        r.asOf = [2015]
        r.outputFolder = dir.appendingPathComponent("late").path
        #expect(try PlanEvaluation.run(r).warnings.contains { $0.contains("hindsight") })
        // In the evaluation's language (Chinese by default).
        r.language = .zh
        r.outputFolder = dir.appendingPathComponent("late-zh").path
        #expect(
            try PlanEvaluation.run(r).warnings.contains {
                $0.hasPrefix("警告: ") && $0.contains("截至2015年，规划末年2015年已有观测：其得分衡量的是事后判断，而非预见")
            })
    }

    /// A library of plans, each judged with the base rate of the others (leave one plan out).
    @Test func libraryLeavesOnePlanOut() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        let a = dir.appendingPathComponent("lib/a").path, b = dir.appendingPathComponent("lib/b").path
        try fm.createDirectory(atPath: dir.appendingPathComponent("lib").path, withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.plan, toPath: a)
        try fm.copyItem(atPath: Self.plan, toPath: b)
        let yaml = try String(contentsOfFile: b + "/plan.yaml", encoding: .utf8)
        try yaml.replacingOccurrences(of: "id: synthetic-province-2011-2015", with: "id: synthetic-b")
            .write(toFile: b + "/plan.yaml", atomically: true, encoding: .utf8)
        // Plan b met every goal; plan a 5 of 7.
        try
            "indicator,met\ngdp,1\nenergy_intensity,1\nunemployment_rate,1\nnew_urban_jobs,1\nforest_cover,1\nrd_share,1\npatents_per_10k,1\n"
            .write(toFile: b + "/outcomes.csv", atomically: true, encoding: .utf8)
        // A third plan whose outcomes file is misnamed, and a folder of notes: the plan is left
        // out with a warning, the notes in silence.
        let misnamed = dir.appendingPathComponent("lib/misnamed").path
        try fm.copyItem(atPath: Self.plan, toPath: misnamed)
        try fm.moveItem(atPath: misnamed + "/outcomes.csv", toPath: misnamed + "/outcome.csv")
        try fm.createDirectory(atPath: dir.appendingPathComponent("lib/notes").path, withIntermediateDirectories: true)
        var r = EvaluationRequest(
            planDirectory: "", outcomes: "", asOf: [], outputFolder: dir.appendingPathComponent("ev").path)
        (r.library, r.paths, r.threads, r.yearsAfterBase) = (dir.appendingPathComponent("lib").path, 2000, 2, [2])
        let outcome = try PlanEvaluation.run(r)
        #expect(outcome.warnings == ["警告: \(misnamed)：缺少 outcomes.csv，未纳入评估"], "the run's language, zh by default")
        #expect(
            try PlanEvaluation.libraryPlans(dir.appendingPathComponent("lib").path).warnings
                == ["warning: \(misnamed): no outcomes.csv, so the folder is left out of the evaluation"])
        #expect(Set(outcome.rows.map(\.plan)) == ["synthetic-province-2011-2015", "synthetic-b"])
        #expect(outcome.rows.allSatisfy { $0.asOf == 2012 }, "base year 2010 + 2")
        // a is judged with b's rate (7 of 7), b with a's (5 of 7).
        #expect(outcome.rows.filter { $0.plan == "synthetic-b" }.allSatisfy { $0.p[2] == 5.0 / 7 })
        #expect(outcome.rows.filter { $0.plan != "synthetic-b" }.allSatisfy { $0.p[2] == 1 })
        #expect(outcome.scores.contains("\nall,all,model,12,"))
        // Each plan's P recalibrated on the other plan; the fit on both written for later plans.
        #expect(outcome.rows.allSatisfy { ($0.p[0] == nil) == ($0.p[3] == nil) })
        #expect(outcome.scores.contains("\nall,all,recalibrated,12,"))
        let fit = try GoalRecalibration.read(path: outcome.folder + "/recalibration.json")
        #expect(fit.goalYears == 12 && fit.plans.count == 2)
        #expect(RunFolder.verify(outcome.folder, layout: .evaluation).isEmpty)
        // The report's title says what was done, in the run's language (mutation round 205).
        let html = try String(contentsOfFile: outcome.folder + "/report.html", encoding: .utf8)
        #expect(html.contains("已知结果检验：2 个规划，留一规划检验"))
        var en = r
        (en.language, en.outputFolder) = (.en, dir.appendingPathComponent("ev-en").path)
        let english = try PlanEvaluation.run(en)
        #expect(
            try String(contentsOfFile: english.folder + "/report.html", encoding: .utf8)
                .contains("Evaluation against known outcomes: 2 plans, leave one plan out"))
        // Applied to one plan.
        var one = EvaluationRequest(
            planDirectory: a, outcomes: a + "/outcomes.csv", asOf: [2012],
            outputFolder: dir.appendingPathComponent("one").path)
        (one.paths, one.threads, one.recalibration) = (2000, 2, outcome.folder + "/recalibration.json")
        let single = try PlanEvaluation.run(one)
        for r in single.rows {
            #expect(
                r.p[3]
                    == r.p[0].map {
                        fit.probability(pModel: $0, commitment: r.commitment, trend: r.p[1], direction: r.direction)
                    })
        }
        #expect(!FileManager.default.fileExists(atPath: single.folder + "/recalibration.json"))
        // Two folders with one plan id would be scored as one plan that leaves itself in.
        try fm.copyItem(atPath: a, toPath: dir.appendingPathComponent("lib/c").path)
        r.outputFolder = dir.appendingPathComponent("twice").path
        #expect {
            _ = try PlanEvaluation.run(r)
        } throws: { e in
            "\(e)".contains("lib/c/plan.yaml:4:5: plan id 'synthetic-province-2011-2015' is also the id of")
        }
        #expect(!fm.fileExists(atPath: r.outputFolder))
    }

    /// Plans made from real yearly series with known outcomes (Tourism and M1, goals = past
    /// growth ± ambition; Fixtures/pseudo-plans/README.md): the model's P(met), judged 2 and 3
    /// years after the base year, scores a lower Brier than both rules a planner could use.
    /// Measured when written: Tourism 0.144 against 0.217 (trend) and 0.208 (base rate), M1
    /// 0.114 against 0.150 and 0.256; with the direction factor of the forecast scale
    /// (2026-11-30) 0.139 and 0.113. Shares (World Bank R&D intensity, high-tech exports' and
    /// manufacturing's shares, final-level goals; later on 2026-12-01): 0.093 against 0.154 and
    /// 0.203 (0.103 before shares were forecast as shares).
    @Test(arguments: ["tourism", "m1", "shares"])
    func pseudoPlansBeatThePlannersRules(_ collection: String) throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let library = RunPipelineTests.root.appendingPathComponent("Tests/RunsTests/Fixtures/pseudo-plans")
            .appendingPathComponent(collection).path
        var r = EvaluationRequest(
            planDirectory: "", outcomes: "", asOf: [], outputFolder: dir.appendingPathComponent("ev").path)
        (r.library, r.paths, r.threads, r.yearsAfterBase) = (library, 2000, 2, [2, 3])
        let outcome = try PlanEvaluation.run(r)
        #expect(outcome.rows.count == 4 * 30 * 2, "every goal is judged")
        var brier = [String: Double]()
        for line in outcome.scores.split(separator: "\n") where line.hasPrefix("all,all,") {
            let f = line.split(separator: ",")
            brier[String(f[2])] = Double(f[4])
        }
        let model = try #require(brier["model"]), trend = try #require(brier["trend_rule"])
        let base = try #require(brier["base_rate"])
        #expect(model < trend && model < base, "\(collection): \(brier)")
        #expect(model < 0.8 * min(trend, base), "a clear margin, not a tie: \(brier)")
    }

    /// A library of one plan is refused, in the singular; the place of a plan's `id:` counts
    /// blank lines (a duplicate id is reported there).
    @Test func aLibraryOfOnePlanAndTheIdsPlace() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lib = dir.appendingPathComponent("lib").path
        try FileManager.default.createDirectory(atPath: lib, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.plan, toPath: lib + "/only")
        #expect {
            _ = try PlanEvaluation.libraryPlans(lib)
        } throws: { e in "\(e)".contains("holds 1 plan folder with plan.yaml and outcomes.csv") }
        let yaml = dir.appendingPathComponent("p.yaml").path
        try "# a plan\n\n\nid:   x\n".write(toFile: yaml, atomically: true, encoding: .utf8)
        #expect(PlanEvaluation.idPosition(yaml) == (4, 7))
    }

    @Test func outcomesFileErrorsNameTheirPlace() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = try PlanLoader.load(directory: Self.plan).plan
        let bad = dir.appendingPathComponent("o.csv").path
        try "indicator,met\ngdp,1\ngpd,0\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect {
            _ = try OutcomesLoader.load(path: bad, plan: plan)
        } throws: { e in
            "\(e)".contains("o.csv:3:1") && "\(e)".contains("did you mean 'gdp'")
        }
        try "indicator,met\ngdp,maybe\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect {
            _ = try OutcomesLoader.load(path: bad, plan: plan)
        } throws: { e in
            "\(e)".contains("o.csv:2:2") && "\(e)".contains("'maybe': neither met nor not met")
        }
        // By name, as indicators.csv writes it (Chinese or English): read as the id.
        try "indicator,met\n地区生产总值,0\nEnergy use per unit of GDP,1\n".write(
            toFile: bad, atomically: true, encoding: .utf8)
        let named = try OutcomesLoader.load(path: bad, plan: plan)
        #expect(named["gdp"]?.met == false && named["energy_intensity"]?.met == true)
        // A final value marked as none (a dash: `isNoValueMark`) is no value, as a blank one;
        // until 2026-12-06 it was "not a number". `NA` is refused with a hint, as in observations.
        try "indicator,met,value\ngdp,0,-\nenergy_intensity,1,—\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let unvalued = try OutcomesLoader.load(path: bad, plan: plan)
        #expect(
            unvalued["gdp"]?.met == false && unvalued["gdp"]?.value == nil && unvalued["energy_intensity"]?.value == nil
        )
        try "indicator,met,value\ngdp,0,NA\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect {
            _ = try OutcomesLoader.load(path: bad, plan: plan)
        } throws: { e in
            "\(e)".contains("o.csv:2:3") && "\(e)".contains("marks a missing value in R or pandas")
                && ((e as? InputError)?.hintZh?.hasPrefix("“NA”在 R、pandas 等工具中表示缺失值") ?? false)
        }
        try "indicator,met\n地区生产总,0\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect {
            _ = try OutcomesLoader.load(path: bad, plan: plan)
        } throws: { e in "\(e)".contains("did you mean '地区生产总值' (gdp)?") }
        // An every-year level goal met is met by any year's value given: at most 4.5 every year,
        // so 4.8 contradicts a `met` (and says nothing of a `not met`).
        try "indicator,met,value\nunemployment_rate,1,4.8\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect {
            _ = try OutcomesLoader.load(path: bad, plan: plan)
        } throws: { e in "\(e)".contains("o.csv:2:2") && "\(e)".contains("misses the goal of at most 4.5 every year") }
        try "indicator,met,value\nunemployment_rate,0,4.8\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(try OutcomesLoader.load(path: bad, plan: plan)["unemployment_rate"]?.met == false)
        // A final value outside the indicator's range, at its cell, as in an observations file
        // (a negative GDP was scored as written); a growth rate typed into a level's value too.
        for (value, words) in [("-2390", "a level cannot be negative"), ("9.3%", "")] {
            try "indicator,met,value\ngdp,0,\(value)\n".write(toFile: bad, atomically: true, encoding: .utf8)
            #expect("\(value)") {
                _ = try OutcomesLoader.load(path: bad, plan: plan)
            } throws: { e in "\(e)".contains("o.csv:2:3") && (words.isEmpty || "\(e)".contains(words)) }
        }
    }
}

/// Scores and the trend rule against hand-computed values.
struct ProbabilityScoreTests {
    @Test func scoresInClosedForm() throws {
        let s = try #require(ProbabilityScores([(0.8, true), (0.3, false), (0.0, true)]))
        #expect(abs(s.brier - (0.04 + 0.09 + 1) / 3) < 1e-12)
        // −(ln 0.8 + ln 0.7 + ln 0.01)/3: the 0 is clipped to 0.01.
        #expect(abs(s.logScore - -(log(0.8) + log(0.7) + log(0.01)) / 3) < 1e-12)
        #expect(abs(s.sharpness - (0.6 + 0.4 + 1) / 3) < 1e-12)
        // R: qbinom(c(0.025, 0.975), 10, 0.5) = 2 8; qbinom(c(0.025, 0.975), 20, 0.1) = 0 5.
        #expect(ProbabilityScores.binomialRange(n: 10, p: 0.5) == (2, 8))
        #expect(ProbabilityScores.binomialRange(n: 20, p: 0.1) == (0, 5))
    }

    @Test func trendRuleReadsTheLine() {
        let h = History(
            indicator: "x",
            points: [(2010, 10.0), (2011, 12.0), (2012, 14.0)].map {
                Observation(indicator: "x", year: $0.0, value: $0.1)
            })
        let years = 2011...2015
        // (threshold, direction, rule, P): the line reaches 20 in 2015; the cumulative sum is
        // 12 + 14 observed plus 16 + 18 + 20 on the line = 80; every year runs 12, 14, 16, 18, 20,
        // so a ceiling of 20 holds and 19.99 does not, a floor of 12 holds and 12.01 does not.
        let cases: [(Double, Direction, HeadlineRule, Double)] = [
            (20, .increase, .final, 1), (20.01, .increase, .final, 0),
            (80, .increase, .cumulative, 1), (80.01, .increase, .cumulative, 0),
            (20, .decrease, .everyYear, 1), (19.99, .decrease, .everyYear, 0),
            (12, .increase, .everyYear, 1), (12.01, .increase, .everyYear, 0),
        ]
        for (threshold, direction, rule, p) in cases {
            #expect(
                TrendRule.probability(
                    history: h, threshold: threshold, direction: direction, rule: rule, planYears: years)
                    == p, "\(rule) \(direction) \(threshold)")
        }
        #expect(
            TrendRule.probability(
                history: History(indicator: "x", points: [Observation(indicator: "x", year: 2010, value: 1)]),
                threshold: 0, direction: .increase, rule: .final, planYears: years) == nil)
        // Two points are enough for a line: 10 in 2011 and 12 in 2012 reach 18 in 2015.
        let two = History(
            indicator: "x",
            points: [(2011, 10.0), (2012, 12.0)].map { Observation(indicator: "x", year: $0.0, value: $0.1) })
        for (threshold, p) in [(18.0, 1.0), (18.01, 0.0)] {
            #expect(
                TrendRule.probability(
                    history: two, threshold: threshold, direction: .increase, rule: .final, planYears: years)
                    == p, "\(threshold)")
        }
    }
}

/// The trend rule reads the figures a planner publishes as the Destatis rule does: "超110" is
/// 110, and a stock's mid-year count stands at mid-year. Before, it drew its line through the
/// exact values only, and with one left it gave no verdict at all.
struct TrendRuleFigureTests {
    static let history = History(
        indicator: "x",
        points: [
            Observation(indicator: "x", year: 2021, value: 100),
            Observation(indicator: "x", year: 2022, value: 110, quality: .lowerBound),
            Observation(indicator: "x", year: 2023, value: 121, quality: .snapshot),
        ])

    /// numpy.polyfit([2021, 2022, 2022.5], [100, 110, 121], 1): slope 13.4286, 152.857 at the end
    /// of 2025 and 126.000 at the end of 2023 (with the count at 2023 the line gives 141.83 in 2025).
    @Test func boundsAreTheirValueAndAMidYearCountStandsAtMidYear() {
        let years = 2023...2025
        func p(_ threshold: Double, _ rule: HeadlineRule, _ planYears: ClosedRange<Int> = years) -> Double? {
            TrendRule.probability(
                history: Self.history, kind: .stock, threshold: threshold, direction: .increase, rule: rule,
                planYears: planYears)
        }
        #expect(p(152.85, .final) == 1)
        #expect(p(152.86, .final) == 0)
        // The year of the mid-year count is the line's year end (126.0), not the count (121).
        #expect(p(125.9, .cumulative, 2023...2023) == 1)
        #expect(p(126.1, .cumulative, 2023...2023) == 0)
        // Another kind's snapshot is its year's value: the line through 2021, 2022, 2023 gives
        // 141.83 in 2025.
        #expect(
            TrendRule.probability(
                history: Self.history, kind: .share, threshold: 141.8, direction: .increase, rule: .final,
                planYears: years) == 1)
        #expect(
            TrendRule.probability(
                history: Self.history, kind: .share, threshold: 141.9, direction: .increase, rule: .final,
                planYears: years) == 0)
    }
}

/// What past plans teach (`GoalRecalibration`), on rows whose lesson is known.
struct GoalRecalibrationTests {
    static func row(_ plan: String, p: Double?, binding: Bool, trend: Double, met: Bool) -> EvaluationReport.Row {
        EvaluationReport.Row(
            plan: plan, asOf: 2013, indicator: "x", name: "x", commitment: binding ? .binding : .expected, goal: "",
            p: [p, trend, nil], outcome: met)
    }

    /// The trend rule the fit reads beside the model's P is the rule on each headline goal
    /// (the straight line through the last three published figures), and nothing for milestones.
    @Test func theTrendPredictorIsTheTrendRuleOnHeadlineGoals() throws {
        let plan = try PlanLoader.load(directory: EvaluationTests.plan).plan
        let run = try ScenarioRunner.run(
            plan: plan, scenarios: [Scenario(name: "baseline")], asOf: 2013, paths: 256, seed: 1, threads: 1)[0]
        var goals = 0
        for o in run.result.targets {
            let trend = GoalRecalibration.trend(o, model: run.model)
            guard o.spec.kind == .goal, let k = o.spec.series else {
                #expect(trend == nil, "\(o.spec)")
                continue
            }
            let id = run.model.series[k].id
            let ind = try #require(plan.indicator(id))
            let direct = TrendRule.probability(
                history: plan.history(of: id, asOf: 2013), kind: ind.kind, threshold: o.spec.threshold,
                direction: ind.direction, rule: ind.headline!.rule, planYears: plan.metadata.years)
            #expect(trend == direct, "\(id)")
            if direct != nil { goals += 1 }
        }
        #expect(goals >= 5, "\(goals) goals with a trend")
    }

    /// Binding goals met although the model gave them 0.1: with enough plans the fit learns it.
    @Test func learnsThatBindingGoalsAreMet() throws {
        var rows = [EvaluationReport.Row]()
        for plan in ["a", "b", "c", "d"] {
            for k in 0..<10 {
                rows.append(Self.row(plan, p: 0.1, binding: true, trend: 0, met: true))
                // Expected goals: the model is right (P = 0.3 or 0.7, met 3 in 10 and 7 in 10).
                rows.append(Self.row(plan, p: 0.3, binding: false, trend: 0, met: k < 3))
                rows.append(Self.row(plan, p: 0.7, binding: false, trend: 1, met: k < 7))
            }
        }
        let fit = try #require(GoalRecalibration.fit(rows))
        #expect(fit.goalYears == 120 && fit.plans == ["a", "b", "c", "d"])
        #expect(fit.probability(pModel: 0.1, commitment: .binding, trend: 0, direction: nil) > 0.8)
        // Expected goals keep the model's side of ½ (the prior and the binding rows pull a little).
        #expect(fit.probability(pModel: 0.3, commitment: .expected, trend: 0, direction: nil) < 0.45)
        #expect(fit.probability(pModel: 0.7, commitment: .expected, trend: 1, direction: nil) > 0.6)
        let raw = try #require(ProbabilityScores(rows.map { ($0.p[0]!, $0.outcome) }))
        let loo = GoalRecalibration.leaveOnePlanOut(rows)
        let recalibrated = try #require(ProbabilityScores(zip(loo, rows).map { ($0!, $1.outcome) }))
        #expect(recalibrated.brier < raw.brier - 0.1, "\(recalibrated.brier) vs \(raw.brier)")
    }

    /// Decrease goals met less often than the model says (P = 0.8, met 4 in 10), increase goals
    /// as it says: the fit lowers the first and leaves the second near its P.
    @Test func learnsThatDecreaseGoalsAreMetLessOften() throws {
        var rows = [EvaluationReport.Row]()
        for plan in ["a", "b", "c", "d"] {
            for k in 0..<10 {
                for (direction, met) in [(Direction.decrease, k < 4), (.increase, k < 8)] {
                    rows.append(
                        EvaluationReport.Row(
                            plan: plan, asOf: 2013, indicator: "x", name: "x", commitment: nil, goal: "",
                            direction: direction, p: [0.8, 0.5, nil], outcome: met))
                }
            }
        }
        let fit = try #require(GoalRecalibration.fit(rows))
        #expect(fit.coefficients[4] < -1, "\(fit.coefficients)")
        let down = fit.probability(pModel: 0.8, commitment: nil, trend: 0.5, direction: .decrease)
        let up = fit.probability(pModel: 0.8, commitment: nil, trend: 0.5, direction: .increase)
        #expect(down < 0.55 && abs(up - 0.8) < 0.05, "\(down) \(up)")
    }

    /// Each plan's rows come from a fit on the other plans only; unjudged goals stay unjudged.
    @Test func leavesThePlanBeingJudgedOut() throws {
        let rows = [
            Self.row("a", p: 0.2, binding: false, trend: 0, met: true),
            Self.row("a", p: nil, binding: false, trend: 0, met: true),
            Self.row("b", p: 0.6, binding: true, trend: 1, met: false),
            Self.row("b", p: 0.9, binding: false, trend: 1, met: true),
        ]
        let loo = GoalRecalibration.leaveOnePlanOut(rows)
        let onB = try #require(GoalRecalibration.fit(Array(rows[2...])))
        let onA = try #require(GoalRecalibration.fit(Array(rows[..<2])))
        #expect(loo[0] == onB.probability(pModel: 0.2, commitment: .expected, trend: 0, direction: nil))
        #expect(loo[1] == nil)
        #expect(loo[2] == onA.probability(pModel: 0.6, commitment: .binding, trend: 1, direction: nil))
        // One row cannot move the prior far: the identity (P left alone) is the prior's centre.
        #expect(abs(onA.coefficients[1] - 1) < 0.5)
        #expect(GoalRecalibration.leaveOnePlanOut(Array(rows[..<2])) == [nil, nil], "no other plan")
    }

    @Test func fileRoundTripsAndBadFilesAreNamed() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = GoalRecalibration(coefficients: [0.5, 0.8, 1.2, 0.3, -0.7], goalYears: 40, plans: ["a", "b"])
        let path = dir.appendingPathComponent("r.json").path
        try JSONFile.text(r.json).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try GoalRecalibration.read(path: path) == r)
        // A file written before the decrease feature existed: its coefficient reads as 0.
        try "{\"coefficients\": {\"intercept\": 0.5, \"logit_p_model\": 0.8, \"binding\": 1.2, \"trend_rule\": 0.3}}"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try GoalRecalibration.read(path: path).coefficients == [0.5, 0.8, 1.2, 0.3, 0])
        try "{\"coefficients\": {\"intercept\": 1}}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try GoalRecalibration.read(path: path)
        } throws: { e in
            "\(e)".contains("r.json") && "\(e)".contains("logit_p_model")
        }
        try "[1, 2".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { _ = try GoalRecalibration.read(path: path) }
    }
}
