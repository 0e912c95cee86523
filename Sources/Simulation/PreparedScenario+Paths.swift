import Forecasting
import Foundation
import Indicators

/// Bounds, whole numbers, children within parents, flows within their stock, net changes; then
/// the targets, path by path.
extension PreparedScenario {
    /// Bounds, whole numbers, children within parents, flows within their stock, derived net changes.
    /// Only the series `only` selects, when given (`differing(from:)`: closed under containment
    /// and net changes, so no step reads a series it leaves out).
    func finishPaths(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch, only: [Bool]? = nil) {
        func included(_ k: Int) -> Bool { only?[k] ?? true }
        drawCounts(block: b, paths: n, seed: seed, into: &s, only: only)
        tieNetChangeSteps(paths: n, into: &s, only: only)
        tieGrowthSteps(block: b, paths: n, seed: seed, into: &s, only: only)
        tieSums(block: b, paths: n, seed: seed, into: &s, only: only)
        for (k, ser) in model.series.enumerated() where ser.kind != .netChange && included(k) {
            // A count's years bridged between known ones are whole too (they were drawn whole
            // only in their printed quantiles: 372.3 under "超372.19" judged a milestone of 373
            // missed on 2.5% of paths while the bound settled it; plan_shapes.py, seed 37).
            for t in 0..<yearCount
            where isSimulated(k, t) || ser.sources[t] == .backcast || ser.isCount && ser.sources[t] == .interpolated {
                let o = at(k, t, n)
                // The evidence's bounds hold on every path, also after a scenario's levers.
                let lo = (t < ser.lower.count ? ser.lower[t] : nil) ?? -.infinity
                let hi = (t < ser.upper.count ? ser.upper[t] : nil) ?? .infinity
                let (floor, ceiling) = ser.kind == .share ? (1e-6, 100 - 1e-6) : (0.0, Double.infinity)
                // A whole count within the year's evidence: "超372.19" holds 373–409, and 372.3
                // rounded to 372 fell below the bound a milestone of 373 was settled on (seed 37).
                // Where no whole number lies within it, the value stays as drawn: a count reported
                // as 2.63 (±2%, an estimate) stays in 2.58–2.68, where rounding made it 3 on every
                // path and an every-year goal of 2.86 that the evidence had settled as missed read
                // P = 0.33 (plan_shapes.py, seed 35).
                let whole = ser.isCount ? wholeNumbers(from: lo, to: hi) : nil
                s.vals.withUnsafeMutableBufferPointer { vb in
                    for p in 0..<n {
                        var v = vb[o + p]
                        if v < lo { v = lo }
                        if v > hi { v = hi }
                        v = min(max(v, floor), ceiling)
                        if let whole { v = min(max(Self.roundedCount(v), whole.least), whole.most) }
                        vb[o + p] = v
                    }
                }
            }
        }
        // Children within their parents (`containment`, found once per scenario), in every year
        // drawn on the path (forecast, backcast, bridged or within bounds; a backcast child
        // exceeded its interpolated parent). Where the child is known (observed, or drawn within
        // its bounds) and the parent is not, the parent is raised to the child instead: the
        // child's evidence is also the parent's ("≥ 180" under a forecast parent).
        // A child's year with a lower bound of its own (a bridge between two exact years
        // truncated by "近 X", read as 0.9·X to X) counts as known too: clamped to a forecast
        // parent it fell below its bound (93 under a floor of 111), and a milestone the bound
        // had settled read "not met" at P = 0.15 (plan_shapes.py, seed 13).
        func known(_ v: ValueSource) -> Bool { v == .observed || v == .bounded }
        for c in containment where included(c.child) {
            let (child, parent) = (model.series[c.child], model.series[c.parent])
            for t in c.lag..<yearCount {
                let o = at(c.child, t, n), q = at(c.parent, t - c.lag, n)
                let floored = t < child.lower.count && child.lower[t] != nil
                if (known(child.sources[t]) || floored) && !known(parent.sources[t - c.lag]) {
                    // Never above the parent's own upper bound (a bridged year truncated by
                    // "at most 2,903"): where the child's evidence lies above it the reports
                    // contradict each other and each keeps its own (stop 64).
                    let u = t - c.lag
                    let ceiling = (u < parent.upper.count ? parent.upper[u] : nil) ?? .infinity
                    for p in 0..<n where s.vals[o + p].isFinite && s.vals[q + p].isFinite {
                        s.vals[q + p] = max(s.vals[q + p], min(s.vals[o + p], ceiling))
                    }
                } else if child.sources[t] != .observed {
                    // Never below the child's own lower bound (a count's bounds are cut to the
                    // whole numbers within them when the model is built): where a report puts
                    // the child above its known parent, the two reports contradict each other
                    // (`check` says so) and each keeps its own evidence. Clamped to an exact
                    // parent of 2,161, an estimate of 2,263 (2,218–2,308) read 2,161 on every
                    // path, and the milestone its bound had settled as met was labelled "not
                    // met" at P = 0.46 (stop 64).
                    let floor = (t < child.lower.count ? child.lower[t] : nil) ?? -.infinity
                    for p in 0..<n where s.vals[q + p].isFinite {
                        s.vals[o + p] = min(s.vals[o + p], max(s.vals[q + p], floor))
                    }
                }
            }
        }
        // Net changes from their stock, path by path: the years an identity gave, and the years
        // known by bounds where the stock is known at both ends (drawn as the stock's difference
        // in `drawBounded`, and again here, since a stock under a parent may have been clamped
        // since: the net change kept the difference of the draws before it).
        func known(_ k: Int, _ t: Int) -> Bool {
            model.series[k].sources[t] == .observed || model.series[k].sources[t] == .bounded
        }
        for (k, ser) in model.series.enumerated() where ser.kind == .netChange && included(k) {
            guard let par = ser.parent else { continue }
            for t in 1..<yearCount
            where ser.sources[t] == .derived || ser.sources[t] == .bounded && known(par, t) && known(par, t - 1) {
                let o = at(k, t, n), a = at(par, t, n), b0 = at(par, t - 1, n)
                for p in 0..<n { s.vals[o + p] = s.vals[a + p] - s.vals[b0 + p] }
            }
        }
    }

