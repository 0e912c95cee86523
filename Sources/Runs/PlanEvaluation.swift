import Foundation
import IO
import Indicators
import Parallel
import PlanFiles
import Reporting
import Scenarios
import Simulation

/// Everything `plancast evaluate` was asked to do.
public struct EvaluationRequest: Sendable {
    public var planDirectory: String
    public var observations: String?
    public var encoding: TextEncoding = .auto
    /// Recorded outcomes of the plan's headline goals (`OutcomesLoader`).
    public var outcomes: String
    /// Judge as of each of these years (observations after it ignored).
    public var asOf: [Int]
    public var paths = 20_000
    public var seed: UInt64 = 20220715
    public var threads: Int?
    /// The base-rate rule's probability (the share of goals met in other plans), given…
    public var baseRate: Double?
    /// …or counted from other plans' outcomes files.
    public var baseRateFrom: [String] = []
    /// A library of finished plans instead of one: every subfolder with plan.yaml and
    /// outcomes.csv, each judged as of `yearsAfterBase` with the base rate of the others.
    public var library: String?
    public var yearsAfterBase = [2, 3]
    /// A recalibration fitted on past plans (`recalibration.json` of a library evaluation), to
    /// apply to a single plan's P(met).
    public var recalibration: String?
    public var outputFolder: String
    public var force = false
    public var language: Language = .zh
    /// Start the CSV files with a UTF-8 byte-order mark (`--excel`), so that Excel shows the
    /// Chinese names in evaluation.csv.
    public var excel = false
    /// The terminal's width, when the summary goes to one.
    public var terminalWidth: Int?
    public var commandLine: [String] = []
    public var version = "0.1.0"

    public init(planDirectory: String, outcomes: String, asOf: [Int], outputFolder: String) {
        (self.planDirectory, self.outcomes, self.asOf, self.outputFolder) = (
            planDirectory, outcomes, asOf, outputFolder
        )
    }
}

/// `plancast evaluate` (issue 14): how well P(met) foretold a finished plan. As of each year,
/// the baseline (no levers) is simulated on the observations up to that year, and each headline
/// goal's P(met) is set against its recorded outcome, with two rules a planner could use
/// instead: the straight line through the last three points (`TrendRule`; with fewer than two
/// points it falls back to the base rate, or 0.5 without one) and the base rate of goals met in
/// other plans.
public enum PlanEvaluation {
    public struct Outcome: Sendable {
        public let folder: String
        public let scores: String
        /// The scores as a table for the terminal.
        public let summary: String
        public let rows: [EvaluationReport.Row]
        /// Warnings for the terminal (as-of years that do not test foresight).
        public var warnings: [String] = []
    }

