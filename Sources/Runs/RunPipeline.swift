import Foundation
import IO
import Indicators
import Parallel
import PlanFiles
import Reporting
import Scenarios
import Simulation

/// What a finished run hands back to its caller: where it wrote, the scenario runs and the
/// summary table for the terminal.
public struct RunOutcome: Sendable {
    public let folder: String
    public let runs: [ScenarioRun]
    public let sensitivity: [ScenarioRunner.Sensitivity]
    public let summary: String
    /// What the run ignored, for stderr: observations outside the plan's data range, scenario
    /// assumptions for years that are observed.
    public let warnings: [String]
    /// The language of the tables and report (`--lang`, or the one a merged run's parts recorded).
    public let language: Language
}

/// `plancast run` as a library: plan + observations + scenarios → forecasts → simulation →
/// attainment → sensitivity → tables → report → a staged run folder with its manifest.
public enum RunPipeline {
    /// Runs `request`. `progress` receives one-line status messages (nil: silent).
    public static func run(_ request: RunRequest, progress: (@Sendable (String) -> Void)? = nil) throws -> RunOutcome {
        let t0 = Date()
        let inputs = try load(request)
        try inputs.checkMemory(
            paths: request.paths, threads: request.threads ?? Workers.defaultCount)
        // The output folder is checked and locked once the inputs are known to be good (a run that
        // fails on its input leaves nothing behind), and before the long part.
        let folder =
            try request.outputFolder.map { out throws(RunFolderError) in
                try RunFolder.prepare(out, force: request.force, inputs: inputs.paths)
            } ?? RunFolder.prepareNew(inputs: inputs.paths)
        let threads = request.threads ?? Workers.defaultCount
        let t1 = Date()
        let (runs, sensitivity) = try simulate(
            inputs, request: request, threads: threads, engine: SimulationEngine(), progress: progress)
        let t2 = Date()
        var manifest = try RunManifest.object(
            request: request, plan: inputs.plan, scenarioFiles: inputs.scenarios.files, runs: runs, threads: threads,
            timings: ["load_seconds": t1.timeIntervalSince(t0), "simulate_seconds": t2.timeIntervalSince(t1)])
        manifest["warnings"] = warnings(inputs, runs: runs, asOf: request.asOf)
        return try write(
            folder: folder, inputs: inputs, runs: runs, sensitivity: sensitivity, request: request, manifest: manifest)
    }

    /// A run's inputs, read and checked.
    struct Inputs {
        let plan: LoadedPlan
        var scenarios: LoadedScenarios
        var recalibration: GoalRecalibration? = nil
        var recalibrationFile: String? = nil
        /// `check`'s findings for a run, from one pass over the plan (it is a pass over every
        /// row: 200,000 rows took about a second each time it was made).
        let findings: PlanConsistency.RunFindings

        /// Every file and folder read, which an output folder must not hold.
        var paths: [String] {
            [plan.directory] + plan.files.map(\.path) + scenarios.files
                + (recalibrationFile.map { [$0] } ?? [])
        }

        /// Bytes of the met bits the simulation keeps for `paths` paths: one bit per path, target
        /// and scenario (scenarios are compared path by path), plus 100 MB for the rest.
        /// Measured on the bundled plan (193 targets a scenario): 40 scenarios at 1 million paths
        /// peak at 1.10 GB against 1.07 GB here; a shard part at 2.44 GB for the same share of
        /// paths, as it also holds its tally file's bytes (`checkMemory`'s `copies`).
        func memoryEstimate(paths: Int) -> Double {
            var targets = 1.0  // all goals
            for ind in plan.plan.indicators {
                targets += Double(ind.targets.count) + (ind.headline == nil ? 0 : 1) + (ind.targets.isEmpty ? 0 : 1)
            }
            return Double(paths) * targets / 8 * Double(max(1, scenarios.scenarios.count)) + 100e6
        }

