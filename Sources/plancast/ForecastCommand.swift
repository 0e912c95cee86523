import ArgumentParser
import Forecasting
import Foundation
import IO
import Indicators
import Parallel
import PlanFiles
import Reporting
import Runs

/// Options shared by `forecast` and `backtest`.
struct BatchOptions: ParsableArguments {
    @Option(
        help:
            "CSV with columns series_id,period,value (period an integer or a year written 2021年; gaps allowed; t or ds for period, unique_id for series_id, y for value also read), or a wide table (series_id and a column per year); - for standard input.",
        transform: standardInput)
    var input: String

    @Option(parsing: .unconditional, help: "Steps to forecast.")
    var horizon: Int

    @Option(parsing: .unconditional, help: "Central interval levels in percent, comma-separated.")
    var levels: String = "80,95"

    @Option(parsing: .unconditional, help: "Quantile levels in (0, 1), comma-separated (e.g. 0.05,0.5,0.95).")
    var quantiles: String = ""

    @Option(help: "Indicator kind of every series (auto: log if positive, sqrt with zeros, identity with negatives).")
    var kind: KindChoice = .auto

    @Option(
        help:
            "Models to combine (mean on the transformed scale): naive, drift, damped, trend, mean, theta; add @log to fit one on the transformed scale (default: drift; naive,drift with --kind share).",
        transform: Combination.parse(argument:))
    var models: Combination?

    @Option(
        help:
            "Reference library CSV (plancast library) instead of the built-in one (built from levels, or with --kind share from shares; for leave-one-collection-out evaluations)."
    )
    var library: String?

    @OptionGroup var threads: ThreadOptions

    @OptionGroup var encoding: EncodingOptions

    @Option(help: "Language of errors and warnings: en or zh (the tables' columns and codes do not change).")
    var lang: Language = .en

    var levelValues: [(label: String, value: Double)] {
        levels.split(separator: ",").map { s in
            let t = s.trimmingCharacters(in: .whitespaces); return (t, Double(t) ?? .nan)
        }
    }
    /// The quantiles asked for, with the median added at the end when missing (q0.5 is always
    /// written: point accuracy is judged on it).
    var quantileValues: [(label: String, value: Double)] {
        let asked = askedQuantiles
        return asked.contains { $0.value == 0.5 } ? asked : asked + [("0.5", 0.5)]
    }

    var askedQuantiles: [(label: String, value: Double)] {
        quantiles.split(separator: ",").map { s in
            let t = s.trimmingCharacters(in: .whitespaces); return (t, Double(t) ?? .nan)
        }
    }

    func validate() throws {
        guard (1...100).contains(horizon) else {
            throw ValidationError(
                OptionLanguage.pick(
                    "--horizon must be between 1 and 100 (got \(horizon))", "--horizon 必须在 1 到 100 之间（给出的是 \(horizon)）")
            )
        }
        for (label, v) in levelValues where !(v > 0 && v < 100) {
            throw ValidationError(
                OptionLanguage.pick(
                    "--levels: '\(label)' is not a level in percent between 0 and 100 (e.g. 80,95)",
                    "--levels：“\(label)”不是 0 到 100 之间的百分数水平（例如 80,95）"))
        }
        // Each quantile and level is a column of every row (5,000 quantiles wrote 286 MB for
        // Tourism's 518 series).
        guard askedQuantiles.count <= 1_000, levelValues.count <= 100 else {
            throw ValidationError(
                OptionLanguage.pick(
                    "at most 1,000 --quantiles and 100 --levels", "--quantiles 最多 1,000 个，--levels 最多 100 个"))
        }
        if Set(levelValues.map(\.value)).count != levelValues.count {
            throw ValidationError(OptionLanguage.pick("--levels: each level may appear once", "--levels：每个水平只能出现一次"))
        }
        if Set(askedQuantiles.map(\.value)).count != askedQuantiles.count {
            throw ValidationError(
                OptionLanguage.pick("--quantiles: each probability may appear once", "--quantiles：每个概率只能出现一次"))
        }
        for (label, v) in askedQuantiles where !(v > 0 && v < 1) {
            throw ValidationError(
                OptionLanguage.pick(
                    "--quantiles: '\(label)' is not a probability strictly between 0 and 1 (e.g. 0.05,0.5)",
                    "--quantiles：“\(label)”不是严格介于 0 和 1 之间的概率（例如 0.05,0.5）"))
        }
        try requireReadable(input)
    }

    /// The transform of a series: from --kind, or chosen from its values.
    func transform(for values: [Double]) -> Transform {
        if let k = kind.kind { return Transform.natural(for: k, values: values) }
        return Transform.automatic(values: values)
    }

