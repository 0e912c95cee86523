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
