import Foundation
import Indicators

extension PreparedScenario {
    // MARK: accumulation

    func emptyPartial() -> BlockTally {
        BlockTally(
            cellSum: .init(repeating: 0, count: seriesCount * yearCount),
            quantitySum: .init(repeating: 0, count: targets.count), metCount: .init(repeating: 0, count: targets.count),
            nonFinite: .init(repeating: false, count: seriesCount))
    }

    /// Histogram cells: K·T series-years, then the targets.
    func pilotValues(_ s: Scratch, paths n: Int) -> [[Double]] {
        var out = [[Double]]()
        for k in 0..<seriesCount {
            for t in 0..<yearCount { out.append(Array(s.vals[at(k, t, n)..<(at(k, t, n) + n)]).filter(\.isFinite)) }
        }
        for j in targets.indices { out.append(Array(s.quantity[(j * n)..<((j + 1) * n)]).filter(\.isFinite)) }
        return out.map { $0.isEmpty ? [0] : $0 }
    }

    /// How a block's values reach the histograms when scenarios share their draws
    /// (`PlanSimulator.tallies`): most cells of most scenarios are bit for bit those of the
    /// group's first scenario, the reference, on every path (no lever reaches them).
    enum Sharing {
        /// Every value is added.
        case alone
        /// Every value is added, and each cell's minimum and maximum in this block are kept in
        /// `extremes` for the scenarios that share the block.
        case reference(extremes: UnsafeMutablePointer<(min: Double, max: Double)>)
        /// In the cells `cells` selects, the histogram holds the difference from the reference's
        /// (`HistogramQuantiles.addCounts` adds the reference's counts at the end): a cell whose
        /// values equal the reference's (`reference`, its scratch after the same block) adds
        /// nothing but the reference's extremes and sum; one that differs adds its values and
        /// takes the reference's out. Equal counts, sums and extremes to adding every value.
        case difference(
            cells: [Bool], reference: Scratch, tally: BlockTally,
            extremes: UnsafePointer<(min: Double, max: Double)>)
    }

    /// Sums, counts and histograms of a block; its met bits go to `bits` (one buffer per target,
    /// nil for targets without data) from word `wordOffset`.
    func accumulate(
        _ s: Scratch, paths n: Int, into h: inout HistogramQuantiles, bits: BitBuffers, wordOffset: Int,
        sharing: Sharing = .alone
    ) -> BlockTally {
        var part = emptyPartial()
        /// Histogram cell `c` from `slice` (`offset` into the scratch's array `array`); its sum.
        func tally(
            cell c: Int, _ slice: UnsafeBufferPointer<Double>, in array: KeyPath<Scratch, [Double]>, at offset: Int
        )
            -> Double
        {
            switch sharing {
            case .difference(let cells, let reference, let refTally, let extremes) where cells[c]:
                return reference[keyPath: array].withUnsafeBufferPointer { rb in
                    let r = UnsafeBufferPointer(rebasing: rb[offset..<(offset + n)])
                    if memcmp(slice.baseAddress!, r.baseAddress!, n * MemoryLayout<Double>.stride) == 0 {
                        h.noteExtremes(cell: c, min: extremes[c].min, max: extremes[c].max)
                        return c < seriesCount * yearCount
                            ? refTally.cellSum[c] : refTally.quantitySum[c - seriesCount * yearCount]
                    }
                    h.add(cell: c, slice)
                    h.subtract(cell: c, r)
                    return Self.sum(slice)
                }
            case .reference(let extremes):
                extremes[c] = h.add(cell: c, slice)
                return Self.sum(slice)
            default:
                h.add(cell: c, slice)
                return Self.sum(slice)
            }
        }
        for k in 0..<seriesCount {
            for t in 0..<yearCount
            where available[k][t] && model.series[k].sources[t] != .observed {
                let o = at(k, t, n), c = k * yearCount + t
                s.vals.withUnsafeBufferPointer { vb in
                    let sum = tally(cell: c, UnsafeBufferPointer(rebasing: vb[o..<(o + n)]), in: \.vals, at: o)
                    part.cellSum[c] = sum
                    if !sum.isFinite { part.nonFinite[k] = true }
                }
            }
        }
        for j in targets.indices where status[j] != .insufficientData {
            let o = j * n
            // A milestone or final value is a cell already accumulated above: not again.
            if targetCell[j] == nil {
                s.quantity.withUnsafeBufferPointer { qb in
                    part.quantitySum[j] = tally(
                        cell: seriesCount * yearCount + j, UnsafeBufferPointer(rebasing: qb[o..<(o + n)]),
                        in: \.quantity, at: o)
                }
            }
            let wo = j * s.words, words = (n + 63) / 64
            part.metCount[j] = s.metCount[j]
            if let out = bits.buffers[j] {
                s.bits.withUnsafeBufferPointer { b in
                    (out + wordOffset).update(from: b.baseAddress! + wo, count: words)
                }
            }
        }
        return part
    }

