import Testing

@testable import Parallel

/// `--shard K/N` and `--shard auto` (a scheduler's variables), and which shard owns a key.
struct ShardTests {
    @Test func shardsFromSchedulers() throws {
        #expect(try Shard.parse("2/7", environment: [:]) == Shard(index: 2, count: 7))
        // One shard of one is the whole run, and 100,000 shards are the most (mutation round
        // seed 185: `count >= 1` as `> 1` refused 1/1, which the tests of whole parts use).
        #expect(Shard(index: 1, count: 1) != nil && Shard(index: 100_000, count: 100_000) != nil)
        #expect(Shard(index: 1, count: 0) == nil && Shard(index: 1, count: 100_001) == nil)
        #expect(try Shard.parse("auto/4", environment: ["JOB_COMPLETION_INDEX": "0"]) == Shard(index: 1, count: 4))
        #expect(
            try Shard.parse(
                "auto",
                environment: [
                    "SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "7",
                    "SLURM_ARRAY_TASK_MIN": "1",
                ]) == Shard(index: 7, count: 7))
        #expect(throws: Shard.ParseError.self) { try Shard.parse("auto", environment: ["JOB_COMPLETION_INDEX": "1"]) }
        #expect(throws: Shard.ParseError.self) { try Shard.parse("8/7", environment: [:]) }
        #expect(throws: Shard.ParseError.self) { try Shard.parse("auto", environment: [:]) }
        // Set but not a number: named as such, not reported as absent.
        do {
            _ = try Shard.parse("auto/3", environment: ["JOB_COMPLETION_INDEX": "abc"])
            Issue.record("a non-numeric JOB_COMPLETION_INDEX was accepted")
        } catch {
            #expect("\(error)".contains("JOB_COMPLETION_INDEX is 'abc'"))
        }
        // Blanks and control characters in the shown value are '?', letters stay.
        do {
            _ = try Shard.parse("auto", environment: ["SLURM_ARRAY_TASK_ID": "3\t\u{1B}[2Jx y"])
            Issue.record("a non-numeric SLURM_ARRAY_TASK_ID was accepted")
        } catch {
            #expect("\(error)".contains("SLURM_ARRAY_TASK_ID is '3??[2Jx?y'"), "\(error)")
        }
        // "auto" is a word of its own: "autos/3" is neither K/N nor auto.
        #expect(throws: Shard.ParseError.self) {
            try Shard.parse("autos/3", environment: ["JOB_COMPLETION_INDEX": "0"])
        }
        // Every key belongs to exactly one shard.
        let shards = (1...4).map { Shard(index: $0, count: 4)! }
        for key in ["a", "b", "高新技术企业", "N0001", ""] {
            #expect(shards.filter { $0.owns(key: key) }.count == 1)
        }
    }

    /// Every refusal has its Chinese words (`run` speaks Chinese by default; until 2026-12-06
    /// these were English in a Chinese run), naming the same option and figures.
    @Test func everyRefusalSaysItInChineseToo() {
        let cases: [(String, [String: String], String)] = [
            ("auto/3/4", [:], "--shard：请写 auto 或 auto/N"),
            ("auto/x", [:], "--shard auto/N：N 必须是数字"),
            ("2-7", [:], "--shard：请写 K/N（例如 2/7：七份中的第二份）或 auto"),
            ("0/3", [:], "--shard 0/3：K 必须在 1 到 N 之间"),
            ("auto", ["PLANCAST_SHARDS": "four"], "--shard auto：PLANCAST_SHARDS 为“four”，不是整数"),
            ("auto", ["SLURM_ARRAY_TASK_ID": "2"], "未设置 SLURM_ARRAY_TASK_COUNT"),
            (
                "auto", ["SLURM_ARRAY_TASK_ID": "9", "SLURM_ARRAY_TASK_COUNT": "4"],
                "SLURM_ARRAY_TASK_ID 9 不在从 0 起的 4 个任务之内"
            ),
            ("auto", ["JOB_COMPLETION_INDEX": "1"], "Kubernetes Indexed Job 没有给出份数"),
            ("auto/2", ["JOB_COMPLETION_INDEX": "2"], "JOB_COMPLETION_INDEX 2 不小于 2"),
            ("auto", [:], "都未设置；请写 K/N"),
        ]
        for (text, environment, zh) in cases {
            do {
                _ = try Shard.parse(text, environment: environment)
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.descriptionZh.contains(zh), "\(text): \(error.descriptionZh)")
                #expect(error.description.hasPrefix("--shard"), "\(text): \(error.description)")
            }
        }
    }
}
