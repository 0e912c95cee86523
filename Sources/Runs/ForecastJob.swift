import Forecasting
import Foundation
import IO
import Indicators
import PlanFiles
import Reporting

/// `plancast forecast` as a library: a table of series → forecasts.csv, status.csv and the
/// calibration table, with warnings for stderr. Each series' output is made on its own
/// (`SeriesOutput`) and the files are those outputs in input order, so a sharded batch
/// (`ForecastShards`) assembles the same bytes.
public struct ForecastJob: Sendable {
    public var settings: ForecastSettings
    public var levels: [(label: String, value: Double)]
    /// Quantiles as written (the median is added by the caller when missing).
    public var quantiles: [(label: String, value: Double)]
    /// The kind of every series (nil: chosen from the values).
    public var kind: IndicatorKind?
    /// Warnings in Chinese (`forecast --lang zh`); the tables do not change.
    public var chinese = false

    public init(
        settings: ForecastSettings, levels: [(label: String, value: Double)],
        quantiles: [(label: String, value: Double)], kind: IndicatorKind?
    ) {
        (self.settings, self.levels, self.quantiles, self.kind) = (settings, levels, quantiles, kind)
    }

    /// One series of the input, in input order: ready to forecast, or failed while reading.
    struct Entry {
        let index: Int
        let id: String
        let input: Forecaster.Input?
        let failure: (status: [String], warning: String)?
    }

    /// What one series adds to the outputs.
    public struct SeriesOutput: Sendable, Equatable {
        public let index: Int
        /// Failed while reading (its status row comes before those of forecast series).
        public let failed: Bool
        public let status: [String]
        /// Its forecasts.csv lines (empty when failed or beyond double range).
        public let rows: String
        public let warnings: [String]
    }

    /// The three files and the warnings.
    public struct Files: Sendable {
        public let forecasts: String
        public let status: String
        public let calibration: String
        public let warnings: [String]
        /// How many series have forecast rows (0: nothing could be forecast).
        public let seriesWritten: Int
    }

    /// A warning line: "warning: " and `en`, or "警告: " and `zh`.
    static func warning(_ en: String, _ zh: String, chinese: Bool) -> String {
        chinese ? "警告: " + zh : "warning: " + en
    }

    static func entries(_ input: SeriesInput, kind: IndicatorKind?, chinese: Bool = false) -> [Entry] {
        input.series.enumerated().map { (i, s) in
            let keep = s.isTest.indices.filter { !s.isTest[$0] }
            let id = InputError.oneLine(s.id)
            guard !s.values.isEmpty else {
                return Entry(
                    index: i, id: s.id, input: nil,
                    failure: (
                        [s.id, "no_data", "0", "", "insufficient_data", "", ""],
                        warning(
                            "series '\(id)' has no values (every cell blank); no forecast",
                            "序列“\(id)”没有数值（每个单元格都是空的）；不作预测", chinese: chinese)
                    ))
            }
            guard !keep.isEmpty else {
                return Entry(
                    index: i, id: s.id, input: nil,
                    failure: (
                        [s.id, "failed", "0", "", "", "", ""],
                        warning(
                            "series '\(id)' has only held-out (split=test) rows; no forecast",
                            "序列“\(id)”只有留出（split=test）的行；不作预测", chinese: chinese)
                    ))
            }
            do {
                let ys = try YearlySeries(periods: keep.map { s.periods[$0] }, values: keep.map { s.values[$0] })
                let t =
                    kind.map { Transform.natural(for: $0, values: ys.values) } ?? Transform.automatic(values: ys.values)
                return Entry(index: i, id: s.id, input: (s.id, ys, t), failure: nil)
            } catch {
                return Entry(
                    index: i, id: s.id, input: nil,
                    failure: (
                        [s.id, "failed", String(s.values.count), "", "", "", ""],
                        warning("series '\(id)' skipped: \(error)", "序列“\(id)”已跳过：\(error)", chinese: chinese)
                    ))
            }
        }
    }

    static func headerWarnings(_ input: SeriesInput, chinese: Bool = false) -> [String] {
        input.hasSplit
            ? [
                warning(
                    "rows with split=test are held out (not used as history); plancast backtest scores them",
                    "split=test 的行被留出（不作为历史）；plancast backtest 用它们评分", chinese: chinese)
            ] : []
    }

    /// The whole batch in this process.
    public func run(_ input: SeriesInput) -> Files {
        let entries = Self.entries(input, kind: kind, chinese: chinese)
        let ready = entries.filter { $0.input != nil }
        let batch = Forecaster.run(ready.map { $0.input! }, settings: settings)
        let outputs = entries.filter { $0.failure != nil }.map(Self.failedOutput) + seriesOutputs(ready, batch: batch)
        return assemble(outputs, calibration: batch.calibration, warnings: Self.headerWarnings(input, chinese: chinese))
    }

