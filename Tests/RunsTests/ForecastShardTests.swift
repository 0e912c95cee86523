import Foundation
import Testing

@testable import Forecasting
@testable import IO
@testable import Parallel
@testable import PlanFiles
@testable import Runs

/// `forecast --shard K/N` in its two passes + `merge` give the unsharded files byte for byte.
@Suite(.serialized)
struct ForecastShardTests {
    /// A seeded batch of 300 series: lengths 1–15, growing, flat, with zeros, negative, and
    /// one whose rows are all held out (a failed series).
    static func batchCSV() -> String {
        var state: UInt64 = 42
        // A linear congruential generator (Knuth's MMIX constants): seeded test data.
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var text = "series_id,period,value,split\n"
        for i in 0..<300 {
            let n = 1 + i % 15
            var v = 100.0 * Double(1 + i % 7)
            for t in 0..<n {
                let shock = Double(next() % 1000) / 1000 - 0.4
                switch i % 5 {
                case 0: v = 50  // flat
                case 1: v = max(0, v + 30 * shock)  // may hit zero
                case 2: v = v - 80 + 40 * shock  // turns negative
                default: v *= 1 + 0.1 * shock
                }
                let split = i == 7 ? "test" : "train"
                text += "S\(i),\(2000 + t),\(v),\(split)\n"
            }
        }
        return text
    }

