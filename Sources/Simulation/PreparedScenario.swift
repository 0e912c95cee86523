import Forecasting
import Foundation
import Indicators
import LinearAlgebra

/// The prepared work of one scenario: indices, lever tables and the per-block routine.
struct PreparedScenario: @unchecked Sendable {
    let model: PlanModel
    let levers: [Lever]
    let targets: [TargetSpec]
    let seriesCount: Int, yearCount: Int, simulatedCount: Int, horizon: Int
    /// Per stratum and step h: z on a grid of u ∈ [−8, 8] (4,097 points).
    let qmaps: [[[Double]]]
    let available: [[Bool]]
    let status: [TargetStatus]
    let planYearIdx: [Int]
    let index: [String: Int]
    /// Per target: the series cell (k·T + t) whose values it judges, when it is a milestone or
    /// a final value of a cell that is accumulated anyway (so it is not histogrammed twice).
    let targetCell: [Int?]
    let volatility: [Double]
    /// Quantile tables of each lever's distribution, built once per scenario (not per block):
    /// one for a growth, level or shock lever; one per year for a driver path.
    let amountTables: [QuantileTable?]
    let driverTables: [[Int: QuantileTable]]
    /// Children bounded by their parents on every path (`containment(of:)`).
    let containment: [Containment]
    /// The ties between years known by bounds (`drawBounded`, and the status of a net change's year).
    let boundChain: BoundChain
    /// Per series: plan years that reported sums cover, for cumulative goals (`knownSums(of:)`).
    let sums: [KnownSums]

    static let uMin = -8.0, uMax = 8.0, uPoints = 4097

    /// `drawing: false` leaves out the levers' quantile tables (for reading results only).
    init(model: PlanModel, levers: [Lever], drawing: Bool = true) {
        self.model = model
        self.levers = levers
        seriesCount = model.series.count
        yearCount = model.years.count
        simulatedCount = model.simulated.count
        horizon = model.horizon
        targets = TargetSpec.all(for: model)
        qmaps = model.quantileMaps
        index = Dictionary(uniqueKeysWithValues: model.series.enumerated().map { ($1.id, $0) })
        // Availability: known or simulated; derived cells need their stock at t and t − 1.
        var av = model.series.map { s in s.sources.map { $0 != .unavailable && $0 != .derived } }
        for (k, s) in model.series.enumerated() {
            for t in 0..<model.years.count where s.sources[t] == .derived {
                if let p = s.parent, t > 0 { av[k][t] = av[p][t] && av[p][t - 1] }
            }
        }
        available = av
        containment = Self.containment(of: model)
        let chain = BoundChain(model: model, containment: containment)
        boundChain = chain
        let sums = Self.knownSums(of: model)
        self.sums = sums
        let first = model.plan.metadata.firstYear
        planYearIdx = model.years.indices.filter { model.years[$0] >= first }
        volatility = model.series.map { levers.volatilityScale(of: $0.id) }
        amountTables = levers.map { lever in
            guard drawing else { return nil }
            switch lever.action {
            case .growth(_, let q), .level(_, let q), .shock(_, _, let q): return q.table()
            case .volatility, .driverPath: return nil
            }
        }
        driverTables = levers.map { lever in
            guard drawing else { return [:] }
            guard case .driverPath(_, let growth, _) = lever.action else { return [:] }
            return growth.mapValues { $0.table() }
        }
        // Status of each target from what its values rest on.
        var st = [TargetStatus]()
        for spec in targets {
            st.append(
                PreparedScenario.status(
                    spec, model: model, available: av, planYears: planYearIdx, earlier: st, specs: targets,
                    sums: sums, chain: chain, containment: containment))
        }
        status = st
        let years = model.years, lastIndex = model.years.count - 1
        targetCell = zip(targets, st).map { spec, status in
            guard status == .simulated || status == .settled, let k = spec.series else { return nil }
            let t: Int?
            switch spec.kind {
            case .milestone: t = spec.year.flatMap { years.firstIndex(of: $0) }
            case .goal: t = spec.rule == .final ? lastIndex : nil
            default: t = nil
            }
            guard let t, model.series[k].sources[t] != .observed, av[k][t] else { return nil }
            return k * years.count + t
        }
    }