    /// A net change known by a bound or a value in a year whose two stock values are both
    /// unknown ("2024年净增400余家" with the stock last known in 2022; the strict reading of the
    /// same, 400): on every path the stock's step that year is the net change's value or draw
    /// (uniform within its bounds, `drawBounded`),
    ///
    ///     stock(t) = stock(t − 1) + net(t).
    ///
    /// Where stock(t) is forecast (stock(t − 1) forecast or known on the path) stock(t) is set so
    /// and the later forecast years move with it on the modelling scale, as a forecast that
    /// starts from a year known by bounds does; where stock(t − 1) is backcast, it is set so and
    /// the earlier years move with it; where one of the two is interpolated, it is set so and the
    /// change fades out linearly by the nearest figure beyond it (d·(b − u)/(b − t) in year u),
    /// which is kept. Before, the stock ignored the net change there and the two were drawn
    /// apart. Runs after the levers (evidence holds on every path, whatever the scenario). A year
    /// next to a known stock figure is tied earlier, through the stock's own bounds
    /// (`Plan.netChangeBounds`). A path whose tie would leave the stock's range keeps its draw.
    func tieNetChangeSteps(paths n: Int, into s: inout Scratch, only: [Bool]? = nil) {
        func isKnown(_ v: ValueSource) -> Bool { v == .observed || v == .bounded }
        for (c, ser) in model.series.enumerated() where ser.kind == .netChange && only?[c] ?? true {
            guard let par = ser.parent else { continue }
            let stock = model.series[par]
            let tr = stock.transform
            for t in 1..<yearCount where isKnown(ser.sources[t]) {
                let net = at(c, t, n), now = at(par, t, n), before = at(par, t - 1, n)
                let (s0, s1) = (stock.sources[t - 1], stock.sources[t])
                let ahead = s1 == .simulated && (s0 == .simulated || isKnown(s0))
                let behind = s0 == .backcast && (s1 == .backcast || isKnown(s1))
                if ahead || behind {
                    // The moving end and the years beyond it, on the side away from the known ones.
                    let forward = s1 == .simulated
                    let years =
                        forward
                        ? Array((t..<yearCount).prefix { stock.sources[$0] == .simulated })
                        : Array((0..<t).reversed().prefix { stock.sources[$0] == .backcast })
                    let cells = years.map { at(par, $0, n) }
                    for p in 0..<n {
                        let old = s.vals[cells[0] + p]
                        let target = forward ? s.vals[before + p] + s.vals[net + p] : s.vals[now + p] - s.vals[net + p]
                        guard target.isFinite, old.isFinite, tr.admits(target), tr.admits(old) else { continue }
                        let offset = tr.forward(target) - tr.forward(old)
                        for q in cells.dropFirst() { s.vals[q + p] = tr.inverse(tr.forward(s.vals[q + p]) + offset) }
                        s.vals[cells[0] + p] = target
                    }
                } else if s1 == .interpolated && (s0 == .interpolated || isKnown(s0)) {
                    // stock(t) moves to stock(t − 1) + net(t); the change fades out by the next figure b.
                    guard let b = ((t + 1)..<yearCount).first(where: { stock.sources[$0] != .interpolated }),
                        isKnown(stock.sources[b])
                    else { continue }
                    let change = (0..<n).map { p in s.vals[before + p] + s.vals[net + p] - s.vals[now + p] }
                    spread(par, from: t, to: b, by: change, into: &s, transform: tr)
                } else if s0 == .interpolated && isKnown(s1) {
                    // stock(t − 1) moves to stock(t) − net(t); the change fades out by the figure a before.
                    guard let a = (0..<(t - 1)).last(where: { stock.sources[$0] != .interpolated }),
                        isKnown(stock.sources[a])
                    else { continue }
                    let change = (0..<n).map { p in s.vals[now + p] - s.vals[net + p] - s.vals[before + p] }
                    spread(par, from: t - 1, to: a, by: change, into: &s, transform: tr)
                }
            }
        }
    }