    /// The calibration table (`forecast --calibration`) gives, for each stratum and step, the
    /// same 19 levels τ, strictly increasing and symmetric about 0.5 (τ and 1 − τ), and z
    /// never decreasing in τ (mutation round seed 84 duplicated 0.5 and moved 0.75 past 0.8).
    @Test func theCalibrationTableHasEachLevelOnceInOrder() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("batch.csv").path
        try Self.batchCSV().write(toFile: path, atomically: true, encoding: .utf8)
        let job = ForecastJob(
            settings: ForecastSettings(horizon: 2, threads: 1), levels: [("80", 80)], quantiles: [], kind: nil)
        let table = job.run(try SeriesInput(path: path)).calibration
        let rows = table.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let groups = Dictionary(grouping: rows) { $0[0] + "/" + $0[1] }
        #expect(groups.count >= 2, "\(table.prefix(300))")
        for (key, group) in groups {
            let taus = group.map { Double($0[2])! }, zs = group.map { Double($0[3])! }
            #expect(taus.count == 19 && zip(taus, taus.dropFirst()).allSatisfy { $0 < $1 }, "\(key): \(taus)")
            #expect(zip(taus, taus.reversed()).allSatisfy { abs($0 + $1 - 1) < 1e-12 }, "\(key): \(taus)")
            #expect(zip(zs, zs.dropFirst()).allSatisfy { $0 <= $1 }, "\(key): \(zs)")
        }
    }

    /// status.csv lists the series that could not be forecast first, then the others, each in
    /// input order (mutation round 109: a forecast series marked failed kept input order, and no
    /// test saw it); the warnings follow input order, in the job's language.
    @Test func theStatusTableListsFailedSeriesFirst() throws {
        let table = try CSVTable(
            text: "series_id,period,value\na,2019,5\na,2020,6\nb,2019,\nc,2019,7\nc,2020,9\nd,2019,\n", file: "o.csv")
        var job = ForecastJob(
            settings: ForecastSettings(horizon: 1, threads: 1), levels: [("80", 80)], quantiles: [], kind: nil)
        let files = job.run(try SeriesInput(table: table))
        let ids = files.status.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(ids == ["b", "d", "a", "c"], "\(files.status)")
        #expect(
            files.warnings.map { $0.prefix(19) } == [
                "warning: series 'a'", "warning: series 'b'", "warning: series 'c'", "warning: series 'd'",
            ], "\(files.warnings)")
        job.chinese = true
        let zh = job.run(try SeriesInput(table: table))
        #expect(zh.status == files.status && zh.forecasts == files.forecasts)
        let short = "2 个观测值，只有一次变化：区间很宽", none = "没有数值（每个单元格都是空的）；不作预测"
        #expect(zh.warnings == ["警告: 序列“a”：" + short, "警告: 序列“b”" + none, "警告: 序列“c”：" + short, "警告: 序列“d”" + none])
    }

    /// status.csv's evidence by the count of observations, as the run's labels: 1 reference
    /// class, 2–3 weak, 4–7 moderate, 8 and more strong (mutation round 109 moved a boundary).
    @Test func theEvidenceFollowsTheCountOfObservations() throws {
        var text = "series_id,period,value\n"
        for n in 1...9 { for t in 0..<n { text += "s\(n),\(2000 + t),\(10 + t * t + n)\n" } }
        let job = ForecastJob(
            settings: ForecastSettings(horizon: 1, threads: 1), levels: [("80", 80)], quantiles: [], kind: nil)
        let files = job.run(try SeriesInput(table: CSVTable(text: text, file: "e.csv")))
        let rows = files.status.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let evidence = Dictionary(uniqueKeysWithValues: rows.map { (String($0[0]), String($0[4])) })
        #expect(
            (1...9).map { evidence["s\($0)"] ?? "" } == [
                "reference_class", "weak", "weak", "moderate", "moderate", "moderate", "moderate", "strong", "strong",
            ], "\(files.status)")
    }

    @Test func shardedForecastEqualsTheWholeBatch() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("batch.csv").path
        try Self.batchCSV().write(toFile: path, atomically: true, encoding: .utf8)
        let input = try SeriesInput(path: path)
        var settings = ForecastSettings(horizon: 4, threads: 2)
        settings.originsPerSeries = 10
        let job = ForecastJob(
            settings: settings, levels: [("80", 80), ("95", 95)], quantiles: [("0.1", 0.1), ("0.5", 0.5)], kind: nil)
        let whole = job.run(input)
        #expect(whole.status.contains("S7,failed"))
        let request = try ForecastShards.Request(input: path, job: job, library: nil, commandLine: [], version: "t")
        for n in [1, 4] {
            let cal = dir.appendingPathComponent("cal-\(n).bin").path
            let calParts = dir.appendingPathComponent("cal-parts-\(n)").path
            let parts = dir.appendingPathComponent("parts-\(n)").path
            let merged = dir.appendingPathComponent("merged-\(n)").path
            for k in 1...n {
                _ = try ForecastShards.run(
                    input, request: request, shard: Shard(index: k, count: n)!, out: calParts, calibratedBy: nil)
            }
            try ForecastShards.merge([calParts], out: cal, force: false, version: "t")
            for k in 1...n {
                _ = try ForecastShards.run(
                    input, request: request, shard: Shard(index: k, count: n)!, out: parts, calibratedBy: cal)
            }
            try ForecastShards.merge([parts], out: merged, force: false, version: "t")
            #expect(try String(contentsOfFile: merged + "/forecasts.csv", encoding: .utf8) == whole.forecasts)
            #expect(try String(contentsOfFile: merged + "/status.csv", encoding: .utf8) == whole.status)
            #expect(try String(contentsOfFile: merged + "/calibration.csv", encoding: .utf8) == whole.calibration)
        }
        // A missing part is named; a calibration file of other settings is refused.
        #expect(throws: InputError.self) {
            try ForecastShards.merge(
                [parts(dir, 4, 1), parts(dir, 4, 2), parts(dir, 4, 4)], out: dir.appendingPathComponent("x").path,
                force: false, version: "t")
        }
        do {
            try ForecastShards.merge(
                [parts(dir, 4, 1), parts(dir, 4, 2), parts(dir, 4, 4)], out: dir.appendingPathComponent("x").path,
                force: false, version: "t")
        } catch {
            #expect("\(error)".contains("part-3-of-4"))
        }
        var other = job
        other.settings.horizon = 3
        let otherRequest = try ForecastShards.Request(
            input: path, job: other, library: nil, commandLine: [], version: "t")
        #expect(throws: InputError.self) {
            _ = try ForecastShards.run(
                input, request: otherRequest, shard: Shard(index: 1, count: 4)!,
                out: dir.appendingPathComponent("o").path, calibratedBy: dir.appendingPathComponent("cal-4.bin").path)
        }
    }

    /// A calibration part whose request records a library scale of 0 (or below, infinite or
    /// not a number) is refused by `merge` with the part's file named: the scale divides the pooled
    /// errors (mutation round seed 94: a scale of 0 passed the check).
    @Test func aCalibrationPartWithoutAPositiveLibraryScaleIsRefused() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("batch.csv").path
        try Self.batchCSV().write(toFile: path, atomically: true, encoding: .utf8)
        let input = try SeriesInput(path: path)
        let job = ForecastJob(
            settings: ForecastSettings(horizon: 2, threads: 1), levels: [("80", 80)], quantiles: [], kind: nil)
        let request = try ForecastShards.Request(input: path, job: job, library: nil, commandLine: [], version: "t")
        let calParts = dir.appendingPathComponent("cal-parts").path
        _ = try ForecastShards.run(
            input, request: request, shard: Shard(index: 1, count: 1)!, out: calParts, calibratedBy: nil)
        let part = calParts + "/part-1-of-1/part.json"
        let original = try String(contentsOfFile: part, encoding: .utf8)
        let s0 = try #require(original.firstMatch(of: /"library_s0" *: *"([0-9]+)"/)?.1)
        try ForecastShards.merge([calParts], out: dir.appendingPathComponent("ok.bin").path, force: false, version: "t")
        for bits in [(0.0).bitPattern, (-1.0).bitPattern, Double.nan.bitPattern, Double.infinity.bitPattern] {
            try original.replacingOccurrences(of: "\"\(s0)\"", with: "\"\(bits)\"").write(
                toFile: part, atomically: true, encoding: .utf8)
            do {
                try ForecastShards.merge(
                    [calParts], out: dir.appendingPathComponent("x-\(bits).bin").path, force: false, version: "t")
                Issue.record("a library scale of bits \(bits) was merged")
            } catch let error as InputError {
                #expect(error.file == part && error.message == "records no valid horizon or library scale", "\(error)")
            }
        }
    }

    /// More shards than series: a calibration part may hold no series at all, and the merge
    /// takes it (0 is a possible count); a part that claims more series than the input has is
    /// damaged, said as such (not read on until the bytes run out), even where its manifest's
    /// hash was made to match.
    @Test func aCalibrationPartMayBeEmptyButNotLargerThanTheInput() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("batch.csv").path
        var csv = "series_id,period,value\n"
        for (id, base) in [("a", 10.0), ("b", 50.0), ("c", 7.0)] {
            for t in 0..<6 { csv += "\(id),\(2015 + t),\(base * (1 + 0.05 * Double(t)) + Double(t % 2))\n" }
        }
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let input = try SeriesInput(path: path)
        let job = ForecastJob(
            settings: ForecastSettings(horizon: 2, threads: 1), levels: [("80", 80)], quantiles: [], kind: nil)
        let request = try ForecastShards.Request(input: path, job: job, library: nil, commandLine: [], version: "t")
        let calParts = dir.appendingPathComponent("cal-parts").path
        for k in 1...4 {
            _ = try ForecastShards.run(
                input, request: request, shard: Shard(index: k, count: 4)!, out: calParts, calibratedBy: nil)
        }
        let counts = try (1...4).map { k in
            var r = BinaryReader(try Data(contentsOf: URL(fileURLWithPath: calParts + "/part-\(k)-of-4/tally.bin")))
            return try r.int()
        }
        #expect(counts.sorted() == [0, 1, 1, 1], "\(counts)")
        try ForecastShards.merge([calParts], out: dir.appendingPathComponent("ok.bin").path, force: false, version: "t")
        // The first word of a part's numbers is its count of series: 4 where the input has 3.
        let tally = calParts + "/part-1-of-4/tally.bin"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: tally))
        let original = bytes
        withUnsafeBytes(of: UInt64(4).littleEndian) { bytes.replaceSubrange(0..<8, with: $0) }
        // Its manifest's hash is brought along: the count itself must be judged, not the edit.
        try Self.replaceTally(in: calParts + "/part-1-of-4", with: bytes)
        #expect {
            try ForecastShards.merge(
                [calParts], out: dir.appendingPathComponent("x.bin").path, force: false, version: "t")
        } throws: {
            let e = $0 as! InputError
            return e.file == tally && e.message == "an impossible number of series"
        }
        // A backtest window's level is a positive value of the series: one of exactly 0 (only a
        // hand-made file holds one; its hash made to match again) is refused, not divided by.
        try Self.replaceTally(in: calParts + "/part-1-of-4", with: original)
        let one = try #require((1...4).first { counts[$0 - 1] == 1 })
        let other = calParts + "/part-\(one)-of-4/tally.bin"
        var data = try Data(contentsOf: URL(fileURLWithPath: other))
        var r = BinaryReader(data)
        _ = try (r.int(), r.int(), r.bool(), r.doubles(), r.doubles())
        #expect(try r.int() >= 1, "the series has a backtest window")
        _ = try (r.bool(), r.double(), r.int())
        let at = r.offset
        #expect(try r.double() > 0)
        withUnsafeBytes(of: (0.0).bitPattern.littleEndian) { data.replaceSubrange(at..<(at + 8), with: $0) }
        try Self.replaceTally(in: calParts + "/part-\(one)-of-4", with: data)
        #expect {
            try ForecastShards.merge(
                [calParts], out: dir.appendingPathComponent("y.bin").path, force: false, version: "t")
        } throws: {
            let e = $0 as! InputError
            return e.file == other && e.message == "a backtest window with an impossible scale"
        }
    }

    /// Writes `data` as the tally of the part folder `part` and brings its part.json's SHA-256
    /// along, as a hand-made part would: what the merge then refuses is the content itself.
    static func replaceTally(in part: String, with data: Data) throws {
        let tally = part + "/tally.bin", manifest = part + "/part.json"
        let oldHash = try sha256Hex(path: tally)
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        #expect(text.contains(oldHash), "\(manifest) records its tally's hash")
        try data.write(to: URL(fileURLWithPath: tally))
        try text.replacingOccurrences(of: oldHash, with: sha256Hex(data)).write(
            toFile: manifest, atomically: true, encoding: .utf8)
    }

    func parts(_ dir: URL, _ n: Int, _ k: Int) -> String {
        dir.appendingPathComponent("parts-\(n)/part-\(k)-of-\(n)").path
    }
}
