import Forecasting
import Foundation
import Indicators
import LinearAlgebra
import Parallel

/// Everything a run produces for one scenario.
public struct PlanSimulationResult: Sendable {
    public let targets: [TargetOutcome]
    /// Per target, whether each path met it (bit p of the words; paths in block order), for
    /// paired comparisons of scenarios that share random draws.
    public let metBits: [[UInt64]]
    public let cells: [CellOutcome]
    public let paths: Int
    public let seconds: Double
    /// Series with a simulated value that is not a finite number (a forecast beyond the range of
    /// doubles, from extreme input). A run with any refuses to write results.
    public var nonFiniteSeries: [String] = []
}

/// Joint simulation of every series of a plan (DESIGN.md §3.6–3.7).
///
/// Per path and simulated series: yearly innovations εₕ ~ N(0, R) across series (R the shrunk,
/// repaired correlation; applied through its Cholesky factor by GEMM on blocks of paths),
/// accumulated as uₕ = (ε₁ + … + εₕ)/√h — a standard normal whose path behaves like a random
/// walk — and mapped through the calibrated quantiles: zₕ = Qₕ(Φ(uₕ)), value = T⁻¹(centerₕ +
/// scaleₕ·zₕ). So each year's marginal is the calibrated forecast distribution (a Gaussian
/// copula with empirical margins). Then scenario effects, derived series (net changes from their
/// stock), "child ≤ parent" and whole numbers for counts, and the targets, path by path.
///
/// Blocks of paths have their own random streams (seed, block) — shared by every scenario of a
/// run, so differences between scenarios are not noise — and results are merged in block order,
/// so they do not depend on the number of threads.
public enum PlanSimulator {
    /// Quantile levels of `CellOutcome.quantiles`: forecasts.csv shows 0.05…0.95, the report's
    /// fan charts also use 0.025 and 0.975 for the 95% band.
    public static let quantileLevels = [0.025, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.975]

    public static func run(
        model: PlanModel, levers: [Lever] = [], paths: Int, seed: UInt64, threads: Int,
        blockSize: Int = defaultBlockSize,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) -> PlanSimulationResult {
        let t = tally(
            model: model, levers: levers, paths: paths, seed: seed, threads: threads, blockSize: blockSize,
            progress: progress)
        return result(model: model, levers: levers, tally: t)
    }

    public static let defaultBlockSize = 2048

    /// The raw accumulators of the blocks `blocks` (nil: all) of a simulation of `paths` paths.
    /// Block b draws from its own stream (seed, b), so any split of the blocks among processes
    /// adds up to the whole simulation.
    public static func tally(
        model: PlanModel, levers: [Lever] = [], paths: Int, seed: UInt64, threads: Int,
        blockSize: Int = defaultBlockSize,
        blocks range: Range<Int>? = nil, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) -> SimulationTally {
        tallies(
            model: model, leverSets: [levers], paths: paths, seed: seed, threads: threads, blockSize: blockSize,
            blocks: range, progress: progress)[0]
    }

