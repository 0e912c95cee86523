/// One part of a job split across processes or machines: shard `index` (1-based) of `count`.
///
/// Written `K/N` on the command line, or `auto` to take it from the job scheduler that started
/// the process: a Kubernetes Indexed Job sets `JOB_COMPLETION_INDEX` (0-based; N is given as
/// `auto/N` or by `PLANCAST_SHARDS`), a Slurm job array `SLURM_ARRAY_TASK_ID` and
/// `SLURM_ARRAY_TASK_COUNT` (task ids 0…N−1 or 1…N, after `SLURM_ARRAY_TASK_MIN`).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, count <= 100_000, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// Why a shard cannot be read, in English (`description`) and Chinese (`descriptionZh`, for
    /// `run`, which speaks Chinese by default).
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let description: String
        public let descriptionZh: String

        init(_ description: String, zh: String) {
            (self.description, descriptionZh) = (description, zh)
        }
    }

    /// Parses `K/N`, `auto` or `auto/N`; `environment` is the process's (for `auto`).
    public static func parse(_ text: String, environment: [String: String]) throws(ParseError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "auto" {
            guard parts.count <= 2 else {
                throw ParseError("--shard: write auto or auto/N", zh: "--shard：请写 auto 或 auto/N")
            }
            let given = parts.count == 2 ? Int(parts[1]) : nil
            if parts.count == 2 && given == nil {
                throw ParseError("--shard auto/N: N must be a number", zh: "--shard auto/N：N 必须是数字")
            }
            return try fromScheduler(environment, count: given)
        }
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw ParseError(
                "--shard: write K/N (e.g. 2/7: the second of seven parts) or auto",
                zh: "--shard：请写 K/N（例如 2/7：七份中的第二份）或 auto")
        }
        guard let s = Shard(index: k, count: n) else {
            throw ParseError(
                "--shard \(text): K must be between 1 and N, and N between 1 and 100000",
                zh: "--shard \(text)：K 必须在 1 到 N 之间，N 必须在 1 到 100000 之间")
        }
        return s
    }

    /// The shard from a job scheduler's variables.
    static func fromScheduler(_ env: [String: String], count given: Int?) throws(ParseError) -> Shard {
        // A variable that is set but not a number is a broken job script, not an absent scheduler.
        for name in [
            "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "JOB_COMPLETION_INDEX",
            "PLANCAST_SHARDS",
        ] {
            if let v = env[name], Int(v) == nil {
                let shown = v.unicodeScalars.prefix(20).map {
                    $0.properties.isWhitespace || $0.value < 0x20 ? "?" : String($0)
                }
                .joined()
                throw ParseError(
                    "--shard auto: \(name) is '\(shown)', not a whole number; check the job script",
                    zh: "--shard auto：\(name) 为“\(shown)”，不是整数；请检查作业脚本")
            }
        }
        if let id = env["SLURM_ARRAY_TASK_ID"].flatMap({ Int($0) }) {
            guard let n = given ?? env["SLURM_ARRAY_TASK_COUNT"].flatMap({ Int($0) }) else {
                throw ParseError(
                    "--shard auto: SLURM_ARRAY_TASK_COUNT is not set; write --shard auto/N",
                    zh: "--shard auto：未设置 SLURM_ARRAY_TASK_COUNT；请写 --shard auto/N")
            }
            let first = env["SLURM_ARRAY_TASK_MIN"].flatMap { Int($0) } ?? 0
            guard let s = Shard(index: id - first + 1, count: n) else {
                throw ParseError(
                    "--shard auto: SLURM_ARRAY_TASK_ID \(id) is not one of \(n) tasks from \(first)",
                    zh: "--shard auto：SLURM_ARRAY_TASK_ID \(id) 不在从 \(first) 起的 \(n) 个任务之内")
            }
            return s
        }
        if let id = env["JOB_COMPLETION_INDEX"].flatMap({ Int($0) }) {
            guard let n = given ?? env["PLANCAST_SHARDS"].flatMap({ Int($0) }) else {
                throw ParseError(
                    "--shard auto: a Kubernetes Indexed Job does not say how many parts; write --shard auto/N (N = completions)",
                    zh: "--shard auto：Kubernetes Indexed Job 没有给出份数；请写 --shard auto/N（N = completions）")
            }
            guard let s = Shard(index: id + 1, count: n) else {
                throw ParseError(
                    "--shard auto: JOB_COMPLETION_INDEX \(id) is not below \(n)",
                    zh: "--shard auto：JOB_COMPLETION_INDEX \(id) 不小于 \(n)")
            }
            return s
        }
        throw ParseError(
            "--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm array) is set; write K/N",
            zh: "--shard auto：JOB_COMPLETION_INDEX（Kubernetes Indexed Job）和 SLURM_ARRAY_TASK_ID（Slurm 作业数组）都未设置；请写 K/N")
    }

    /// Whether the item with `key` belongs to this shard: FNV-1a (64-bit) of its UTF-8 bytes
    /// modulo N — the same on every machine and run (Swift's own hashes are seeded per process).
    public func owns(key: String) -> Bool {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return Int(h % UInt64(count)) == index - 1
    }
}
