import Forecasting
import Foundation
import IO

/// Merging the parts of a sharded forecast: calibration parts into the calibration file,
/// forecast parts into the files of the unsharded forecast.
extension ForecastShards {
    static func tally(_ folder: String) throws(InputError) -> (BinaryReader, String) {
        let file = folder + "/tally.bin"
        guard let data = FileManager.default.contents(atPath: file) else {
            throw PartSet.damaged(file, "cannot read the part's numbers", zh: "无法读取分片的数值")
        }
        return (BinaryReader(data), file)
    }

    static func mergeCalibration(_ paths: [String], out: String, version: String) throws {
        let parts = try PartSet.read(paths, kind: "calibration-part", version: version)
        guard let horizon = JSONFile.integer(parts.request["horizon"]), horizon >= 1, horizon <= 100,
            let s0 = (parts.request["library_s0"] as? String).flatMap(UInt64.init).map(Double.init(bitPattern:)),
            s0.isFinite, s0 > 0, let ready = JSONFile.integer(parts.manifests[0]["ready_series"])
        else {
            throw InputError(
                file: parts.first + "/part.json", "records no valid horizon or library scale",
                hint: "run the shards again",
                zh: "没有记录有效的预测步数或参考库尺度", hintZh: "请重新运行各分片")
        }
        var all = [(Int, CalibrationContribution)]()
        for folder in parts.folders {
            var (r, file) = try tally(folder)
            do {
                let n = try r.int()
                guard n >= 0 && n <= ready else {
                    throw PartSet.damaged(file, "an impossible number of series", zh: "序列个数不可能")
                }
                for _ in 0..<n {
                    let index = try r.int(), unitFree = try r.bool()
                    let sizes = try r.doubles(), weights = try r.doubles()
                    let origins = try r.int()
                    guard sizes.count == weights.count, origins >= 0, origins <= 1_000_000 else {
                        throw PartSet.damaged(file, "a series with parts of different sizes", zh: "某序列各部分大小不一致")
                    }
                    guard sizes.allSatisfy({ $0.isFinite && $0 > 0 }), weights.allSatisfy({ $0.isFinite && $0 > 0 })
                    else {
                        throw PartSet.damaged(
                            file, "an increment size or weight that is not a positive number", zh: "增量尺度或权重不是正数")
                    }
                    var list = [CalibrationContribution.Origin]()
                    for _ in 0..<origins {
                        let has = try r.bool(), scale = try r.double(), k = try r.int(), level = try r.double()
                        let slots = try r.ints(), residuals = try r.doubles()
                        guard slots.count == residuals.count,
                            slots.allSatisfy({ $0 >= 0 && $0 < ErrorScale.strata * horizon })
                        else {
                            throw PartSet.damaged(
                                file, "a backtest error outside the calibration table", zh: "回测误差落在校准表之外")
                        }
                        guard k >= 1, k <= 1_000_000, level.isFinite, level > 0, !has || scale >= 0
                        else {
                            throw PartSet.damaged(file, "a backtest window with an impossible scale", zh: "回测窗口的尺度不可能")
                        }
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
                guard r.isAtEnd else {
                    throw PartSet.damaged(file, "bytes after the last series", zh: "最后一个序列之后还有多余字节")
                }
            } catch let e as BinaryReader.Malformed {
                throw PartSet.damaged(file, "truncated or damaged (\(e))", zh: "文件被截断或损坏（\(e)）")
            }
        }
        all.sort { $0.0 < $1.0 }
        let distinct = Set(all.map(\.0)).count
        guard distinct == all.count, all.count == ready else {
            throw InputError(
                file: parts.first, "the parts hold \(all.count) series (\(distinct) different), the input \(ready)",
                hint: "every series must be in exactly one part: run each shard once",
                zh: "各分片共有 \(all.count) 个序列（其中 \(distinct) 个不同），而输入有 \(ready) 个",
                hintZh: "每个序列必须恰在一个分片中：每个分片运行一次")
        }
        let library = ReferenceLibrary(s0: s0, quantiles: [], counts: [], source: "")
        let batch = BatchCalibration(all.map(\.1), library: library, horizon: horizon)
        let fingerprint = JSONFile.text(["request": parts.request, "inputs": parts.inputs])
        try CalibrationFile.write(batch, fingerprint: fingerprint, to: out)
    }

    static func mergeForecasts(_ paths: [String], out: String, force: Bool, version: String) throws {
        let parts = try PartSet.read(paths, kind: "forecast-part", version: version)
        guard let total = JSONFile.integer(parts.manifests[0]["series"]) else {
            throw InputError(
                file: parts.first + "/part.json", "records no series count", hint: "run the shards again",
                zh: "没有记录序列个数",
                hintZh: "请重新运行各分片")
        }
        var outputs = [ForecastJob.SeriesOutput]()
        var calibration: String?
        for folder in parts.folders {
            var (r, file) = try tally(folder)
            do {
                let table = try r.string()
                if let calibration, calibration != table {
                    throw PartSet.damaged(
                        file, "its calibration table differs from the other parts'", zh: "它的校准表与其他分片不同")
                }
                calibration = table
                let n = try r.int()
                guard n >= 0 && n <= total else {
                    throw PartSet.damaged(file, "an impossible number of series", zh: "序列个数不可能")
                }
                for _ in 0..<n {
                    let index = try r.int(), failed = try r.bool()
                    let fields = try r.int()
                    guard fields >= 0 && fields <= 100 else {
                        throw PartSet.damaged(file, "a status row of impossible size", zh: "状态行的大小不可能")
                    }
                    var status = [String]()
                    for _ in 0..<fields { status.append(try r.string()) }
                    let rows = try r.string()
                    let count = try r.int()
                    guard count >= 0 && count <= 100 else {
                        throw PartSet.damaged(file, "too many warnings", zh: "警告过多")
                    }
                    var warnings = [String]()
                    for _ in 0..<count { warnings.append(try r.string()) }
                    outputs.append(
                        .init(index: index, failed: failed, status: status, rows: rows, warnings: warnings))
                }
                guard r.isAtEnd else {
                    throw PartSet.damaged(file, "bytes after the last series", zh: "最后一个序列之后还有多余字节")
                }
            } catch let e as BinaryReader.Malformed {
                throw PartSet.damaged(file, "truncated or damaged (\(e))", zh: "文件被截断或损坏（\(e)）")
            }
        }
        let distinct = Set(outputs.map(\.index)).count
        guard distinct == outputs.count, outputs.count == total else {
            throw InputError(
                file: parts.first, "the parts hold \(outputs.count) series (\(distinct) different), the input \(total)",
                hint: "every series must be in exactly one part: run each shard once",
                zh: "各分片共有 \(outputs.count) 个序列（其中 \(distinct) 个不同），而输入有 \(total) 个",
                hintZh: "每个序列必须恰在一个分片中：每个分片运行一次")
        }
        guard let levels = parts.request["levels"] as? [String], let quantiles = parts.request["quantiles"] as? [String]
        else {
            throw InputError(
                file: parts.first + "/part.json", "records no levels or quantiles", hint: "run the shards again",
                zh: "没有记录区间水平或分位数",
                hintZh: "请重新运行各分片")
        }
        // As unsharded: a batch in which no series could be forecast is an error, not a bare header.
        if outputs.allSatisfy({ $0.rows.isEmpty }) {
            let states = Set(outputs.map { $0.status.count > 1 ? $0.status[1] : "?" }).sorted().joined(separator: ", ")
            throw InputError(
                file: parts.first, "no series could be forecast (\(total) read; status \(states))",
                hint: "give each series at least one finite value within the range of double precision",
                zh: "没有一个序列可以预测（读入 \(total) 个；状态 \(states)）",
                hintZh: "请给每个序列至少一个在双精度范围内的有限值")
        }
        let (forecasts, status) = ForecastJob.tables(outputs, levelLabels: levels, quantileLabels: quantiles)
        let folder = try RunFolder.prepare(out, force: force, layout: .forecast, inputs: parts.folders)
        let manifest: [String: Any] = [
            "tool": "plancast", "version": version, "request": parts.request, "inputs": parts.inputs,
            "merged_from": parts.folders, "shards": parts.folders.count,
        ]
        try folder.write(
            data: [
                ("forecasts.csv", Data(forecasts.utf8)), ("status.csv", Data(status.utf8)),
                ("calibration.csv", Data((calibration ?? "").utf8)),
            ], manifest: manifest)
    }
}
