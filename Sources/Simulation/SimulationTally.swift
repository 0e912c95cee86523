/// What one block of paths adds to a simulation's result: sums for the means and counts of
/// paths that met each target (which paths met it is kept per simulation, `SimulationTally.bits`).
public struct BlockTally: Sendable, Equatable {
    public var cellSum: [Double]
    public var quantitySum: [Double]
    public var metCount: [Int]
    /// Per series: whether any simulated value was not finite (NaN or ±∞).
    public var nonFinite: [Bool]

    public init(cellSum: [Double], quantitySum: [Double], metCount: [Int], nonFinite: [Bool]) {
        self.cellSum = cellSum
        self.quantitySum = quantitySum
        self.metCount = metCount
        self.nonFinite = nonFinite
    }

    /// Adds the next block (blocks hold a multiple of 64 paths, but for the last). Sums of doubles
    /// are taken block after block in block order, so a whole run and a merge of shards add the
    /// same numbers in the same order.
    mutating func add(_ o: BlockTally) {
        for i in nonFinite.indices where o.nonFinite[i] { nonFinite[i] = true }
        for i in cellSum.indices { cellSum[i] += o.cellSum[i] }
        for i in quantitySum.indices { quantitySum[i] += o.quantitySum[i] }
        for i in metCount.indices { metCount[i] += o.metCount[i] }
    }

    /// Whether its arrays have the sizes of a simulation with these counts.
    func fits(cells: Int, targets: Int, series: Int) -> Bool {
        cellSum.count == cells && quantitySum.count == targets && metCount.count == targets
            && nonFinite.count == series
    }
}

/// The raw accumulators of one simulation over a run of consecutive blocks of its paths: what a
/// shard (`plancast run --shard K/N`) computes and `plancast merge` adds up. A tally of every
/// block gives exactly the result of the whole simulation (`PlanSimulator.result`): histogram
/// counts are integers, sums are kept per block and added in block order.
public struct SimulationTally: Sendable, Equatable {
    /// Paths of the whole simulation (not only of these blocks).
    public var paths: Int
    public var blockSize: Int
    /// The first of the consecutive blocks in `blocks`.
    public var firstBlock: Int
    public var blocks: [BlockTally]
    /// Per target, whether each path of these blocks met it: bit p % 64 of word p / 64, paths
    /// counted from the first block's first (empty for targets without data).
    public var bits: [[UInt64]]
    public var histogram: HistogramQuantiles
    /// Each target's quantity on the first path (targets judged on data carry it on every path).
    public var firstPath: [Double]
    public var seconds: Double

    public init(
        paths: Int, blockSize: Int, firstBlock: Int, blocks: [BlockTally], bits: [[UInt64]],
        histogram: HistogramQuantiles, firstPath: [Double], seconds: Double
    ) {
        self.paths = paths
        self.blockSize = blockSize
        self.firstBlock = firstBlock
        self.blocks = blocks
        self.bits = bits
        self.histogram = histogram
        self.firstPath = firstPath
        self.seconds = seconds
    }

    /// Blocks of the whole simulation.
    public var blockCount: Int { (paths + blockSize - 1) / blockSize }
    public var blockRange: Range<Int> { firstBlock..<(firstBlock + blocks.count) }
    public var coversAllBlocks: Bool { firstBlock == 0 && blocks.count == blockCount }

    /// Blocks of shard `index` (1-based) of `count` among `total`: consecutive runs of nearly
    /// equal length, in shard order.
    public static func blocks(shard index: Int, of count: Int, total: Int) -> Range<Int> {
        (total * (index - 1) / count)..<(total * index / count)
    }

    /// Why tallies do not add up to one simulation.
    public struct MergeError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The tallies of one simulation's shards as one: they must share paths, block size,
    /// histogram ranges and first path, and their blocks must follow each other from the first.
    public static func merged(_ parts: [SimulationTally]) throws(MergeError) -> SimulationTally {
        guard var out = parts.first else { throw MergeError(description: "no parts to merge") }
        out.blocks = []
        out.bits = out.bits.map { _ in [] }
        out.histogram = out.histogram.emptyCopy()
        out.seconds = 0
        var next = 0
        for p in parts.sorted(by: { $0.firstBlock < $1.firstBlock }) {
            guard p.paths == out.paths, p.blockSize == out.blockSize else {
                throw MergeError(description: "parts of different simulations (paths or block size differ)")
            }
            func same(_ a: [Double], _ b: [Double]) -> Bool { a.map(\.bitPattern) == b.map(\.bitPattern) }
            guard same(p.histogram.lo, out.histogram.lo), same(p.histogram.hi, out.histogram.hi),
                p.histogram.bins == out.histogram.bins, same(p.firstPath, out.firstPath)
            else { throw MergeError(description: "parts drawn from different models (their pilot blocks differ)") }
            guard p.firstBlock == next else {
                throw MergeError(
                    description: p.firstBlock > next
                        ? "blocks \(next)..<\(p.firstBlock) are in no part" : "block \(p.firstBlock) is in two parts")
            }
            guard p.bits.count == out.bits.count else {
                throw MergeError(description: "parts with different numbers of targets")
            }
            out.blocks += p.blocks
            for j in out.bits.indices { out.bits[j] += p.bits[j] }
            out.histogram.merge(p.histogram)
            out.seconds += p.seconds
            next += p.blocks.count
        }
        guard next == out.blockCount else {
            throw MergeError(description: "blocks \(next)..<\(out.blockCount) are in no part")
        }
        return out
    }
}
