import Forecasting
import Foundation
import Indicators
import LinearAlgebra

/// Everything a run produces for one scenario.
public struct PlanSimulationResult: Sendable {
    public let targets: [TargetOutcome]
    /// Per target, whether each path met it (bit p of the words; paths in block order), for
    /// paired comparisons of scenarios that share random draws.
    public let metBits: [[UInt64]]
    public let cells: [CellOutcome]
    public let paths: Int
    public let seconds: Double
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
        model: PlanModel, effects: ScenarioEffects = ScenarioEffects(), paths: Int, seed: UInt64, threads: Int, blockSize: Int = 2048
    ) -> PlanSimulationResult {
        precondition(blockSize % 64 == 0, "block size must be a multiple of 64")
        let start = Date()
        let plan = BlockPlan(model: model, effects: effects)
        let blocks = (paths + blockSize - 1) / blockSize
        @Sendable func size(_ b: Int) -> Int { min(blockSize, paths - b * blockSize) }

        // Pilot block: fixes histogram ranges.
        var pilotScratch = plan.scratch(blockSize)
        plan.simulate(block: 0, paths: size(0), seed: seed, into: &pilotScratch)
        let pilot = plan.pilotValues(pilotScratch, paths: size(0))
        let hist0 = HistogramQuantiles(pilot: pilot, bins: 2048)
        let scratches = WorkerSlots((0..<max(1, threads)).map { _ in plan.scratch(blockSize) })
        let histograms = WorkerSlots((0..<max(1, threads)).map { _ in hist0.emptyCopy() })
        let partial = BlockResults<BlockPlan.Partial>(count: blocks)
        BlockRunner.run(blocks: blocks, threads: threads) { b, w in
            scratches.withSlot(w) { s in
                plan.simulate(block: b, paths: size(b), seed: seed, into: &s)
                let p = histograms.withSlot(w) { h in plan.accumulate(s, paths: size(b), into: &h) }
                partial.set(b, p)
            }
        }
        var hist = hist0.emptyCopy()
        for h in histograms.all { hist.merge(h) }
        var total = plan.emptyPartial()
        for p in partial.inOrder { total.add(p) }
        let firstPath = plan.targets.indices.map { pilotScratch.quantity[$0 * size(0)] }
        return plan.result(total: total, histograms: hist, firstPath: firstPath, paths: paths, seconds: Date().timeIntervalSince(start))
    }
}

/// The prepared work of one scenario: indices, tables and the per-block routine.
struct BlockPlan: @unchecked Sendable {
    let model: PlanModel
    let effects: ScenarioEffects
    let targets: [TargetSpec]
    let K: Int, T: Int, Ks: Int, H: Int
    /// Per step h: z on a grid of u ∈ [−8, 8] (4,097 points).
    let qmaps: [[Double]]
    let available: [[Bool]]
    let status: [TargetStatus]
    let planYearIdx: [Int]
    let index: [String: Int]
    let levers: [String]
    let volatility: [Double]

    static let uMin = -8.0, uMax = 8.0, uPoints = 4097

    init(model: PlanModel, effects: ScenarioEffects) {
        self.model = model
        self.effects = effects
        K = model.series.count
        T = model.years.count
        Ks = model.simulated.count
        H = model.horizon
        targets = TargetSpec.all(for: model)
        qmaps = (1...max(1, model.horizon)).map { h in
            (0..<BlockPlan.uPoints).map { i in
                let u = BlockPlan.uMin + (BlockPlan.uMax - BlockPlan.uMin) * Double(i) / Double(BlockPlan.uPoints - 1)
                return model.calibration.quantile(step: h, StudentT.normalCDF(u))
            }
        }
        index = Dictionary(uniqueKeysWithValues: model.series.enumerated().map { ($1.id, $0) })
        // Availability: known or simulated; derived cells need their stock at t and t − 1.
        var av = model.series.map { s in s.sources.map { $0 != .unavailable && $0 != .derived } }
        for (k, s) in model.series.enumerated() {
            for t in 0..<model.years.count where s.sources[t] == .derived {
                if let p = s.parent, t > 0 { av[k][t] = av[p][t] && av[p][t - 1] }
            }
        }
        available = av
        let first = model.plan.metadata.firstYear
        planYearIdx = model.years.indices.filter { model.years[$0] >= first }
        levers = effects.levers
        volatility = model.series.map { effects.volatility[$0.id] ?? 1 }
        // Status of each target from what its values rest on.
        var st = [TargetStatus]()
        for spec in targets {
            st.append(BlockPlan.status(spec, model: model, available: av, planYears: planYearIdx, earlier: st, specs: targets))
        }
        status = st
    }