    public static func run(_ request: EvaluationRequest) throws -> Outcome {
        var loadedFiles = [InputFile]()
        var warnings = [String]()
        var rows = [EvaluationReport.Row]()
        var title = ""
        var baseRates = [Double?]()
        var recalibration: GoalRecalibration?
        let folder: RunFolder
        if let library = request.library {
            let (plans, incomplete) = try libraryPlans(library, language: request.language)
            warnings += incomplete
            let outcomes = try plans.map { p throws(InputError) in
                try OutcomesLoader.load(path: p.outcomes, plan: p.loaded.plan, encoding: request.encoding)
            }
            // Checked and locked once the inputs are known to be good, before the long part.
            folder = try RunFolder.prepare(
                request.outputFolder, force: request.force, layout: .evaluation, inputs: [library])
            for (i, p) in plans.enumerated() {
                // Leave one plan out: the base rate of the other plans' goals.
                let others = outcomes.indices.filter { $0 != i }.flatMap { outcomes[$0].values }
                let rate = others.isEmpty ? nil : Double(others.filter(\.met).count) / Double(others.count)
                baseRates.append(rate)
                let m = p.loaded.plan.metadata
                warnings += hindsight(
                    request.yearsAfterBase.map { m.baseYear + $0 }, plan: m, language: request.language)
                rows += try judge(
                    p.loaded.plan, outcomes: outcomes[i], asOf: request.yearsAfterBase.map { m.baseYear + $0 },
                    baseRate: rate, request: request)
                loadedFiles += p.loaded.files + [InputFile(role: "outcomes", path: p.outcomes)]
            }
            // What the other plans teach, never the plan being judged; then one fit on them all
            // (recalibration.json) for plans judged later.
            rows = zip(rows, GoalRecalibration.leaveOnePlanOut(rows)).map { $0.with(3, $1) }
            recalibration = GoalRecalibration.fit(rows)
            title =
                request.language == .en
                ? "Evaluation against known outcomes: \(plans.count) plans, leave one plan out"
                : "已知结果检验：\(plans.count) 个规划，留一规划检验"
        } else {
            let loaded = try PlanLoader.load(
                directory: request.planDirectory, observations: request.observations, encoding: request.encoding)
            try RunPipeline.refuseInconsistent(loaded.plan)
            let outcomes = try OutcomesLoader.load(
                path: request.outcomes, plan: loaded.plan, encoding: request.encoding)
            let rate = try request.baseRate ?? baseRate(from: request.baseRateFrom, encoding: request.encoding)
            baseRates.append(rate)
            let given = try request.recalibration.map { path throws(InputError) in
                try GoalRecalibration.read(path: path)
            }
            folder = try RunFolder.prepare(
                request.outputFolder, force: request.force, layout: .evaluation,
                inputs: [loaded.directory, request.outcomes] + loaded.files.map(\.path) + request.baseRateFrom
                    + (request.recalibration.map { [$0] } ?? []))
            rows = try judge(loaded.plan, outcomes: outcomes, asOf: request.asOf, baseRate: rate, request: request)
            if let given {
                rows = rows.map { r in
                    r.with(
                        3,
                        r.p[0].map {
                            given.probability(
                                pModel: $0, commitment: r.commitment, trend: r.p[1], direction: r.direction)
                        })
                }
            }
            loadedFiles =
                loaded.files + [InputFile(role: "outcomes", path: request.outcomes)]
                + request.baseRateFrom.map { InputFile(role: "base_rate", path: $0) }
                + (request.recalibration.map { [InputFile(role: "recalibration", path: $0)] } ?? [])
            let plan = loaded.plan.metadata
            warnings += hindsight(request.asOf, plan: plan, language: request.language)
            title =
                (request.language == .en ? "Evaluation against known outcomes: " : "已知结果检验：")
                + plan.title(in: request.language)
        }
        var outputs: [(name: String, text: String)] = [
            ("evaluation.csv", EvaluationReport.rowsCSV(rows)), ("scores.csv", EvaluationReport.scoresCSV(rows)),
            ("reliability.csv", EvaluationReport.reliabilityCSV(rows)),
            ("report.html", EvaluationReport.html(rows, title: title, language: request.language)),
        ]
        if let recalibration { outputs.append(("recalibration.json", JSONFile.text(recalibration.json))) }
        let inputs = try RunManifest.digests(loadedFiles)
        let manifest: [String: Any] = [
            "tool": "plancast", "version": request.version, "command": request.commandLine, "inputs": inputs,
            "as_of": request.library == nil ? request.asOf : [], "years_after_base": request.yearsAfterBase,
            "paths": request.paths, "seed": request.seed, "base_rates": baseRates.map { $0 ?? NSNull() as Any },
            "excel": request.excel,
        ]
        try folder.write(outputs, manifest: manifest, byteOrderMark: request.excel)
        return Outcome(
            folder: request.outputFolder, scores: outputs[1].text,
            summary: EvaluationReport.summary(rows, language: request.language, width: request.terminalWidth),
            rows: rows, warnings: warnings)
    }

    /// As-of years at or after a plan's last year, whose outcomes are already observed.
    static func hindsight(_ years: [Int], plan: PlanMetadata, language: Language = .en) -> [String] {
        years.filter { $0 >= plan.lastYear }.map {
            RunPipeline.warningWord(language == .zh)
                + (language == .zh
                    ? "\(plan.id)：截至\($0)年，规划末年\(plan.lastYear)年已有观测：其得分衡量的是事后判断，而非预见"
                    : "\(plan.id): as of \($0) the plan's last year \(plan.lastYear) is already observed: its scores measure hindsight, not foresight")
        }
    }

