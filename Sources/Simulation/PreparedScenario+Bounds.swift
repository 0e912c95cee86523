import Forecasting
import Foundation
import Indicators

/// Evidence that is not an exact value: years known by bounds, and the uncertainty of years
/// interpolated between two observations.
extension PreparedScenario {
    /// Years known only by bounds (after the last exact value, or before the first) are drawn
    /// uniformly within their bounds on every path, from a stream of their own (keyed by the
    /// series, shared by every scenario); the forecast of the following years moves with the draw
    /// of the last of them.
    ///
    /// A stock and its net change can both be known by bounds in one year ("净增超400家、总量突破
    /// 3000家"): the identity net(t) = stock(t) − stock(t − 1) holds on every path. The net
    /// changes' bounds (or values) link a stock's known years into a chain of interval
    /// constraints. Going back from the last year, each year's feasible interval is its own bounds
    /// intersected with what the next year's feasible interval and net change allow,
    /// Fₜ = Bₜ ∩ (Fₜ₊₁ − Nₜ₊₁) (`BoundChain.feasible`); then each path draws forward, uniformly within Fₜ ∩ (xₜ₋₁ + Nₜ), which
    /// is never empty unless the reports contradict each other (`check` reports that; the year's
    /// own bounds are then used). A bounded net change whose two stocks are known on the path is
    /// their difference. A growth rate between two such years is the same chain on ratios
    /// (since 2026-12-01): Fₜ = Bₜ ∩ Fₜ₊₁/Gₜ₊₁ going back and Fₜ ∩ xₜ₋₁·Gₜ on each path, so that
    /// x(t)/x(t − 1) ∈ Gₜ = [1 + g̲/100, 1 + ḡ/100] holds on every path; before, each year bounded by
    /// a chain of growth rates was drawn within its interval on its own, and their ratio strayed
    /// outside the reported rate.
    func drawBounded(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        let series = model.series
        let chain = boundChain
        // Parents first: a net change follows its stock's draws. A child of the same kind and
        // unit never exceeds its parent (`containment`): parents are drawn first, the parent at
        // least the child's least value, the child at most the parent's draw on the path ("≥ 180"
        // beside a parent counted 174 mid-year: the child was drawn above the parent on most
        // paths).
        // Generations above k (a loop of parents, which the plan loader refuses, stops the count).
        func depth(_ k: Int) -> Int {
            var (d, next) = (0, chain.within[k])
            while let p = next, d < series.count { (d, next) = (d + 1, chain.within[p]) }
            return d
        }
        let netChanges = series.indices.filter { series[$0].kind == .netChange }
        let order =
            series.indices.filter { series[$0].kind != .netChange }.sorted { (depth($0), $0) < (depth($1), $1) }
            + netChanges
        // Per path and year, the most a child may take so that its parent's draws stay above it
        // along its chain (`BoundChain.caps`), year-major as the paths are.
        var caps = [Double](repeating: .infinity, count: yearCount * n)
        var pathCaps = [Double](repeating: .infinity, count: yearCount)
        for k in order where series[k].sources.contains(.bounded) {
            let ser = series[k]
            var g = Xoshiro256PlusPlus.stream(seed: seed, named: "bounds:" + ser.id, block: b)
            let feasible = chain.feasible(k).intervals
            let capped = chain.within[k]
            if let par = capped {
                let steps = chain.capSteps(k)
                for p in 0..<n {
                    BoundChain.caps(steps, parent: { s.vals[self.at(par, $0, n) + p] }, into: &pathCaps)
                    for t in 0..<yearCount { caps[t * n + p] = pathCaps[t] }
                }
            }
            for t in 0..<yearCount where ser.sources[t] == .bounded {
                let o = at(k, t, n)
                if ser.kind == .netChange, let par = ser.parent, chain.known(par, t), chain.known(par, t - 1) {
                    let a = at(par, t, n), a0 = at(par, t - 1, n)
                    for p in 0..<n { s.vals[o + p] = s.vals[a + p] - s.vals[a0 + p] }
                    continue
                }
                let (lo, hi) = feasible[t] ?? chain.own(k, t)!
                let net = chain.known(k, t - 1) ? chain.netInterval(k, t) : nil
                let rate = chain.known(k, t - 1) ? chain.growthInterval(k, t) : nil
                let before = t > 0 ? at(k, t - 1, n) : 0
                let parentCell = chain.within[k].flatMap { chain.known($0, t) ? at($0, t, n) : nil }
                // Where the child's draw lies above its parent's on a path (the child's net
                // changes set its step), a parent known by bounds alone, with no tie of its own
                // (no net change or growth rate, no parent), is raised to the child within its
                // own bounds: both reports and the child's net change hold. Otherwise the child
                // is clamped under the parent later (`finishPaths`).
                let raise = chain.within[k].flatMap { par -> (cell: Int, hi: Double)? in
                    guard chain.raisable(par, t), let f = chain.feasible(par).intervals[t] else { return nil }
                    return (at(par, t, n), f.hi)
                }
                for p in 0..<n {
                    var (a, z) = (lo, hi)
                    if let net { (a, z) = (max(a, s.vals[before + p] + net.lo), min(z, s.vals[before + p] + net.hi)) }
                    if let rate {
                        (a, z) = (max(a, s.vals[before + p] * rate.lo), min(z, s.vals[before + p] * rate.hi))
                    }
                    if let q = parentCell, s.vals[q + p] >= a { z = min(z, s.vals[q + p]) }
                    if capped != nil, caps[t * n + p] >= a { z = min(z, caps[t * n + p]) }
                    // Ends that meet up to rounding are one point: 2,544 + 491.7 fell an ulp below
                    // the 3,035.7 that the chain had worked back from, and the path fell back to the
                    // year's whole interval (stop 64).
                    if a > z && a - z <= 1e-9 * max(1, abs(a)) { z = a }
                    if !(a <= z) { (a, z) = (lo, hi) }
                    let u = g.nextOpenUnit()
                    var v = a + u * (z - a)
                    // A count is one of the whole numbers within the interval, each as likely:
                    // least + ⌊u·(most − least + 1)⌋. (Until 2026-12-04 the uniform draw was
                    // rounded, so each end got half the weight of a number inside: 1–3 read
                    // 1, 2, 3 with 1/4, 1/2, 1/4.) Where the interval holds no whole number (a
                    // count reported with decimals, 2.63 ± 2%) the draw stays within the
                    // evidence: it was moved to the next whole number (3) on every path, above
                    // the interval (plan_shapes.py, seed 35).
                    if ser.isCount, let whole = wholeNumbers(from: a, to: z) {
                        v = min(whole.least + (u * (whole.most - whole.least + 1)).rounded(.down), whole.most)
                    }
                    s.vals[o + p] = v
                    if let raise, s.vals[raise.cell + p] < v, v <= raise.hi { s.vals[raise.cell + p] = v }
                }
            }
        }
    }

