import ArgumentParser
import Forecasting
import Foundation
import IO
import Indicators
import Parallel
import PlanFiles
import Reporting

/// Options shared by `forecast` and `backtest`.
struct BatchOptions: ParsableArguments {
    @Option(help: "CSV with columns series_id,period,value (period an integer; gaps allowed).")
    var input: String

    @Option(help: "Steps to forecast.")
    var horizon: Int

    @Option(help: "Central interval levels in percent, comma-separated.")
    var levels: String = "80,95"

    @Option(help: "Quantile levels in (0, 1), comma-separated (e.g. 0.05,0.5,0.95).")
    var quantiles: String = ""

    @Option(help: "Indicator kind of every series (auto: log if positive, sqrt with zeros, identity with negatives).")
    var kind: KindChoice = .auto

    @Option(
        help:
            "Models to combine (mean on the transformed scale): naive, drift, damped, trend, mean, theta; add @log to fit one on the transformed scale (default: drift).",
        transform: Combination.parse(argument:))
    var models: Combination = .standard

    @Option(
        help:
            "Reference library CSV (plancast library) instead of the built-in one (for leave-one-collection-out evaluations)."
    )
    var library: String?

    @OptionGroup var threads: ThreadOptions

    @OptionGroup var encoding: EncodingOptions

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
            throw ValidationError("--horizon must be between 1 and 100 (got \(horizon))")
        }
        for (label, v) in levelValues where !(v > 0 && v < 100) {
            throw ValidationError("--levels: '\(label)' is not a level in percent between 0 and 100 (e.g. 80,95)")
        }
        if Set(levelValues.map(\.value)).count != levelValues.count {
            throw ValidationError("--levels: each level may appear once")
        }
        if Set(askedQuantiles.map(\.value)).count != askedQuantiles.count {
            throw ValidationError("--quantiles: each probability may appear once")
        }
        for (label, v) in askedQuantiles where !(v > 0 && v < 1) {
            throw ValidationError(
                "--quantiles: '\(label)' is not a probability strictly between 0 and 1 (e.g. 0.05,0.5)")
        }
        guard FileManager.default.isReadableFile(atPath: input) else {
            throw ValidationError("cannot read '\(input)': no such file or not readable")
        }
    }

    func settings() throws -> ForecastSettings {
        var s = ForecastSettings(horizon: horizon, combination: models, threads: threads.count)
        if let sink = Terminal.progressLine() {
            s.progress = ProgressBar.reporter(label: "forecast", unit: "series", sink)
        }
        if let library {
            guard let lib = ReferenceLibrary(csv: try readText(path: library)) else {
                throw InputError(file: library, "not a reference library", hint: "write one with plancast library")
            }
            s.library = lib
        }
        return s
    }

    /// The transform of a series: from --kind, or chosen from its values.
    func transform(for values: [Double]) -> Transform {
        if let k = kind.kind { return Transform.natural(for: k, values: values) }
        return Transform.automatic(values: values)
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

    func run() throws {
        let input = try SeriesInput(path: batch.input, encoding: batch.encoding.encoding)
        var series = [(id: String, series: YearlySeries, transform: Transform)]()
        var statusRows = [[String]]()
        var warnings = [String]()
        if input.hasSplit {
            warnings.append(
                "warning: rows with split=test are held out (not used as history); plancast backtest scores them")
        }
        for s in input.series {
            do {
                let keep = s.isTest.indices.filter { !s.isTest[$0] }
                guard !keep.isEmpty else {
                    warnings.append("warning: series '\(s.id)' has no training rows; skipped")
                    statusRows.append([s.id, "failed", "0", "", "", "", ""])
                    continue
                }
                let ys = try YearlySeries(periods: keep.map { s.periods[$0] }, values: keep.map { s.values[$0] })
                series.append((s.id, ys, batch.transform(for: ys.values)))
            } catch {
                warnings.append("warning: series '\(s.id)' skipped: \(error)")
                statusRows.append([s.id, "failed", String(s.values.count), "", "", "", ""])
            }
        }
        let result = Forecaster.run(series, settings: try batch.settings())
        Terminal.clearProgressLine()
        for (f, input) in zip(result.forecasts, series) {
            let span = input.series.span
            let grade =
                f.observations < 1
                ? "insufficient_data"
                : f.observations == 1
                    ? "reference_class" : f.observations <= 3 ? "weak" : f.observations <= 7 ? "moderate" : "strong"
            statusRows.append([
                f.id, f.status.rawValue, String(f.observations), String(span), grade, f.transform.rawValue,
                f.models.joined(separator: "+"),
            ])
            switch f.status {
            case .ok: break
            case .short: warnings.append("warning: series '\(f.id)': 2 observations, one increment: wide intervals")
            case .priorOnly:
                warnings.append(
                    "warning: series '\(f.id)': 1 observation: a reference-class forecast (growth and spread of real yearly series)"
                )
            case .constant: warnings.append("warning: series '\(f.id)': constant values, scale from the batch")
            }
        }
        var rows = result.rows(levels: batch.levelValues.map(\.value), quantiles: batch.quantileValues.map(\.value))
        if let range = batch.kind.kind?.valueRange { rows = rows.map { $0.clamped(to: range) } }
        // A forecast beyond the range of doubles (values near 1e308) is dropped, never written as inf.
        let overflow = Set(
            rows.filter { r in
                ([r.mean] + r.intervals.flatMap { [$0.lo, $0.hi] } + r.quantiles).contains { !$0.isFinite }
            }.map(\.id))
        if !overflow.isEmpty {
            rows.removeAll { overflow.contains($0.id) }
            for id in overflow.sorted() {
                warnings.append(
                    "warning: series '\(id)': the forecast leaves the range of double precision; no rows written")
                if let k = statusRows.firstIndex(where: { $0[0] == id }) { statusRows[k][1] = "overflow" }
            }
        }
        let text = ForecastTable.csv(
            rows, levelLabels: batch.levelValues.map(\.label), quantileLabels: batch.quantileValues.map(\.label))
        if let output {
            try writeTextAtomically(text, to: output)
        } else {
            writeStdout(text)
        }
        if let calibration {
            var c = CSVFormat.line(["stratum", "step", "tau", "z", "own_errors"])
            let taus = [
                0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.975, 0.99,
                0.995,
            ]
            for stratum in 0..<ErrorScale.strata {
                for h in 1...batch.horizon {
                    for t in taus {
                        c += CSVFormat.line([
                            String(stratum), String(h), String(t),
                            CSVFormat.roundTrip(result.calibration.quantile(stratum: stratum, step: h, t)),
                            String(result.calibration.counts[stratum][h - 1]),
                        ])
                    }
                }
            }
            try writeTextAtomically(c, to: calibration)
        }
        if let status {
            var s = CSVFormat.line(["series_id", "status", "observations", "span", "evidence", "transform", "models"])
            for r in statusRows { s += CSVFormat.line(r) }
            try writeTextAtomically(s, to: status)
        }
        if !warnings.isEmpty {
            let shown = warnings.prefix(20).joined(separator: "\n")
            let more = warnings.count > 20 ? "\n… and \(warnings.count - 20) more warnings (see --status)" : ""
            FileHandle.standardError.write(Data((shown + more + "\n").utf8))
        }
    }
}