    /// Moves series k's interpolated year `from` by `change[p]` on path p and the years between
    /// it and the known year `to` by the share change·|to − u|/|to − from|, so that `to` keeps
    /// its value; a path whose moved values would leave the series' range keeps its draw.
    func spread(
        _ k: Int, from: Int, to: Int, by changes: [Double], into s: inout Scratch, transform tr: Transform
    ) {
        let n = changes.count
        let years = from < to ? Array(from..<to) : Array((to + 1)...from)
        // Each year's cell and its share of the change, once for all paths.
        let cells = years.map { (at(k, $0, n), Double(abs(to - $0)) / Double(abs(to - from))) }
        for p in 0..<n {
            let change = changes[p]
            // Checked first, written after: no array per path.
            guard change.isFinite,
                cells.allSatisfy({ c, w in
                    let v = s.vals[c + p] + change * w; return v.isFinite && tr.admits(v)
                })
            else { continue }
            for (c, w) in cells { s.vals[c + p] += change * w }
        }
    }

    /// A child series bounded by its parent on every simulated path: value(child, t) ≤
    /// value(parent, t − lag).
    struct Containment {
        let child: Int, parent: Int, lag: Int
    }

    /// The containments of a model, in the order they are applied: children never exceed parents
    /// of the same kind and unit; then a flow within its stock (same unit): a year's additions to
    /// a growing stock are in its year-end value, flow(t) ≤ stock(t); what leaves a shrinking
    /// stock was in it the year before, flow(t) ≤ stock(t − 1) (no more people lifted out of
    /// poverty than were poor).
    static func containment(of model: PlanModel) -> [Containment] {
        var sameKind = [Containment](), flows = [Containment]()
        for (k, ser) in model.series.enumerated() {
            guard let par = ser.parent, ser.kind != .netChange else { continue }
            let ind = model.plan.indicator(ser.id), pind = model.plan.indicator(model.series[par].id)
            guard ind?.unit == pind?.unit else { continue }
            let parentKind = model.series[par].kind
            if parentKind == ser.kind {
                sameKind.append(Containment(child: k, parent: par, lag: 0))
            } else if ser.kind == .flow, parentKind == .stock, let ind, let pind {
                flows.append(Containment(child: k, parent: par, lag: pind.direction == ind.direction ? 0 : 1))
            }
        }
        return sameKind + flows
    }

    /// `v.rounded()` (half away from zero) for v ≥ 0 without a call into libm: adding and
    /// subtracting 2⁵² rounds to the nearest integer (ties to even), and a tie that went down
    /// is moved up. Values of 2⁵² or more are whole already; NaN stays NaN.
    @inline(__always)
    static func roundedCount(_ v: Double) -> Double {
        guard v < 0x1p52 else { return v }
        var r = (v + 0x1p52) - 0x1p52
        if v - r == 0.5 { r += 1 }
        return r
    }

