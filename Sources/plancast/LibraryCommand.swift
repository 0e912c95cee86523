import ArgumentParser
import Forecasting
import Foundation
import IO
import Indicators
import PlanFiles

/// `plancast library`: builds a reference library of standardised forecast errors from whole
/// yearly series (every row of the input, train and test alike).
struct LibraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library",
        abstract: "Build a reference library (calibration for small batches and short series) from real yearly series.",
        discussion: """
            Each input is a series_id,period,value table (other columns ignored; a split column is \
            not used: every row counts). The library is written as CSV (stratum,step,errors,level,z); \
            pass it to forecast or backtest with --library, or rebuild the built-in one with \
            scripts/build-reference-library.
            """)

    @Option(
        name: .customLong("input"), help: "A collection of yearly series (repeat for several; - for standard input).",
        transform: standardInput)
    var inputs: [String]

    @Option(help: "Where to write the library (CSV).")
    var output: String

    @Option(help: "A line saying where the series come from (kept in the file).")
    var source: String?

    @Option(
        help:
            "Indicator kind of every series (auto: log if positive, sqrt with zeros, identity with negatives; share: logit)."
    )
    var kind: KindChoice = .auto

    @Option(
        help:
            "Models whose errors the library holds (as forecast --models; the library is for forecasts made with the same).",
        transform: Combination.parse(argument:))
    var models: Combination = .standard

    @OptionGroup var threads: ThreadOptions

    @Option(help: "Language of messages and errors: en or zh (the library file does not change).")
    var lang: Language = .en

    func validate() throws {
        guard !inputs.isEmpty else {
            throw ValidationError(OptionLanguage.pick("give at least one --input", "请至少给出一个 --input"))
        }
        if let conflict = outputConflict(output, inputs: inputs, chinese: OptionLanguage.chinese) {
            throw ValidationError(OptionLanguage.pick("--output: \(conflict)", "--output：\(conflict)"))
        }
        // The same collection twice would weigh each of its series double.
        var seen = [String: String]()
        for path in inputs {
            if let first = seen.updateValue(path, forKey: canonicalPath(path)) {
                throw ValidationError(
                    OptionLanguage.pick(
                        "--input: \(path) is the same file as \(first); give each collection once",
                        "--input：\(path) 与 \(first) 是同一个文件；每个序列集只给一次"))
            }
        }
    }

    func run() throws {
        // Every series is cut into windows ending at every year, each forecast ten steps: the
        // development sets (376 kB) took 0.36 s and 49 MB, about 60 bytes of memory a byte of
        // input beyond a fixed 30 MB. Refused before reading when that cannot fit.
        let bytes = MemoryBudget.bytes(of: inputs)
        let needed = 30e6 + 60 * bytes
        let available = MemoryBudget.spare(threads: threads.count)
        if needed > available {
            throw TooLargeError(
                String(
                    format:
                        "the inputs (%.0f MB) would need about %.1f GB; this machine has %.1f GB to spare%@. "
                        + "Build the library from fewer series. Nothing was written.",
                    bytes / 1e6, needed / 1e9, available / 1e9, MemoryBudget.limitNote()),
                zh: String(
                    format: "这些输入（%.0f MB）约需 %.1f GB 内存；本机可用 %.1f GB%@。请用更少的序列构建参考库。未写出任何文件。",
                    bytes / 1e6, needed / 1e9, available / 1e9, MemoryBudget.limitNote(chinese: true)))
        }
        var series = [YearlySeries]()
        var names = [String]()
        // Series of one value teach nothing of change; a split's test rows are used (a library
        // is built from whole series). Both are said, not done silently.
        var (short, withTest) = (0, false)
        for path in inputs {
            let input = try SeriesInput(path: path, kind: kind.kind)
            withTest = withTest || input.series.contains { $0.isTest.contains(true) }
            for s in input.series {
                if s.values.count >= 2, let ys = try? YearlySeries(periods: s.periods, values: s.values) {
                    series.append(ys)
                } else {
                    short += 1
                }
            }
            names.append("\(URL(fileURLWithPath: path).lastPathComponent) (\(input.series.count) series)")
        }
        guard series.count >= 10 else {
            throw DataError(
                "\(inputs.joined(separator: ", ")): \(series.count) series with at least 2 values; a library needs at least 10",
                zh: "\(inputs.joined(separator: "、"))：至少有 2 个值的序列只有 \(series.count) 个；参考库至少需要 10 个")
        }
        let library = ReferenceLibrary.build(
            series, kind: kind.kind, combination: models, source: source ?? names.joined(separator: ", "),
            threads: threads.count)
        try writeTextAtomically(library.csv, to: output)
        func t(_ english: String, _ chinese: String) -> String { lang == .zh ? chinese : english }
        let notes =
            (short > 0 ? t("; \(short) series with fewer than two values left out", "；\(short) 个少于两个值的序列未用") : "")
            + (withTest
                ? t(
                    "; rows marked split=test used (a library is built from whole series)",
                    "；标为 split=test 的行也用了（参考库由完整序列构建）")
                : "")
        writeStdout(
            t(
                "library: \(series.count) series, s0 = \(library.s0); written to \(output)",
                "参考库：\(series.count) 个序列，s0 = \(library.s0)；已写入 \(output)") + notes + "\n")
    }
}
