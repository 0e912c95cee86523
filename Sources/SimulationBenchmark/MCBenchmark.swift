import Foundation
import LinearAlgebra
import Parallel
import Simulation

/// The plan-simulation reference workload of DESIGN.md §7, the same work as
/// `shared/bench/mc_reference.py`: K series × H years × N paths; per path K drift draws
/// (parameter uncertainty) and H·K innovations correlated by a K × K Cholesky factor (applied by
/// GEMM on blocks of draws); accumulation on the transformed scale; back-transform by kind (log,
/// logit, level); cumulative sums for flows; per (series, year) the mean, p05, p50, p95 and
/// P(value ≥ target).
///
/// Paths are processed in blocks of `blockSize`, each with its own random stream, on `threads`
/// workers; memory holds a few blocks and the histograms, never the paths.
public struct MCBenchmark: Sendable {
    public let indicators: Int
    public let years: Int
    let kind: [Int]
    let flow: [Bool]
    let base: [Double]
    let drift: [Double]
    let driftSD: [Double]
    let sigma: [Double]
    let target: [Double]
    let cholesky: Matrix

    /// The workload of the reference: kinds cycle log, logit, level; every 4th series is a flow;
    /// a random correlation matrix `C = AAᵀ + I` (A with N(0, 0.3²) entries, seeded) normalised.
    public init(indicators seriesCount: Int = 34, years yearCount: Int = 4) throws {
        indicators = seriesCount
        years = yearCount
        kind = (0..<seriesCount).map { $0 % 3 }
        flow = (0..<seriesCount).map { $0 % 4 == 3 }
        base = (0..<seriesCount).map { i in
            switch i % 3 {
            case 0: return log(1000.0 + 100 * Double(i))
            case 1: return log(0.4 / 0.6)
            default: return 50 + Double(i)
            }
        }
        drift = kind.map { $0 == 2 ? 1 : 0.05 }
        driftSD = drift.map { $0 * 0.3 }
        sigma = kind.map { $0 == 2 ? 2 : 0.04 }
        var g = Xoshiro256PlusPlus(seed: 7)
        var a = Matrix(rows: seriesCount, columns: seriesCount)
        for j in 0..<seriesCount { for i in 0..<seriesCount { a[i, j] = 0.3 * Ziggurat.normal(using: &g) } }
        var c = try Matrix.product(a, transposed: false, a, transposed: true)
        for i in 0..<seriesCount { c[i, i] += 1 }
        let d = (0..<seriesCount).map { c[$0, $0].squareRoot() }
        for j in 0..<seriesCount { for i in 0..<seriesCount { c[i, j] /= d[i] * d[j] } }
        cholesky = try c.choleskyLower()
        target = (0..<seriesCount).map { i in
            switch i % 3 {
            case 0: return exp(log(1000.0 + 100 * Double(i))) * 1.2
            case 1: return 45
            default: return 50 + Double(i) + 3
            }
        }
    }

    /// Statistics per (year, series), cell index `h * K + k`.
    public struct Result: Sendable {
        public let mean: [Double]
        public let p05: [Double]
        public let p50: [Double]
        public let p95: [Double]
        public let pHit: [Double]
        /// Largest histogram bin width over the cells (the quantiles' error bound).
        public let quantileErrorBound: Double
        public let quantilesExact: Bool
    }

    struct Scratch {
        var mu: [Double], acc: [Double], z: [Double], e: [Double], cum: [Double], v: [Double]
    }

    struct BlockStats {
        var sum: [Double]
        var hits: [Int]
    }