    static func failedOutput(_ e: Entry) -> SeriesOutput {
        SeriesOutput(index: e.index, failed: true, status: e.failure!.status, rows: "", warnings: [e.failure!.warning])
    }

    /// The outputs of forecast series (`entries` in order, `batch` their forecasts).
    func seriesOutputs(_ entries: [Entry], batch: ForecastBatch) -> [SeriesOutput] {
        let h = settings.horizon
        var rows = batch.rows(levels: levels.map(\.value), quantiles: quantiles.map(\.value))
        if let range = kind?.valueRange { rows = rows.map { $0.clamped(to: range) } }
        return zip(entries, batch.forecasts).enumerated().map { (i, pair) in
            let (e, f) = pair
            let mine = Array(rows[(i * h)..<((i + 1) * h)])
            let span = e.input!.series.span
            let grade =
                f.observations < 1
                ? "insufficient_data"
                : f.observations == 1
                    ? "reference_class" : f.observations <= 3 ? "weak" : f.observations <= 7 ? "moderate" : "strong"
            var status = [
                f.id, f.status.rawValue, String(f.observations), String(span), grade, f.transform.rawValue,
                f.models.joined(separator: "+"),
            ]
            var warnings = [String]()
            var id: String { InputError.oneLine(f.id) }  // only for a warning
            func warn(_ en: String, _ zh: String) { warnings.append(Self.warning(en, zh, chinese: chinese)) }
            switch f.status {
            case .ok: break
            case .short:
                warn("series '\(id)': 2 observations, one increment: wide intervals", "序列“\(id)”：2 个观测值，只有一次变化：区间很宽")
            case .priorOnly:
                warn(
                    "series '\(id)': 1 observation: a reference-class forecast (growth and spread of real yearly series)",
                    "序列“\(id)”：1 个观测值：参照类预测（取自真实年度序列的增长及其离散程度）")
            case .constant:
                warn("series '\(id)': constant values, scale from the batch", "序列“\(id)”：数值恒定，尺度取自整批序列")
            }
            // A forecast beyond the range of doubles (values near 1e308) is dropped, never written as inf.
            let overflow = mine.contains { r in
                ([r.mean] + r.intervals.flatMap { [$0.lo, $0.hi] } + r.quantiles).contains { !$0.isFinite }
            }
            if overflow {
                status[1] = "overflow"
                warn(
                    "series '\(id)': the forecast leaves the range of double precision; no rows written",
                    "序列“\(id)”：预测超出双精度浮点数的范围；未写出任何行")
            }
            return SeriesOutput(
                index: e.index, failed: false, status: status, rows: overflow ? "" : ForecastTable.lines(mine),
                warnings: warnings)
        }
    }

    /// The files from every series' output (any order), with the warnings in input order.
    func assemble(_ outputs: [SeriesOutput], calibration: Calibration, warnings: [String]) -> Files {
        let (forecasts, status) = Self.tables(
            outputs, levelLabels: levels.map(\.label), quantileLabels: quantiles.map(\.label))
        let w = warnings + outputs.sorted(by: { $0.index < $1.index }).flatMap(\.warnings)
        return Files(
            forecasts: forecasts, status: status, calibration: calibrationTable(calibration), warnings: w,
            seriesWritten: outputs.filter { !$0.rows.isEmpty }.count)
    }

    /// forecasts.csv and status.csv from every series' output (any order): failed series first,
    /// then the others, each in input order — in one process or merged from shards.
    static func tables(_ outputs: [SeriesOutput], levelLabels: [String], quantileLabels: [String]) -> (
        forecasts: String, status: String
    ) {
        let ordered = outputs.sorted { ($0.failed ? 0 : 1, $0.index) < ($1.failed ? 0 : 1, $1.index) }
        var forecasts = CSVFormat.line(ForecastTable.header(levelLabels: levelLabels, quantileLabels: quantileLabels))
        var status = CSVFormat.line(["series_id", "status", "observations", "span", "evidence", "transform", "models"])
        for o in ordered {
            forecasts += o.rows
            status += CSVFormat.line(o.status)
        }
        return (forecasts, status)
    }

    /// `stratum,step,tau,z,own_errors`: the pooled standardised error quantiles.
    func calibrationTable(_ c: Calibration) -> String {
        var out = CSVFormat.line(["stratum", "step", "tau", "z", "own_errors"])
        let taus = [
            0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995,
        ]
        for stratum in 0..<ErrorScale.strata {
            for h in 1...settings.horizon {
                for t in taus {
                    out += CSVFormat.line([
                        String(stratum), String(h), String(t),
                        CSVFormat.roundTrip(c.quantile(stratum: stratum, step: h, t)),
                        String(c.counts[stratum][h - 1]),
                    ])
                }
            }
        }
        return out
    }
}
