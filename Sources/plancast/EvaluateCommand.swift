import ArgumentParser
import Foundation
import Indicators
import Runs

/// `plancast evaluate`: P(met) of a finished plan's goals, as of chosen years, scored against
/// what happened and against the rules a planner would use instead.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score P(met) of a finished plan's goals against their recorded outcomes.",
        discussion: """
            As of each year given, simulates the plan's baseline on the observations up to that \
            year and sets each headline goal's P(met) against its outcome (--outcomes: columns \
            indicator,met). Reference rules: the straight line through the last three published figures \
            (p = 1 if it reaches the goal) and the base rate of goals met in other plans \
            (--base-rate, or counted from --base-rate-from files). With --library, the model's \
            P is also recalibrated on the other plans' outcomes (logistic, on its logit, binding \
            or expected, the trend rule, and increase or decrease; leave one plan out) and the \
            fit on all plans is \
            written to recalibration.json, which --recalibration applies to a later plan. Writes \
            evaluation.csv, scores.csv (Brier, log score, sharpness), reliability.csv and \
            report.html.
            """)

    @OptionGroup var planOptions: PlanOptions

    @Option(help: "Outcomes of the plan's headline goals: indicator,met (1/0) and optionally value, source_title.")
    var outcomes: String?

    @Option(
        parsing: .unconditional, help: "Years to judge as of, comma-separated (e.g. 2012,2013).",
        transform: Evaluate.years)
    var asOf: [Int]?

    @Option(
        help:
            "A library of finished plans (subfolders with plan.yaml and outcomes.csv) instead of one: each is judged with the base rate of the others (leave one plan out)."
    )
    var library: String?

    @Option(
        parsing: .unconditional,
        help: "With --library: judge each plan as of these years after its base year (default: 2,3).",
        transform: Evaluate.offsets)
    var yearsAfterBase: [Int]?

    @Option(
        help:
            "A recalibration fitted on finished plans (the recalibration.json of an evaluation with --library), applied to this plan's P(met) as the 'recalibrated' method."
    )
    var recalibration: String?

    @Option(parsing: .unconditional, help: "Sample paths per year.")
    var paths: Int = 20_000

    @Option(parsing: .unconditional, help: "Random seed.")
    var seed: UInt64 = 20220715

    @Option(parsing: .unconditional, help: "The share of goals met in other plans (the base-rate rule).")
    var baseRate: Double?

    @Option(help: "Outcomes files of other plans, to count the base rate from.")
    var baseRateFrom: [String] = []

    @OptionGroup var threads: ThreadOptions

    @Option(help: "Output folder.")
    var out: String

    @Flag(help: "Replace the output folder even if it holds files that are not a plancast evaluation.")
    var force = false

    @Option(help: "Language of names and the report: zh or en.")
    var lang: Language = .zh

    @Flag(help: "Start CSV files with a UTF-8 byte-order mark so that Excel shows Chinese names.")
    var excel = false

    static func years(_ text: String) throws -> [Int] {
        try whole(text, in: 1900...2200, option: "--as-of", what: ("years", "年份"), example: "2012,2013")
    }

    static func offsets(_ text: String) throws -> [Int] {
        try whole(text, in: 0...50, option: "--years-after-base", what: ("numbers of years", "年数"), example: "2,3")
    }

    /// Whole numbers separated by commas, each in `range` and each once (a year given twice was
    /// judged twice and weighed double in the scores).
    static func whole(
        _ text: String, in range: ClosedRange<Int>, option: String, what: (en: String, zh: String), example: String
    ) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let ys = parts.compactMap { Int($0) }
        guard ys.count == parts.count, !ys.isEmpty, ys.allSatisfy({ range.contains($0) }) else {
            throw ValidationError(
                OptionLanguage.pick(
                    "\(option): write \(what.en) separated by commas, e.g. \(example)",
                    "\(option)：请写出以逗号分隔的\(what.zh)（\(range.lowerBound)–\(range.upperBound)），例如 \(example)"))
        }
        guard Set(ys).count == ys.count else {
            throw ValidationError(
                OptionLanguage.pick("\(option): each year may appear once", "\(option)：每个年份只能出现一次"))
        }
        return ys
    }

    func validate() throws {
        if library == nil && (outcomes == nil || asOf == nil) {
            throw ValidationError(
                OptionLanguage.pick(
                    "give --outcomes and --as-of for one plan, or --library for a library of plans",
                    "评估一个规划请给出 --outcomes 和 --as-of，评估一组规划请给出 --library"))
        }
        if let recalibration, let why = unreadableReason(recalibration, chinese: OptionLanguage.chinese) {
            throw ValidationError(
                OptionLanguage.pick(
                    "cannot read recalibration file '\(recalibration)': \(why)", "无法读取再校准文件“\(recalibration)”：\(why)"))
        }
        if library != nil && recalibration != nil {
            throw ValidationError(
                OptionLanguage.pick(
                    "--library fits its own recalibration leave one plan out; --recalibration is for one plan",
                    "--library 以留一法拟合自己的再校准；--recalibration 用于单个规划"))
        }
        if library == nil && yearsAfterBase != nil {
            throw ValidationError(
                OptionLanguage.pick(
                    "--years-after-base goes with --library; for one plan give --as-of",
                    "--years-after-base 与 --library 一起使用；单个规划请给出 --as-of"))
        }
        if library != nil && (outcomes != nil || asOf != nil) {
            throw ValidationError(
                OptionLanguage.pick(
                    "--library takes each plan's outcomes.csv and judges as of --years-after-base",
                    "--library 读取每个规划自己的 outcomes.csv，并按 --years-after-base 评估"))
        }
        guard paths >= 100 && paths <= 10_000_000 else {
            throw ValidationError(
                OptionLanguage.pick(
                    "--paths must be between 100 and 10,000,000 (got \(paths))",
                    "--paths 必须在 100 到 10,000,000 之间（给出的是 \(paths)）"))
        }
        if let baseRate, !(baseRate >= 0 && baseRate <= 1) {
            throw ValidationError(
                OptionLanguage.pick(
                    "--base-rate must be a share between 0 and 1 (got \(baseRate))",
                    "--base-rate 必须是 0 到 1 之间的比例（给出的是 \(baseRate)）"))
        }
        if out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(OptionLanguage.pick("--out must name a folder", "--out 必须给出一个目录"))
        }
    }

    func run() throws {
        var r = EvaluationRequest(
            planDirectory: library == nil ? try planOptions.planDirectory() : "", outcomes: outcomes ?? "",
            asOf: asOf ?? [], outputFolder: out)
        (r.library, r.yearsAfterBase, r.recalibration) = (library, yearsAfterBase ?? [2, 3], recalibration)
        r.observations = planOptions.observations
        r.encoding = planOptions.encoding.encoding
        (r.paths, r.seed, r.threads) = (paths, seed, threads.threads)
        (r.baseRate, r.baseRateFrom, r.force, r.language, r.excel) = (baseRate, baseRateFrom, force, lang, excel)
        (r.commandLine, r.version) = (CommandLine.arguments, PlancastVersion.string)
        r.terminalWidth = Terminal.outputWidth
        let outcome = try PlanEvaluation.run(r)
        for w in outcome.warnings { writeStderr(w + "\n") }
        for y in asOf ?? [] where !outcome.rows.contains(where: { $0.asOf == y && $0.p[0] != nil }) {
            writeStderr("warning: as of \(y) the model can judge none of the goals (no observations yet)\n")
        }
        writeStdout(outcome.summary)
        writeStdout((lang == .zh ? "输出目录：" : "Output folder: ") + outcome.folder + "\n")
    }
}
