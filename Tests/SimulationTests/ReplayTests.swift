import Foundation
import Testing

@testable import Simulation

/// Replaying merged tallies (`merge` of a sharded run): a tally that does not have the shape of
/// the simulation asked for is refused, and tallies no simulation asked for are counted.
struct ReplayTests {
    static func model() throws -> PlanModel {
        try PlanSimulatorTests.model(level: (1030, [1010, 1015, 1020, 1030]), flow: (4040, [1000, 1000, 1000, 1000]))
    }

    @Test func unusedTalliesAreCounted() throws {
        let m = try Self.model()
        let recorder = SimulationEngine(.shard(index: 1, count: 1))
        _ = try recorder.simulate(model: m, leverSets: [[], []], paths: 300, seed: 4, threads: 1)
        #expect(recorder.recorded.count == 2)
        let replay = SimulationEngine(.replay(recorder.recorded))
        #expect(replay.unusedTallies == 2)
        _ = try replay.simulate(model: m, levers: [], paths: 300, seed: 4, threads: 1)
        #expect(replay.unusedTallies == 1)
        #expect(SimulationEngine().unusedTallies == 0)
    }

    /// A shard's blocks are its share of ⌈paths / 2,048⌉: 2,048 paths are one block, so of two
    /// shards the first holds none and the second block 0, and 4,095 are two, one each. The
    /// parts merge into a tally that covers every block. (Round 225's mutant counted
    /// (paths + 2,049) / 2,048 blocks: two for 2,048 paths, the second beyond them.)
    @Test func shardsShareTheBlocksOfThePaths() throws {
        let m = try Self.model()
        for (paths, ranges) in [(2048, [0..<0, 0..<1]), (4095, [0..<1, 1..<2])] {
            var parts = [SimulationTally]()
            for index in 1...2 {
                let recorder = SimulationEngine(.shard(index: index, count: 2))
                _ = try recorder.simulate(model: m, levers: [], paths: paths, seed: 4, threads: 1)
                let tally = try #require(recorder.recorded.first)
                #expect(tally.blockRange == ranges[index - 1], "\(paths) paths, shard \(index)")
                parts.append(tally)
            }
            #expect(try SimulationTally.merged(parts).coversAllBlocks, "\(paths) paths")
        }
    }

    /// Each part of the shape is checked on its own: a tally whose histogram fits but whose
    /// first path or bit rows do not is refused.
    @Test func aTallyOfAnotherShapeIsRefused() throws {
        let m = try Self.model()
        let recorder = SimulationEngine(.shard(index: 1, count: 1))
        _ = try recorder.simulate(model: m, levers: [], paths: 300, seed: 4, threads: 1)
        let good = try #require(recorder.recorded.first)
        #expect(PlanSimulator.fits(good, model: m))
        var shortPath = good
        shortPath.firstPath.removeLast()
        var fewerBits = good
        fewerBits.bits.removeLast()
        for bad in [shortPath, fewerBits] {
            #expect(!PlanSimulator.fits(bad, model: m))
            let replay = SimulationEngine(.replay([bad]))
            #expect(throws: SimulationEngine.ReplayError.self) {
                try replay.simulate(model: m, levers: [], paths: 300, seed: 4, threads: 1)
            }
        }
    }
}