    /// The sum of `values` in their order.
    @inline(__always)
    static func sum(_ values: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for v in values { sum += v }
        return sum
    }

    /// Whether series k's paths are whole numbers: a count (or a count's net change) whose
    /// observed figures, and its stock's, are whole. A stock observed as 3371.69 家 gives its net
    /// change's paths fractions (−52.69 rounded to −53 fell below a bound of −52.79).
    func wholeValues(_ k: Int) -> Bool {
        let ser = model.series[k]
        func whole(_ s: SimulationSeries) -> Bool {
            zip(s.known, s.sources).allSatisfy { v, src in src != .observed || v.map { $0 == $0.rounded() } ?? true }
        }
        if ser.kind == .netChange, let p = ser.parent {
            return model.series[p].isCount && whole(model.series[p]) && whole(ser)
        }
        return ser.isCount && whole(ser)
    }

    /// Whether year t of series k, where it is drawn, is a whole number on every path. A count
    /// other than a net change is drawn whole wherever its evidence holds a whole number
    /// (`finishPaths`), whatever its own figures; but a parent or child it is clamped to, or
    /// raised to, gives it that series' value, so every series joined to it by containment
    /// must be whole (`wholeValues`). A net change is its stock's step: `wholeValues`. Until
    /// 2026-12-06 the series' own figures decided too: a count flow reported as 24.63 and
    /// 26.00 around a year bounded at 26.37 was 27 on 95% of the paths, and its quantiles were
    /// printed as 27.0001–27.0019 (interpolated within the histogram bin of 27) beside
    /// P(≤ 27) = 0.95 (plan_shapes.py, seed 6302).
    func wholeDraws(_ k: Int, year t: Int) -> Bool {
        let ser = model.series[k]
        let lo = t < ser.lower.count ? ser.lower[t] : nil, hi = t < ser.upper.count ? ser.upper[t] : nil
        // A year whose evidence holds no whole number (2.63 ± 2% of a count stays within
        // 2.58–2.68 on the paths; `drawBounded`).
        if let lo, let hi, wholeNumbers(from: lo, to: hi) == nil { return false }
        guard ser.kind != .netChange else { return wholeValues(k) }
        guard ser.isCount else { return false }
        // The series joined to k by containment, transitively.
        var marked = [Bool](repeating: false, count: seriesCount)
        marked[k] = true
        let joined = Self.spread(marked, over: containment.map { ($0.child, $0.parent) })
        return joined.indices.allSatisfy { j in !joined[j] || j == k || wholeValues(j) }
    }

    /// Whether a target's quantity is a whole number (counts, numbers of goals or milestones).
    /// A milestone or final value is its year's draw (`wholeDraws`). A goal over several years
    /// of a count with a figure that is not whole (11.46 家, which `check` warns of) is not: its
    /// every-year minimum or its sum over years carries the fraction, and rounding the
    /// quantiles printed a 95% quantile of 11 beside P(≥ 11.06) = 0.45 (plan_shapes.py, seed 32).
    func isWhole(_ spec: TargetSpec) -> Bool {
        switch spec.kind {
        case .allGoals, .allMilestones: return true
        case .milestone, .goal:
            if spec.kind == .milestone || spec.rule == .final,
                let t = spec.year.flatMap({ model.years.firstIndex(of: $0) })
            {
                return wholeDraws(spec.series!, year: t)
            }
            // Observed years only: other known values (a bound's middle, an interpolation) are
            // not on the paths, which are whole counts there.
            return wholeValues(spec.series!)
        }
    }