    static func status(
        _ spec: TargetSpec, model: PlanModel, available av: [[Bool]], planYears: [Int], earlier: [TargetStatus],
        specs: [TargetSpec], sums: [KnownSums], chain: BoundChain, containment: [Containment]
    ) -> TargetStatus {
        func cells() -> [Int] {
            switch spec.kind {
            case .milestone: return [model.years.firstIndex(of: spec.year!)!]
            case .goal: return spec.rule == .final ? [model.years.count - 1] : planYears
            case .allMilestones: return planYears
            case .allGoals: return []
            }
        }
        if spec.kind == .allGoals {
            let goals = zip(specs, earlier).filter { $0.0.kind == .goal && $0.1 != .insufficientData }
            if goals.isEmpty { return .insufficientData }
            return goals.allSatisfy { $0.1 == .observed } ? .observed : .simulated
        }
        let k = spec.series!
        // A growth or change goal without its base-year value has no level to reach.
        if spec.threshold.isNaN { return .insufficientData }
        // A cumulative goal's years that reported sums cover are known through them.
        let covered = spec.kind == .goal && spec.rule == .cumulative ? sums[k].covered : []
        let cs = cells()
        if cs.contains(where: { !av[k][$0] && !covered.contains($0) }) { return .insufficientData }
        let s = model.series[k]
        let observed = cs.allSatisfy { t in
            s.sources[t] == .observed || covered.contains(t)
                || (s.sources[t] == .derived
                    && s.parent.map { p in
                        [t, t - 1].allSatisfy { $0 >= 0 && model.series[p].sources[$0] == .observed }
                    } == true)
        }
        if observed { return .observed }
        // What the evidence decides before any path is drawn. A net change's year drawn from
        // its stock (the stock known, observed or bounded, at both ends of the step) is decided
        // by the step the stock's evidence allows, narrowed by the net changes' own bounds where
        // every path honours them (`BoundChain.honouredNet`): where the two disagree the paths
        // follow the stock, and "at least 235" read met at P = 0.72 (plan_shapes.py, seed 17);
        // where they agree ("≤ −47.99" beside an exact stock, its next year bounded by the same
        // report) it read "very unlikely" at P = 0 (seed 43); "at least 400" beside a stock
        // bounded at both ends read P = 1 "very likely" against a milestone of 300 (stop 63).
        // Where the stock is not known at both ends, the net change's bound sets the stock's
        // step on every path (`drawBounded`) and decides as any bound does (seed 34).
        let stockOf = s.kind == .netChange ? s.parent.map { model.series[$0] } : nil
        func decide(_ t: Int, _ threshold: Double, _ direction: Direction) -> Bool? {
            if let stock = stockOf, s.sources[t] != .observed {
                func known(_ u: Int) -> Bool {
                    u >= 0 && (stock.sources[u] == .observed || stock.sources[u] == .bounded)
                }
                if known(t) && known(t - 1) {
                    guard var step = Self.stockStep(stock, t: t) else { return nil }
                    if let own = chain.honouredNet(k, t, containment: containment),
                        max(step.lo, own.lo) <= min(step.hi, own.hi)
                    {
                        step = (max(step.lo, own.lo), min(step.hi, own.hi))
                    }
                    switch direction {
                    case .increase: return step.lo >= threshold ? true : step.hi < threshold ? false : nil
                    case .decrease: return step.hi <= threshold ? true : step.lo > threshold ? false : nil
                    }
                }
            }
            return Self.decided(
                s, t: t, threshold: threshold, direction: direction,
                within: chain.drawnInterval(k, t, containment: containment, sums: sums))
        }
        switch spec.kind {
        case .milestone,
            .goal where spec.rule == .final:
            // A year known by a bound that decides it.
            if let t = cs.first, cs.count == 1, decide(t, spec.threshold, spec.direction) != nil {
                return .settled
            }
        case .goal where spec.rule == .everyYear:
            if settledOverYears(cs.map { ($0, spec.threshold) }, series: s, direction: spec.direction, decide: decide) {
                return .settled
            }
        case .goal where spec.rule == .cumulative && s.kind == .flow:
            if cumulativeSettled(spec, series: s, years: cs) { return .settled }
        case .allMilestones:
            // Each milestone in the indicator's direction ("all milestones" itself counts the
            // milestones met, an increase whatever the indicator's direction).
            let own = specs.filter { $0.kind == .milestone && $0.series == k }
            let milestones = own.compactMap { m in
                m.year.flatMap { model.years.firstIndex(of: $0) }.map { (t: $0, threshold: m.threshold) }
            }
            if let direction = own.first?.direction,
                settledOverYears(milestones, series: s, direction: direction, decide: decide)
            {
                return .settled
            }
        default:
            break
        }
        return .simulated
    }