        /// Bytes the simulation works in whatever the paths: a block of 2,048 paths of every
        /// series and year of the timeline (8 bytes each) about 3.5 times per thread (values,
        /// baselines, ratios, quantities) and 4.5 times besides (histograms, model). Measured on a
        /// plan of 2,000 indicators over 23 years (a block: 0.75 GB): 5.6 GB with one thread,
        /// 8.1 GB with two, against 6.0 and 8.7 GB here.
        func workingMemory(threads: Int) -> Double {
            let meta = plan.plan.metadata
            let earliest = plan.plan.observations.map(\.year).filter { meta.dataYears.contains($0) }.min()
            let years = Double(meta.lastYear - min(earliest ?? meta.firstYear, meta.firstYear) + 1)
            let series = Double(plan.plan.indicators.count + plan.plan.drivers.count)
            return series * years * Double(PlanSimulator.defaultBlockSize) * 8 * (4.5 + 3.5 * Double(max(1, threads)))
        }

        /// Refuses, before anything is written, a run that needs more memory than this machine
        /// has (the system would kill it half-way). `copies`: how many times the met bits are held
        /// at the peak (1.25 for a run; 2.5 for a shard part or a merge, which also hold the
        /// bytes of tally files).
        func checkMemory(
            paths: Int, threads: Int, copies: Double = 1.25,
            memory: Double = MemoryBudget.memory()
        ) throws {
            // The simulation runs at most one worker per block of paths.
            let block = PlanSimulator.defaultBlockSize
            let workers = max(1, min(threads, (paths + block - 1) / block))
            let needed = memoryEstimate(paths: paths) * copies + workingMemory(threads: workers)
            let available = MemoryBudget.spare(of: memory, threads: threads)
            guard needed > available else { return }
            throw RunError.tooLarge(
                neededGB: needed / 1e9, availableGB: available / 1e9, scenarios: scenarios.scenarios.count,
                paths: paths, series: plan.plan.indicators.count + plan.plan.drivers.count, threads: threads)
        }
    }

    /// The most scenario files one run simulates.
    static let maxScenarios = 100

    static func load(_ request: RunRequest) throws -> Inputs {
        let loaded = try PlanLoader.load(
            directory: request.planDirectory, observations: request.observations, encoding: request.encoding)
        let findings = try refuseInconsistent(loaded.plan)
        let files =
            request.discoverScenarios
            ? ScenarioLoader.discover(given: request.scenarioFiles, planDirectory: request.planDirectory)
            : request.scenarioFiles
        // Every scenario is simulated on every path (about a third of a second each at 100,000
        // paths): a thousand would run for many minutes.
        guard files.count <= maxScenarios else { throw RunError.tooManyScenarios(files.count) }
        let scenarios: LoadedScenarios
        if files.isEmpty {
            scenarios = LoadedScenarios(
                scenarios: [Scenario(name: "baseline", titleZh: "基准情景", titleEn: "Baseline")], files: [])
        } else {
            scenarios = try ScenarioLoader.load(paths: files, plan: loaded.plan)
        }
        let recalibration = try request.recalibration.map { path throws(InputError) in
            try GoalRecalibration.read(path: path)
        }
        return Inputs(
            plan: loaded, scenarios: scenarios, recalibration: recalibration, recalibrationFile: request.recalibration,
            findings: findings)
    }

    /// Stops before any output when `check` finds an error in the observations: the first
    /// error, located, and how many more (exit 65).
    @discardableResult
    static func refuseInconsistent(_ plan: Plan) throws(InputError) -> PlanConsistency.RunFindings {
        let findings = PlanConsistency.forRun(plan)
        let errors = findings.blocking
        guard let first = errors.first else { return findings }
        let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
        let moreZh = errors.count > 1 ? "（另有 \(errors.count - 1) 处）" : ""
        throw InputError(
            file: first.location?.file ?? plan.metadata.id, line: first.location?.line,
            column: first.location?.column, first.tag(in: .en, plan: plan) + first.message + more,
            hint: "fix the input; `plancast check` lists every finding",
            zh: first.messageZh.map { first.tag(in: .zh, plan: plan) + $0 + moreZh },
            hintZh: "请改正输入；`plancast check --lang zh` 列出全部问题")
    }

