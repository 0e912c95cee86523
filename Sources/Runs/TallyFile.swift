import Foundation
import IO
import Simulation

/// `tally.bin` of a run part: the raw tallies of a shard's simulations, in the order the run
/// asked for them (`SimulationEngine`). Little-endian 64-bit words (`BinaryWriter`): a magic
/// string, the number of simulations, then per simulation its paths, block size, first block,
/// seconds, first path, histogram (ranges, non-zero counts as `index << 32 | count`, minima,
/// maxima, totals), per block the sums, met counts and non-finite flags, then per target the
/// met bits of every path of its blocks.
public enum TallyFile {
    static let magic = "plancast-tally-3"

    public static func encode(_ tallies: [SimulationTally]) -> Data {
        var w = BinaryWriter()
        w.write(magic)
        w.write(tallies.count)
        for t in tallies {
            w.write(t.paths)
            w.write(t.blockSize)
            w.write(t.firstBlock)
            w.write(t.seconds)
            w.write(t.firstPath)
            let h = t.histogram
            w.write(h.bins)
            w.write(h.lo)
            w.write(h.hi)
            w.write(h.logScale)
            var sparse = [UInt64]()
            for (i, c) in h.counts.enumerated() where c != 0 { sparse.append(UInt64(i) << 32 | UInt64(c)) }
            w.write(sparse)
            w.write(h.minimum)
            w.write(h.maximum)
            w.write(h.total)
            w.write(t.blocks.count)
            for b in t.blocks {
                w.write(b.cellSum)
                w.write(b.quantitySum)
                w.write(b.metCount)
                w.write(b.nonFinite)
            }
            w.write(t.bits.count)
            for words in t.bits { w.write(words) }
        }
        return w.data
    }

    public static func decode(_ data: Data, file: String) throws(InputError) -> [SimulationTally] {
        var r = BinaryReader(data)
        func bad(_ why: String, _ zh: String) -> InputError { PartSet.damaged(file, why, zh: zh) }
        do {
            guard try r.string() == magic else { throw bad("not a plancast tally file", "不是 plancast 的计数文件") }
            let n = try r.int()
            guard n >= 0 && n <= 100_000 else {
                throw bad("an impossible number of simulations (\(n))", "模拟次数不可能（\(n)）")
            }
            var out = [SimulationTally]()
            for _ in 0..<n {
                let paths = try r.int(), blockSize = try r.int(), firstBlock = try r.int()
                let seconds = try r.double()
                let firstPath = try r.doubles()
                let bins = try r.int()
                let lo = try r.doubles(), hi = try r.doubles(), logScale = try r.bools()
                let sparse = try r.uint64s()
                let (minimum, maximum, total) = (try r.doubles(), try r.doubles(), try r.ints())
                guard paths >= 1, paths <= 1 << 40, blockSize >= 64, blockSize <= 1 << 24, blockSize % 64 == 0,
                    firstBlock >= 0, bins >= 1, bins <= 1 << 20,
                    lo.count <= 1 << 20
                else { throw bad("a simulation with impossible settings", "某次模拟的设置不可能") }
                var counts = [UInt32](repeating: 0, count: lo.count * (bins + 2))
                for word in sparse {
                    let i = Int(word >> 32)
                    guard i < counts.count else { throw bad("a histogram count out of range", "直方图计数越界") }
                    counts[i] = UInt32(truncatingIfNeeded: word)
                }
                guard total.allSatisfy({ (0...paths).contains($0) }) else {
                    throw bad("a histogram total outside 0…\(paths)", "直方图总数不在 0…\(paths) 之内")
                }
                guard
                    let histogram = HistogramQuantiles(
                        bins: bins, lo: lo, hi: hi, logScale: logScale, counts: counts, minimum: minimum,
                        maximum: maximum, total: total)
                else { throw bad("a histogram whose parts disagree in size", "直方图各部分的大小不一致") }
                let blockCount = try r.int()
                guard blockCount >= 0, firstBlock + blockCount <= (paths + blockSize - 1) / blockSize else {
                    throw bad("more blocks than the simulation has", "块数多于该模拟应有的块数")
                }
                var blocks = [BlockTally]()
                for _ in 0..<blockCount {
                    let cellSum = try r.doubles(), quantitySum = try r.doubles(), metCount = try r.ints()
                    // Counts of paths of one block: a merge adds them without overflow.
                    guard metCount.allSatisfy({ (0...blockSize).contains($0) }) else {
                        throw bad("a count of paths outside 0…\(blockSize)", "路径计数不在 0…\(blockSize) 之内")
                    }
                    blocks.append(
                        BlockTally(
                            cellSum: cellSum, quantitySum: quantitySum, metCount: metCount, nonFinite: try r.bools()))
                }
                let targets = try r.int()
                guard targets >= 0 && targets <= 1 << 20 else {
                    throw bad("an impossible number of targets", "目标个数不可能")
                }
                var bits = [[UInt64]]()
                for _ in 0..<targets {
                    let words = try r.uint64s()
                    guard words.count <= blockCount * (blockSize / 64) else {
                        throw bad("more met bits than paths in its blocks", "达标位数多于其块中的路径数")
                    }
                    bits.append(words)
                }
                out.append(
                    SimulationTally(
                        paths: paths, blockSize: blockSize, firstBlock: firstBlock, blocks: blocks, bits: bits,
                        histogram: histogram, firstPath: firstPath, seconds: seconds))
            }
            guard r.isAtEnd else { throw bad("bytes after the last simulation", "最后一次模拟之后还有多余字节") }
            return out
        } catch let e as BinaryReader.Malformed {
            throw bad("truncated or damaged (\(e))", "文件被截断或损坏（\(e)）")
        } catch let e as InputError {
            throw e
        } catch {
            throw bad("\(error)", "文件损坏（\(error)）")
        }
    }
}