    /// With `reuse`, a target whose series this scenario took from the reference is judged as
    /// the reference judged it (`copyJudged`).
    func evaluateTargets(paths n: Int, into s: inout Scratch, reuse: Reuse? = nil) {
        var goalsMet = [Int32](repeating: 0, count: n)
        var milestonesMet = [Int32](repeating: 0, count: n)
        var currentSeries = -1
        let words = s.words, all = s.allQuantities
        for (j, spec) in targets.enumerated() {
            let o = j * n, wo = j * words
            if status[j] == .insufficientData {
                // Never written: the scratch keeps its initial NaN and zero bits for such targets.
                if spec.kind == .milestone, spec.series != currentSeries {
                    currentSeries = spec.series!
                    for p in 0..<n { milestonesMet[p] = 0 }
                }
                continue
            }
            let increase = spec.direction == .increase, threshold = spec.threshold
            let copy = all || targetCell[j] == nil
            var met = 0
            s.vals.withUnsafeBufferPointer { vals in
                s.quantity.withUnsafeMutableBufferPointer { quantity in
                    s.bits.withUnsafeMutableBufferPointer { bits in
                        switch spec.kind {
                        case .milestone:
                            let k = spec.series!
                            if k != currentSeries {
                                currentSeries = k
                                for p in 0..<n { milestonesMet[p] = 0 }
                            }
                            if let reuse, !reuse.fresh[k] {
                                met = milestonesMet.withUnsafeMutableBufferPointer { count in
                                    Self.copyJudged(
                                        from: reuse.reference, target: j, paths: n,
                                        quantity: copy ? quantity.baseAddress! + o : nil,
                                        bits: bits.baseAddress! + wo, counts: count.baseAddress!)
                                }
                                break
                            }
                            let c = at(k, model.years.firstIndex(of: spec.year!)!, n)
                            if copy { for p in 0..<n { quantity[o + p] = vals[c + p] } }
                            met = milestonesMet.withUnsafeMutableBufferPointer { count in
                                Self.judge(
                                    vals.baseAddress! + c, n, threshold, increase, bits.baseAddress! + wo,
                                    count.baseAddress!)
                            }
                        case .goal:
                            let k = spec.series!
                            // A sum or worst-year goal has no cell (`targetCell` nil), so `copy`
                            // already holds for it: its quantity is always copied.
                            if let reuse, !reuse.fresh[k] {
                                met = goalsMet.withUnsafeMutableBufferPointer { count in
                                    Self.copyJudged(
                                        from: reuse.reference, target: j, paths: n,
                                        quantity: copy ? quantity.baseAddress! + o : nil,
                                        bits: bits.baseAddress! + wo, counts: count.baseAddress!)
                                }
                                break
                            }
                            let rule = spec.rule!
                            let offsets = rule == .final ? [at(k, yearCount - 1, n)] : planYearIdx.map { at(k, $0, n) }
                            // The judged quantity, year by year over all paths (sums keep the year
                            // order of each path): the final value, the sum, or the worst year.
                            var judged = vals.baseAddress! + offsets[0]
                            switch rule {
                            case .final:
                                if copy { for p in 0..<n { quantity[o + p] = vals[offsets[0] + p] } }
                            case .cumulative:
                                // Years that reported sums cover count as their reports' total.
                                let known = sums[k]
                                for p in 0..<n { quantity[o + p] = 0 }
                                for (t, off) in zip(planYearIdx, offsets) where !known.covered.contains(t) {
                                    for p in 0..<n { quantity[o + p] += vals[off + p] }
                                }
                                if !known.covered.isEmpty { for p in 0..<n { quantity[o + p] += known.total } }
                                judged = UnsafePointer(quantity.baseAddress! + o)
                            case .everyYear:
                                let start: Double = increase ? .infinity : -.infinity
                                for p in 0..<n { quantity[o + p] = start }
                                for off in offsets {
                                    if increase {
                                        for p in 0..<n { quantity[o + p] = min(quantity[o + p], vals[off + p]) }
                                    } else {
                                        for p in 0..<n { quantity[o + p] = max(quantity[o + p], vals[off + p]) }
                                    }
                                }
                                judged = UnsafePointer(quantity.baseAddress! + o)
                            }
                            met = goalsMet.withUnsafeMutableBufferPointer { count in
                                Self.judge(judged, n, threshold, increase, bits.baseAddress! + wo, count.baseAddress!)
                            }
                        case .allMilestones:
                            if spec.series! != currentSeries { for p in 0..<n { milestonesMet[p] = 0 } }
                            met = Self.count(
                                milestonesMet, equalTo: Int32(spec.threshold), quantity: quantity.baseAddress! + o,
                                bits: bits.baseAddress! + wo)
                        case .allGoals:
                            let evaluable = zip(targets, status).filter {
                                $0.0.kind == .goal && $0.1 != .insufficientData
                            }.count
                            met = Self.count(
                                goalsMet, equalTo: Int32(evaluable), quantity: quantity.baseAddress! + o,
                                bits: bits.baseAddress! + wo)
                        }
                    }
                }
            }
            s.metCount[j] = met
        }
    }

