import Testing

@testable import Reporting

/// What `compare` prints when two runs differ in scenarios or targets.
struct RunComparisonSummaryTests {
    static func row(_ scenario: String, _ target: String, a: String, b: String) -> RunComparison.TargetRow {
        RunComparison.TargetRow(
            key: [scenario, "firms", "goal_final", "2025", target], pA: a, pB: b, difference: nil, combinedSE: nil,
            beyondNoise: a == "absent" || b == "absent" ? "absent" : "no")
    }

    /// The same model change in several scenarios is one line naming them: "all N scenarios"
    /// where it is every scenario both runs have, else their names; a change in one scenario
    /// keeps its "scenario/series" name, and so does a change to another model in a scenario.
    /// (`compare` after `--as-of 2022` listed the bundled plan's five GDP models one per line.)
    @Test func aModelChangeInSeveralScenariosIsOneLine() {
        let scenarios = ["baseline", "rd-push", "slow"]
        var models = scenarios.map { RunComparison.Difference(what: "\($0)/gdp", a: "drift n=13", b: "drift n=10") }
        models += ["baseline", "slow"].map { RunComparison.Difference(what: "\($0)/firms", a: "drift", b: "naive") }
        models.append(RunComparison.Difference(what: "rd-push/firms", a: "drift", b: "theta"))
        models.append(RunComparison.Difference(what: "slow/labs", a: "naive", b: "drift"))
        let c = RunComparison(
            inputDifferences: [], settingDifferences: [], modelDifferences: models, outputsIdentical: false,
            rows: scenarios.map { Self.row($0, "400", a: "0.5", b: "0.5") })
        let lines = c.summary.split(separator: "\n").filter { $0.hasPrefix("  model ") }
        #expect(
            lines == [
                "  model gdp: drift n=13 → drift n=10 (all 3 scenarios)",
                "  model firms: drift → naive (baseline, slow)",
                "  model rd-push/firms: drift → theta",
                "  model slow/labs: naive → drift",
            ], "\(lines)")
        let zh = c.summary(in: .zh)
        #expect(zh.contains("  模型 gdp: drift n=13 → drift n=10（全部 3 个情景）\n"), "\(zh)")
        #expect(zh.contains("  模型 firms: drift → naive（baseline、slow）\n"), "\(zh)")
    }

    /// A target changed in indicators.csv is absent on each side under its old and new value:
    /// the baseline both runs have was listed as a scenario "only in A" and "only in B".
    @Test func scenariosBothRunsHaveAreNotListedAsMissing() {
        let c = RunComparison(
            inputDifferences: [], settingDifferences: [], modelDifferences: [], outputsIdentical: false,
            rows: [
                Self.row("baseline", "400", a: "0.5", b: "absent"),
                Self.row("baseline", "450", a: "absent", b: "0.4"),
                Self.row("baseline", "other", a: "0.9", b: "0.9"),
                Self.row("rd-push", "400", a: "0.6", b: "absent"),
            ])
        let s = c.summary
        #expect(s.contains("scenarios only in A: rd-push\n"), "\(s)")
        #expect(!s.contains("scenarios only in B"), "\(s)")
        #expect(s.contains("1 targets only in A: baseline firms goal_final 2025 400\n"), "\(s)")
        #expect(s.contains("1 targets only in B: baseline firms goal_final 2025 450\n"), "\(s)")
    }

    /// Identical outputs from another seed or path count: nothing random, or an edited manifest.
    /// Threads or another as-of year alone say nothing of the kind.
    @Test func identicalOutputsFromAnotherSeedAreNoted() {
        func summary(_ what: String, identical: Bool = true) -> String {
            RunComparison(
                inputDifferences: [], settingDifferences: [.init(what: what, a: "1", b: "2")], modelDifferences: [],
                outputsIdentical: identical, rows: []
            ).summary
        }
        for what in ["seed", "paths"] {
            #expect(summary(what).contains("note: the seed or path count differs, yet every output is identical"))
            #expect(!summary(what, identical: false).contains("note:"))
        }
        for what in ["threads", "as_of"] { #expect(!summary(what).contains("note:"), "\(what)") }
    }
}

/// Lines of `compare`'s summary that no test pinned until mutation round seed 81 (2026-12-06).
struct RunComparisonVerdictTests {
    static func summary(
        inputs: [RunComparison.Difference] = [], settings: [RunComparison.Difference] = [], identical: Bool,
        rows: [RunComparison.TargetRow] = []
    ) -> String {
        RunComparison(
            inputDifferences: inputs, settingDifferences: settings, modelDifferences: [], outputsIdentical: identical,
            rows: rows
        ).summary
    }

