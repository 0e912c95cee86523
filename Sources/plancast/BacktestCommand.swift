import ArgumentParser
import Forecasting
import Foundation
import IO

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

    @Option(help: "Rolling origins per series when the input has no split column.")
    var origins: Int = 3

    @Option(help: "Write the metrics here (atomically) instead of stdout.")
    var output: String?

    @Option(help: "Also write the forecasts of the (last) origin here, in the forecast format with horizon_step for the scorer.")
    var forecasts: String?

    func validate() throws {
        guard origins >= 1 else { throw ValidationError("--origins must be at least 1") }
    }

    func run() throws {
        let input = try SeriesInput(path: batch.input, encoding: batch.encoding)
        let start = Date()
        var allUnits = [[Backtest.Unit]]()
        if input.hasSplit {
            var units = [Backtest.Unit]()
            for s in input.series {
                let train = zip(zip(s.periods, s.values), s.isTest).filter { !$0.1 }.map(\.0)
                let test = zip(zip(s.periods, s.values), s.isTest).filter { $0.1 }.map(\.0).sorted { $0.0 < $1.0 }
                guard !train.isEmpty, let ys = try? YearlySeries(periods: train.map(\.0), values: train.map(\.1)) else { continue }
                units.append(.init(id: s.id, train: ys, test: test.map(\.1), transform: batch.transform(for: ys.values)))
            }
            allUnits.append(units)
        } else {
            for r in (0..<origins).reversed() {
                var units = [Backtest.Unit]()
                for s in input.series {
                    guard let ys = try? YearlySeries(periods: s.periods, values: s.values) else { continue }
                    let cut = ys.count - batch.horizon - r
                    guard cut >= 3 else { continue }
                    let train = ys.prefix(cut)
                    units.append(.init(id: s.id, train: train, test: Array(ys.values[cut..<(cut + batch.horizon)]), transform: batch.transform(for: train.values)))
                }
                allUnits.append(units)
            }
        }
        var scored = [[(String, Double)]]()
        var lastBatch: (ForecastBatch, [Backtest.Unit])?
        for units in allUnits where !units.isEmpty {
            let (m, b) = Backtest.evaluate(units, settings: batch.settings(), levels: batch.levelValues.map(\.value), quantiles: batch.quantileValues.map(\.value))
            scored.append(m)
            lastBatch = (b, units)
        }
        guard !scored.isEmpty else {
            throw DataError("\(batch.input): no series is long enough to hold out \(batch.horizon) values")
        }
        // Average the metrics over origins, weighting by the number of series scored.
        var sums = [String: Double](), weights = [String: Double](), order = [String]()
        for m in scored {
            let w = m.first { $0.0 == "n_series" }?.1 ?? 1
            for (k, v) in m {
                if sums[k] == nil { order.append(k) }
                if k == "n_series" { sums[k, default: 0] += v; weights[k] = 1; continue }
                sums[k, default: 0] += v * w
                weights[k, default: 0] += w
            }
        }
        var out = CSVFormat.line(["metric", "value"])
        for k in order { out += CSVFormat.line([k, CSVFormat.roundTrip(sums[k]! / weights[k]!)]) }
        out += CSVFormat.line(["origins", String(scored.count)])
        out += CSVFormat.line(["wall_seconds", String(format: "%.3f", Date().timeIntervalSince(start))])
        if let output { try writeTextAtomically(out, to: output) } else { writeStdout(out) }
        if let forecasts, let (b, _) = lastBatch {
            let rows = b.rows(levels: batch.levelValues.map(\.value), quantiles: batch.quantileValues.map(\.value))
            var text = ForecastTable.csv(rows, levelLabels: batch.levelValues.map(\.label), quantileLabels: batch.quantileValues.map(\.label))
            text = text.replacingOccurrences(of: "series_id,period,step,", with: "series_id,period,horizon_step,")
            try writeTextAtomically(text, to: forecasts)
        }
    }
}