    /// Whether the evidence settles a target of several years before any path is drawn: one
    /// year observed (or known by a bound) on the wrong side fails it whatever the others do,
    /// and every year decided on the right side meets it. An observed 17 against "at least 17.75
    /// every year" was reported as P = 0, "very unlikely", where the data had decided it. `years`
    /// pairs each timeline index with the threshold that year must reach.
    static func settledOverYears(
        _ years: [(t: Int, threshold: Double)], series s: SimulationSeries, direction: Direction,
        decide: ((Int, Double, Direction) -> Bool?)? = nil
    ) -> Bool {
        let verdicts = years.map { y -> Bool? in
            if let decide { return decide(y.t, y.threshold, direction) }
            return decided(s, t: y.t, threshold: y.threshold, direction: direction)
        }
        return !verdicts.isEmpty && (verdicts.contains(false) || verdicts.allSatisfy { $0 == true })
    }

    /// Whether a flow's known years alone decide its cumulative goal: flows are never negative,
    /// so the sum of the observed values and lower bounds is a floor for every path's total. A
    /// floor at or above "at least G" meets it; above "at most G" fails it.
    static func cumulativeSettled(_ spec: TargetSpec, series s: SimulationSeries, years: [Int]) -> Bool {
        let floor = years.reduce(0.0) { sum, t in
            let exact = s.sources[t] == .observed ? s.known[t] : nil
            return sum + max(0, exact ?? (t < s.lower.count ? s.lower[t] : nil) ?? 0)
        }
        switch spec.direction {
        case .increase: return floor >= spec.threshold
        case .decrease: return floor > spec.threshold
        }
    }

    /// What a stock's evidence allows for its step into year t, stock(t) − stock(t − 1): the
    /// least of t less the most of t − 1, and the other way round (exact years as points,
    /// bounded ones by their bounds); nil unless both years are known with both ends.
    static func stockStep(_ stock: SimulationSeries, t: Int) -> (lo: Double, hi: Double)? {
        func range(_ u: Int) -> (lo: Double, hi: Double)? {
            guard u >= 0, u < stock.sources.count else { return nil }
            switch stock.sources[u] {
            case .observed: return stock.known[u].map { ($0, $0) }
            case .bounded:
                guard let lo = u < stock.lower.count ? stock.lower[u] : nil,
                    let hi = u < stock.upper.count ? stock.upper[u] : nil
                else { return nil }
                return (lo, hi)
            default: return nil
            }
        }
        guard let now = range(t), let before = range(t - 1) else { return nil }
        return (now.lo - before.hi, now.hi - before.lo)
    }

    /// Whether year `t` of `s` meets `threshold` by its evidence alone: its observed value, or a
    /// bound on the deciding side; nil when only a path can say. `within`, where given, is the
    /// interval every path keeps the year in (`BoundChain.drawnInterval`), used for its bounds.
    static func decided(
        _ s: SimulationSeries, t: Int, threshold: Double, direction: Direction,
        within: (lo: Double, hi: Double)? = nil
    ) -> Bool? {
        var lo = t < s.lower.count ? s.lower[t] : nil, hi = t < s.upper.count ? s.upper[t] : nil
        if let within { (lo, hi) = (within.lo, within.hi) }
        // A whole count lies on the whole numbers within its bounds, as it is drawn
        // (`drawBounded`): "近14.65" read as 13.185–14.65 is 14 and settles a milestone of 14
        // (it read "very likely" at P = 1; plan_shapes.py, seed 35).
        if s.isCount, let l = lo, let h = hi, let whole = wholeNumbers(from: l, to: h) {
            (lo, hi) = (whole.least, whole.most)
        }
        let exact = s.sources[t] == .observed ? s.known[t] : nil
        switch direction {
        case .increase:
            if let v = exact ?? lo, v >= threshold { return true }
            if let v = exact ?? hi, v < threshold { return false }
        case .decrease:
            if let v = exact ?? hi, v <= threshold { return true }
            if let v = exact ?? lo, v > threshold { return false }
        }
        return nil
    }

