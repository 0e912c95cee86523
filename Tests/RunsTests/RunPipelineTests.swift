import Foundation
import PlanFiles
import Scenarios
import Testing

@testable import IO
@testable import Reporting
@testable import Runs

/// The run pipeline in process, on the bundled Kunshan plan: the folder, the manifest's hashes of
/// what was read, and `compare` naming an edited file.
@Suite(.serialized)
struct RunPipelineTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let plan = root.appendingPathComponent("Notebooks-data/kunshan-2022-2025").path

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plancast-runs-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func request(_ scenarios: [String], out: String, paths: Int = 2048) -> RunRequest {
        var r = RunRequest(planDirectory: plan)
        r.scenarioFiles = scenarios
        r.outputFolder = out
        r.paths = paths
        r.seed = 7
        r.threads = 2
        r.sensitivity = false
        return r
    }

    /// A lever that moves nothing is named on stderr in the run's language, and in the
    /// manifest in English whatever the language. (Round 221's mutant `language != .zh` gave
    /// the lever warnings of a Chinese run in English and the manifest's in Chinese.)
    @Test func leverWarningsSpeakTheRunsLanguage() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("idle.yaml").path
        try "name: idle\ngrowth:\n  - indicators: [high_tech_enterprises]\n    from: 2025\n    percent_per_year: 0\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        var r = Self.request([file], out: dir.appendingPathComponent("run").path)
        r.language = .zh
        let outcome = try RunPipeline.run(r)
        let lever = outcome.warnings.filter { $0.contains("idle") }
        #expect(lever.count == 1 && lever[0].hasPrefix("警告: ") && lever[0].contains("情景"), "\(outcome.warnings)")
        let manifest = try JSONFile.read(path: dir.appendingPathComponent("run/manifest.json").path, what: "manifest")
        let written = (manifest["warnings"] as? [String] ?? []).filter { $0.contains("idle") }
        #expect(
            written.count == 1 && written[0].hasPrefix("warning: ")
                && written[0].contains("lever 'growth1:high_tech_enterprises:2025' moves nothing as written"),
            "\(written)")
    }

    @Test func manifestHashesEveryFileRead() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parent = dir.appendingPathComponent("base.yaml").path
        let child = dir.appendingPathComponent("child.yaml").path
        try "name: base\ngrowth:\n  - indicators: [high_tech_enterprises]\n    from: 2025\n    percent_per_year: 1\n"
            .write(toFile: parent, atomically: true, encoding: .utf8)
        try "name: child\ninherits: base\n".write(toFile: child, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("run").path
        let outcome = try RunPipeline.run(Self.request([child], out: out))
        #expect(outcome.runs.map(\.scenario.name) == ["child"])
        #expect(outcome.runs[0].scenario.leverNames.count == 1, "the parent's lever is inherited")
        let manifest = try JSONFile.read(path: out + "/manifest.json", what: "manifest")
        let inputs = manifest["inputs"] as? [[String: Any]] ?? []
        let hashed = Set(inputs.compactMap { $0["path"] as? String })
        for f in [
            child, parent, Self.plan + "/plan.yaml", Self.plan + "/indicators.csv", Self.plan + "/observations.csv",
        ] {
            #expect(hashed.contains(f), "\(f) is hashed in the manifest")
        }
        for i in inputs {
            #expect(try sha256Hex(path: i["path"] as! String) == i["sha256"] as! String)
        }
        let outputs = manifest["outputs"] as? [[String: Any]] ?? []
        #expect(
            Set(outputs.compactMap { $0["path"] as? String })
                == ["attainment.csv", "forecasts.csv", "comparison.csv", "sensitivity.csv", "report.html"])
    }

    @Test func compareNamesAnEditedInheritedParent() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parent = dir.appendingPathComponent("base.yaml").path
        let child = dir.appendingPathComponent("child.yaml").path
        try "name: base\n".write(toFile: parent, atomically: true, encoding: .utf8)
        try "name: child\ninherits: base\n".write(toFile: child, atomically: true, encoding: .utf8)
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        _ = try RunPipeline.run(Self.request([child], out: a))
        try "name: base\ngrowth:\n  - indicators: [high_tech_enterprises]\n    from: 2025\n    percent_per_year: 20\n"
            .write(toFile: parent, atomically: true, encoding: .utf8)
        _ = try RunPipeline.run(Self.request([child], out: b))
        let c = try RunComparison.load(a, b)
        #expect(c.inputDifferences.map(\.what) == ["scenario:base.yaml"], "\(c.inputDifferences)")
        #expect(!c.summary.contains("different build"), "\(c.summary)")
        #expect(c.summary.contains("base.yaml"))
    }

    /// A scenario file that replaced another under a new name (s1.yaml in A, s2.yaml in B) is
    /// one difference, the file that replaced the other, not two ("absent" on either side).
    @Test func compareNamesAFileThatReplacedAnother() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s1 = dir.appendingPathComponent("s1.yaml").path, s2 = dir.appendingPathComponent("s2.yaml").path
        try "name: s\n".write(toFile: s1, atomically: true, encoding: .utf8)
        try "name: s\ngrowth:\n  - indicators: [high_tech_enterprises]\n    from: 2025\n    percent_per_year: 5\n"
            .write(toFile: s2, atomically: true, encoding: .utf8)
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        _ = try RunPipeline.run(Self.request([s1], out: a))
        _ = try RunPipeline.run(Self.request([s2], out: b))
        let c = try RunComparison.load(a, b)
        #expect(c.inputDifferences.map(\.what) == ["scenario"], "\(c.inputDifferences)")
        let d = try #require(c.inputDifferences.first)
        #expect(d.a.hasPrefix("s1.yaml ") && d.b.hasPrefix("s2.yaml "), "\(d)")
        // Settings alike are not listed; a run with another seed and paths is, each with both
        // values, in the manifest's order (version, seed, paths, …).
        #expect(c.settingDifferences.isEmpty, "\(c.settingDifferences)")
        var rc = Self.request([s1], out: dir.appendingPathComponent("c").path, paths: 4096)
        rc.seed = 8
        _ = try RunPipeline.run(rc)
        let settings = try RunComparison.load(a, rc.outputFolder!).settingDifferences
        #expect(
            settings.map { [$0.what, $0.a, $0.b] } == [["seed", "7", "8"], ["paths", "2048", "4096"]], "\(settings)")
    }

    /// A goal revised in indicators.csv between two runs (3,500 → 4,000 firms) is one row with
    /// both values, counted apart from the targets that stayed, not two rows "only in A/B".
    @Test func compareShowsARevisedTargetWithBothValues() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let revised = dir.appendingPathComponent("plan").path
        try FileManager.default.copyItem(atPath: Self.plan, toPath: revised)
        let table = revised + "/indicators.csv"
        var lines = try String(contentsOfFile: table, encoding: .utf8).components(separatedBy: "\n")
        let i = try #require(lines.firstIndex { $0.hasPrefix("high_tech_enterprises,") })
        #expect(lines[i].contains(",final,3500,"), "\(lines[i])")
        lines[i] = lines[i].replacingOccurrences(of: ",final,3500,", with: ",final,4000,")
        try lines.joined(separator: "\n").write(toFile: table, atomically: true, encoding: .utf8)
        let baseline = Self.root.appendingPathComponent("Scenarios/baseline.yaml").path
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        _ = try RunPipeline.run(Self.request([baseline], out: a))
        var rb = Self.request([baseline], out: b)
        rb.planDirectory = revised
        _ = try RunPipeline.run(rb)
        let c = try RunComparison.load(a, b)
        let goal = try #require(c.rows.first { $0.key[1] == "high_tech_enterprises" && $0.key[2] == "goal_final" })
        #expect(goal.key[4] == "3500" && goal.targetB == "4000" && goal.beyondNoise == "target_changed")
        // A higher goal for the same paths: P falls (or both are 0).
        let pa = try #require(Double(goal.pA)), pb = try #require(Double(goal.pB))
        #expect(pb < pa || pa == 0, "\(goal)")
        #expect(c.retargeted.count == 1, "\(c.retargeted.map(\.key))")
        #expect(c.absent.isEmpty, "\(c.absent.map(\.key))")
        #expect(c.summary.contains("high_tech_enterprises goal_final 2025: target 3500 → 4000"), "\(c.summary)")
        #expect(!c.summary.contains("only in"), "\(c.summary)")
        #expect(c.csv.contains(",target_changed,4000\n"))
        // An evaluation folder is not a run: said so, not "attainment.csv missing".
        let ev = dir.appendingPathComponent("ev").path
        try FileManager.default.createDirectory(atPath: ev, withIntermediateDirectories: true)
        try "plan,as_of\n".write(toFile: ev + "/evaluation.csv", atomically: true, encoding: .utf8)
        #expect {
            _ = try RunComparison.load(a, ev)
        } throws: { e in
            "\(e)".contains("an evaluation folder, not a run folder")
        }
    }

    /// Runs pair by scenario name unless each holds one scenario (then the two are compared
    /// whatever their names) or the user names them: a run of `push` alone against one of
    /// `baseline` and `push` compares push with push.
    @Test func compareRelabelsOnlyOneScenarioAgainstOne() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = "scenario,indicator,target_type,year,target,p_met,p_met_se\n"
        let a = dir.appendingPathComponent("a.csv").path, b = dir.appendingPathComponent("b.csv").path
        try (header + "push,gdp,goal,2025,1,0.600000,0.001000\n").write(toFile: a, atomically: true, encoding: .utf8)
        try (header + "baseline,gdp,goal,2025,1,0.400000,0.001000\npush,gdp,goal,2025,1,0.610000,0.001000\n")
            .write(toFile: b, atomically: true, encoding: .utf8)
        let (rows, pick) = try RunComparison.compareAttainment(a, b, scenarioA: nil, scenarioB: nil)
        #expect(pick == nil)
        let push = try #require(rows.first { $0.key.first == "push" })
        #expect(push.pA == "0.600000" && push.pB == "0.610000")
        #expect(rows.first { $0.key.first == "baseline" }?.pA == "absent")
        // Named: push against baseline.
        let (named, namedPick) = try RunComparison.compareAttainment(a, b, scenarioA: nil, scenarioB: "baseline")
        #expect(namedPick?.0 == "push" && namedPick?.1 == "baseline")
        #expect(named.count == 1 && named[0].pA == "0.600000" && named[0].pB == "0.400000")
        // One side named, the other holding one scenario of another name: that one, not a
        // "baseline" it does not have.
        let c = dir.appendingPathComponent("c.csv").path
        try (header + "rd,gdp,goal,2025,1,0.700000,0.001000\n").write(toFile: c, atomically: true, encoding: .utf8)
        for (nameA, nameB) in [("push", nil), (nil, "rd")] as [(String?, String?)] {
            let (one, onePick) = try RunComparison.compareAttainment(a, c, scenarioA: nameA, scenarioB: nameB)
            #expect(onePick?.0 == "push" && onePick?.1 == "rd", "\(String(describing: onePick))")
            #expect(one.count == 1 && one[0].pA == "0.600000" && one[0].pB == "0.700000")
        }
    }

    /// A target the evidence decides in one run (met / not_met) and a probability in the other
    /// changed status even at the same P of 0: compare counted it as unchanged (2026-12-04,
    /// when goals over years became settled by an observed failure).
    @Test func aTargetDecidedInOneRunOnlyChangedStatus() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = "scenario,indicator,target_type,year,target,p_met,p_met_se,label\n"
        let a = dir.appendingPathComponent("a.csv").path, b = dir.appendingPathComponent("b.csv").path
        // attainment.csv rows of run A and run B, compared.
        func compare(_ rowsA: String, _ rowsB: String) throws -> [RunComparison.TargetRow] {
            try (header + rowsA).write(toFile: a, atomically: true, encoding: .utf8)
            try (header + rowsB).write(toFile: b, atomically: true, encoding: .utf8)
            return try RunComparison.compareAttainment(a, b, scenarioA: nil, scenarioB: nil).0
        }
        let rows = try compare(
            "baseline,x,all_milestones,,4,0.000000,0.000000,very_unlikely\nbaseline,x,milestone,2025,9,0.5,0.01,about_as_likely_as_not\n",
            "baseline,x,all_milestones,,4,0.000000,0.000000,not_met\nbaseline,x,milestone,2025,9,0.5,0.01,about_as_likely_as_not\n"
        )
        let all = try #require(rows.first { $0.key[2] == "all_milestones" })
        #expect(all.beyondNoise == "status_changed")
        #expect(all.labels?.a == "very_unlikely" && all.labels?.b == "not_met")
        #expect(rows.first { $0.key[2] == "milestone" }?.beyondNoise == "no")
        // Without a probability in one run the status changed; without one in both it did not
        // (mutation round seed 77 swapped the two unseen).
        let thin = try compare(
            "baseline,y,goal,2025,5,insufficient_data,,\nbaseline,z,goal,2025,5,insufficient_data,,\n",
            "baseline,y,goal,2025,5,insufficient_data,,\nbaseline,z,goal,2025,5,0.5,0.01,about_as_likely_as_not\n")
        #expect(thin.map(\.beyondNoise) == ["no", "status_changed"], "\(thin)")
    }

    /// A run folder edited and re-hashed by hand passes its manifest; its P(met) must still be
    /// a probability. `nan` compared against a number ("insufficient_data → nan"), and 1.5 or
    /// −0.1 were accepted (found by mutating run folders and re-hashing them, 2026-11-30).
    @Test func compareRefusesAnAttainmentThatIsNotAProbability() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = "scenario,indicator,target_type,year,target,p_met,p_met_se\n"
        let good =
            header
            + "baseline,gdp,milestone,2022,1,0.250000,0.001000\nbaseline,gdp,milestone,2023,1,insufficient_data,\n"
        let a = dir.appendingPathComponent("a.csv").path, b = dir.appendingPathComponent("b.csv").path
        try good.write(toFile: a, atomically: true, encoding: .utf8)
        try good.write(toFile: b, atomically: true, encoding: .utf8)
        #expect(try RunComparison.compareAttainment(a, b, scenarioA: nil, scenarioB: nil).0.count == 2)
        let edits: [(p: String, se: String, column: Int)] = [
            ("nan", "0.001", 6), ("1.5", "0.001", 6), ("-0.1", "0.001", 6), ("met", "0.001", 6), ("inf", "0", 6),
            ("0.25", "nan", 7), ("0.25", "-1", 7), ("0.25", "", 7), ("insufficient_data", "0.1", 7),
        ]
        for e in edits {
            try
                (header
                + "baseline,gdp,milestone,2022,1,0.250000,0.001000\nbaseline,gdp,milestone,2023,1,\(e.p),\(e.se)\n")
                .write(toFile: b, atomically: true, encoding: .utf8)
            #expect {
                _ = try RunComparison.compareAttainment(a, b, scenarioA: nil, scenarioB: nil)
            } throws: { error in
                let e2 = error as? InputError
                return e2?.file == b && e2?.line == 3 && e2?.column == e.column
            }
        }
    }

    /// A plan with decrease goals gets the caution of Notebooks-data/pseudo-plans.md in its
    /// report's evidence notes, and one with binding goals the caution of issue 14's trial; the
    /// Kunshan plan (increase goals only, none marked binding) gets neither.
    @Test func reportCautionsAboutDecreaseGoals() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = Self.request([], out: dir.appendingPathComponent("five").path)
        r.planDirectory = Self.root.appendingPathComponent("Tests/RunsTests/Fixtures/five-year-plan").path
        r.language = .en
        _ = try RunPipeline.run(r)
        let five = try String(contentsOfFile: r.outputFolder! + "/report.html", encoding: .utf8)
        #expect(five.contains("Goals that ask for a fall (2):"), "energy intensity and unemployment")
        #expect(five.contains("Binding goals (2): P follows the trend"), "the fixture marks two goals binding")
        let k = Self.request([], out: dir.appendingPathComponent("kunshan").path)
        _ = try RunPipeline.run(k)
        let kunshan = try String(contentsOfFile: k.outputFolder! + "/report.html", encoding: .utf8)
        #expect(!kunshan.contains("下降型目标") && !kunshan.contains("约束性目标"))
    }

    /// A run whose paths × scenarios would not fit in memory is refused before anything is
    /// written (the system would kill it half-way): 50 million paths × 40 scenarios of the
    /// bundled plan (193 targets each) need about 48 GB of met bits, 60 GB at the peak.
    @Test func runsTooLargeForMemoryAreRefused() throws {
        var r = Self.request([], out: "unused")
        r.paths = 50_000_000
        let inputs = try RunPipeline.load(r)
        let one = inputs.memoryEstimate(paths: 50_000_000)
        let n = Double(inputs.scenarios.scenarios.count)
        #expect(abs(one - (50e6 * 193 / 8 * n + 100e6)) < 1, "193 targets in each of \(n) scenarios: \(one)")
        var many = inputs
        many.scenarios = LoadedScenarios(
            scenarios: (1...40).map { Scenario(name: "s\($0)", titleZh: "", titleEn: "") }, files: [])
        #expect {
            try many.checkMemory(paths: 50_000_000, threads: 2, memory: 24e9)
        } throws: { e in
            "\(e)".contains("50000000 paths × 40 scenarios of 35 series with 2 threads need about 60.")
                && (e as? RunError)?.isUsageProblem == true
        }
        try inputs.checkMemory(paths: 100_000, threads: 2, memory: 24e9)
        // The working memory of the bundled plan (35 series, 2010–2025) is small; 256 threads on a
        // plan of 1,000 series over 81 years would not be.
        #expect(inputs.workingMemory(threads: 2) < 0.2e9)
        // In closed form: 35 series × 16 years (2010, the first GDP figure, to 2025, both ends
        // counted) × a block of 2,048 paths × 8 bytes × (4.5 + 3.5 × 2).
        let working = 35.0 * 16 * 2048 * 8 * (4.5 + 3.5 * 2)
        #expect(abs(inputs.workingMemory(threads: 2) - working) < 1, "\(inputs.workingMemory(threads: 2))")
    }

    /// A run holds one worker's working memory per block of paths it simulates at once: 2,048
    /// paths (one block) on 2 threads need one worker's, 2,049 need two. The edge in closed form,
    /// estimate × 1.25 + working memory(workers) against 0.8 × memory, 10⁻⁹ either side. (Round
    /// 221's mutant ⌈paths/block⌉ + 1 counted two workers for one block.)
    @Test func aRunNeedsTheWorkingMemoryOfTheBlocksItRuns() throws {
        let inputs = try RunPipeline.load(Self.request([], out: "unused"))
        for (paths, workers) in [(2048, 1), (2049, 2)] {
            let needed = inputs.memoryEstimate(paths: paths) * 1.25 + inputs.workingMemory(threads: workers)
            try inputs.checkMemory(paths: paths, threads: 2, memory: needed / 0.8 * (1 + 1e-9))
            #expect(throws: RunError.self) {
                try inputs.checkMemory(paths: paths, threads: 2, memory: needed / 0.8 * (1 - 1e-9))
            }
        }
    }

    /// Each run error's exit class (DESIGN.md's exit codes): a run too large or with too many
    /// scenarios is a usage problem (64); values that overflow a double come from the input (65);
    /// a failed simulation is plancast's own (70). The Chinese overflow text says 情景 as every
    /// other message does. (Mutants of round 169 gave an overflow exit 64 or 70.)
    @Test func runErrorsFallIntoTheirExitClasses() {
        let overflow = RunError.nonFinite(scenario: "baseline", series: ["gdp", "patents"])
        #expect(!overflow.isUsageProblem && overflow.isInputProblem)
        #expect(overflow.text(chinese: true).hasPrefix("情景“baseline”：gdp、patents的模拟值超出了双精度浮点数的范围"))
        let failed = RunError.simulation("no paths")
        #expect(!failed.isUsageProblem && !failed.isInputProblem)
        #expect(failed.text(chinese: true) == "模拟失败：no paths")
        for usage in [
            RunError.tooManyScenarios(101),
            .tooLarge(neededGB: 60, availableGB: 20, scenarios: 40, paths: 50_000_000, series: 35, threads: 2),
        ] {
            #expect(usage.isUsageProblem && !usage.isInputProblem, "\(usage)")
        }
    }

    /// A run stopped by the observations names the first error at its place and counts the
    /// rest, in both languages (Fixtures/hostile/two-sums-below-their-years.csv: two sums over
    /// 2022–2023 below their years). (Mutant of round 169: the Chinese count said 另有 3 处.)
    @Test func aRunStoppedByTheObservationsCountsTheOtherErrors() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = Self.request([], out: dir.appendingPathComponent("run").path)
        r.observations =
            Self.root.appendingPathComponent("Tests/PlancastCLITests/Fixtures/hostile/two-sums-below-their-years.csv")
            .path
        do {
            _ = try RunPipeline.run(r)
            Issue.record("the run went ahead")
        } catch let e as InputError {
            #expect(e.line == 7 && e.column == 3, "\(e)")
            #expect(e.message.hasSuffix("one of the figures is wrong (and 1 more)"), "\(e.message)")
            #expect(e.messageZh?.hasSuffix("其中某个数字有误（另有 1 处）") == true, "\(String(describing: e.messageZh))")
        }
        #expect(!FileManager.default.fileExists(atPath: r.outputFolder!))
    }

    /// "What it would take" for a sum goal is searched on the run's seed and at most 2,048 of
    /// its paths, so a run of 4,096 paths gives the same answers as one of 2,048 (and a merged
    /// run those of the whole). (Mutant of round 169: `min` as `max` searched on every path and
    /// moved the answers with --paths.)
    @Test func theEvenOddsSearchUsesAtMost2048Paths() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let baseline = Self.root.appendingPathComponent("Scenarios/baseline.yaml").path
        var answers = [[String: String]]()
        for paths in [2048, 4096] {
            let out = dir.appendingPathComponent("p\(paths)").path
            _ = try RunPipeline.run(Self.request([baseline], out: out, paths: paths))
            let t = try CSVTable(path: out + "/attainment.csv")
            let (ind, type, growth) = (
                try t.columnIndex("indicator"), try t.columnIndex("target_type"), try t.columnIndex("even_odds_growth")
            )
            var found = [String: String]()
            for row in t.rows where row[type] == "goal_cumulative" && !row[growth].isEmpty {
                found[row[ind]] = row[growth]
            }
            answers.append(found)
        }
        #expect(answers[0].count >= 5, "\(answers[0])")
        #expect(answers[0] == answers[1])
    }

    /// 101 scenario files are a usage error before anything is simulated or written.
    @Test func aRunSimulatesAtMostAHundredScenarios() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try (1...101).map { i -> String in
            let f = dir.appendingPathComponent("s\(i).yaml").path
            try "name: s\(i)\n".write(toFile: f, atomically: true, encoding: .utf8)
            return f
        }
        let out = dir.appendingPathComponent("run").path
        #expect {
            _ = try RunPipeline.run(Self.request(files, out: out))
        } throws: { e in
            (e as? RunError)?.isUsageProblem == true && "\(e)".contains("101 scenario files")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func rerunReproducesByteForByte() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenarios = Self.root.appendingPathComponent("Scenarios")
        let files = ["baseline.yaml", "rd-push.yaml"].map { scenarios.appendingPathComponent($0).path }
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        var ra = Self.request(files, out: a)
        ra.threads = 1
        _ = try RunPipeline.run(ra)
        _ = try RunPipeline.run(Self.request(files, out: b))
        let c = try RunComparison.load(a, b)
        #expect(c.reproduces, "\(c.summary)")
        #expect(c.summary.hasPrefix("REPRODUCES"))
    }

    /// A plan folder without a Scenarios/ folder runs one baseline without levers.
    @Test func planWithoutScenariosRunsABaseline() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let planCopy = dir.appendingPathComponent("a/b/plan")
        try FileManager.default.createDirectory(
            at: planCopy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.plan, toPath: planCopy.path)
        var r = Self.request([], out: dir.appendingPathComponent("run").path)
        r.planDirectory = planCopy.path
        let cwd = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(dir.path)
        defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
        let outcome = try RunPipeline.run(r)
        #expect(outcome.runs.map(\.scenario.name) == ["baseline"])
        #expect(outcome.runs[0].scenario.levers.isEmpty)
    }

    /// `--recalibration`: a fit that keeps only its intercept c gives every simulated headline
    /// goal logistic(c); the identity fit gives P itself (clipped to [0.01, 0.99]). Settled goals
    /// keep their P, milestones get none.
    @Test func recalibrationAddsAColumnForHeadlineGoals() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("r.json").path
        for (coefficients, expected) in [
            ([0.7, 0, 0, 0], { (_: Double) in 1 / (1 + exp(-0.7)) }), ([0, 1, 0, 0], { min(max($0, 0.01), 0.99) }),
        ] as [([Double], (Double) -> Double)] {
            try JSONFile.text(GoalRecalibration(coefficients: coefficients, goalYears: 1, plans: ["x"]).json)
                .write(toFile: file, atomically: true, encoding: .utf8)
            var r = Self.request([], out: dir.appendingPathComponent("run").path)
            (r.recalibration, r.force) = (file, true)
            let outcome = try RunPipeline.run(r)
            let table = try CSVTable(path: outcome.folder + "/attainment.csv")
            let (type, p, label, recalibrated) = try (
                table.columnIndex("target_type"), table.columnIndex("p_met"), table.columnIndex("label"),
                table.columnIndex("p_met_recalibrated")
            )
            var simulated = 0
            for row in table.rows {
                if !row[type].hasPrefix("goal_") || row[p] == "insufficient_data" {
                    #expect(row[recalibrated].isEmpty)
                } else if ["met", "not_met"].contains(row[label]) {
                    #expect(row[recalibrated] == row[p])
                } else {
                    simulated += 1
                    #expect(abs(Double(row[recalibrated])! - expected(Double(row[p])!)) < 1e-6)
                }
            }
            #expect(simulated >= 10)
            let manifest = try JSONFile.read(path: outcome.folder + "/manifest.json", what: "manifest")
            #expect((manifest["inputs"] as? [[String: Any]] ?? []).contains { $0["path"] as? String == file })
        }
        // A broken file stops the run before anything is written.
        try "{}".write(toFile: file, atomically: true, encoding: .utf8)
        var r = Self.request([], out: dir.appendingPathComponent("broken").path)
        r.recalibration = file
        #expect(throws: InputError.self) { try RunPipeline.run(r) }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("broken").path))
    }

    /// Counts in the memory refusal are printed whole: a `%d` format read 64-bit counts as 32-bit
    /// ones, and 10^12 paths of an edited shard request read "-727379968 paths" (2026-12-03).
    @Test func theMemoryRefusalPrintsItsCountsWhole() {
        let e = RunError.tooLarge(
            neededGB: 2, availableGB: 1, scenarios: 5, paths: 5_000_000_000, series: 4_294_967_297,
            threads: 2)
        #expect(e.description.hasPrefix("5000000000 paths × 5 scenarios of 4294967297 series with 2 threads"), "\(e)")
    }
}