    /// Every simulation of a run, in a fixed order (scenarios, then the sensitivity reruns), by `engine`.
    static func simulate(
        _ inputs: Inputs, request: RunRequest, threads: Int, engine: SimulationEngine,
        progress: (@Sendable (String) -> Void)?
    ) throws -> ([ScenarioRun], [ScenarioRunner.Sensitivity]) {
        let plan = inputs.plan.plan
        let runs: [ScenarioRun]
        do {
            runs = try ScenarioRunner.run(
                plan: plan, scenarios: inputs.scenarios.scenarios, asOf: request.asOf, paths: request.paths,
                seed: request.seed, threads: threads, engine: engine, progress: progress, language: request.language)
        } catch {
            throw RunError.simulation("\(error)")
        }
        if let bad = runs.first(where: { !$0.result.nonFiniteSeries.isEmpty }) {
            let error = RunError.nonFinite(scenario: bad.scenario.name, series: bad.result.nonFiniteSeries)
            // At the figure that drove it there, when one of these series has a figure within a
            // few hundred orders of magnitude of the end of the range (1.7e308 grown by 2%).
            let extreme = plan.observations.filter {
                bad.result.nonFiniteSeries.contains($0.indicator) && $0.location != nil && abs($0.value) > 1e200
            }.max { abs($0.value) < abs($1.value) }
            if let at = extreme?.location {
                throw InputError(
                    file: at.file, line: at.line, column: at.column, error.description,
                    hint: "\(extreme!.text) is near the largest number a double holds: check its unit and digits",
                    zh: error.text(chinese: true),
                    hintZh: "\(extreme!.text) 接近双精度浮点数所能表示的最大值：请检查它的单位和位数")
            }
            throw error
        }
        guard request.sensitivity else { return (runs, []) }
        let paths = min(request.paths, request.sensitivityPaths)
        do {
            var sensitivity = try ScenarioRunner.sensitivity(
                runs: runs, paths: paths, seed: request.seed, threads: threads, engine: engine, progress: progress,
                language: request.language)
            if let first = runs.first {
                progress?(request.language == .zh ? "敏感性分析：把界值当作数值" : "sensitivity: reading bounds as values")
                sensitivity += try ScenarioRunner.boundReading(
                    run: first, paths: paths, seed: request.seed, threads: threads, engine: engine)
            }
            return (runs, sensitivity)
        } catch {
            throw RunError.simulation("\(error)")
        }
    }

    /// Writes the tables, report and manifest into the prepared `folder`.
    static func write(
        folder: RunFolder, inputs: Inputs, runs: [ScenarioRun], sensitivity: [ScenarioRunner.Sensitivity],
        request: RunRequest, manifest: [String: Any]
    ) throws -> RunOutcome {
        let outputs = tables(
            runs: runs, sensitivity: sensitivity, request: request, recalibration: inputs.recalibration,
            dataWarnings: inputs.findings.warnings)
        try folder.write(outputs, manifest: manifest, byteOrderMark: request.excel)
        return RunOutcome(
            folder: request.outputFolder ?? folder.path, runs: runs, sensitivity: sensitivity,
            summary: SummaryTable.render(runs, language: request.language, width: request.terminalWidth),
            warnings: warnings(inputs, runs: runs, asOf: request.asOf, language: request.language),
            language: request.language)
    }

    /// Everything the run warns of, on stderr in the run's `language` and in the manifest's
    /// `warnings` in English (a reviewer reading the folder later sees them too, worded alike
    /// whatever `--lang` the run had): `warnings(plan:scenarios:asOf:)` and the levers that move
    /// nothing (`LeverWarnings`).
    static func warnings(_ inputs: Inputs, runs: [ScenarioRun], asOf: Int?, language: Language = .en) -> [String] {
        let zh = language == .zh
        return warnings(
            plan: inputs.plan.plan, scenarios: inputs.scenarios.scenarios, asOf: asOf,
            findings: inputs.findings.warnings, language: language)
            + LeverWarnings.of(runs.map { ($0.scenario, $0.model) }).filter(\.isWarning).map {
                Self.warningWord(zh) + "\($0.place): \(zh ? $0.messageZh ?? $0.message : $0.message)"
            }
            + ShareLimitWarnings.of(runs).map { Self.warningWord(zh) + (zh ? $0.zh : $0.en) }
            + GrowthBoundWarnings.of(runs).map { Self.warningWord(zh) + (zh ? $0.zh : $0.en) }
    }

