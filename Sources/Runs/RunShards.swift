import Foundation
import IO
import Indicators
import Parallel
import Scenarios
import Simulation

/// `plancast run --shard K/N` and `plancast merge`: a run split across processes or machines
/// by a job scheduler (a Kubernetes Indexed Job, a Slurm array), with no coordinator of its own.
///
/// Shard K draws only its share of each simulation's blocks of paths (consecutive blocks; each
/// block has its own random stream, so the split changes nothing) and writes a part folder:
/// `part.json` (the request, the SHA-256 of every input, K and N) and `tally.bin` (the raw
/// tallies, `TallyFile`). The merge checks that the parts are N different shards of one
/// request on unchanged inputs, adds the tallies block by block in block order, and replays the
/// run on them: the run folder is byte-identical to the unsharded run with the same seed and
/// paths (but for the manifest's timings and command).
public enum RunShards {
    /// The part folder of shard `shard` under `folder`.
    public static func partFolder(_ folder: String, shard: Shard) -> String {
        folder + "/part-\(shard.index)-of-\(shard.count)"
    }

    /// How many times a part or a merge holds the met bits at its peak: the tallies, and the
    /// bytes of the tally file written or read (`RunPipeline.Inputs.checkMemory`'s `copies`).
    static let tallyCopies = 2.5

    /// Refuses, before anything is written, a part that would not fit in `memory` bytes: shard
    /// K of N simulates about ⌈paths / N⌉ paths (parts take whole blocks of 2,048 paths, so one
    /// may hold a block more: a few kilobytes of met bits), held `tallyCopies` times.
    static func checkPartMemory(
        _ inputs: RunPipeline.Inputs, paths: Int, shard: Shard, threads: Int, memory: Double = MemoryBudget.memory()
    ) throws {
        try inputs.checkMemory(
            paths: (paths + shard.count - 1) / shard.count, threads: threads, copies: tallyCopies, memory: memory)
    }

    /// Refuses a merge that would not fit in `memory` bytes: it tallies all `paths` paths on one
    /// thread, reading the parts' tally files (`tallyCopies`).
    static func checkMergeMemory(_ inputs: RunPipeline.Inputs, paths: Int, memory: Double = MemoryBudget.memory())
        throws
    {
        try inputs.checkMemory(paths: paths, threads: 1, copies: tallyCopies, memory: memory)
    }

    /// Runs shard `shard` of `request`, writing its part into `partFolder(request.outputFolder, shard:)`.
    /// Returns the part folder.
    public static func run(_ request: RunRequest, shard: Shard, progress: (@Sendable (String) -> Void)? = nil)
        throws -> String
    {
        let inputs = try RunPipeline.load(request)
        try checkPartMemory(
            inputs, paths: request.paths, shard: shard, threads: request.threads ?? Workers.defaultCount)
        let path = partFolder(request.outputFolder ?? "parts", shard: shard)
        let folder = try RunFolder.prepare(path, force: request.force, layout: .part, inputs: inputs.paths)
        let threads = request.threads ?? Workers.defaultCount
        let engine = SimulationEngine(.shard(index: shard.index, count: shard.count))
        _ = try RunPipeline.simulate(inputs, request: request, threads: threads, engine: engine, progress: progress)
        let manifest: [String: Any] = [
            "tool": "plancast", "kind": "run-part", "version": request.version, "command": request.commandLine,
            "shard": shard.index, "shards": shard.count, "simulations": engine.recorded.count,
            "request": requestObject(request), "inputs": try inputDigests(inputs),
        ]
        try folder.write(data: [("tally.bin", TallyFile.encode(engine.recorded))], manifest: manifest)
        return path
    }