    /// The verdict line: identical outputs "reproduce", with "(same inputs, seed and paths)" only
    /// when nothing but the thread count differs; different outputs from the same inputs and
    /// settings (threads aside) "do not reproduce"; any other difference makes "different runs".
    @Test func theVerdictFollowsWhatDiffers() {
        let threads = RunComparison.Difference(what: "threads", a: "1", b: "2")
        let seed = RunComparison.Difference(what: "seed", a: "1", b: "2")
        let input = RunComparison.Difference(what: "observations", a: "aa", b: "bb")
        let same = " (same inputs, seed and paths).\n"
        #expect(Self.summary(settings: [threads], identical: true).hasPrefix("REPRODUCES:"))
        #expect(Self.summary(settings: [threads], identical: true).contains(same))
        #expect(!Self.summary(settings: [seed], identical: true).contains(same))
        #expect(!Self.summary(inputs: [input], identical: true).contains(same))
        #expect(Self.summary(settings: [threads], identical: false).hasPrefix("DOES NOT REPRODUCE:"))
        #expect(Self.summary(settings: [seed], identical: false).hasPrefix("DIFFERENT RUNS: settings differ.\n"))
        #expect(Self.summary(inputs: [input], identical: false).hasPrefix("DIFFERENT RUNS: inputs differ.\n"))
    }

    /// The targets both runs share are all rows less those in one run only and those with
    /// another target value; up to three targets in one run only are listed whole, more end in "…".
    @Test func sharedTargetsAndTargetsInOneRunAreCounted() {
        func row(_ scenario: String, _ target: String, _ a: String, _ b: String) -> RunComparison.TargetRow {
            RunComparisonSummaryTests.row(scenario, target, a: a, b: b)
        }
        var rows = (0..<3).map { row("baseline", "s\($0)", "0.5", "0.5") }
        rows += (0..<2).map { row("baseline", "a\($0)", "0.5", "absent") }
        rows.append(
            RunComparison.TargetRow(
                key: ["baseline", "firms", "goal_final", "2025", "400"], targetB: "450", pA: "0.5", pB: "0.4",
                difference: nil, combinedSE: nil, beyondNoise: "target_changed"))
        let s = Self.summary(identical: false, rows: rows)
        #expect(s.contains("0 of the 3 targets the two runs share"), "\(s)")
        let three = Self.summary(
            identical: false,
            rows: (0..<3).map { row("baseline", "a\($0)", "0.5", "absent") } + [row("baseline", "s", "0.5", "0.5")])
        #expect(three.contains("3 targets only in A: ") && three.contains(" a2\n"), "\(three)")
        let four = Self.summary(
            identical: false,
            rows: (0..<4).map { row("baseline", "a\($0)", "0.5", "absent") } + [row("baseline", "s", "0.5", "0.5")])
        #expect(four.contains("4 targets only in A: ") && four.contains(" a2; …\n"), "\(four)")
    }

    /// Targets beyond noise are listed by |Δ|, largest first, a changed status (no Δ) counting
    /// as 1, and ties in the table's order: two status changes, then Δ −0.3 and +0.3 as the
    /// table has them, then 0.1. (Mutant of round 187: `>=` in the sort put the ties the other
    /// way round.)
    @Test func changesAreListedByTheirSizeAndTiesInTheTablesOrder() {
        func row(_ year: String, _ d: Double?) -> RunComparison.TargetRow {
            RunComparison.TargetRow(
                key: ["baseline", "firms", "milestone", year, "300"], pA: "0.5", pB: d.map { String(0.5 + $0) } ?? "1",
                difference: d, combinedSE: d == nil ? nil : 0.01, beyondNoise: d == nil ? "status_changed" : "yes")
        }
        let rows = [row("2021", 0.1), row("2022", -0.3), row("2023", nil), row("2024", 0.3), row("2025", nil)]
        let s = Self.summary(identical: false, rows: rows)
        let years = s.split(separator: "\n").filter { $0.hasPrefix("  baseline firms milestone ") }.map {
            String($0.dropFirst("  baseline firms milestone ".count).prefix(4))
        }
        #expect(years == ["2023", "2025", "2022", "2024", "2021"], "\(s)")
    }
}