    static func status(_ spec: TargetSpec, model: PlanModel, available av: [[Bool]], planYears: [Int], earlier: [TargetStatus], specs: [TargetSpec]) -> TargetStatus {
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
        let cs = cells()
        if cs.contains(where: { !av[k][$0] }) { return .insufficientData }
        let s = model.series[k]
        let observed = cs.allSatisfy { t in
            s.sources[t] == .observed || s.sources[t] == .interpolated
                || (s.sources[t] == .derived && s.parent.map { p in [t, t - 1].allSatisfy { $0 >= 0 && (model.series[p].sources[$0] == .observed || model.series[p].sources[$0] == .interpolated) } } == true)
        }
        return observed ? .observed : .simulated
    }

    // MARK: per-block work

    struct Scratch {
        var vals: [Double]  // (k·T + t)·n + p
        var z: [Double], e: [Double], s: [Double]
        var baseline: [Double]  // driver baselines (k·T + t)·n + p, only for driven drivers
        var ratio: [Double]
        var quantity: [Double]  // target j: j·n + p
        var met: [UInt8]
    }

    func scratch(_ n: Int) -> Scratch {
        Scratch(
            vals: .init(repeating: .nan, count: K * T * n), z: .init(repeating: 0, count: max(1, Ks) * n),
            e: .init(repeating: 0, count: max(1, Ks) * n), s: .init(repeating: 0, count: max(1, Ks) * n),
            baseline: .init(repeating: .nan, count: K * T * n), ratio: .init(repeating: 1, count: K * T * n),
            quantity: .init(repeating: .nan, count: targets.count * n), met: .init(repeating: 0, count: targets.count * n))
    }

    @inline(__always) func at(_ k: Int, _ t: Int, _ n: Int) -> Int { (k * T + t) * n }

