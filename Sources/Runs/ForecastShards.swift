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
        let entries = ForecastJob.entries(input, kind: job.kind)
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
            warnings = ForecastJob.headerWarnings(input) + outputs.sorted { $0.index < $1.index }.flatMap(\.warnings)
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
        do {
            try folder.write(data: [("tally.bin", w.data)], manifest: manifest)
        } catch let error as OutputError {
            throw RunFolderError.unusable(folder.path, error.reason)
        }
        return Part(path: path, warnings: warnings)
    }

    /// Merges calibration parts into the calibration file `out`, or forecast parts into the
    /// folder `out` (forecasts.csv, status.csv, calibration.csv and a manifest).
    public static func merge(_ paths: [String], out: String, force: Bool, version: String) throws {
        switch try PartKind.of(paths) {
        case .calibration: try mergeCalibration(paths, out: out, version: version)
        case .forecast: try mergeForecasts(paths, out: out, force: force, version: version)
        case .run: throw InputError(file: paths[0], "run parts: merge them with RunShards")
        }
    }

    static func tally(_ folder: String) throws(InputError) -> (BinaryReader, String) {
        let file = folder + "/tally.bin"
        guard let data = FileManager.default.contents(atPath: file) else {
            throw InputError(file: file, "cannot read the part's numbers")
        }
        return (BinaryReader(data), file)
    }

    static func damaged(_ file: String, _ why: String) -> InputError {
        InputError(file: file, why, hint: "run that shard again: its part folder is damaged or of another version")
    }

    static func mergeCalibration(_ paths: [String], out: String, version: String) throws {
        let parts = try PartSet.read(paths, kind: "calibration-part", version: version)
        guard let horizon = parts.request["horizon"] as? Int, horizon >= 1, horizon <= 100,
            let s0 = (parts.request["library_s0"] as? String).flatMap(UInt64.init).map(Double.init(bitPattern:)),
            let ready = parts.manifests[0]["ready_series"] as? Int
        else { throw InputError(file: parts.first + "/part.json", "records no valid horizon or library scale") }
        var all = [(Int, CalibrationContribution)]()
        for folder in parts.folders {
            var (r, file) = try tally(folder)
            do {
                let n = try r.int()
                guard n >= 0 && n <= ready else { throw damaged(file, "an impossible number of series") }
                for _ in 0..<n {
                    let index = try r.int(), unitFree = try r.bool()
                    let sizes = try r.doubles(), weights = try r.doubles()
                    let origins = try r.int()
                    guard sizes.count == weights.count, origins >= 0, origins <= 1_000_000 else {
                        throw damaged(file, "a series with parts of different sizes")
                    }
                    var list = [CalibrationContribution.Origin]()
                    for _ in 0..<origins {
                        let has = try r.bool(), scale = try r.double(), k = try r.int(), level = try r.double()
                        let slots = try r.ints(), residuals = try r.doubles()
                        guard slots.count == residuals.count,
                            slots.allSatisfy({ $0 >= 0 && $0 < ErrorScale.strata * horizon })
                        else { throw damaged(file, "a backtest error outside the calibration table") }
                        list.append(
                            .init(
                                scale: has ? scale : nil, increments: k, level: level, slots: slots,
                                residuals: residuals))
                    }
                    all.append(
                        (
                            index,
                            CalibrationContribution(
                                unitFree: unitFree, scaleItems: Array(zip(sizes, weights)), origins: list)
                        ))
                }
                guard r.isAtEnd else { throw damaged(file, "bytes after the last series") }
            } catch let e as BinaryReader.Malformed {
                throw damaged(file, "truncated or damaged (\(e))")
            }
        }
        all.sort { $0.0 < $1.0 }
        let distinct = Set(all.map(\.0)).count
        guard distinct == all.count, all.count == ready else {
            throw InputError(
                file: parts.first, "the parts hold \(all.count) series (\(distinct) different), the input \(ready)",
                hint: "every series must be in exactly one part: run each shard once")
        }
        let library = ReferenceLibrary(s0: s0, quantiles: [], counts: [], source: "")
        let batch = BatchCalibration(all.map(\.1), library: library, horizon: horizon)
        let fingerprint = JSONFile.text(["request": parts.request, "inputs": parts.inputs])
        try CalibrationFile.write(batch, fingerprint: fingerprint, to: out)
    }

    static func mergeForecasts(_ paths: [String], out: String, force: Bool, version: String) throws {
        let parts = try PartSet.read(paths, kind: "forecast-part", version: version)
        guard let total = parts.manifests[0]["series"] as? Int else {
            throw InputError(file: parts.first + "/part.json", "records no series count")
        }
        var outputs = [ForecastJob.SeriesOutput]()
        var calibration: String?
        for folder in parts.folders {
            var (r, file) = try tally(folder)
            do {
                let table = try r.string()
                if let calibration, calibration != table {
                    throw damaged(file, "its calibration table differs from the other parts'")
                }
                calibration = table
                let n = try r.int()
                guard n >= 0 && n <= total else { throw damaged(file, "an impossible number of series") }
                for _ in 0..<n {
                    let index = try r.int(), failed = try r.bool()
                    let fields = try r.int()
                    guard fields >= 0 && fields <= 100 else { throw damaged(file, "a status row of impossible size") }
                    var status = [String]()
                    for _ in 0..<fields { status.append(try r.string()) }
                    let rows = try r.string()
                    let count = try r.int()
                    guard count >= 0 && count <= 100 else { throw damaged(file, "too many warnings") }
                    var warnings = [String]()
                    for _ in 0..<count { warnings.append(try r.string()) }
                    outputs.append(
                        .init(index: index, failed: failed, status: status, rows: rows, warnings: warnings))
                }
                guard r.isAtEnd else { throw damaged(file, "bytes after the last series") }
            } catch let e as BinaryReader.Malformed {
                throw damaged(file, "truncated or damaged (\(e))")
            }
        }
        let distinct = Set(outputs.map(\.index)).count
        guard distinct == outputs.count, outputs.count == total else {
            throw InputError(
                file: parts.first, "the parts hold \(outputs.count) series (\(distinct) different), the input \(total)",
                hint: "every series must be in exactly one part: run each shard once")
        }
        let folder = try RunFolder.prepare(out, force: force, layout: .forecast)
        let ordered = outputs.sorted { ($0.failed ? 0 : 1, $0.index) < ($1.failed ? 0 : 1, $1.index) }
        guard
            let header = (parts.request["levels"] as? [String]).flatMap({ l in
                (parts.request["quantiles"] as? [String]).map { (l, $0) }
            })
        else { throw InputError(file: parts.first + "/part.json", "records no levels or quantiles") }
        var forecasts = CSVFormat.line(
            ["series_id", "period", "step", "mean"] + header.0.flatMap { ["lo\($0)", "hi\($0)"] }
                + header.1.map { "q\($0)" })
        var status = CSVFormat.line(["series_id", "status", "observations", "span", "evidence", "transform", "models"])
        for o in ordered {
            forecasts += o.rows
            status += CSVFormat.line(o.status)
        }
        let manifest: [String: Any] = [
            "tool": "plancast", "version": version, "request": parts.request, "inputs": parts.inputs,
            "merged_from": parts.folders, "shards": parts.folders.count,
        ]
        do {
            try folder.write(
                data: [
                    ("forecasts.csv", Data(forecasts.utf8)), ("status.csv", Data(status.utf8)),
                    ("calibration.csv", Data((calibration ?? "").utf8)),
                ], manifest: manifest)
        } catch let error as OutputError {
            throw RunFolderError.unusable(folder.path, error.reason)
        }
    }
}