    /// "warning: " or "警告: ", the start of each line the run warns with.
    static func warningWord(_ zh: Bool) -> String {
        (zh ? Finding.Severity.warning.zh : Finding.Severity.warning.rawValue) + ": "
    }

    /// Errors of the plan's own targets (judged as written), doubtful observations (a jump by a
    /// factor of 20, a unit at another magnitude), inputs it did not use, an `--as-of` before
    /// every observation, lever names spelled apart only in case, scenario files with nothing in
    /// them. `findings`: `PlanConsistency.forRun`'s warnings when already made.
    static func warnings(
        plan: Plan, scenarios: [Scenario], asOf: Int?, findings: [Finding]? = nil, language: Language = .en
    ) -> [String] {
        let zh = language == .zh
        let warning = warningWord(zh)
        var out = (findings ?? PlanConsistency.forRun(plan).warnings).map { f in
            warning + (f.location.map { "\($0): " } ?? "") + f.tag(in: language, plan: plan)
                + (zh ? f.messageZh ?? f.message : f.message)
        }
        // An --as-of before every figure leaves nothing to forecast from: every goal reads
        // insufficient_data, which without this line looks like a plan without data.
        if let asOf, let first = plan.observations.filter({ $0.quality.isUsable }).map(\.year).min(), asOf < first {
            out.append(
                warning
                    + (zh
                        ? "--as-of \(asOf) 早于计划的第一个观测值（\(first)年）：没有任何目标有可用于预测的数据"
                        : "--as-of \(asOf) is before the plan's first observation (\(first)): no goal has data to forecast from")
            )
        }
        out += Scenario.leverSpellingWarnings(scenarios).map {
            warning + "\($0.file): \(zh ? $0.messageZh : $0.message)"
        }
        for s in scenarios {
            if let empty = zh ? s.emptyFileWarningZh : s.emptyFileWarning {
                out.append(warning + "\(s.file): \(empty)")
            }
            out += s.observedAssumptionWarnings(plan: plan, asOf: asOf, zh: zh).map { warning + "\(s.file): " + $0 }
        }
        return out
    }

    /// The run folder's files: the four CSV tables of DESIGN.md §6 and the report.
    static func tables(
        runs: [ScenarioRun], sensitivity: [ScenarioRunner.Sensitivity], request: RunRequest,
        recalibration: GoalRecalibration? = nil, dataWarnings: [Finding]? = nil
    ) -> [(name: String, text: String)] {
        let language = request.language
        var attainment = [[String]](), forecasts = [[String]]()
        // What each target would take (searched for cumulative and every-year goals on the run's
        // seed and at most 2,048 of its paths: the same in a merged run as in the whole one).
        let evenOdds = runs.map {
            EvenOddsGrowth.all(
                model: $0.model, levers: $0.scenario.levers, outcomes: $0.result.targets, seed: request.seed,
                paths: max(1, min(request.paths, 2048)),
                threads: request.threads ?? Workers.defaultCount)
        }
        for (i, r) in runs.enumerated() {
            var rows = RunTables.attainmentRows(
                scenario: r.scenario.name, model: r.model, result: r.result, language: language, evenOdds: evenOdds[i])
            if let recalibration {
                // One row per target, in the result's order.
                for (i, o) in r.result.targets.enumerated() {
                    rows[i].append(
                        recalibration.probability(o, model: r.model).map { String(format: "%.6f", $0) } ?? "")
                }
            }
            attainment += rows
            forecasts += RunTables.forecastRows(scenario: r.scenario.name, model: r.model, result: r.result)
        }
        let comparison = RunTables.comparisonRows(
            runs.map { ($0.scenario.name, $0.model, $0.result) }, language: language)
        let settings = [
            "seed": String(request.seed), "paths": String(request.paths), "as_of": request.asOf.map(String.init) ?? "",
            "version": request.version,
        ]
        return [
            (
                "attainment.csv",
                RunTables.csv(
                    header: RunTables.attainmentColumns + (recalibration == nil ? [] : ["p_met_recalibrated"]),
                    rows: attainment)
            ),
            ("forecasts.csv", RunTables.csv(header: RunTables.forecastColumns, rows: forecasts)),
            ("comparison.csv", RunTables.csv(header: RunTables.comparisonColumns, rows: comparison)),
            (
                "sensitivity.csv",
                RunTables.csv(header: RunTables.sensitivityColumns, rows: RunTables.sensitivityRows(sensitivity))
            ),
            (
                "report.html",
                HTMLReport.render(
                    runs: runs, sensitivity: sensitivity, language: language, settings: settings,
                    evenOdds: evenOdds.first, dataWarnings: dataWarnings)
            ),
        ]
    }
}

