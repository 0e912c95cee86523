/// How the simulations of a run are carried out: every path here (`whole`); only one shard's
/// blocks, keeping each simulation's tally for a part folder (`shard`); or no drawing at all,
/// the results taken from merged shard tallies in the order the run asks for them (`replay`).
///
/// A run asks for its simulations in an order fixed by its inputs (scenarios, then the
/// sensitivity reruns), so the k-th simulation of every shard and of the merge is the same one.
public final class SimulationEngine: @unchecked Sendable {
    public enum Mode: Sendable {
        case whole
        /// Shard `index` (1-based) of `count`.
        case shard(index: Int, count: Int)
        case replay([SimulationTally])
    }

    public let mode: Mode
    /// Shard mode: the tallies of the simulations so far, in order.
    public private(set) var recorded: [SimulationTally] = []
    private var replayed = 0

    public init(_ mode: Mode = .whole) { self.mode = mode }

    /// A merged tally that does not fit the simulation the run asks for.
    public struct ReplayError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Replay mode: tallies that no simulation asked for (a part of another run).
    public var unusedTallies: Int {
        if case .replay(let t) = mode { return t.count - replayed }
        return 0
    }

    public func simulate(
        model: PlanModel, levers: [Lever], paths: Int, seed: UInt64, threads: Int,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(ReplayError) -> PlanSimulationResult {
        try simulate(
            model: model, leverSets: [levers], paths: paths, seed: seed, threads: threads, progress: progress)[0]
    }

    /// Several scenarios of one model (one per lever set), sharing draws where they can
    /// (`PlanSimulator.tallies`); their tallies are kept and replayed in the order given.
    public func simulate(
        model: PlanModel, leverSets: [[Lever]], paths: Int, seed: UInt64, threads: Int,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(ReplayError) -> [PlanSimulationResult] {
        let tallies: [SimulationTally]
        switch mode {
        case .whole:
            tallies = PlanSimulator.tallies(
                model: model, leverSets: leverSets, paths: paths, seed: seed, threads: threads, progress: progress)
        case .shard(let index, let count):
            let total = (paths + PlanSimulator.defaultBlockSize - 1) / PlanSimulator.defaultBlockSize
            tallies = PlanSimulator.tallies(
                model: model, leverSets: leverSets, paths: paths, seed: seed, threads: threads,
                blocks: SimulationTally.blocks(shard: index, of: count, total: total), progress: progress)
            recorded += tallies
        case .replay(let all):
            var mine = [SimulationTally]()
            for levers in leverSets {
                guard replayed < all.count else {
                    throw ReplayError(description: "the parts hold \(all.count) simulations; the run needs more")
                }
                let t = all[replayed]
                replayed += 1
                guard t.paths == paths, t.coversAllBlocks, PlanSimulator.fits(t, model: model, levers: levers) else {
                    throw ReplayError(
                        description:
                            "simulation \(replayed) of the parts does not fit the run (another plan or version?)")
                }
                mine.append(t)
            }
            tallies = mine
        }
        return zip(leverSets, tallies).map { PlanSimulator.result(model: model, levers: $0, tally: $1) }
    }
}
