import ArgumentParser
import Foundation
import Runs

/// `plancast run`: every scenario on the plan, with attainment, forecasts, comparison,
/// sensitivity, manifest and report (DESIGN.md §5–6). The pipeline is `Runs.RunPipeline`.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            "Simulate the plan under each scenario and write attainment, forecasts, comparison, manifest and report.",
        discussion: """
            With no scenario files, runs every .yaml file in the plan folder's Scenarios/, else in \
            the Scenarios/ of its project (two levels up, as for the bundled plan), or a baseline \
            without levers if there is none. Scenarios share random draws, so their differences are \
            not noise. The same inputs and seed give byte-identical CSV files whatever --threads is.
            """)

    @Argument(help: "Scenario files (default: every .yaml in Scenarios/).")
    var scenarioFiles: [String] = []

    @OptionGroup var planOptions: PlanOptions

    @Option(
        parsing: .unconditional, help: "Ignore every observation after this year (what would the tool have said then?)."
    )
    var asOf: Int?

    @Option(parsing: .unconditional, help: "Sample paths per scenario.")
    var paths: Int = 100_000

    @Option(parsing: .unconditional, help: "Random seed.")
    var seed: UInt64 = 20220715

    @OptionGroup var threads: ThreadOptions

    @Option(help: "Output folder (default: a new folder under runs/).")
    var out: String?

    @Flag(help: "Replace the output folder even if it holds files that are not a plancast run.")
    var force = false

    @OptionGroup var output: OutputOptions

    @Flag(help: "Skip the per-lever sensitivity analysis (faster).")
    var noSensitivity = false

    @Option(
        help:
            "A recalibration fitted on finished plans (the recalibration.json of evaluate --library): attainment.csv gains p_met_recalibrated for the headline goals."
    )
    var recalibration: String?

    @Option(
        help: ArgumentHelp(
            "Compute only part K of N (K/N, or auto from a Kubernetes Indexed Job or Slurm array) into OUT/part-K-of-N; plancast merge joins the parts.",
            valueName: "K/N|auto"))
    var shard: String?

    func validate() throws {
        guard RunRequest.pathRange.contains(paths) else {
            throw ValidationError(
                OptionLanguage.pick(
                    "--paths must be between 100 and 50,000,000 (got \(paths))",
                    "--paths 必须在 100 到 50,000,000 之间（给出的是 \(paths)）"))
        }
        for f in scenarioFiles {
            if let why = unreadableReason(f, chinese: OptionLanguage.chinese) {
                throw ValidationError(
                    OptionLanguage.pick("cannot read scenario file '\(f)': \(why)", "无法读取情景文件“\(f)”：\(why)"))
            }
        }
        if let asOf, !RunRequest.yearRange.contains(asOf) {
            throw ValidationError(
                OptionLanguage.pick(
                    "--as-of must be a year from 1900 to 2200 (got \(asOf))",
                    "--as-of 必须是 1900 到 2200 之间的年份（给出的是 \(asOf)）"))
        }
        if let out, out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(OptionLanguage.pick("--out must name a folder", "--out 必须给出一个目录"))
        }
        if let shard { _ = try parseShard(shard) }
        if let recalibration, let why = unreadableReason(recalibration, chinese: OptionLanguage.chinese) {
            throw ValidationError(
                OptionLanguage.pick(
                    "cannot read recalibration file '\(recalibration)': \(why)", "无法读取再校准文件“\(recalibration)”：\(why)"))
        }
        if shard != nil && recalibration != nil {
            throw ValidationError(
                OptionLanguage.pick(
                    "--recalibration applies to a whole run: give it to a run without --shard",
                    "--recalibration 作用于整次运行：请用于不带 --shard 的运行"))
        }
    }

    func run() throws {
        var request = RunRequest(planDirectory: try planOptions.planDirectory())
        request.observations = planOptions.observations
        request.encoding = planOptions.encoding.encoding
        request.scenarioFiles = scenarioFiles
        request.asOf = asOf
        request.recalibration = recalibration
        (request.paths, request.seed, request.threads) = (paths, seed, threads.threads)
        (request.outputFolder, request.force) = (out, force)
        (request.language, request.excel, request.sensitivity) = (output.lang, output.excel, !noSensitivity)
        (request.commandLine, request.version) = (CommandLine.arguments, PlancastVersion.string)
        request.terminalWidth = Terminal.outputWidth
        if let shard {
            let part = try RunShards.run(request, shard: try parseShard(shard), progress: Terminal.progressLine())
            Terminal.clearProgressLine()
            writeStdout((output.lang == .zh ? "分片输出：" : "Part written: ") + part + "\n")
            return
        }
        let outcome = try RunPipeline.run(request, progress: Terminal.progressLine())
        Terminal.clearProgressLine()
        Run.writeWarnings(outcome)
        writeStdout(outcome.summary)
        writeStdout((outcome.language == .zh ? "输出目录：" : "Output folder: ") + outcome.folder + "\n")
    }

    /// The run's warnings on stderr, in its language: the first 20, then how many more the
    /// folder's manifest.json keeps (a plan with hundreds of doubtful rows must not bury the
    /// summary, nor lose them without a word).
    static func writeWarnings(_ outcome: RunOutcome) {
        guard !outcome.warnings.isEmpty else { return }
        var text = outcome.warnings.prefix(20).joined(separator: "\n") + "\n"
        let more = outcome.warnings.count - 20
        if more > 0 {
            text +=
                outcome.language == .zh
                ? "……另有 \(more) 条警告，见 manifest.json 的 warnings\n"
                : "… and \(more) more warnings, all in manifest.json (warnings)\n"
        }
        writeStderr(text)
    }
}