/// The merged calibration of a sharded forecast: magic, the fingerprint of the request it was
/// made for (input SHA-256 and settings), s₀ of both kinds and the standardised errors.
enum CalibrationFile {
    static let magic = "plancast-calibration-1"

    static func write(_ b: BatchCalibration, fingerprint: String, to path: String) throws(OutputError) {
        var w = BinaryWriter()
        w.write(magic)
        w.write(fingerprint)
        w.write(b.s0Free)
        w.write(b.s0Other)
        w.write(b.own.count)
        for stratum in b.own {
            w.write(stratum.count)
            for errors in stratum { w.write(errors) }
        }
        try writeAtomically(w.data, to: path)
    }

    static func read(_ path: String, expecting fingerprint: String) throws(InputError) -> BatchCalibration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot read the calibration file", hint: "plancast merge writes it")
        }
        var r = BinaryReader(data)
        do {
            guard try r.string() == magic else {
                throw InputError(file: path, "not a plancast calibration file", hint: "plancast merge writes it")
            }
            guard try r.string() == fingerprint else {
                throw InputError(
                    file: path, "was made for another input or other settings",
                    hint: "run the calibration pass with the same input and options, and merge it")
            }
            let free = try r.double(), other = try r.double()
            let strata = try r.int()
            guard strata == ErrorScale.strata else { throw InputError(file: path, "damaged (strata)") }
            var own = [[[Double]]]()
            for _ in 0..<strata {
                let steps = try r.int()
                guard steps >= 1 && steps <= 100 else { throw InputError(file: path, "damaged (steps)") }
                var s = [[Double]]()
                for _ in 0..<steps { s.append(try r.doubles()) }
                own.append(s)
            }
            guard r.isAtEnd else { throw InputError(file: path, "damaged (bytes after the end)") }
            return BatchCalibration(s0Free: free, s0Other: other, own: own)
        } catch let e as InputError {
            throw e
        } catch {
            throw InputError(file: path, "truncated or damaged (\(error))", hint: "merge the calibration parts again")
        }
    }
}