/// `compare --lang zh`: every line of the summary in Chinese, the verdict with its English keyword.
struct RunComparisonChineseSummaryTests {
    static func comparison(identical: Bool, inputs: Bool) -> RunComparison {
        var c = RunComparison(
            inputDifferences: inputs ? [.init(what: "observations", a: "aa", b: "bb")] : [],
            settingDifferences: [.init(what: "seed", a: "1", b: "2")],
            modelDifferences: (0..<22).map { .init(what: "baseline/s\($0)", a: "drift", b: "naive") },
            outputsIdentical: identical,
            rows: [
                RunComparisonSummaryTests.row("baseline", "400", a: "0.5", b: "absent"),
                RunComparisonSummaryTests.row("baseline", "450", a: "absent", b: "0.4"),
                RunComparisonSummaryTests.row("rd-push", "400", a: "0.6", b: "absent"),
                RunComparison.TargetRow(
                    key: ["baseline", "all", "all_goals", "", "16"], targetB: "15", pA: "0.1", pB: "0.2",
                    difference: nil, combinedSE: nil, beyondNoise: "target_changed"),
                RunComparison.TargetRow(
                    key: ["baseline", "firms", "milestone", "2023", "300"], pA: "0.2", pB: "0.6", difference: 0.4,
                    combinedSE: 0.01, beyondNoise: "yes"),
            ])
        c.evidenceDifferences = (0..<12).map { .init(what: "firms \(2000 + $0)", a: "1 observed", b: "simulated") }
        return c
    }

    /// English words of the English summary that must not be left in the Chinese one (the ids,
    /// settings and labels it quotes are the CSVs' own).
    static let englishWords = [
        "differ", "input ", "setting ", "model ", "more", "years of history", "only in", "targets", "target ",
        "goals judged", "moved beyond", "note:", "byte-identical", "same inputs",
    ]

    @Test func everyLineIsChineseAndTheVerdictKeepsItsKeyword() {
        let cases: [(RunComparison, String, String)] = [
            (Self.comparison(identical: false, inputs: true), "DIFFERENT RUNS", "两次运行不同"),
            (Self.comparison(identical: true, inputs: false), "REPRODUCES", "可复现"),
            (
                RunComparison(
                    inputDifferences: [], settingDifferences: [], modelDifferences: [], outputsIdentical: false,
                    rows: []),
                "DOES NOT REPRODUCE", "不可复现"
            ),
        ]
        for (c, keyword, words) in cases {
            let zh = c.summary(in: .zh), en = c.summary(in: .en)
            #expect(zh.hasPrefix(words + "（" + keyword + "）"), "\(zh)")
            #expect(en.hasPrefix(keyword + ":"), "\(en)")
            for w in Self.englishWords { #expect(!zh.contains(w), "'\(w)' in \(zh)") }
            // The same lines, one for one: nothing is dropped in translation.
            #expect(zh.split(separator: "\n").count == en.split(separator: "\n").count, "\(zh)\n\(en)")
        }
        let zh = Self.comparison(identical: false, inputs: true).summary(in: .zh)
        #expect(zh.contains("  … 另有 2 项模型差异\n"), "\(zh)")
        #expect(zh.contains("  仅运行 A 有的情景：rd-push\n"), "\(zh)")
        #expect(zh.contains("  baseline all 全部总体目标: 评判目标数 16 → 15, P 0.1 → 0.2\n"), "\(zh)")
        // attainment.csv's words as the Chinese report says them; ids and numbers as written.
        #expect(zh.contains("  baseline firms 年度目标 2023: 0.2 → 0.6 (Δ +0.4000, SE 0.0100)\n"), "\(zh)")
        #expect(zh.contains("仅运行 A 有的目标 1 个：baseline firms 总体目标（末年值） 2025 400\n"), "\(zh)")
        #expect(zh.contains("    firms 2000: 1 已观测 → 模拟\n"), "\(zh)")
        let status = RunComparison(
            inputDifferences: [], settingDifferences: [], modelDifferences: [], outputsIdentical: false,
            rows: [
                {
                    var r = RunComparison.TargetRow(
                        key: ["baseline", "firms", "goal_cumulative", "2025", "40"], pA: "1.000000",
                        pB: "insufficient_data", difference: nil, combinedSE: nil, beyondNoise: "status_changed")
                    r.labels = ("met", "insufficient_data")
                    return r
                }()
            ]
        ).summary(in: .zh)
        #expect(status.contains("  baseline firms 总体目标（累计） 2025: 1.000000 → 数据不足 (已达成 → 数据不足)\n"), "\(status)")
    }
}