    func result(
        total: BlockTally, bits: [[UInt64]], histograms h: HistogramQuantiles, firstPath: [Double], paths: Int,
        seconds: Double
    ) -> PlanSimulationResult {
        let pathCount = Double(paths)
        var cells = [CellOutcome]()
        for k in 0..<seriesCount {
            let ser = model.series[k]
            for t in 0..<yearCount {
                let src = available[k][t] ? ser.sources[t] : .unavailable
                if src == .observed {
                    let v = ser.known[t]!
                    cells.append(
                        CellOutcome(
                            series: k, year: model.years[t], source: src, observed: v, mean: v,
                            quantiles: PlanSimulator.quantileLevels.map { _ in v }, quantilesExact: true))
                } else if src == .unavailable {
                    cells.append(
                        CellOutcome(
                            series: k, year: model.years[t], source: src, observed: nil, mean: nil, quantiles: nil,
                            quantilesExact: true))
                } else {
                    let q = PlanSimulator.quantileLevels.map { h.quantile(cell: k * yearCount + t, $0) }
                    // Counts are whole on every path; so are their quantiles (within the histogram
                    // bound).
                    let whole = wholeDraws(k, year: t)
                    let values = q.map { whole ? $0.value.rounded() : $0.value }
                    cells.append(
                        CellOutcome(
                            series: k, year: model.years[t], source: src, observed: nil,
                            mean: total.cellSum[k * yearCount + t] / pathCount, quantiles: values,
                            quantilesExact: q.allSatisfy(\.isExact)))
                }
            }
        }
        var outcomes = [TargetOutcome]()
        let evaluableGoals = zip(targets, status).filter { $0.0.kind == .goal && $0.1 != .insufficientData }
        let expected = zip(targets.indices, targets).filter { $0.1.kind == .goal && status[$0.0] != .insufficientData }
            .map { Double(total.metCount[$0.0]) / pathCount }.reduce(0, +)
        // "All goals" is decided when the evidence decides one goal as missed, or every goal (a
        // settled not_met beside it read "very unlikely" at P = 0).
        let decidedGoals = targets.indices.filter {
            targets[$0].kind == .goal && (status[$0] == .observed || status[$0] == .settled)
        }
        let allGoalsDecided =
            decidedGoals.contains { total.metCount[$0] == 0 } || decidedGoals.count == evaluableGoals.count
        for (j, spec) in targets.enumerated() {
            let extra: (Int?, Double?) = spec.kind == .allGoals ? (evaluableGoals.count, expected) : (nil, nil)
            if status[j] == .insufficientData {
                outcomes.append(
                    TargetOutcome(
                        spec: spec, status: .insufficientData, pMet: nil, standardError: nil, mean: nil, p05: nil,
                        median: nil, p95: nil, evaluable: extra.0, expectedMet: extra.1))
                continue
            }
            let p = Double(total.metCount[j]) / pathCount
            let judged: TargetStatus =
                spec.kind == .allGoals && status[j] == .simulated && allGoalsDecided ? .settled : status[j]
            if judged == .observed {
                // Judged on data: every path carries the same value.
                let v = firstPath[j]
                outcomes.append(
                    TargetOutcome(
                        spec: spec, status: .observed, pMet: p, standardError: 0, mean: v, p05: v, median: v, p95: v,
                        evaluable: extra.0, expectedMet: extra.1))
                continue
            }
            let se = (p * (1 - p) / pathCount).squareRoot()
            let c = targetCell[j] ?? (seriesCount * yearCount + j)
            let round = isWhole(spec)
            func q(_ level: Double) -> Double {
                let v = h.quantile(cell: c, level).value; return round ? v.rounded() + 0 : v
            }
            outcomes.append(
                TargetOutcome(
                    spec: spec, status: judged, pMet: p, standardError: se,
                    mean: (targetCell[j].map { total.cellSum[$0] } ?? total.quantitySum[j]) / pathCount,
                    p05: q(0.05), median: q(0.5), p95: q(0.95), evaluable: extra.0, expectedMet: extra.1))
        }
        return PlanSimulationResult(
            targets: outcomes.map { $0.withProgressMeasures(model: model) }, metBits: bits, cells: cells,
            paths: paths, seconds: seconds,
            nonFiniteSeries: model.series.indices.filter { total.nonFinite[$0] }.map { model.series[$0].id })
    }
}

/// One buffer of met-bit words per target, written by the workers at disjoint word ranges (a
/// block's paths), then moved into arrays (`takeArrays()`), each buffer freed as soon as it is
/// copied so that a simulation never holds its bits twice.
final class BitBuffers: @unchecked Sendable {
    private(set) var buffers: [UnsafeMutablePointer<UInt64>?]
    let words: Int

    /// `words` words for each target that `keep` selects.
    init(targets: Int, words: Int, keep: (Int) -> Bool) {
        self.words = words
        buffers = (0..<targets).map { j in
            guard keep(j) else { return nil }
            let p = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, words))
            p.initialize(repeating: 0, count: max(1, words))
            return p
        }
    }

    /// The words as arrays (empty for targets without a buffer); the buffers are freed.
    func takeArrays() -> [[UInt64]] {
        var out = [[UInt64]]()
        out.reserveCapacity(buffers.count)
        for j in buffers.indices {
            guard let p = buffers[j] else {
                out.append([])
                continue
            }
            out.append(Array(UnsafeBufferPointer(start: p, count: words)))
            p.deallocate()
            buffers[j] = nil
        }
        return out
    }

    deinit {
        for p in buffers { p?.deallocate() }
    }
}