    /// Simulates block `b` of size `n`; calls `emit(h, k, values)` for every cell.
    func simulateBlock(
        _ b: Int, paths n: Int, seed: UInt64, scratch s: inout Scratch,
        emit: (Int, Int, UnsafeBufferPointer<Double>) -> Void
    ) {
        let seriesCount = indicators
        var g = Xoshiro256PlusPlus.stream(seed: seed, scenario: 0, block: UInt64(b))
        Ziggurat.fill(&s.mu, count: n * seriesCount, using: &g)
        s.mu.withUnsafeMutableBufferPointer { mu in
            for k in 0..<seriesCount { for p in 0..<n { mu[p + k * n] = drift[k] + driftSD[k] * mu[p + k * n] } }
        }
        s.acc.withUnsafeMutableBufferPointer { acc in
            for k in 0..<seriesCount { for p in 0..<n { acc[p + k * n] = base[k] } }
        }
        s.cum.withUnsafeMutableBufferPointer { c in for i in 0..<(n * seriesCount) { c[i] = 0 } }
        for h in 0..<years {
            Ziggurat.fill(&s.z, count: n * seriesCount, using: &g)
            Matrix.multiply(s.z, rows: n, by: cholesky, transposed: true, into: &s.e)
            for k in 0..<seriesCount {
                let sig = sigma[k], kd = kind[k], fl = flow[k]
                s.acc.withUnsafeMutableBufferPointer { acc in
                    s.mu.withUnsafeBufferPointer { mu in
                        s.e.withUnsafeBufferPointer { e in
                            s.v.withUnsafeMutableBufferPointer { v in
                                s.cum.withUnsafeMutableBufferPointer { cum in
                                    let o = k * n
                                    for p in 0..<n {
                                        let y = acc[o + p] + mu[o + p] + sig * e[o + p]
                                        acc[o + p] = y
                                        v[p] = y
                                    }
                                    // One loop per kind, so the inner loops carry no branch.
                                    switch kd {
                                    case 0: for p in 0..<n { v[p] = exp(v[p]) }
                                    case 1: for p in 0..<n { v[p] = 100 / (1 + exp(-v[p])) }
                                    default: break
                                    }
                                    if fl {
                                        for p in 0..<n {
                                            let x = v[p] + cum[o + p]
                                            cum[o + p] = x
                                            v[p] = x
                                        }
                                    }
                                    emit(h, k, UnsafeBufferPointer(start: v.baseAddress, count: n))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// 1 or 0 without a branch (a compare and a set: paths meet targets about half the time).
    @inline(__always) static func indicator(_ b: Bool) -> Int { Int(unsafeBitCast(b, to: UInt8.self)) }

    public func run(paths: Int, seed: UInt64 = 1, threads: Int, blockSize: Int = 4096) -> Result {
        let seriesCount = indicators, yearCount = years
        let blocks = (paths + blockSize - 1) / blockSize
        @Sendable func size(_ b: Int) -> Int { min(blockSize, paths - b * blockSize) }
        func scratch() -> Scratch {
            let m = blockSize * seriesCount
            return Scratch(
                mu: .init(repeating: 0, count: m), acc: .init(repeating: 0, count: m), z: .init(repeating: 0, count: m),
                e: .init(repeating: 0, count: m), cum: .init(repeating: 0, count: m),
                v: .init(repeating: 0, count: blockSize))
        }
        // Pilot: block 0's values fix the histogram ranges.
        var pilot = [[Double]](repeating: [], count: yearCount * seriesCount)
        var ps = scratch()
        simulateBlock(0, paths: size(0), seed: seed, scratch: &ps) { h, k, v in pilot[h * seriesCount + k] = Array(v) }
        let hist0 = HistogramQuantiles(pilot: pilot)
        // At most one worker per block, as BlockRunner uses (256 threads allocated 256 scratches
        // and histograms: 2 GB).
        let workerCount = max(1, min(threads, blocks))
        let workers = WorkerSlots((0..<workerCount).map { _ in scratch() })
        let histograms = WorkerSlots((0..<workerCount).map { _ in hist0.emptyCopy() })
        let perBlock = OrderedResults<BlockStats>(count: blocks)
        let selfCopy = self
        BlockRunner.run(blocks: blocks, threads: workerCount) { b, w in
            workers.withSlot(w) { s in
                var st = BlockStats(
                    sum: .init(repeating: 0, count: yearCount * seriesCount),
                    hits: .init(repeating: 0, count: yearCount * seriesCount))
                selfCopy.simulateBlock(b, paths: size(b), seed: seed, scratch: &s) { h, k, v in
                    let c = h * seriesCount + k, t = selfCopy.target[k]
                    // Four running sums (paths p ≡ 0…3 mod 4), so the additions do not wait on
                    // each other; then (s₀ + s₁) + (s₂ + s₃). A fixed order: the same on any
                    // number of threads.
                    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, hit = 0, p = 0
                    let n = v.count
                    while p + 4 <= n {
                        let (a, b, c, d) = (v[p], v[p + 1], v[p + 2], v[p + 3])
                        s0 += a
                        s1 += b
                        s2 += c
                        s3 += d
                        hit &+=
                            Self.indicator(a >= t) &+ Self.indicator(b >= t) &+ Self.indicator(c >= t)
                            &+ Self.indicator(d >= t)
                        p += 4
                    }
                    while p < n {
                        s0 += v[p]
                        hit &+= Self.indicator(v[p] >= t)
                        p += 1
                    }
                    st.sum[c] = (s0 + s1) + (s2 + s3)
                    st.hits[c] = hit
                    histograms.withSlot(w) { $0.add(cell: c, v) }
                }
                perBlock.set(b, st)
            }
        }
        var hist = hist0.emptyCopy()
        for h in histograms.all { hist.merge(h) }
        var sum = [Double](repeating: 0, count: yearCount * seriesCount),
            hits = [Int](repeating: 0, count: yearCount * seriesCount)
        for st in perBlock.inOrder {
            for c in 0..<(yearCount * seriesCount) {
                sum[c] += st.sum[c]
                hits[c] += st.hits[c]
            }
        }
        let q = { (p: Double) in (0..<(yearCount * seriesCount)).map { hist.quantile(cell: $0, p) } }
        let (q05, q50, q95) = (q(0.05), q(0.5), q(0.95))
        return Result(
            mean: sum.map { $0 / Double(paths) }, p05: q05.map(\.value), p50: q50.map(\.value), p95: q95.map(\.value),
            pHit: hits.map { Double($0) / Double(paths) },
            quantileErrorBound: (0..<(yearCount * seriesCount)).map { hist.binWidth(cell: $0) }.max() ?? 0,
            quantilesExact: (q05 + q50 + q95).allSatisfy(\.isExact))
    }
}