    /// The years of the known values an interpolated year `t` lies between: as the timeline
    /// recorded them (a year before the timeline is exact), else the nearest known (observed or
    /// bounded) ones on it. Nil for other years, or without a known year on both sides.
    static func bridgeAnchors(_ ser: SimulationSeries, _ t: Int, years: [Int]) -> (before: Int, after: Int)? {
        guard ser.sources[t] == .interpolated else { return nil }
        if t < ser.anchors.count, let a = ser.anchors[t] { return a }
        func known(_ u: Int) -> Bool { ser.sources[u] == .observed || ser.sources[u] == .bounded }
        guard let before = (0..<t).last(where: known), let after = ((t + 1)..<years.count).first(where: known)
        else { return nil }
        return (years[before], years[after])
    }

    /// Years interpolated between two known years a < t < b are uncertain: each path gets a
    /// Brownian-bridge deviation with SD σ·√((t − a)(b − t)/(b − a)) on the modelling scale, from
    /// its own stream (keyed by the series, shared by every scenario), truncated to the year's own
    /// bounds where a report gives some (`TruncatedNormal`). A known year may be one
    /// known by bounds, drawn per path (`drawBounded`, which runs first): the interpolation then
    /// follows the path's draws, z_t = z̄_t + (1 − w)(z_a − z̄_a) + w(z_b − z̄_b) with w = (t − a)/(b − a)
    /// and z̄ the values the timeline interpolated between, so a year between an exact value and a
    /// bound is a probability and not one fixed number on every path.
    func bridge(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        for (k, ser) in model.series.enumerated() where ser.sources.contains(.interpolated) {
            guard let sigma = ser.scale.first, sigma > 0 else { continue }
            var g = Xoshiro256PlusPlus.stream(seed: seed, named: "bridge:" + ser.id, block: b)
            for t in 0..<yearCount where ser.sources[t] == .interpolated {
                guard let (ya, yb) = Self.bridgeAnchors(ser, t, years: model.years) else { continue }
                let (ia, ib) = (model.years.firstIndex(of: ya), model.years.firstIndex(of: yb))
                let yt = model.years[t]
                guard ya < yt && yt < yb else { continue }
                let sd = sigma * (Double((yt - ya) * (yb - yt)) / Double(yb - ya)).squareRoot()
                let w = Double(yt - ya) / Double(yb - ya)
                let o = at(k, t, n), oa = at(k, ia ?? 0, n), ob = at(k, ib ?? 0, n)
                let tr = ser.transform
                let drawnA = ia.map { ser.sources[$0] == .bounded } ?? false
                let drawnB = ib.map { ser.sources[$0] == .bounded } ?? false
                let midA = tr.forward(ia.flatMap { ser.known[$0] } ?? .nan)
                let midB = tr.forward(ib.flatMap { ser.known[$0] } ?? .nan)
                // A bound on the year itself (a report between two exact values) truncates the
                // bridge: every path satisfies it.
                let lo = t < ser.lower.count ? ser.lower[t] : nil
                // The next year's mid-year count caps it, unless it contradicts the year's own bound.
                let ceiling = (t < ser.ceiling.count ? ser.ceiling[t] : nil).flatMap {
                    $0 >= (lo ?? -.infinity) ? $0 : nil
                }
                let hi = [t < ser.upper.count ? ser.upper[t] : nil, ceiling].compactMap { $0 }.min()
                let zlo = lo.flatMap { tr.admits($0) ? tr.forward($0) : nil } ?? -.infinity
                let zhi = hi.flatMap { tr.admits($0) ? tr.forward($0) : nil } ?? .infinity
                let bounded = lo != nil || hi != nil
                for p in 0..<n {
                    let v = s.vals[o + p]
                    guard tr.admits(v) else { continue }
                    var z = tr.forward(v)
                    if drawnA, tr.admits(s.vals[oa + p]), midA.isFinite {
                        z += (1 - w) * (tr.forward(s.vals[oa + p]) - midA)
                    }
                    if drawnB, tr.admits(s.vals[ob + p]), midB.isFinite { z += w * (tr.forward(s.vals[ob + p]) - midB) }
                    if bounded {
                        let u = g.nextOpenUnit()
                        s.vals[o + p] = tr.inverse(TruncatedNormal.draw(mean: z, sd: sd, lo: zlo, hi: zhi, u: u))
                    } else {
                        s.vals[o + p] = tr.inverse(z + sd * Ziggurat.normal(using: &g))
                    }
                }
            }
        }
    }