    /// The plans of a library folder: subfolders with plan.yaml and outcomes.csv, by name; and a
    /// warning for each subfolder with one of the two but not both, which is left out (a
    /// misnamed outcome.csv left its plan out in silence until 2026-12-03). Folders with neither
    /// are not plans and say nothing.
    static func libraryPlans(_ dir: String, language: Language = .en) throws
        -> (plans: [(loaded: LoadedPlan, outcomes: String)], warnings: [String])
    {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: dir) else {
            throw InputError(file: dir, "cannot read the plan library folder", zh: "无法读取规划库文件夹")
        }
        var out = [(loaded: LoadedPlan, outcomes: String)]()
        var warnings = [String]()
        for e in entries.sorted() {
            let p = dir + "/" + e
            // Not skipped as "not a plan": a plan left out of the evaluation in silence.
            if e.contains("\u{FFFD}") { throw notUTF8Name(p) }
            let (plan, outcomes) = (fm.fileExists(atPath: p + "/plan.yaml"), fm.fileExists(atPath: p + "/outcomes.csv"))
            guard plan, outcomes else {
                if plan != outcomes {
                    let missing = plan ? "outcomes.csv" : "plan.yaml"
                    warnings.append(
                        RunPipeline.warningWord(language == .zh)
                            + (language == .zh
                                ? "\(InputError.oneLine(p))：缺少 \(missing)，未纳入评估"
                                : "\(InputError.oneLine(p)): no \(missing), so the folder is left out of the evaluation")
                    )
                }
                continue
            }
            let loaded = try PlanLoader.load(directory: p)
            try RunPipeline.refuseInconsistent(loaded.plan)
            out.append((loaded, p + "/outcomes.csv"))
        }
        // Plans are told apart by id (scores, leave one plan out): two folders with one id would
        // be judged as one plan, each with itself among the "other" plans.
        var seen = [String: String]()
        for p in out {
            let id = p.loaded.plan.metadata.id
            if let first = seen[id] {
                let file = p.loaded.directory + "/plan.yaml"
                let (line, column) = idPosition(file)
                throw InputError(
                    file: file, line: line, column: column, "plan id '\(id)' is also the id of \(first)",
                    hint: "give each plan of a library its own id", zh: "规划代码“\(id)”也是 \(first) 的代码",
                    hintZh: "请给库中的每个规划取不同的代码")
            }
            seen[id] = p.loaded.directory + "/plan.yaml"
        }
        guard out.count >= 2 else {
            throw InputError(
                file: dir, "holds \(out.count) plan folder\(out.count == 1 ? "" : "s") with plan.yaml and outcomes.csv",
                hint: "a library needs at least two finished plans (each judged with the base rate of the others)",
                zh: "只有 \(out.count) 个同时含 plan.yaml 和 outcomes.csv 的规划文件夹",
                hintZh: "规划库至少需要两个已结束的规划（每个规划都用其余规划的基准率来评判）")
        }
        return (out, warnings)
    }

    /// Line and column of the value of a top-level `id:` in a plan.yaml (nils if not found).
    static func idPosition(_ file: String) -> (Int?, Int?) {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return (nil, nil) }
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        where line.hasPrefix("id:") {
            let value = line.dropFirst(3).prefix { $0 == " " }.count
            return (i + 1, 4 + value)
        }
        return (nil, nil)
    }

    /// Every headline goal of `plan` with an outcome, as of each year.
    static func judge(
        _ plan: Plan, outcomes: [String: GoalOutcome], asOf years: [Int], baseRate: Double?,
        request: EvaluationRequest
    ) throws -> [EvaluationReport.Row] {
        let threads = request.threads ?? Workers.defaultCount
        let baseline = Scenario(name: "baseline", titleZh: "基准情景", titleEn: "Baseline")
        var rows = [EvaluationReport.Row]()
        for year in years {
            let runs: [ScenarioRun]
            do {
                runs = try ScenarioRunner.run(
                    plan: plan, scenarios: [baseline], asOf: year, paths: request.paths, seed: request.seed,
                    threads: threads)
            } catch {
                throw RunError.simulation("\(error)")
            }
            let run = runs[0]
            for o in run.result.targets where o.spec.kind == .goal {
                let id = run.model.series[o.spec.series!].id
                guard let outcome = outcomes[id], let ind = plan.indicator(id), let goal = ind.headline else {
                    continue
                }
                let trend = GoalRecalibration.trend(o, model: run.model)
                rows.append(
                    EvaluationReport.Row(
                        plan: plan.metadata.id, asOf: year, indicator: id,
                        name: ind.name(in: request.language), commitment: ind.commitment,
                        goal: statement(
                            goal, threshold: o.spec.threshold, direction: ind.direction, year: plan.metadata.lastYear),
                        goalZh: statement(
                            goal, threshold: o.spec.threshold, direction: ind.direction, year: plan.metadata.lastYear,
                            zh: true),
                        direction: ind.direction, p: [o.pMet, trend ?? baseRate ?? 0.5, baseRate],
                        outcome: outcome.met))
            }
        }
        return rows
    }

    /// The goal as written, and the level it is judged on: "growth 8% a year (2015 ≥ 2439.08)",
    /// or in Chinese "年均增长 8%（2015年 ≥ 2439.08）".
    static func statement(
        _ goal: HeadlineGoal, threshold: Double, direction: Direction, year: Int, zh: Bool = false
    ) -> String {
        let level = threshold.isFinite ? String(format: "%.6g", threshold) : "?"
        let sign = direction == .increase ? "≥" : "≤"
        let v = CSVFormat.short(goal.value)
        switch goal.form {
        case .level: return "\(zh ? goal.ruleTextZh : goal.rule.rawValue) \(v)"
        case .growth:
            return zh ? "年均增长 \(v)%（\(year)年 \(sign) \(level)）" : "growth \(v)% a year (\(year) \(sign) \(level))"
        case .change:
            return zh
                ? "较基期变化 \(v)%（\(year)年 \(sign) \(level)）" : "change \(v)% vs base year (\(year) \(sign) \(level))"
        }
    }

    /// The share of goals met in other plans' outcomes files (nil without any).
    static func baseRate(from files: [String], encoding: TextEncoding) throws(InputError) -> Double? {
        var metCount = 0, all = 0
        for f in files {
            let t = try CSVTable(path: f, encoding: encoding)
            let c = try t.columnIndex("met")
            for (k, row) in t.rows.enumerated() {
                guard let met = OutcomesLoader.met(row[c]) else {
                    throw InputError(
                        file: f, line: t.lines[k], column: c + 1, "'\(row[c])' is not met or not met",
                        hint: "write 1 (met) or 0 (not met)", zh: "“\(row[c])”既不是达成也不是未达成",
                        hintZh: "请写 1（达成）或 0（未达成）")
                }
                if met { metCount += 1 }
                all += 1
            }
        }
        return all > 0 ? Double(metCount) / Double(all) : nil
    }
}
