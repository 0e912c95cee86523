import Foundation
import Testing

@testable import IO

/// The memory estimate's inputs: the size of the input files and the budget (README "Exit
/// codes": a command whose estimate exceeds the budget is refused before it reads anything).
struct MemoryBudgetTests {
    @Test func bytesAddTheSizesOfEveryFile() throws {
        let dir = try TestFiles.scratchFolder()
        defer { TestFiles.remove(dir) }
        let a = dir.appendingPathComponent("a.csv").path
        let b = dir.appendingPathComponent("b.csv").path
        try Data(count: 3_000).write(to: URL(fileURLWithPath: a))
        try Data(count: 500).write(to: URL(fileURLWithPath: b))
        #expect(MemoryBudget.bytes(of: [a]) == 3_000)
        #expect(MemoryBudget.bytes(of: [a, b]) == 3_500)
        // A path without a size (missing: the reader reports it later) adds nothing.
        #expect(MemoryBudget.bytes(of: [a, dir.appendingPathComponent("missing.csv").path, b]) == 3_500)
        #expect(MemoryBudget.bytes(of: []) == 0)
    }

    @Test func theBudgetIsAShareOfTheMemoryWithinTheAddressSpace() {
        let memory = 10e9
        let spare = MemoryBudget.spare(of: memory, threads: 4)
        if let limit = MemoryBudget.addressSpaceLimit() {
            let room = limit - MemoryBudget.addressSpaceBase - 4 * MemoryBudget.addressSpacePerThread
            #expect(spare == max(min(8e9, room), 0))
        } else {
            #expect(spare == 8e9)
        }
        #expect(MemoryBudget.spare(of: 0, threads: 1) == 0)
        // Under an address-space limit of 2 GiB with 4 threads the room is
        // 2048 − 512 − 4·8 = 1504 MiB, below 0.8·10 GB; under 520 MiB it is nothing (mutation
        // round seed 184: the threads' stacks added instead of taken away).
        let mib = 1_048_576.0
        #expect(MemoryBudget.spare(of: memory, threads: 4, addressLimit: 2048 * mib) == 1504 * mib)
        #expect(MemoryBudget.spare(of: memory, threads: 4, addressLimit: 520 * mib) == 0)
        #expect(MemoryBudget.spare(of: memory, threads: 4, addressLimit: nil) == 8e9)
    }
}