    /// Tallies of several scenarios of one model (one per lever set), on common random numbers.
    /// Scenarios whose levers leave the same volatility share each block's draws: the block's
    /// values before lever effects are computed once and copied to each scenario (the result
    /// is the same as simulating each alone; it saves the draws, the correlation product and
    /// the quantile mapping of all but one).
    public static func tallies(
        model: PlanModel, leverSets: [[Lever]], paths: Int, seed: UInt64, threads: Int,
        blockSize: Int = defaultBlockSize, blocks range: Range<Int>? = nil,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) -> [SimulationTally] {
        precondition(blockSize % 64 == 0, "block size must be a multiple of 64")
        guard !leverSets.isEmpty else { return [] }
        let start = Date()
        let plans = leverSets.map { PreparedScenario(model: model, levers: $0) }
        let blockCount = (paths + blockSize - 1) / blockSize
        let range = (range ?? 0..<blockCount).clamped(to: 0..<blockCount)
        @Sendable func size(_ b: Int) -> Int { min(blockSize, paths - b * blockSize) }
        // Scenarios that share draws: equal volatility scales.
        let groupsOfDraws = groupsByFirstAppearance(count: plans.count) { plans[$0].volatility }
        // Pilot block: fixes histogram ranges (every shard draws it, so all share the ranges).
        var pilots = [HistogramQuantiles](), firstPaths = [[Double]]()
        var pilotScratch = plans[0].scratch(blockSize)
        pilotScratch.allQuantities = true
        for plan in plans {
            plan.simulate(block: 0, paths: size(0), seed: seed, into: &pilotScratch)
            pilots.append(HistogramQuantiles(pilot: plan.pilotValues(pilotScratch, paths: size(0)), bins: 2048))
            firstPaths.append(plan.targets.indices.map { pilotScratch.quantity[$0 * size(0)] })
        }
        let groups = groupsOfDraws
        let sharing = GroupSharing(plans: plans, pilots: pilots, groups: groups)
        // No more workers (and per-worker scratch) than blocks: `--threads 256` on the bundled
        // plan allocated 256 scratches per simulation, 10 GB and 45 s instead of 2 s (found
        // 2026-11-30); BlockRunner never used more than one worker per block anyway.
        let workers = max(1, min(threads, range.count))
        let shared = groups.contains { $0.count > 1 }
        let scratches = WorkerSlots((0..<workers).map { _ in plans[0].scratch(blockSize) })
        let bases = WorkerSlots((0..<(shared ? workers : 0)).map { _ in plans[0].scratch(blockSize) })
        // The group's first scenario's finished block, and its cells' extremes in that block.
        let references = WorkerSlots((0..<(shared ? workers : 0)).map { _ in plans[0].scratch(blockSize) })
        let cellCount = pilots.map(\.lo.count).max() ?? 0
        let extremes = WorkerSlots(
            (0..<(shared ? workers : 0)).map { _ in
                [(min: Double, max: Double)](repeating: (.infinity, -.infinity), count: cellCount)
            })
        let histograms = plans.indices.map { i in WorkerSlots((0..<workers).map { _ in pilots[i].emptyCopy() }) }
        // Met bits of these blocks, straight into one buffer per target (blocks hold a multiple
        // of 64 paths, so block b starts at word (b − first) · blockSize / 64).
        let rangePaths = range.reduce(0) { $0 + size($1) }
        let bitBuffers = plans.map { plan in
            BitBuffers(targets: plan.targets.count, words: (rangePaths + 63) / 64) {
                plan.status[$0] != .insufficientData
            }
        }
        let partial = plans.indices.map { _ in OrderedResults<BlockTally>(count: range.count) }
        let total = rangePaths * plans.count
        let counter = progress.map { ProgressCounter(total: total, report: $0) }
        BlockRunner.run(blocks: range.count, threads: workers) { i, w in
            let b = range.lowerBound + i, n = size(b)
            scratches.withSlot(w) { s in
                for g in groups {
                    if g.count == 1 {
                        plans[g[0]].simulate(block: b, paths: n, seed: seed, into: &s)
                        let p = histograms[g[0]].withSlot(w) { h in
                            plans[g[0]].accumulate(
                                s, paths: n, into: &h, bits: bitBuffers[g[0]], wordOffset: i * blockSize / 64)
                        }
                        partial[g[0]].set(i, p)
                        counter?.add(n)
                        continue
                    }
                    bases.withSlot(w) { base in
                        plans[g[0]].simulateBase(block: b, paths: n, seed: seed, into: &base)
                    }
                    references.withSlot(w) { r in
                        extremes.withSlot(w) { ext in
                            var first: BlockTally?
                            for j in g {
                                // The first finishes in the reference scratch, the others in `s`,
                                // with the first's count draws (the same on the same paths).
                                if j != g[0] { s.counts = r.counts }
                                func finish(_ t: inout PreparedScenario.Scratch, reuse: PreparedScenario.Reuse? = nil) {
                                    bases.withSlot(w) { base in
                                        plans[j].copyBase(base, into: &t, paths: n, only: reuse?.fresh)
                                    }
                                    plans[j].finishBlock(block: b, paths: n, seed: seed, into: &t, reuse: reuse)
                                }
                                let p: BlockTally
                                if j == g[0] {
                                    finish(&r)
                                    p = ext.withUnsafeMutableBufferPointer { e in
                                        histograms[j].withSlot(w) { h in
                                            plans[j].accumulate(
                                                r, paths: n, into: &h, bits: bitBuffers[j],
                                                wordOffset: i * blockSize / 64,
                                                sharing: .reference(extremes: e.baseAddress!))
                                        }
                                    }
                                    first = p
                                } else {
                                    finish(
                                        &s,
                                        reuse: sharing.fresh[j].map { PreparedScenario.Reuse(reference: r, fresh: $0) })
                                    p = ext.withUnsafeBufferPointer { e in
                                        histograms[j].withSlot(w) { h in
                                            plans[j].accumulate(
                                                s, paths: n, into: &h, bits: bitBuffers[j],
                                                wordOffset: i * blockSize / 64,
                                                sharing: .difference(
                                                    cells: sharing.cells[j], reference: r, tally: first!,
                                                    extremes: e.baseAddress!))
                                        }
                                    }
                                }
                                partial[j].set(i, p)
                                counter?.add(n)
                            }
                        }
                    }
                }
            }
        }
        let seconds = Date().timeIntervalSince(start) / Double(plans.count)
        return plans.indices.map { j in
            var hist = pilots[j].emptyCopy()
            for h in histograms[j].all { hist.merge(h) }
            if let r = sharing.reference[j] {
                for h in histograms[r].all { hist.addCounts(of: h, cells: sharing.cells[j]) }
            }
            return SimulationTally(
                paths: paths, blockSize: blockSize, firstBlock: range.lowerBound, blocks: partial[j].inOrder,
                bits: bitBuffers[j].takeArrays(), histogram: hist, firstPath: firstPaths[j], seconds: seconds)
        }
    }

