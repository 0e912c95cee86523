import Foundation
import Testing

@testable import IO
@testable import Parallel
@testable import Reporting
@testable import Runs

/// `run --shard K/N` + `merge` give the unsharded run byte for byte (issue 15), and a missing,
/// duplicated or foreign part is an error that names it.
@Suite(.serialized)
struct ShardMergeTests {
    static let scenarios = ["baseline.yaml", "rd-push.yaml"].map {
        RunPipelineTests.root.appendingPathComponent("Scenarios/" + $0).path
    }

    static func request(out: String) -> RunRequest {
        var r = RunPipelineTests.request(scenarios, out: out, paths: 8 * 2048 - 100)
        r.sensitivity = true
        return r
    }

    static func shards(_ n: Int, into dir: URL) throws -> String {
        let parts = dir.appendingPathComponent("parts-\(n)").path
        for k in 1...n {
            _ = try RunShards.run(request(out: parts), shard: Shard(index: k, count: n)!)
        }
        return parts
    }

    @Test func mergedShardsAreTheWholeRun() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = dir.appendingPathComponent("whole").path
        _ = try RunPipeline.run(Self.request(out: whole))
        for n in [1, 2, 3, 7] {
            let parts = try Self.shards(n, into: dir)
            let merged = dir.appendingPathComponent("merged-\(n)").path
            _ = try RunShards.merge(
                [parts], out: merged, force: false, commandLine: [], version: RunRequest(planDirectory: "").version,
                terminalWidth: nil)
            for f in RunFolder.outputNames {
                let a = FileManager.default.contents(atPath: whole + "/" + f)
                let b = FileManager.default.contents(atPath: merged + "/" + f)
                #expect(a != nil && a == b, "\(f) of \(n) merged shards equals the whole run's")
            }
            let c = try RunComparison.load(whole, merged)
            #expect(c.reproduces)
            // The merged run's simulation time is the parts' together: a positive sum (mutation
            // round seed 94: a difference, below 0, went unnoticed).
            let manifest =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: merged + "/manifest.json"))) as? [String: Any]
            let timings = manifest?["timings"] as? [String: Any]
            let seconds = try #require(timings?["simulate_seconds"] as? Double, "\(String(describing: timings))")
            #expect(
                seconds > 0 && seconds <= (timings?["total_seconds"] as? Double ?? 0), "\(String(describing: timings))")
        }
    }

    /// The parts are named in both languages: `merge --lang zh` (stop 71) gives the same
    /// refusals in Chinese, which before that stop it did not.
    /// A part is checked for its share of the paths, ⌈paths / N⌉, and a merge for all of them on
    /// one thread, each with its met bits held 2.5 times (a part also writes, a merge also reads,
    /// the tally files). The edge in closed form: needed = estimate(paths) × 2.5 + working memory,
    /// against 0.8 × memory. One path more or fewer moves it by 193 / 8 × 2.5 ≈ 60 bytes in 10⁹,
    /// beyond the 10⁻⁹ either side used here. (Both lines were on the list no test pinned.)
    @Test func partsAndMergesAreCheckedForTheirShareOfMemory() throws {
        let inputs = try RunPipeline.load(RunPipelineTests.request([], out: "unused"))
        let shard = Shard(index: 1, count: 4)!
        let part = inputs.memoryEstimate(paths: 10_000_001) * 2.5 + inputs.workingMemory(threads: 2)
        try RunShards.checkPartMemory(
            inputs, paths: 40_000_001, shard: shard, threads: 2, memory: part / 0.8 * (1 + 1e-9))
        #expect {
            try RunShards.checkPartMemory(
                inputs, paths: 40_000_001, shard: shard, threads: 2, memory: part / 0.8 * (1 - 1e-9))
        } throws: { e in
            guard case .tooLarge(let needed, _, _, let paths, _, let threads) = e as? RunError else { return false }
            return paths == 10_000_001 && threads == 2 && abs(needed - part / 1e9) < 1e-9
        }
        let merge = inputs.memoryEstimate(paths: 40_000_001) * 2.5 + inputs.workingMemory(threads: 1)
        try RunShards.checkMergeMemory(inputs, paths: 40_000_001, memory: merge / 0.8 * (1 + 1e-9))
        #expect {
            try RunShards.checkMergeMemory(inputs, paths: 40_000_001, memory: merge / 0.8 * (1 - 1e-9))
        } throws: { e in
            guard case .tooLarge(let needed, _, _, let paths, _, let threads) = e as? RunError else { return false }
            return paths == 40_000_001 && threads == 1 && abs(needed - merge / 1e9) < 1e-9
        }
    }

    /// Parts that each pass their part.json can still fail to make one run: part 1's tallies
    /// copied into part 2 (its manifest's hash made to match) cover the same blocks twice. The
    /// merge names the first simulation that does not add up, counted from 1, in both languages.
    @Test func partsThatCoverTheSameBlocksNameTheirSimulation() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = try Self.shards(2, into: dir)
        let first = try Data(contentsOf: URL(fileURLWithPath: parts + "/part-1-of-2/tally.bin"))
        try ForecastShardTests.replaceTally(in: parts + "/part-2-of-2", with: first)
        #expect {
            try RunShards.merge(
                [parts], out: dir.appendingPathComponent("merged").path, force: false, commandLine: [],
                version: RunRequest(planDirectory: "").version, terminalWidth: nil)
        } throws: {
            let e = $0 as! InputError
            return e.message.hasPrefix("simulation 1 of the parts: ") && e.messageZh?.hasPrefix("各分片的第 1 次模拟：") == true
                && e.hint == "run the shards again"
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("merged").path))
    }

    @Test func missingDuplicatedAndForeignPartsAreNamed() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = try Self.shards(3, into: dir)
        let version = RunRequest(planDirectory: "").version
        func mergeError(_ paths: [String], chinese: Bool = false) -> String {
            do {
                _ = try RunShards.merge(
                    paths, out: dir.appendingPathComponent("m").path, force: false, commandLine: [], version: version,
                    terminalWidth: nil)
                return ""
            } catch let e as InputError {
                return e.text(chinese: chinese)
            } catch {
                return "\(error)"
            }
        }
        let p1 = parts + "/part-1-of-3", p2 = parts + "/part-2-of-3", p3 = parts + "/part-3-of-3"
        #expect(mergeError([p1, p3]).contains("part-2-of-3"), "the missing part is named")
        #expect(mergeError([p1, p3], chinese: true).contains("3 个分片中缺少 1 个：part-2-of-3"))
        let twice = mergeError([p1, p2, p3, p2])
        #expect(twice.contains("part 2 of 3") && twice.contains(p2), "the duplicated part is named")
        #expect(mergeError([p1, p2, p3, p2], chinese: true).contains("这是 3 个分片中的第 2 个，\(p2) 也是"))
        #expect(mergeError([dir.appendingPathComponent("nowhere").path], chinese: true).contains("没有这个分片目录"))
        // A part of another request (another seed).
        var other = Self.request(out: dir.appendingPathComponent("other").path)
        other.seed = 8
        let foreign = try RunShards.run(other, shard: Shard(index: 2, count: 3)!)
        #expect(mergeError([p1, foreign, p3]).contains("another request"))
        #expect(mergeError([p1, foreign, p3], chinese: true).contains("来自不同的请求或输入"))
        // A damaged part.
        let tally = p3 + "/tally.bin"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: tally))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: tally))
        #expect(mergeError([parts]).contains("part-3-of-3"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m").path), "nothing written")
    }

    /// A damaged tally or calibration file is refused in Chinese too (stop 71).
    @Test func damagedFilesAreRefusedInChineseToo() {
        do {
            _ = try TallyFile.decode(Data(), file: "t.bin")
            Issue.record("an empty tally file was read")
        } catch {
            #expect(error.messageZh?.contains("文件被截断或损坏") == true, "\(error)")
            #expect(error.hintZh == "请重新运行该分片：它的目录已损坏或来自另一版本")
        }
        do {
            _ = try CalibrationFile.decode(Data(), file: "c.bin", expecting: "")
            Issue.record("an empty calibration file was read")
        } catch {
            #expect(error.messageZh?.hasPrefix("文件被截断或损坏") == true, "\(error)")
        }
    }

    /// Tally files written by hand at the reader's limits (mutation round seed 153): one
    /// simulation of 64 paths, one bin, `ranges` histogram ranges, no blocks and no targets,
    /// with the sparse histogram counts given.
    static func handTally(ranges: Int, sparse: [UInt64] = [], paths: Int = 64, blockSize: Int = 64) -> Data {
        var w = BinaryWriter()
        w.write(TallyFile.magic)
        w.write(1)
        w.write(paths)
        w.write(blockSize)
        w.write(0)  // first block
        w.write(0.0)  // seconds
        w.write([Double]())  // first path
        w.write(1)  // bins
        w.write([Double](repeating: 0, count: ranges))
        w.write([Double](repeating: 1, count: ranges))
        w.write([Bool](repeating: false, count: ranges))
        w.write(sparse)
        w.write([Double](repeating: 0, count: ranges))
        w.write([Double](repeating: 1, count: ranges))
        w.write([Int](repeating: 0, count: ranges))
        w.write(0)  // blocks
        w.write(0)  // targets
        return w.data
    }

    /// A simulation without targets is read (the mutant `targets > 0` refused it); a histogram
    /// count one past its table (1 range × (1 bin + 2) = 3 counts: index 3) is refused, where the
    /// mutant `i <= count` wrote past the array and trapped; 2²⁰ ranges are within the limit and
    /// 2²⁰ + 1 are not (the mutant `<` refused 2²⁰).
    @Test func tallyFilesAtTheReadersLimits() {
        func outcome(_ data: Data) -> String {
            do {
                return "read \(try TallyFile.decode(data, file: "t.bin").count)"
            } catch {
                return error.message
            }
        }
        #expect(outcome(Self.handTally(ranges: 1)) == "read 1")
        #expect(outcome(Self.handTally(ranges: 1, sparse: [2 << 32 | 7])) == "read 1")
        #expect(outcome(Self.handTally(ranges: 1, sparse: [3 << 32 | 7])) == "a histogram count out of range")
        #expect(outcome(Self.handTally(ranges: 1 << 20)) == "read 1")
        #expect(outcome(Self.handTally(ranges: 1 << 20 + 1)) == "a simulation with impossible settings")
        // 2⁴⁰ paths and blocks of 2²⁴ are the largest read; one path more, or one block size
        // step (64) more, is not (round seed 182: `blockSize <= 1 << 24` as `<` refused 2²⁴).
        #expect(outcome(Self.handTally(ranges: 1, paths: 1 << 40)) == "read 1")
        #expect(outcome(Self.handTally(ranges: 1, paths: 1 << 40 + 1)) == "a simulation with impossible settings")
        #expect(outcome(Self.handTally(ranges: 1, blockSize: 1 << 24)) == "read 1")
        #expect(
            outcome(Self.handTally(ranges: 1, blockSize: 1 << 24 + 64)) == "a simulation with impossible settings")
    }

    /// Sums that overflowed in a part (extreme inputs, or a tally edited and re-hashed) are an
    /// error at the part's tally.bin that says both causes; it used to give the run's message
    /// ("check the observations and scenario amounts") without naming any file (found by
    /// scripts/eval/mutate_folders.py merge-run, 2026-11-30).
    @Test func overflowingSumsOfAPartNameThePart() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = RunPipelineTests.request([Self.scenarios[0]], out: dir.appendingPathComponent("p").path, paths: 300)
        r.sensitivity = false
        let part = try RunShards.run(r, shard: Shard(index: 1, count: 1)!)
        let tally = part + "/tally.bin"
        var t = try TallyFile.decode(try Data(contentsOf: URL(fileURLWithPath: tally)), file: tally)
        t[0].blocks[0].nonFinite[0] = true
        let data = TallyFile.encode(t)
        try data.write(to: URL(fileURLWithPath: tally))
        // Re-hash, as a hand edit would, so the damage passes the part's manifest.
        let manifest = part + "/part.json"
        var json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest))) as? [String: Any])
        json["outputs"] = [["path": "tally.bin", "bytes": data.count, "sha256": sha256Hex(data)]]
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: manifest))
        let out = dir.appendingPathComponent("m").path
        do {
            _ = try RunShards.merge(
                [part], out: out, force: false, commandLine: [], version: RunRequest(planDirectory: "").version,
                terminalWidth: nil)
            Issue.record("a part with non-finite sums was merged")
        } catch let e as InputError {
            #expect(e.file == tally && e.message.contains("leave the range of double precision"), "\(e)")
            #expect(e.hint?.contains("run the shards again") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: out), "nothing written")
    }

    /// The count of simulations at the head of a tally file is checked before it is looped over:
    /// a negative count would trap in `0..<n`, a huge one would read on (the random damage below
    /// seldom hits that one word).
    /// A part's recorded request replays the run: it round-trips, and values `run` would refuse
    /// (paths beyond 50,000,000, an as-of year of 99999) are errors naming the key, as in a run
    /// folder's manifest (they were taken as they stood until 2026-12-03).
    @Test func aPartsRequestHoldsOnlyWhatRunAccepts() throws {
        var r = RunRequest(planDirectory: "plans/k")
        (r.paths, r.seed, r.asOf) = (400, UInt64.max, 2022)
        let good = RunShards.requestObject(r)
        let back = try RunShards.request(from: good, file: "m")
        #expect(back.paths == 400 && back.seed == UInt64.max && back.asOf == 2022)
        #expect(try RunShards.request(from: good.merging(["as_of": NSNull()]) { $1 }, file: "m").asOf == nil)
        for (key, value) in [
            ("paths", 50_000_001 as Any), ("paths", 99), ("as_of", 99999), ("as_of", "2022"),
            ("sensitivity_paths", 0),
        ] {
            #expect(throws: InputError.self, "\(key) = \(value)") {
                try RunShards.request(from: good.merging([key: value]) { $1 }, file: "m")
            }
            do {
                _ = try RunShards.request(from: good.merging([key: value]) { $1 }, file: "m")
            } catch {
                #expect(error.message.contains("'\(key)'"), "\(error)")
            }
        }
    }

    @Test func anImpossibleCountOfSimulationsIsRefusedFirst() throws {
        for (n, refused) in [(-1, true), (Int.min, true), (100_001, true), (100_000, false), (0, false)] {
            var w = BinaryWriter()
            w.write(TallyFile.magic)
            w.write(n)
            do {
                let tallies = try TallyFile.decode(w.data, file: "t")
                #expect(n == 0 && tallies.isEmpty, "\(n)")
            } catch {
                #expect(
                    error.message.contains("an impossible number of simulations (\(n))") == refused, "\(n): \(error)")
            }
        }
    }

    /// A damaged tally file is an error, never a trap: seeded truncations, flipped bytes and
    /// words overwritten with extreme values (counts that would overflow a merge).
    @Test func damagedTallyFilesAreErrors() throws {
        let dir = try RunPipelineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = RunPipelineTests.request([Self.scenarios[0]], out: dir.appendingPathComponent("p").path, paths: 300)
        r.sensitivity = false
        let part = try RunShards.run(r, shard: Shard(index: 1, count: 1)!)
        let good = try Data(contentsOf: URL(fileURLWithPath: part + "/tally.bin"))
        #expect(try TallyFile.decode(good, file: "t").count == 1)
        var state: UInt64 = 99
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var rejected = 0
        for round in 0..<300 {
            var bad = good
            switch round % 3 {
            case 0: bad = bad.prefix(next() % bad.count)
            case 1: bad[next() % bad.count] ^= UInt8(1 + next() % 255)
            default:
                let at = (next() % (bad.count / 8)) * 8
                let word: UInt64 = [UInt64.max, 1 << 63, UInt64(Int.max)][next() % 3]
                withUnsafeBytes(of: word.littleEndian) { bad.replaceSubrange(at..<(at + 8), with: $0) }
            }
            do {
                _ = try TallyFile.decode(bad, file: "t")
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 150, "most damage is caught by the decoder itself (\(rejected) of 300)")
    }
}