    // MARK: per-block work

    struct Scratch {
        var vals: [Double]  // (k·T + t)·n + p
        var z: [Double], e: [Double], s: [Double]
        var baseline: [Double]  // driver baselines (k·T + t)·n + p, only for driven drivers
        var ratio: [Double]
        var quantity: [Double]  // target j: j·n + p
        /// Whether each path met target j: bit p % 64 of word j·words + p / 64.
        var bits: [UInt64]
        var words: Int
        var metCount: [Int]
        /// Write every target's quantity (the pilot block); otherwise milestones and final
        /// values, whose cell is histogrammed anyway, are judged on the cell without a copy.
        var allQuantities = false
        /// The count draws of this block's first scenario (`drawCounts`), reused on the paths
        /// where a later scenario's expected counts are the same.
        var counts = CountCache()
    }

    /// Per cell (its offset in `vals`): the expected counts λ of the block's paths that counts
    /// were drawn from, and the counts drawn. A path's draw depends only on the seed, the block,
    /// the cell, the path and λ, so where a scenario's λ is bit for bit the first scenario's (no
    /// lever reaches it) the count is the same, and copying it changes nothing.
    struct CountCache {
        var block = -1, paths = 0
        var cells: [Int: (lambda: [Double], drawn: [Double])] = [:]
    }

    func scratch(_ n: Int) -> Scratch {
        Scratch(
            vals: .init(repeating: .nan, count: seriesCount * yearCount * n),
            z: .init(repeating: 0, count: max(1, simulatedCount) * n),
            e: .init(repeating: 0, count: max(1, simulatedCount) * n),
            s: .init(repeating: 0, count: max(1, simulatedCount) * n),
            baseline: .init(repeating: .nan, count: seriesCount * yearCount * n),
            ratio: .init(repeating: 1, count: seriesCount * yearCount * n),
            quantity: .init(repeating: .nan, count: targets.count * n),
            bits: .init(repeating: 0, count: targets.count * ((n + 63) / 64)), words: (n + 63) / 64,
            metCount: .init(repeating: 0, count: targets.count))
    }

    @inline(__always) func at(_ k: Int, _ t: Int, _ n: Int) -> Int { (k * yearCount + t) * n }

    /// Fills `s.vals` and the target quantities for block `b` of `n` paths.
    func simulate(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        simulateBase(block: b, paths: n, seed: seed, into: &s)
        finishBlock(block: b, paths: n, seed: seed, into: &s)
    }

    /// The scenario's own part of a block, on values drawn by `simulateBase`: lever effects,
    /// bounds and whole numbers, then the targets.
    func finishBlock(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch, reuse: Reuse? = nil) {
        applyEffects(block: b, paths: n, seed: seed, into: &s)
        finishPaths(block: b, paths: n, seed: seed, into: &s, only: reuse?.fresh)
        // The other series come out as the reference's did: take them.
        if let reuse { copySeries(reuse.reference, into: &s, paths: n) { !reuse.fresh[$0] } }
        evaluateTargets(paths: n, into: &s, reuse: reuse)
    }

    /// Copies a block's shared draws (`simulateBase`, done once for the group) into a scenario's
    /// scratch: every series, or the series `only` selects (the others come from the reference
    /// after `finishPaths`, `finishBlock`).
    func copyBase(_ base: Scratch, into t: inout Scratch, paths n: Int, only: [Bool]?) {
        guard let only else {
            t.vals.withUnsafeMutableBufferPointer { dst in
                base.vals.withUnsafeBufferPointer { _ = dst.update(fromContentsOf: $0) }
            }
            return
        }
        copySeries(base, into: &t, paths: n) { only[$0] }
    }

