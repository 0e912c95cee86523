import Forecasting
import Foundation
import IO
import Parallel
import PlanFiles

/// `plancast forecast --shard K/N` and the merges of its parts: a batch split by a hash of the
/// series id (`Shard.owns`), in two passes.
/// 1. Calibration pass: each shard computes its series' shares of the batch calibration
///    (`CalibrationContribution`); `merge` adds them up in input order into one calibration
///    file (`BatchCalibration`: the batch scales and standardised errors).
/// 2. Forecast pass (`--calibrated-by FILE`): each shard forecasts its series with that
///    calibration; `merge` writes forecasts.csv, status.csv and calibration.csv, byte-identical
///    to the unsharded `forecast --output --status --calibration`.
public enum ForecastShards {
    /// What every part of one sharded batch must share: the input file, its SHA-256 and the settings.
    public struct Request {
        let job: ForecastJob
        let object: [String: Any]
        let inputs: [[String: Any]]
        let commandLine: [String]
        let version: String

        public init(input: String, job: ForecastJob, library: String?, commandLine: [String], version: String)
            throws(InputError)
        {
            self.job = job
            let s = job.settings
            object = [
                "input": input, "horizon": s.horizon, "levels": job.levels.map(\.label),
                "quantiles": job.quantiles.map(\.label), "kind": job.kind?.rawValue ?? "auto",
                "models": s.combination.members.map(\.name), "library": library ?? "built-in",
                "library_s0": String(s.library.s0.bitPattern), "origins": s.originsPerSeries,
            ]
            var files = [try FileDigest.entry(input)]
            if let library { files.append(try FileDigest.entry(library)) }
            inputs = files
            (self.commandLine, self.version) = (commandLine, version)
        }

        var fingerprint: String { JSONFile.text(["request": object, "inputs": inputs]) }
    }

    /// A written part and the warnings of its series.
    public struct Part {
        public let path: String
        public let warnings: [String]
    }

    /// Runs shard `shard`: the calibration pass, or with `calibratedBy` the forecast pass.
    public static func run(
        _ input: SeriesInput, request: Request, shard: Shard, out: String, calibratedBy: String?
    ) throws -> Part {
        let job = request.job
        let entries = ForecastJob.entries(input, kind: job.kind, chinese: job.chinese)
        let mine = entries.filter { shard.owns(key: $0.id) }
        let ready = mine.filter { $0.input != nil }
        let inputs = Forecaster.admissible(ready.map { $0.input! })
        var w = BinaryWriter()
        var manifest: [String: Any] = [
            "tool": "plancast", "version": request.version, "command": request.commandLine, "shard": shard.index,
            "shards": shard.count, "inputs": request.inputs, "series": entries.count,
            "ready_series": entries.filter { $0.input != nil }.count,
        ]
        var warnings = [String]()
        if let calibratedBy {
            let batch = try CalibrationFile.read(calibratedBy, expecting: request.fingerprint)
            let forecasts = Forecaster.forecast(inputs, settings: job.settings, calibration: batch)
            var outputs = mine.filter { $0.failure != nil }.map(ForecastJob.failedOutput)
            outputs += job.seriesOutputs(ready, batch: forecasts)
            w.write(job.calibrationTable(forecasts.calibration))
            w.write(outputs.count)
            for o in outputs {
                w.write(o.index)
                w.write(o.failed)
                w.write(o.status.count)
                for f in o.status { w.write(f) }
                w.write(o.rows)
                w.write(o.warnings.count)
                for x in o.warnings { w.write(x) }
            }
            warnings =
                ForecastJob.headerWarnings(input, chinese: job.chinese)
                + outputs.sorted { $0.index < $1.index }.flatMap(\.warnings)
            var r = request.object
            r["calibration_sha256"] = try sha256Hex(path: calibratedBy)
            manifest["request"] = r
            manifest["kind"] = "forecast-part"
        } else {
            let parts = Forecaster.contributions(inputs, settings: job.settings)
            w.write(parts.count)
            for (e, c) in zip(ready, parts) {
                w.write(e.index)
                w.write(c.unitFree)
                w.write(c.scaleItems.map(\.size))
                w.write(c.scaleItems.map(\.weight))
                w.write(c.origins.count)
                for o in c.origins {
                    w.write(o.scale != nil)
                    w.write(o.scale ?? 0)
                    w.write(o.increments)
                    w.write(o.level)
                    w.write(o.slots)
                    w.write(o.residuals)
                }
            }
            manifest["request"] = request.object
            manifest["kind"] = "calibration-part"
        }
        let path = RunShards.partFolder(out, shard: shard)
        let folder = try RunFolder.prepare(path, force: false, layout: .part)
        try folder.write(data: [("tally.bin", w.data)], manifest: manifest)
        return Part(path: path, warnings: warnings)
    }

    /// Merges calibration parts into the calibration file `out`, or forecast parts into the
    /// folder `out` (forecasts.csv, status.csv, calibration.csv and a manifest).
    public static func merge(_ paths: [String], out: String, force: Bool, version: String) throws {
        switch try PartKind.of(paths) {
        case .calibration: try mergeCalibration(paths, out: out, version: version)
        case .forecast: try mergeForecasts(paths, out: out, force: force, version: version)
        case .run:
            throw InputError(
                file: paths[0], "run parts: merge them with RunShards", zh: "这些是 run 的分片：请用 RunShards 合并")
        }
    }
}