    /// Merges the parts in `paths` (part folders, or folders holding `part-K-of-N` folders) into
    /// the run folder `out`.
    public static func merge(
        _ paths: [String], out: String, force: Bool, commandLine: [String], version: String, terminalWidth: Int?,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws -> RunOutcome {
        let parts = try PartSet.read(paths, kind: "run-part", version: version)
        var request = try request(from: parts.request, file: parts.first + "/part.json")
        (request.outputFolder, request.force, request.commandLine) = (out, force, commandLine)
        request.terminalWidth = terminalWidth
        let inputs = try RunPipeline.load(request)
        try checkUnchanged(inputs, recorded: parts.inputs)
        try checkMergeMemory(inputs, paths: request.paths)
        var tallies = [[SimulationTally]](repeating: [], count: parts.simulations)
        for p in parts.folders {
            let file = p + "/tally.bin"
            guard let data = FileManager.default.contents(atPath: file) else {
                throw PartSet.damaged(file, "cannot read the part's tallies", zh: "无法读取分片的计数")
            }
            let t = try TallyFile.decode(data, file: file)
            guard t.count == parts.simulations else {
                throw PartSet.damaged(
                    file, "holds \(t.count) simulations, its part.json says \(parts.simulations)",
                    zh: "其中有 \(t.count) 次模拟，而它的 part.json 写的是 \(parts.simulations) 次")
            }
            for i in t.indices { tallies[i].append(t[i]) }
        }
        var merged = [SimulationTally]()
        for (i, t) in tallies.enumerated() {
            do {
                merged.append(try SimulationTally.merged(t))
            } catch {
                throw InputError(
                    file: parts.first, "simulation \(i + 1) of the parts: \(error)", hint: "run the shards again",
                    zh: "各分片的第 \(i + 1) 次模拟：\(error)", hintZh: "请重新运行各分片")
            }
        }
        let folder = try RunFolder.prepare(out, force: force, inputs: inputs.paths + parts.folders)
        let engine = SimulationEngine(.replay(merged))
        let threads = request.threads ?? 1
        let runs: [ScenarioRun], sensitivity: [ScenarioRunner.Sensitivity]
        do {
            (runs, sensitivity) = try RunPipeline.simulate(
                inputs, request: request, threads: threads, engine: engine, progress: progress)
        } catch RunError.nonFinite(let scenario, let series) {
            // The parts' sums are what overflowed: extreme inputs, or a tally damaged and re-hashed.
            throw InputError(
                file: parts.first + "/tally.bin",
                "scenario '\(scenario)': the merged sums of \(series.joined(separator: ", ")) leave the range of "
                    + "double precision (no output written)",
                hint: "check the observations and scenario amounts of these series; if they are ordinary, a part "
                    + "is damaged: run the shards again",
                zh: "情景“\(scenario)”：\(series.joined(separator: "、"))合并后的总和超出了双精度范围（未写出任何输出）",
                hintZh: "请检查这些序列的观测值和情景数额；如果它们都正常，则有分片已损坏：请重新运行各分片")
        }
        guard engine.unusedTallies == 0 else {
            throw InputError(
                file: parts.first, "the parts hold \(engine.unusedTallies) simulations more than the run needs",
                hint: "merge parts of one run only", zh: "各分片比这次运行所需多出 \(engine.unusedTallies) 次模拟",
                hintZh: "请只合并同一次运行的分片")
        }
        var manifest = try RunManifest.object(
            request: request, plan: inputs.plan, scenarioFiles: inputs.scenarios.files, runs: runs, threads: threads,
            timings: ["simulate_seconds": merged.reduce(0) { $0 + $1.seconds }])
        manifest["warnings"] = RunPipeline.warnings(inputs, runs: runs, asOf: request.asOf)
        manifest["merged_from"] = parts.folders
        manifest["shards"] = parts.folders.count
        return try RunPipeline.write(
            folder: folder, inputs: inputs, runs: runs, sensitivity: sensitivity, request: request, manifest: manifest)
    }

    /// The request as a part records it (what the merge needs to replay the run).
    static func requestObject(_ r: RunRequest) -> [String: Any] {
        [
            "plan_directory": r.planDirectory, "observations": r.observations.map { $0 as Any } ?? NSNull(),
            "encoding": r.encoding.rawValue, "scenario_files": r.scenarioFiles,
            "as_of": r.asOf.map { $0 as Any } ?? NSNull(), "paths": r.paths, "seed": String(r.seed),
            "language": r.language.rawValue, "excel": r.excel, "sensitivity": r.sensitivity,
            "sensitivity_paths": r.sensitivityPaths,
        ]
    }

    static func request(from o: [String: Any], file: String) throws(InputError) -> RunRequest {
        func bad(_ key: String) -> InputError {
            InputError(
                file: file, "'\(key)' of the recorded request is missing or invalid", hint: "run the shards again",
                zh: "记录的请求中“\(key)”缺失或无效", hintZh: "请重新运行各分片")
        }
        guard let dir = o["plan_directory"] as? String else { throw bad("plan_directory") }
        var r = RunRequest(planDirectory: dir)
        r.observations = o["observations"] as? String
        guard let enc = (o["encoding"] as? String).flatMap(TextEncoding.init(rawValue:)) else { throw bad("encoding") }
        r.encoding = enc
        guard let files = o["scenario_files"] as? [String] else { throw bad("scenario_files") }
        r.scenarioFiles = files
        // The ranges `run` accepts: a part is a run's, and its request replays that run.
        r.asOf = JSONFile.integer(o["as_of"])
        if let v = o["as_of"], !(v is NSNull), !(r.asOf.map(RunRequest.yearRange.contains) ?? false) {
            throw bad("as_of")
        }
        guard let paths = JSONFile.integer(o["paths"]), RunRequest.pathRange.contains(paths) else { throw bad("paths") }
        guard let seed = (o["seed"] as? String).flatMap(UInt64.init) else { throw bad("seed") }
        guard let lang = (o["language"] as? String).flatMap(Language.init(rawValue:)) else { throw bad("language") }
        guard let excel = o["excel"] as? Bool, let sens = o["sensitivity"] as? Bool else { throw bad("excel") }
        guard let sp = JSONFile.integer(o["sensitivity_paths"]), (1...RunRequest.pathRange.upperBound).contains(sp)
        else {
            throw bad("sensitivity_paths")
        }
        (r.paths, r.seed, r.language, r.excel, r.sensitivity, r.sensitivityPaths) = (paths, seed, lang, excel, sens, sp)
        return r
    }

    /// Every input file with its role, path and SHA-256.
    static func inputDigests(_ inputs: RunPipeline.Inputs) throws(InputError) -> [[String: Any]] {
        try RunManifest.digests(inputs.plan.files + inputs.scenarios.files.map { .init(role: "scenario", path: $0) })
    }

    /// The merge reads the inputs again: they must be the ones the shards read.
    static func checkUnchanged(_ inputs: RunPipeline.Inputs, recorded: [[String: Any]]) throws(InputError) {
        let now = try inputDigests(inputs)
        let before = Dictionary(
            recorded.compactMap { e in (e["path"] as? String).map { ($0, e["sha256"] as? String ?? "") } },
            uniquingKeysWith: { a, _ in a })
        for e in now {
            let path = e["path"] as? String ?? "?"
            guard before[path] == e["sha256"] as? String else {
                throw InputError(
                    file: path, "differs from the file the shards read",
                    hint: "merge needs the inputs of the shards, unchanged; run the shards again",
                    zh: "与各分片读取的文件不同", hintZh: "合并需要各分片读取的原样输入；请重新运行各分片")
            }
        }
        if now.count != recorded.count {
            throw InputError(
                file: recorded.first?["path"] as? String ?? "part.json",
                "the shards read \(recorded.count) input files, the merge finds \(now.count)",
                hint: "run the shards again on the current inputs",
                zh: "各分片读取了 \(recorded.count) 个输入文件，合并时找到 \(now.count) 个", hintZh: "请在当前输入上重新运行各分片")
        }
    }
}