    /// Judges `n` values against `threshold` (≥ for an increase, ≤ for a decrease; NaN fails),
    /// writing one bit per path (64 a word), adding 1 to the path's count when met, and
    /// returning how many paths met it.
    @inline(__always)
    static func judge(
        _ q: UnsafePointer<Double>, _ n: Int, _ threshold: Double, _ increase: Bool,
        _ bits: UnsafeMutablePointer<UInt64>,
        _ counts: UnsafeMutablePointer<Int32>
    ) -> Int {
        var total = 0, p = 0, w = 0
        while p < n {
            let end = min(64, n - p)
            var word: UInt64 = 0
            // Wrapping arithmetic and masking shifts: b < 64 and p + b < n, so neither wraps,
            // and the loop needs no overflow checks.
            let (qw, cw) = (q + p, counts + p)
            if increase {
                for b in 0..<end {
                    let m: UInt64 = qw[b] >= threshold ? 1 : 0
                    word |= m &<< UInt64(truncatingIfNeeded: b)
                    cw[b] &+= Int32(truncatingIfNeeded: m)
                }
            } else {
                for b in 0..<end {
                    let m: UInt64 = qw[b] <= threshold ? 1 : 0
                    word |= m &<< UInt64(truncatingIfNeeded: b)
                    cw[b] &+= Int32(truncatingIfNeeded: m)
                }
            }
            bits[w] = word
            total &+= word.nonzeroBitCount
            p += 64
            w += 1
        }
        return total
    }

    /// Target `j` as `reference` judged it: its met bits (into `bits`), the paths' counts of
    /// met targets (`counts`, +1 where met), its quantity (into `quantity`, when given); returns
    /// how many paths met it.
    static func copyJudged(
        from reference: Scratch, target j: Int, paths n: Int, quantity: UnsafeMutablePointer<Double>?,
        bits: UnsafeMutablePointer<UInt64>, counts: UnsafeMutablePointer<Int32>
    ) -> Int {
        reference.bits.withUnsafeBufferPointer { rb in
            let from = rb.baseAddress! + j * reference.words
            var p = 0, w = 0
            while p < n {
                let word = from[w], end = min(64, n - p)
                bits[w] = word
                let cw = counts + p
                for b in 0..<end { cw[b] &+= Int32(truncatingIfNeeded: (word &>> UInt64(truncatingIfNeeded: b)) & 1) }
                p += 64
                w += 1
            }
        }
        if let quantity {
            reference.quantity.withUnsafeBufferPointer { quantity.update(from: $0.baseAddress! + j * n, count: n) }
        }
        return reference.metCount[j]
    }

    /// Writes per-path counts as the quantity and "all met" (count == `all`) as the bits;
    /// returns how many paths met all.
    static func count(
        _ counts: [Int32], equalTo all: Int32, quantity: UnsafeMutablePointer<Double>,
        bits: UnsafeMutablePointer<UInt64>
    ) -> Int {
        var total = 0
        counts.withUnsafeBufferPointer { c in
            let n = c.count
            var p = 0, w = 0
            while p < n {
                let end = min(64, n - p)
                var word: UInt64 = 0
                for b in 0..<end {
                    quantity[p + b] = Double(c[p + b])
                    word |= (c[p + b] == all ? 1 : 0) << UInt64(b)
                }
                bits[w] = word
                total &+= word.nonzeroBitCount
                p += 64
                w += 1
            }
        }
        return total
    }
}