/// A run that failed for plancast's own reasons (not the user's input).
public enum RunError: Error, CustomStringConvertible {
    case simulation(String)
    /// Simulated values beyond the range of doubles: the input data are extreme (bad input).
    case nonFinite(scenario: String, series: [String])
    /// More paths × scenarios than this machine's memory holds (a usage error: exit 64).
    case tooLarge(neededGB: Double, availableGB: Double, scenarios: Int, paths: Int, series: Int, threads: Int)
    /// More scenario files than one run simulates (a usage error: exit 64).
    case tooManyScenarios(Int)

    public var description: String {
        switch self {
        case .simulation(let why): return "simulation failed: \(why)"
        case .nonFinite(let scenario, let series):
            return
                "scenario '\(scenario)': the simulated values of \(series.joined(separator: ", ")) leave the range of "
                + "double precision; check the observations and scenario amounts of these series (no output written)"
        case .tooManyScenarios(let n):
            return
                "\(n) scenario files; one run simulates at most \(RunPipeline.maxScenarios) (split them over several "
                + "runs; plancast compare puts two runs side by side). Nothing was written."
        case .tooLarge(let needed, let available, let scenarios, let paths, let series, let threads):
            return String(
                format:
                    "%ld paths × %ld scenarios of %ld series with %ld threads need about %.1f GB; this machine has "
                    + "%.1f GB to spare%@. Use fewer --paths or scenarios (--shard K/N spreads the computing over "
                    + "machines, but the merge holds every path), or fewer --threads (each works on 2,048 paths "
                    + "of every series and year at once). Nothing was written.",
                paths, scenarios, series, threads, needed, available, MemoryBudget.limitNote())
        }
    }

    /// `description`, in Chinese where `chinese` (a simulation's own failure keeps its words).
    public func text(chinese: Bool) -> String {
        guard chinese else { return description }
        switch self {
        case .simulation(let why): return "模拟失败：\(why)"
        case .nonFinite(let scenario, let series):
            return "情景“\(scenario)”：\(series.joined(separator: "、"))的模拟值超出了双精度浮点数的范围；"
                + "请检查这些序列的观测值和情景数值（未写出任何文件）"
        case .tooManyScenarios(let n):
            return "\(n) 个情景文件；一次运行最多模拟 \(RunPipeline.maxScenarios) 个（请分成几次运行；"
                + "plancast compare 可以并排比较两次运行）。未写出任何文件。"
        case .tooLarge(let needed, let available, let scenarios, let paths, let series, let threads):
            return String(
                format:
                    "%ld 条路径 × %ld 个情景、%ld 个序列、%ld 个线程约需 %.1f GB；本机可用 %.1f GB%@。"
                    + "请减少 --paths 或情景（--shard K/N 可把计算分到多台机器，但合并时仍要容纳全部路径），"
                    + "或减少 --threads（每个线程同时处理所有序列和年份的 2,048 条路径）。未写出任何文件。",
                paths, scenarios, series, threads, needed, available, MemoryBudget.limitNote(chinese: true))
        }
    }

    /// A run too large for this machine: the options ask for it (exit 64).
    public var isUsageProblem: Bool {
        switch self {
        case .tooLarge, .tooManyScenarios: return true
        case .simulation, .nonFinite: return false
        }
    }

    /// Whether the user's input caused it (exit 65) rather than plancast (exit 70).
    public var isInputProblem: Bool {
        if case .nonFinite = self { return true }
        return false
    }
}