    /// Fills `s.vals` and the target quantities for block `b` of `n` paths.
    func simulate(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        let years = model.years
        // Known values and blanks.
        for k in 0..<K {
            let ser = model.series[k]
            for t in 0..<T {
                let v = ser.known[t] ?? .nan
                let o = at(k, t, n)
                s.vals.withUnsafeMutableBufferPointer { vb in for p in 0..<n { vb[o + p] = v } }
            }
        }
        // Correlated innovations → calibrated values for simulated years.
        if Ks > 0 {
            var g = Xoshiro256PlusPlus.stream(seed: seed, scenario: 0, block: UInt64(b))
            s.s.withUnsafeMutableBufferPointer { sb in for i in 0..<(Ks * n) { sb[i] = 0 } }
            for h in 1...H {
                Ziggurat.fill(&s.z, count: Ks * n, using: &g)
                Matrix.multiply(s.z, rows: n, by: model.choleskyFactor, transposed: true, into: &s.e)
                let inv = 1 / Double(h).squareRoot()
                let qmap = qmaps[h - 1]
                for (j, k) in model.simulated.enumerated() {
                    let ser = model.series[k]
                    guard let origin = ser.origin, let t = years.firstIndex(of: origin + h) else {
                        s.s.withUnsafeMutableBufferPointer { sb in
                            s.e.withUnsafeBufferPointer { eb in for p in 0..<n { sb[j * n + p] += eb[j * n + p] } }
                        }
                        continue
                    }
                    let c = ser.center[h - 1], sc = ser.scale[h - 1] * volatility[k], tr = ser.transform
                    let o = at(k, t, n)
                    s.s.withUnsafeMutableBufferPointer { sb in
                        s.e.withUnsafeBufferPointer { eb in
                            s.vals.withUnsafeMutableBufferPointer { vb in
                                qmap.withUnsafeBufferPointer { q in
                                    for p in 0..<n {
                                        sb[j * n + p] += eb[j * n + p]
                                        let u = sb[j * n + p] * inv
                                        let z = BlockPlan.lookup(q, u)
                                        vb[o + p] = tr.inverse(c + sc * z)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        applyEffects(block: b, paths: n, seed: seed, into: &s)
        finishPaths(paths: n, into: &s)
        evaluateTargets(paths: n, into: &s)
    }

    @inline(__always)
    static func lookup(_ q: UnsafeBufferPointer<Double>, _ u: Double) -> Double {
        let pos = (min(max(u, uMin), uMax) - uMin) * Double(uPoints - 1) / (uMax - uMin)
        let i = min(Int(pos), uPoints - 2)
        let w = pos - Double(i)
        return q[i] + w * (q[i + 1] - q[i])
    }

    /// Per-path uniforms of each lever, from the lever's own stream.
    func leverDraws(block b: Int, paths n: Int, seed: UInt64, perPath: Int, lever: String) -> [Double] {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a of the lever name
        for byte in lever.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var g = Xoshiro256PlusPlus.stream(seed: seed, scenario: h, block: UInt64(b))
        return (0..<(n * perPath)).map { _ in (Double(g.next() >> 11) + 0.5) * 0x1p-53 }
    }

    func isSimulated(_ k: Int, _ t: Int) -> Bool { model.series[k].sources[t] == .simulated }

    func applyEffects(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        let years = model.years
        // Driver paths: replace the simulated growth; keep the baseline for the links.
        for dp in effects.driverPaths {
            guard let k = index[dp.driver] else { continue }
            let sortedYears = dp.growthPercent.keys.sorted()
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: max(1, sortedYears.count), lever: dp.lever)
            for t in 1..<T where isSimulated(k, t) {
                let o = at(k, t, n), prev = at(k, t - 1, n)
                let table = dp.growthPercent[years[t]]?.table()
                let col = sortedYears.firstIndex(of: years[t]) ?? 0
                for p in 0..<n {
                    let base = s.vals[o + p]
                    s.baseline[o + p] = base
                    let prevNew = s.vals[prev + p]
                    let prevBase = isSimulated(k, t - 1) ? s.baseline[prev + p] : prevNew
                    let growth = table.map { 1 + $0.sample(u[p * max(1, sortedYears.count) + col]) / 100 } ?? (base / prevBase)
                    let new = prevNew * growth
                    s.vals[o + p] = new
                    s.ratio[o + p] = new / base
                }
            }
            for link in effects.driverLinks where link.driver == dp.driver {
                for id in link.series {
                    guard let j = index[id] else { continue }
                    for t in 0..<T where isSimulated(j, t) && isSimulated(k, t) {
                        let o = at(j, t, n), r = at(k, t, n)
                        for p in 0..<n { s.vals[o + p] *= pow(s.ratio[r + p], link.elasticity) }
                    }
                }
            }
        }
        for gs in effects.growthShifts {
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: 1, lever: gs.lever)
            let table = gs.percentPerYear.table()
            for id in gs.series {
                guard let k = index[id] else { continue }
                for t in 0..<T where isSimulated(k, t) && years[t] >= gs.fromYear {
                    let years = Double(model.years[t] - gs.fromYear + 1)
                    let o = at(k, t, n)
                    for p in 0..<n { s.vals[o + p] *= pow(1 + table.sample(u[p]) / 100, years) }
                }
            }
        }
        for ls in effects.levelShifts {
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: 1, lever: ls.lever)
            let table = ls.percent.table()
            for id in ls.series {
                guard let k = index[id] else { continue }
                for t in 0..<T where isSimulated(k, t) && years[t] >= ls.year {
                    let o = at(k, t, n)
                    for p in 0..<n { s.vals[o + p] *= 1 + table.sample(u[p]) / 100 }
                }
            }
        }
        for sh in effects.shocks {
            let u = leverDraws(block: b, paths: n, seed: seed, perPath: 2, lever: sh.lever)
            let table = sh.percent.table()
            for id in sh.series {
                guard let k = index[id] else { continue }
                for t in 0..<T where isSimulated(k, t) && years[t] >= sh.year {
                    let o = at(k, t, n)
                    for p in 0..<n where u[2 * p] < sh.probability { s.vals[o + p] *= 1 + table.sample(u[2 * p + 1]) / 100 }
                }
            }
        }
    }

    /// Bounds, whole numbers, derived net changes, children within parents.
    func finishPaths(paths n: Int, into s: inout Scratch) {
        for (k, ser) in model.series.enumerated() where ser.kind != .netChange {
            for t in 0..<T where isSimulated(k, t) {
                let o = at(k, t, n)
                s.vals.withUnsafeMutableBufferPointer { vb in
                    for p in 0..<n {
                        var v = vb[o + p]
                        if ser.kind == .share { v = min(max(v, 1e-6), 100 - 1e-6) } else if v < 0 { v = 0 }
                        if ser.isCount { v = v.rounded() }
                        vb[o + p] = v
                    }
                }
            }
        }
        // Children never exceed parents of the same kind and unit (simulated years).
        for (k, ser) in model.series.enumerated() {
            guard let par = ser.parent, ser.kind != .netChange, model.series[par].kind == ser.kind else { continue }
            let ind = model.plan.indicator(ser.id), pind = model.plan.indicator(model.series[par].id)
            guard ind?.unit == pind?.unit else { continue }
            for t in 0..<T where isSimulated(k, t) {
                let o = at(k, t, n), q = at(par, t, n)
                for p in 0..<n where s.vals[q + p].isFinite { s.vals[o + p] = min(s.vals[o + p], s.vals[q + p]) }
            }
        }
        // Net changes from their stock, path by path.
        for (k, ser) in model.series.enumerated() where ser.kind == .netChange {
            guard let par = ser.parent else { continue }
            for t in 1..<T where ser.sources[t] == .derived {
                let o = at(k, t, n), a = at(par, t, n), b0 = at(par, t - 1, n)
                for p in 0..<n { s.vals[o + p] = s.vals[a + p] - s.vals[b0 + p] }
            }
        }
    }

    func evaluateTargets(paths n: Int, into s: inout Scratch) {
        var goalsMet = [Int](repeating: 0, count: n)
        var milestonesMet = [Int](repeating: 0, count: n)
        var currentSeries = -1
        for (j, spec) in targets.enumerated() {
            let o = j * n
            if status[j] == .insufficientData {
                for p in 0..<n { s.quantity[o + p] = .nan; s.met[o + p] = 0 }
                if spec.kind == .milestone, spec.series != currentSeries { currentSeries = spec.series!; milestonesMet = .init(repeating: 0, count: n) }
                continue
            }
            switch spec.kind {
            case .milestone:
                let k = spec.series!
                if k != currentSeries { currentSeries = k; for p in 0..<n { milestonesMet[p] = 0 } }
                let c = at(k, model.years.firstIndex(of: spec.year!)!, n)
                for p in 0..<n {
                    let v = s.vals[c + p]
                    let m = spec.direction.meets(v, spec.threshold)
                    s.quantity[o + p] = v
                    s.met[o + p] = m ? 1 : 0
                    if m { milestonesMet[p] += 1 }
                }
            case .goal:
                let k = spec.series!
                for p in 0..<n {
                    var q: Double
                    switch spec.rule! {
                    case .final: q = s.vals[at(k, T - 1, n) + p]
                    case .cumulative: q = planYearIdx.reduce(0) { $0 + s.vals[at(k, $1, n) + p] }
                    case .everyYear:
                        q = planYearIdx.map { s.vals[at(k, $0, n) + p] }.reduce(spec.direction == .increase ? .infinity : -.infinity) {
                            spec.direction == .increase ? min($0, $1) : max($0, $1)
                        }
                    }
                    let m = spec.direction.meets(q, spec.threshold)
                    s.quantity[o + p] = q
                    s.met[o + p] = m ? 1 : 0
                    if m { goalsMet[p] += 1 }
                }
            case .allMilestones:
                let k = spec.series!
                if k != currentSeries { for p in 0..<n { milestonesMet[p] = 0 } }
                for p in 0..<n {
                    s.quantity[o + p] = Double(milestonesMet[p])
                    s.met[o + p] = milestonesMet[p] == Int(spec.threshold) ? 1 : 0
                }
            case .allGoals:
                let evaluable = zip(targets, status).filter { $0.0.kind == .goal && $0.1 != .insufficientData }.count
                for p in 0..<n {
                    s.quantity[o + p] = Double(goalsMet[p])
                    s.met[o + p] = goalsMet[p] == evaluable ? 1 : 0
                }
            }
        }
    }

    // MARK: accumulation

    struct Partial {
        var cellSum: [Double]
        var quantitySum: [Double]
        var metCount: [Int]
        var bits: [[UInt64]]
        /// Adds the next block (blocks hold a multiple of 64 paths, but for the last).
        mutating func add(_ o: Partial) {
            for i in cellSum.indices { cellSum[i] += o.cellSum[i] }
            for i in quantitySum.indices { quantitySum[i] += o.quantitySum[i] }
            for i in metCount.indices { metCount[i] += o.metCount[i] }
            for i in bits.indices { bits[i] += o.bits[i] }
        }
    }

    func emptyPartial() -> Partial {
        Partial(cellSum: .init(repeating: 0, count: K * T), quantitySum: .init(repeating: 0, count: targets.count), metCount: .init(repeating: 0, count: targets.count),
                bits: .init(repeating: [], count: targets.count))
    }

    /// Histogram cells: K·T series-years, then the targets.
    func pilotValues(_ s: Scratch, paths n: Int) -> [[Double]] {
        var out = [[Double]]()
        for k in 0..<K { for t in 0..<T { out.append(Array(s.vals[at(k, t, n)..<(at(k, t, n) + n)]).filter(\.isFinite)) } }
        for j in targets.indices { out.append(Array(s.quantity[(j * n)..<((j + 1) * n)]).filter(\.isFinite)) }
        return out.map { $0.isEmpty ? [0] : $0 }
    }

    func accumulate(_ s: Scratch, paths n: Int, into h: inout HistogramQuantiles) -> Partial {
        var part = emptyPartial()
        for k in 0..<K {
            for t in 0..<T where available[k][t] && model.series[k].sources[t] != .observed && model.series[k].sources[t] != .interpolated {
                let o = at(k, t, n)
                s.vals.withUnsafeBufferPointer { vb in
                    let slice = UnsafeBufferPointer(rebasing: vb[o..<(o + n)])
                    var sum = 0.0
                    for v in slice { sum += v }
                    part.cellSum[k * T + t] = sum
                    h.add(cell: k * T + t, slice)
                }
            }
        }
        for j in targets.indices where status[j] != .insufficientData {
            let o = j * n
            s.quantity.withUnsafeBufferPointer { qb in
                let slice = UnsafeBufferPointer(rebasing: qb[o..<(o + n)])
                var sum = 0.0
                for v in slice { sum += v }
                part.quantitySum[j] = sum
                h.add(cell: K * T + j, slice)
            }
            var met = 0
            var words = [UInt64](repeating: 0, count: (n + 63) / 64)
            for p in 0..<n where s.met[o + p] != 0 {
                met += 1
                words[p >> 6] |= 1 << UInt64(p & 63)
            }
            part.metCount[j] = met
            part.bits[j] = words
        }
        return part
    }

    /// Whether a target's quantity is a whole number (counts, numbers of goals or milestones).
    func isWhole(_ spec: TargetSpec) -> Bool {
        switch spec.kind {
        case .allGoals, .allMilestones: return true
        case .milestone, .goal: return model.series[spec.series!].isCount
        }
    }

    func result(total: Partial, histograms h: HistogramQuantiles, firstPath: [Double], paths: Int, seconds: Double) -> PlanSimulationResult {
        let N = Double(paths)
        var cells = [CellOutcome]()
        for k in 0..<K {
            let ser = model.series[k]
            for t in 0..<T {
                let src = available[k][t] ? ser.sources[t] : .unavailable
                if src == .observed || src == .interpolated {
                    let v = ser.known[t]!
                    cells.append(CellOutcome(series: k, year: model.years[t], source: src, observed: v, mean: v, quantiles: PlanSimulator.quantileLevels.map { _ in v }, quantilesExact: true))
                } else if src == .unavailable {
                    cells.append(CellOutcome(series: k, year: model.years[t], source: src, observed: nil, mean: nil, quantiles: nil, quantilesExact: true))
                } else {
                    let q = PlanSimulator.quantileLevels.map { h.quantile(cell: k * T + t, $0) }
                    // Counts are whole on every path; so are their quantiles (within the histogram bound).
                    let values = q.map { ser.isCount || ser.kind == .netChange && model.series[ser.parent ?? k].isCount ? $0.value.rounded() : $0.value }
                    cells.append(CellOutcome(series: k, year: model.years[t], source: src, observed: nil, mean: total.cellSum[k * T + t] / N, quantiles: values, quantilesExact: q.allSatisfy(\.isExact)))
                }
            }
        }
        var outcomes = [TargetOutcome]()
        let evaluableGoals = zip(targets, status).filter { $0.0.kind == .goal && $0.1 != .insufficientData }
        let expected = zip(targets.indices, targets).filter { $0.1.kind == .goal && status[$0.0] != .insufficientData }.map { Double(total.metCount[$0.0]) / N }.reduce(0, +)
        for (j, spec) in targets.enumerated() {
            let extra: (Int?, Double?) = spec.kind == .allGoals ? (evaluableGoals.count, expected) : (nil, nil)
            if status[j] == .insufficientData {
                _ = 0
                outcomes.append(TargetOutcome(spec: spec, status: .insufficientData, pMet: nil, standardError: nil, mean: nil, p05: nil, median: nil, p95: nil, evaluable: extra.0, expectedMet: extra.1))
                continue
            }
            let p = Double(total.metCount[j]) / N
            if status[j] == .observed {
                // Judged on data: every path carries the same value.
                let v = firstPath[j]
                outcomes.append(TargetOutcome(spec: spec, status: .observed, pMet: p, standardError: 0, mean: v, p05: v, median: v, p95: v, evaluable: extra.0, expectedMet: extra.1))
                continue
            }
            let se = (p * (1 - p) / N).squareRoot()
            let c = K * T + j
            let round = isWhole(spec)
            func q(_ level: Double) -> Double { let v = h.quantile(cell: c, level).value; return round ? v.rounded() + 0 : v }
            outcomes.append(TargetOutcome(
                spec: spec, status: status[j], pMet: p, standardError: se, mean: total.quantitySum[j] / N,
                p05: q(0.05), median: q(0.5), p95: q(0.95), evaluable: extra.0, expectedMet: extra.1))
        }
        return PlanSimulationResult(targets: outcomes, metBits: total.bits, cells: cells, paths: paths, seconds: seconds)
    }
}

/// The difference in P(met) between two scenarios simulated with the same draws, and its
/// standard error from the paired per-path outcomes: Var(d̄) = ((n₁₀ + n₀₁)/N − d̄²)/N.
public func pairedDifference(_ a: [UInt64], _ b: [UInt64], paths: Int) -> (difference: Double, standardError: Double) {
    var n10 = 0, n01 = 0
    for (x, y) in zip(a, b) {
        n10 += (x & ~y).nonzeroBitCount
        n01 += (~x & y).nonzeroBitCount
    }
    let N = Double(paths)
    let d = Double(n10 - n01) / N
    let v = max(0, (Double(n10 + n01) / N - d * d) / N)
    return (d, v.squareRoot())
}