    /// Copies every year of the series `selected` picks from one scratch's values to another's
    /// (a series' years are one span of the layout, `at`).
    func copySeries(_ from: Scratch, into t: inout Scratch, paths n: Int, where selected: (Int) -> Bool) {
        t.vals.withUnsafeMutableBufferPointer { dst in
            from.vals.withUnsafeBufferPointer { src in
                for k in 0..<seriesCount where selected(k) {
                    (dst.baseAddress! + at(k, 0, n)).update(from: src.baseAddress! + at(k, 0, n), count: yearCount * n)
                }
            }
        }
    }

    /// A block finished by another scenario on the same draws (the reference, `PlanSimulator.tallies`),
    /// whose series other than `fresh` ones this scenario takes as they are.
    struct Reuse {
        let reference: Scratch
        /// Per series: whether this scenario computes it (`differing(from:)`).
        let fresh: [Bool]
    }

    /// The series whose values may differ between this scenario and `other` on the same draws:
    /// those either's levers reach (`applyEffects`), and every series tied to one of them by
    /// containment or a net change (`finishPaths`), transitively. Every other series goes
    /// through the same steps from the same values in both, and comes out bit for bit the same.
    /// Nil when the two do not share their draws (a volatility lever) or every series may differ.
    func differing(from other: PreparedScenario) -> [Bool]? {
        guard volatility == other.volatility else { return nil }
        var fresh = [Bool](repeating: false, count: seriesCount)
        for lever in levers + other.levers {
            switch lever.action {
            case .growth, .level, .shock:
                for id in lever.series { if let k = index[id] { fresh[k] = true } }
            case .driverPath(let driver, _, let links):
                for id in [driver] + links.flatMap(\.series) { if let k = index[id] { fresh[k] = true } }
            case .volatility:
                return nil
            }
        }
        var edges = containment.map { ($0.child, $0.parent) }
        for (k, ser) in model.series.enumerated() where ser.kind == .netChange {
            if let p = ser.parent { edges.append((k, p)) }
        }
        fresh = Self.spread(fresh, over: edges)
        return fresh.allSatisfy { $0 } ? nil : fresh
    }

    /// The series marked, and every series joined to one of them by `edges` (pairs of series
    /// indices, either way), transitively.
    static func spread(_ marked: [Bool], over edges: [(Int, Int)]) -> [Bool] {
        var out = marked
        var grew = true
        while grew {
            grew = false
            for (a, b) in edges where out[a] != out[b] {
                out[a] = true
                out[b] = true
                grew = true
            }
        }
        return out
    }

