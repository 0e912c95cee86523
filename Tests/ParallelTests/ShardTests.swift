import Testing

@testable import Parallel

/// `--shard K/N` and `--shard auto` (a scheduler's variables), and which shard owns a key.
struct ShardTests {
    @Test func shardsFromSchedulers() throws {
        #expect(try Shard.parse("2/7", environment: [:]) == Shard(index: 2, count: 7))
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
}