    func settings() throws -> ForecastSettings {
        var s = ForecastSettings(horizon: horizon, threads: threads.count)
        if let models { (s.combination, s.shareCombination) = (models, models) }
        if let sink = Terminal.progressLine() {
            s.progress = ProgressBar.reporter(label: "forecast", unit: "series", sink)
        }
        if let library {
            do {
                let read = try ReferenceLibrary.readNotingLevels(csv: try readText(path: library))
                s.library = read.library
                s.shareLibrary = s.library
                if read.earlierLevels {
                    writeStderr(
                        lang == .zh
                            ? "警告: \(library) 由 2026-12-03 之前的 plancast 写出，其分位水平止于 0.985；现按当前水平插值读取"
                                + "（最高一级外推）。请用 plancast library 重建，以得到准确的尾部。\n"
                            : "warning: \(library) was written by a plancast before 2026-12-03, whose quantile levels "
                                + "ended at 0.985; it is read at the current levels by interpolation (its top level "
                                + "extrapolated). Rebuild it with plancast library for exact tails.\n")
                }
            } catch let e as ReferenceLibrary.ReadError {
                throw InputError(
                    file: library, line: e.line, column: e.column, "not a reference library: \(e.message)",
                    hint: "write one with plancast library", zh: "不是参照库：\(e.message)",
                    hintZh: "请用 plancast library 生成一个")
            }
        }
        // Every series of a --kind share batch is a share (the few at 0 or 100 aside, which
        // are modelled unbounded): the batch is calibrated as shares.
        return kind == .share ? s.forShares() : s
    }

    /// Refuses, before reading it, an input whose forecasts would not fit in memory (the system
    /// would kill the command half-way). Measured: 300,000 series × 15 years (96 MB) peaked at
    /// 2.06 GB at horizon 6, 21 times the file; the estimate takes 25 times, more for longer
    /// horizons.
    func checkMemory() throws {
        let bytes = MemoryBudget.bytes(of: [input])
        let needed = bytes * 25 * max(1, Double(horizon) / 6)
        let available = MemoryBudget.spare(threads: threads.count)
        guard needed > available else { return }
        throw TooLargeError(
            String(
                format:
                    "%@ (%.0f MB) would need about %.1f GB at horizon %ld; this machine has %.1f GB to spare%@. "
                    + "Split the series into several files, or use --shard K/N (each part forecasts its share). "
                    + "Nothing was written.",
                input, bytes / 1e6, needed / 1e9, horizon, available / 1e9, MemoryBudget.limitNote()),
            zh: String(
                format:
                    "%@（%.0f MB）在预测步长 %ld 时约需 %.1f GB 内存；本机可用 %.1f GB%@。"
                    + "请把序列拆成几个文件，或用 --shard K/N（每个分片预测自己的一份）。未写出任何文件。",
                input, bytes / 1e6, horizon, needed / 1e9, available / 1e9, MemoryBudget.limitNote(chinese: true)))
    }

    /// Output files that would replace the input series or the library: a usage error.
    /// Refuses an output that is an input, and two outputs that name one file (`--output X
    /// --status X` kept only the status table; a device such as /dev/null may take several).
    func refuseOverwriting(_ outputs: [(option: String, path: String?)]) throws {
        let inputs = [input] + (library.map { [$0] } ?? [])
        var written = [(option: String, path: String)]()
        for (option, path) in outputs {
            guard let path else { continue }
            if let conflict = outputConflict(path, inputs: inputs, chinese: OptionLanguage.chinese) {
                throw ValidationError(OptionLanguage.pick("\(option): \(conflict)", "\(option)：\(conflict)"))
            }
            var st = stat()
            let device = stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFCHR
            if !device, let earlier = written.first(where: { canonicalPath($0.path) == canonicalPath(path) }) {
                throw ValidationError(
                    OptionLanguage.pick(
                        "\(earlier.option) and \(option) name the same file (\(path)); give each its own",
                        "\(earlier.option) 和 \(option) 指向同一个文件（\(path)）；请各给一个"))
            }
            written.append((option, path))
        }
    }
}

