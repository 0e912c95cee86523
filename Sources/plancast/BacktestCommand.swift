import ArgumentParser
import Forecasting
import Foundation
import IO
import PlanFiles
import Reporting

/// `plancast backtest`: out-of-sample accuracy and calibration of the batch forecaster.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Score the forecaster out of sample: sMAPE, MASE, coverage, MSIS, pinball loss, Brier score, ECE.",
        discussion: """
            With a split column (train/test) each series is forecast from its train rows and scored on \
            its test rows; without one, from rolling origins: the last --origins cuts, each holding \
            out --horizon values. Metrics follow shared/bench/score_forecasts.py. Output: metric,value.
            """)

    @OptionGroup var batch: BatchOptions

    @Option(parsing: .unconditional, help: "Rolling origins per series when the input has no split column.")
    var origins: Int = 3

    @Option(help: "Write the metrics here (atomically) instead of stdout.")
    var output: String?

    @Option(
        help:
            "Also write the forecasts of the (last) origin here, in the forecast format with horizon_step for the scorer."
    )
    var forecasts: String?

    @Flag(help: "Start the CSV output with a UTF-8 byte-order mark so that Excel shows Chinese series ids.")
    var excel = false

    func validate() throws {
        guard (1...1000).contains(origins) else {
            throw ValidationError(
                OptionLanguage.pick(
                    "--origins must be between 1 and 1000 (got \(origins))",
                    "--origins 必须在 1 到 1000 之间（给出的是 \(origins)）"))
        }
        try batch.refuseOverwriting([("--output", output), ("--forecasts", forecasts)])
    }

    func run() throws {
        try batch.checkMemory()
        let input = try SeriesInput(path: batch.input, encoding: batch.encoding.encoding, kind: batch.kind.kind)
        let start = Date()
        let series = input.series.map {
            BacktestDesign.Series(id: $0.id, periods: $0.periods, values: $0.values, isTest: $0.isTest)
        }
        if input.hasSplit { warnUnscored(series) }
        let batches =
            input.hasSplit
            ? BacktestDesign.heldOut(series, transform: batch.transform(for:))
            : BacktestDesign.rollingOrigins(
                series, horizon: batch.horizon, origins: origins, transform: batch.transform(for:))
        var scored = [[(String, Double)]]()
        var lastBatch: ForecastBatch?
        let levels = batch.levelValues.map(\.value), quantiles = batch.quantileValues.map(\.value)
        for units in batches where !units.isEmpty {
            let (m, b) = Backtest.evaluate(units, settings: try batch.settings(), levels: levels, quantiles: quantiles)
            scored.append(m)
            lastBatch = b
        }
        Terminal.clearProgressLine()
        guard !scored.isEmpty else {
            // Located at the longest series, which is what would have to grow.
            let longest = input.series.max { $0.values.count < $1.values.count }
            if input.hasSplit {
                throw InputError(
                    file: batch.input, line: longest?.line, "no series has a value marked 'train'",
                    hint: "mark the values a forecast may use as train and those it is scored on as test",
                    zh: "没有一个序列有标为“train”的值", hintZh: "请把预测可用的值标为 train，把用来评分的值标为 test")
            }
            throw InputError(
                file: batch.input, line: longest?.line,
                "no series is long enough to hold out \(batch.horizon) values (at least \(batch.horizon + 3) each); the longest, '\(longest?.id ?? "")', has \(longest?.values.count ?? 0)",
                hint: "lower --horizon, or give longer series",
                zh:
                    "没有一个序列长到能留出 \(batch.horizon) 个值（每个至少需要 \(batch.horizon + 3) 个）；最长的“\(longest?.id ?? "")”有 \(longest?.values.count ?? 0) 个",
                hintZh: "请减小 --horizon，或给出更长的序列")
        }
        // A split file whose test values all lie where they cannot be scored (blank, before the
        // training values or beyond the horizon) scored nothing: an error, not a table of zeros.
        let forecastsScored = scored.flatMap { $0 }.filter { $0.0 == "n_series" }.map(\.1).reduce(0, +)
        guard forecastsScored > 0 else {
            throw InputError(
                file: batch.input, "no held-out value could be scored",
                hint:
                    "mark as test the values of the \(batch.horizon) periods after each series' last train value; a blank test value is not scored",
                zh: "没有一个留出的值能够评分",
                hintZh: "请把每个序列最后一个 train 值之后 \(batch.horizon) 期的值标为 test；空的 test 值不评分"
            )
        }
        var out = CSVFormat.line(["metric", "value"])
        for (k, v) in BacktestDesign.average(scored) { out += CSVFormat.line([k, CSVFormat.roundTrip(v)]) }
        out += CSVFormat.line(["origins", String(scored.count)])
        out += CSVFormat.line(["wall_seconds", String(format: "%.3f", Date().timeIntervalSince(start))])
        // Series ids may be Chinese: Excel reads a CSV without a byte-order mark in the system's
        // code page.
        let mark = excel ? "\u{FEFF}" : ""
        if let output { try writeTextAtomically(mark + out, to: output) } else { writeStdout(mark + out) }
        if let forecasts, let b = lastBatch {
            let rows = b.rows(levels: levels, quantiles: quantiles)
            var text = ForecastTable.csv(
                rows, levelLabels: batch.levelValues.map(\.label), quantileLabels: batch.quantileValues.map(\.label))
            text = text.replacingOccurrences(of: "series_id,period,step,", with: "series_id,period,horizon_step,")
            try writeTextAtomically(mark + text, to: forecasts)
        }
    }

    /// One warning line per kind of held-out value the backtest cannot score, with a count and
    /// the first one (`BacktestDesign.unscored`).
    func warnUnscored(_ series: [BacktestDesign.Series]) {
        let (before, beyond) = BacktestDesign.unscored(series, horizon: batch.horizon)
        /// "3 held-out values of 2 series lie … and are", or "1 … value of 1 series lies … and is".
        func line(_ n: Int, _ ids: [String], _ place: String, _ first: String, _ hint: String) -> String {
            let (lie, be) = n == 1 ? ("lies", "is") : ("lie", "are")
            return "warning: \(n) held-out value\(n == 1 ? "" : "s") of \(Set(ids).count) series \(lie) \(place) "
                + "and \(be) not scored (first: \(first)); \(hint)\n"
        }
        /// The same in Chinese: "警告: 2 个序列的 3 个留出值位于……，不评分（第一个：…）；…".
        func lineZh(_ n: Int, _ ids: [String], _ place: String, _ first: String, _ hint: String) -> String {
            "警告: \(Set(ids).count) 个序列的 \(n) 个留出值位于\(place)，不评分（第一个：\(first)）；\(hint)\n"
        }
        let zh = batch.lang == .zh
        if let f = beyond.first {
            let id = InputError.oneLine(f.id)
            writeStderr(
                zh
                    ? lineZh(
                        beyond.count, beyond.map(\.id), "序列最后一个训练期之后超出 --horizon \(batch.horizon) 的位置",
                        "“\(id)” \(f.period)", "提高 --horizon 即可为它们评分")
                    : line(
                        beyond.count, beyond.map(\.id),
                        "beyond --horizon \(batch.horizon) after its series' last training period",
                        "'\(id)' \(f.period)",
                        "raise --horizon to score them"))
        }
        if let f = before.first {
            let id = InputError.oneLine(f.id)
            writeStderr(
                zh
                    ? lineZh(
                        before.count, before.map(\.id), "序列最后一个训练期或之前", "“\(id)” \(f.period)，训练至 \(f.lastTrain)",
                        "请把其后的值标为 test，或把这些值标为 train")
                    : line(
                        before.count, before.map(\.id), "at or before its series' last training period",
                        "'\(id)' \(f.period), trained to \(f.lastTrain)",
                        "mark the values after them test, or these train"))
        }
    }
}