    /// The result of a simulation from its tally. A tally of some blocks only (a shard's) gives
    /// the figures of those paths over all `paths` — not meaningful, but of the right shape.
    public static func result(model: PlanModel, levers: [Lever] = [], tally: SimulationTally) -> PlanSimulationResult {
        let plan = PreparedScenario(model: model, levers: levers, drawing: false)
        var total = plan.emptyPartial()
        for p in tally.blocks { total.add(p) }
        var bits = tally.bits
        if !tally.coversAllBlocks {
            let words = (tally.paths + 63) / 64, before = tally.firstBlock * tally.blockSize / 64
            for j in bits.indices where !bits[j].isEmpty {
                bits[j] = [UInt64](repeating: 0, count: before) + bits[j]
                bits[j] += [UInt64](repeating: 0, count: max(0, words - bits[j].count))
            }
        }
        return plan.result(
            total: total, bits: bits, histograms: tally.histogram, firstPath: tally.firstPath, paths: tally.paths,
            seconds: tally.seconds)
    }

    /// Whether `tally` has the shape of a simulation of `model` (a merge's check on its parts).
    public static func fits(_ tally: SimulationTally, model: PlanModel, levers: [Lever] = []) -> Bool {
        let plan = PreparedScenario(model: model, levers: levers, drawing: false)
        return tally.firstPath.count == plan.targets.count && tally.bits.count == plan.targets.count
            && tally.blocks.allSatisfy {
                $0.fits(cells: plan.seriesCount * plan.yearCount, targets: plan.targets.count, series: plan.seriesCount)
            }
            && tally.histogram.lo.count == plan.seriesCount * plan.yearCount + plan.targets.count
    }
}