    /// Plan years before a forecast series' first known year (`backcast`), drawn backwards on
    /// every path from the first known value (observed, or drawn within its bounds): on the
    /// modelling scale z_{t−1} = z_t − Δ, with Δ drawn as the forecast's own one-year step,
    /// Δ = (c₁ − z₀) + σ₁·Q₁(Z) (its centre's drift from the origin, its scale and its calibrated
    /// quantiles, capped as forward) — the forecast's random walk run the other way. A
    /// reference-class series, whose growth is in the library's quantiles, is that much lower a
    /// year earlier. Each series has its own stream, shared by every scenario; levers do not
    /// reach the past.
    func backcast(block b: Int, paths n: Int, seed: UInt64, into s: inout Scratch) {
        for (k, ser) in model.series.enumerated() where ser.sources.contains(.backcast) {
            guard let origin = ser.origin, let oi = model.years.firstIndex(of: origin),
                let c1 = ser.center.first, let sigma = ser.scale.first, sigma > 0,
                let first = ser.sources.firstIndex(where: { $0 != .backcast && $0 != .unavailable })
            else { continue }
            let tr = ser.transform
            let z0 = tr.forward(ser.known[oi] ?? .nan)
            guard z0.isFinite, c1.isFinite else { continue }
            let drift = c1 - z0, cap = ser.cap
            var g = Xoshiro256PlusPlus.stream(seed: seed, named: "backcast:" + ser.id, block: b)
            qmaps[ser.quantileMap][0].withUnsafeBufferPointer { q in
                for t in stride(from: first - 1, through: 0, by: -1) where ser.sources[t] == .backcast {
                    let o = at(k, t, n), next = at(k, t + 1, n)
                    // Under a ceiling (the next year's mid-year count), the step's innovation is
                    // drawn truncated to those that keep below it: σ·Q(u) ≥ z_{t+1} − C − d, with
                    // u* the least such u found by bisection (Q is monotone) and u drawn from
                    // N(0, 1) on [u*, ∞) (`TruncatedNormal`); one draw per path, no rejection.
                    let ceiling =
                        (t < ser.ceiling.count ? ser.ceiling[t] : nil).flatMap { tr.admits($0) ? tr.forward($0) : nil }
                        ?? .infinity
                    for p in 0..<n {
                        let v = s.vals[next + p]
                        guard tr.admits(v) else {
                            s.vals[o + p] = .nan
                            continue
                        }
                        let zNext = tr.forward(v)
                        let need = zNext - ceiling - drift
                        let u: Double
                        if !ceiling.isFinite
                            || need <= max(-cap, sigma * PreparedScenario.lookup(q, PreparedScenario.uMin))
                        {
                            u = Ziggurat.normal(using: &g)
                        } else if need > min(cap, sigma * PreparedScenario.lookup(q, PreparedScenario.uMax)) {
                            // Out of reach of any step: the ceiling itself.
                            s.vals[o + p] = tr.inverse(ceiling)
                            continue
                        } else {
                            let b = PreparedScenario.inverseLookup(q, need / sigma)
                            let r = g.nextOpenUnit()
                            u = TruncatedNormal.draw(mean: 0, sd: 1, lo: b, hi: .infinity, u: r)
                        }
                        let step = drift + min(max(sigma * PreparedScenario.lookup(q, u), -cap), cap)
                        let z = zNext - step
                        s.vals[o + p] = tr.inverse(min(z, ceiling))
                    }
                }
            }
        }
    }
}