/// `plancast forecast`: batch forecasts with calibrated intervals and quantiles.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast any number of yearly series with calibrated intervals and quantiles.",
        discussion: """
            Output columns: series_id,period,step,mean, then lo<L>,hi<L> per level, then q<p> per \
            quantile as written. Intervals come from pooled rolling-origin errors of the whole batch \
            (see Notebooks-data/forecast-accuracy.md). A series that cannot be forecast gets a \
            warning on stderr and a row in --status; the batch goes on.
            """)

    @OptionGroup var batch: BatchOptions

    @Option(help: "Write the forecasts here (atomically) instead of stdout.")
    var output: String?

    @Option(help: "Write series_id,status,observations,span,evidence,transform,models here.")
    var status: String?

    @Option(
        help: "Write the calibration table here: stratum,step,tau,z (pooled standardised error quantiles),own_errors.")
    var calibration: String?

    @Option(
        help: ArgumentHelp(
            "Compute only part K of N of the batch (a hash partition of series; K/N or auto, see run --shard) into OUT/part-K-of-N. Without --calibrated-by: the calibration pass; with it: the forecasts. plancast merge joins the parts.",
            valueName: "K/N|auto"))
    var shard: String?

    @Option(help: "With --shard: the calibration file that plancast merge made of the calibration parts.")
    var calibratedBy: String?

    @Option(help: "With --shard: the folder for the part folders.")
    var out: String?

    @Flag(
        help: "Start the forecasts and status CSV with a UTF-8 byte-order mark so that Excel shows Chinese series ids.")
    var excel = false

    func validate() throws {
        if excel && shard != nil {
            throw ValidationError(
                OptionLanguage.pick(
                    "--excel goes with a whole batch, not with --shard (parts are read by plancast merge)",
                    "--excel 用于整批预测，不能与 --shard 同用（分片由 plancast merge 读取）"))
        }
        if let shard {
            _ = try parseShard(shard)
            guard out != nil else {
                throw ValidationError(
                    OptionLanguage.pick(
                        "--shard needs --out (the folder for the part folders)", "--shard 需要 --out（存放各分片目录的目录）"))
            }
            if output != nil || status != nil || calibration != nil {
                throw ValidationError(
                    OptionLanguage.pick(
                        "--shard writes a part folder; --output, --status and --calibration are written by plancast merge",
                        "--shard 写出分片目录；--output、--status 和 --calibration 由 plancast merge 写出"))
            }
        } else if calibratedBy != nil || out != nil {
            throw ValidationError(
                OptionLanguage.pick(
                    "--calibrated-by and --out go with --shard", "--calibrated-by 和 --out 与 --shard 一起使用"))
        }
        try batch.refuseOverwriting([("--output", output), ("--status", status), ("--calibration", calibration)])
    }

    func run() throws {
        if shard == nil { try batch.checkMemory() }
        let input = try SeriesInput(path: batch.input, encoding: batch.encoding.encoding, kind: batch.kind.kind)
        var job = ForecastJob(
            settings: try batch.settings(), levels: batch.levelValues, quantiles: batch.quantileValues,
            kind: batch.kind.kind)
        job.chinese = batch.lang == .zh
        if let shard, let out {
            let request = try ForecastShards.Request(
                input: batch.input, job: job, library: batch.library, commandLine: CommandLine.arguments,
                version: PlancastVersion.string)
            let part = try ForecastShards.run(
                input, request: request, shard: try parseShard(shard), out: out, calibratedBy: calibratedBy)
            Terminal.clearProgressLine()
            writeStdout((batch.lang == .zh ? "分片输出：" : "Part written: ") + part.path + "\n")
            printWarnings(part.warnings)
            return
        }
        let files = job.run(input)
        Terminal.clearProgressLine()
        // A batch in which no series can be forecast is an input error, not an empty success:
        // a script would otherwise read a header-only file as "no forecasts needed".
        if files.seriesWritten == 0 {
            printWarnings(files.warnings)
            // Located at the first series, whose warning comes first above.
            throw InputError(
                file: batch.input, line: input.series.first?.line,
                "no series could be forecast (\(input.series.count) read; see the warnings above)",
                hint: "give each series at least one finite value within the range of double precision",
                zh: "没有一个序列能够预测（读入 \(input.series.count) 个；见上面的警告）",
                hintZh: "请给每个序列至少一个在双精度范围内的有限数值")
        }
        // Series ids may be Chinese (a wide table's indicator names): Excel reads a CSV without
        // a byte-order mark in the system's code page.
        let mark = excel ? "\u{FEFF}" : ""
        if let output {
            try writeTextAtomically(mark + files.forecasts, to: output)
        } else {
            writeStdout(mark + files.forecasts)
        }
        if let calibration { try writeTextAtomically(files.calibration, to: calibration) }
        if let status { try writeTextAtomically(mark + files.status, to: status) }
        printWarnings(files.warnings)
    }

    func printWarnings(_ warnings: [String]) {
        guard !warnings.isEmpty else { return }
        let shown = warnings.prefix(20).joined(separator: "\n")
        let more =
            warnings.count <= 20
            ? ""
            : batch.lang == .zh
                ? "\n……另有 \(warnings.count - 20) 条警告（见 --status）"
                : "\n… and \(warnings.count - 20) more warnings (see --status)"
        writeStderr(shown + more + "\n")
    }
}
