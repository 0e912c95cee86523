import Testing

@testable import Reporting

/// What `compare` prints when two runs differ in scenarios or targets.
struct RunComparisonSummaryTests {
    static func row(_ scenario: String, _ target: String, a: String, b: String) -> RunComparison.TargetRow {
        RunComparison.TargetRow(
            key: [scenario, "firms", "goal_final", "2025", target], pA: a, pB: b, difference: nil, combinedSE: nil,
            beyondNoise: a == "absent" || b == "absent" ? "absent" : "no")
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