    /// The part of a block that levers other than volatility do not change (so scenarios of one
    /// model share it): known values, draws within bounds, correlated innovations mapped
    /// through the calibrated quantiles, and bridges between known years.
    func simulateBase(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        let years = model.years
        // Known values, and NaN in every cell no draw below writes on all paths (unavailable and
        // derived ones, and those drawn later, before they are): a scratch serves many blocks,
        // and the last block's fewer paths lay the cells out afresh over earlier blocks' values.
        // Before 2026-12-01 such cells kept "the scratch's initial NaN", which the last block did
        // not have: a flow within a stock without data was clamped to a stale value there, on
        // whichever worker took that block after which other — a mean that changed from run to
        // run under load (35.16502 or 35.16501842 for the same seed).
        for k in 0..<seriesCount {
            let ser = model.series[k]
            for t in 0..<yearCount where ser.sources[t] != .simulated {
                let known = ser.sources[t] == .observed || ser.sources[t] == .interpolated
                let v = known ? ser.known[t] ?? .nan : .nan
                let o = at(k, t, n)
                s.vals.withUnsafeMutableBufferPointer { vb in for p in 0..<n { vb[o + p] = v } }
            }
        }
        drawBounded(block: b, paths: n, seed: seed, into: &s)
        // Correlated innovations → calibrated values for simulated years.
        if simulatedCount > 0 {
            var g = Xoshiro256PlusPlus.stream(seed: seed, scenario: 0, block: UInt64(b))
            s.s.withUnsafeMutableBufferPointer { sb in for i in 0..<(simulatedCount * n) { sb[i] = 0 } }
            for h in 1...horizon {
                Ziggurat.fill(&s.z, count: simulatedCount * n, using: &g)
                Matrix.multiply(s.z, rows: n, by: model.choleskyFactor, transposed: true, into: &s.e)
                let inv = 1 / Double(h).squareRoot()
                for (j, k) in model.simulated.enumerated() {
                    let ser = model.series[k]
                    guard let origin = ser.origin, let t = years.firstIndex(of: origin + h) else {
                        s.s.withUnsafeMutableBufferPointer { sb in
                            s.e.withUnsafeBufferPointer { eb in for p in 0..<n { sb[j * n + p] += eb[j * n + p] } }
                        }
                        continue
                    }
                    // A volatility lever widens the spread about the median: z ↦ z½ + v·(z − z½),
                    // z½ the quantile map's median. Scaling z itself moved a skewed map's median
                    // (a reference-class flow's 2024 median 272 became 322 at v = 2, 16,042 at 6).
                    let vol = volatility[k]
                    let c = ser.center[h - 1], sc = ser.scale[h - 1], tr = ser.transform
                    let cap = ser.cap * vol
                    let qmap = qmaps[ser.quantileMap][h - 1]
                    let zMid = vol == 1 ? 0 : qmap.withUnsafeBufferPointer { PreparedScenario.lookup($0, 0) }
                    let o = at(k, t, n)
                    // A forecast that starts from a year known by bounds moves with the path's
                    // draw in that year.
                    let originIndex = years.firstIndex(of: origin)
                    let shifted = originIndex.map { ser.sources[$0] == .bounded } ?? false
                    let o0 = at(k, originIndex ?? 0, n), mid = originIndex.map { tr.forward(ser.known[$0] ?? 0) } ?? 0
                    s.s.withUnsafeMutableBufferPointer { sb in
                        s.e.withUnsafeBufferPointer { eb in
                            s.vals.withUnsafeMutableBufferPointer { vb in
                                qmap.withUnsafeBufferPointer { q in
                                    for p in 0..<n {
                                        sb[j * n + p] += eb[j * n + p]
                                        let u = sb[j * n + p] * inv
                                        let z0 = PreparedScenario.lookup(q, u)
                                        let z = vol == 1 ? z0 : zMid + vol * (z0 - zMid)
                                        let offset = shifted ? tr.forward(vb[o0 + p]) - mid : 0
                                        vb[o + p] = tr.inverse(c + min(max(sc * z, -cap), cap) + offset)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        bridge(block: b, paths: n, seed: seed, into: &s)
        backcast(block: b, paths: n, seed: seed, into: &s)
    }

    /// The least u in [uMin, uMax] with `lookup(q, u)` ≥ `target` (q ascending), solved on the
    /// piecewise-linear map directly: the segment by binary search over q, then the point within
    /// it (uMax if no u reaches it). Replaces a 40-step bisection on `lookup` (2026-12-01), which
    /// found the same u to within 2⁻⁴⁰ of the range at 40 lookups a path.
    static func inverseLookup(_ q: UnsafeBufferPointer<Double>, _ target: Double) -> Double {
        let last = uPoints - 1
        guard target > q[0] else { return uMin }
        guard target <= q[last] else { return uMax }
        var (lo, hi) = (0, last)  // q[lo] < target ≤ q[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if q[mid] >= target { hi = mid } else { lo = mid }
        }
        let span = q[hi] - q[lo]
        let w = span > 0 ? min(max((target - q[lo]) / span, 0), 1) : 1
        return uMin + (Double(lo) + w) * (uMax - uMin) / Double(last)
    }

    @inline(__always)
    static func lookup(_ q: UnsafeBufferPointer<Double>, _ u: Double) -> Double {
        let pos = (min(max(u, uMin), uMax) - uMin) * Double(uPoints - 1) / (uMax - uMin)
        let i = min(Int(pos), uPoints - 2)
        let w = pos - Double(i)
        return q[i] + w * (q[i + 1] - q[i])
    }
}
