import Indicators

/// The interval constraints that years known by bounds put on each other, fixed for a scenario:
/// a year's own bounds, a child's floor under its parent, and the net changes and growth rates
/// that tie a stock's consecutive years. `drawBounded` draws every path within them; the status
/// of a target asks them which ties hold on every path (`honouredNet`).
///
/// Going back from the last year, each year's feasible interval is its own bounds intersected
/// with what the next year's interval and the tie between them allow,
///
///     Fₜ = Bₜ ∩ (Fₜ₊₁ − Nₜ₊₁) ∩ Fₜ₊₁/Gₜ₊₁,
///
/// with Nₜ the net change's interval (a difference) and Gₜ the growth factor's (a ratio). Where
/// the intersection is empty the reports contradict each other (`check` says so) and Fₜ = Bₜ.
struct BoundChain {
    typealias Interval = (lo: Double, hi: Double)
    let series: [SimulationSeries]
    let years: [Int]
    /// A child's parent of the same kind, drawn first (`containment` with lag 0).
    let within: [Int: Int]
    /// Each parent's children of the same kind.
    let children: [Int: [Int]]
    /// Each stock's net changes.
    let nets: [Int: [Int]]
    /// Per series, `feasible` and `reachable`, worked out once when the chain is built (every
    /// block of every scenario reads them).
    private var feasibility: [(intervals: [Interval?], tied: [Bool])] = []
    private var reachability: [[Interval?]] = []

    init(model: PlanModel, containment: [PreparedScenario.Containment]) {
        let series = model.series
        self.series = series
        years = model.years
        within = Dictionary(
            containment.filter { $0.lag == 0 && series[$0.parent].kind == series[$0.child].kind }.map {
                ($0.child, $0.parent)
            },
            uniquingKeysWith: { a, _ in a })
        var children = [Int: [Int]]()
        for (c, p) in within { children[p, default: []].append(c) }
        self.children = children
        var nets = [Int: [Int]]()
        for c in series.indices where series[c].kind == .netChange {
            if let par = series[c].parent { nets[par, default: []].append(c) }
        }
        self.nets = nets
        // Children before their parents: a parent's own interval reads its children's reachable
        // least values (`own`).
        func depth(_ k: Int) -> Int {
            var (d, next) = (0, within[k])
            while let p = next, d < series.count { (d, next) = (d + 1, within[p]) }
            return d
        }
        feasibility = Array(repeating: ([], []), count: series.count)
        reachability = Array(repeating: [], count: series.count)
        for k in series.indices.sorted(by: { (depth($0), $1) > (depth($1), $0) }) {
            feasibility[k] = workFeasible(k)
            reachability[k] = workReachable(k)
        }
    }

    /// Whether year t of series k is known (observed or bounded).
    func known(_ k: Int, _ t: Int) -> Bool {
        t >= 0 && t < years.count && (series[k].sources[t] == .observed || series[k].sources[t] == .bounded)
    }

    /// A year's own interval: its bounds, or its value when observed; nil otherwise. A bounded
    /// year is capped by the next year's mid-year count and by its parent's greatest value, and
    /// raised to its children's least values, unless any of them contradicts its own bounds.
    func own(_ k: Int, _ t: Int) -> Interval? {
        guard t >= 0, t < years.count else { return nil }
        let ser = series[k]
        switch ser.sources[t] {
        case .observed: return ser.known[t].map { ($0, $0) }
        case .bounded:
            let mid = ser.known[t] ?? 0
            let lo = (t < ser.lower.count ? ser.lower[t] : nil) ?? mid
            var hi = (t < ser.upper.count ? ser.upper[t] : nil) ?? mid
            if let c = t < ser.ceiling.count ? ser.ceiling[t] : nil, c >= lo { hi = min(hi, c) }
            // At most its parent's greatest value that year (unless that contradicts its own
            // bounds): the chain of the child's net changes then stays under the parent, which
            // caps the child on every path. A child "≥ 2,034" in 2021 with "净增超79" in 2022
            // under a parent of exactly 2,288 was drawn up to 2,324 in 2022 and clamped to the
            // parent, and its net change left its report (stop 64).
            if let p = within[k], let cap = greatest(p, t), cap >= lo { hi = min(hi, cap) }
            // At least its children's least values (unless that contradicts its own bounds): the
            // least of a child's reachable interval where its chain ties the year, which every
            // path draws the child within (`reachable`), else its own least value.
            let floor = (children[k] ?? []).compactMap { c in reachable(c)[t]?.lo ?? childLeast(c, t) }.max() ?? lo
            return (max(lo, floor) <= hi ? max(lo, floor) : lo, hi)
        default: return nil
        }
    }

    /// The greatest value of series k in year t by its own evidence: its value, its upper bound
    /// (capped by the next year's mid-year count); nil if it says none. Every path keeps a year
    /// below its upper bound, also where it is bridged or forecast (`bridge`, `finishPaths`): a
    /// parent "at most 2,879" bridged between two exact years was raised to its child's 2,964.
    func greatest(_ k: Int, _ t: Int) -> Double? {
        let ser = series[k]
        if ser.sources[t] == .observed { return ser.known[t] }
        let hi = (t < ser.upper.count ? ser.upper[t] : nil) ?? (ser.sources[t] == .bounded ? ser.known[t] : nil)
        // The mid-year cap only where it does not contradict the year's lower bound, as `own`.
        let lo = t < ser.lower.count ? ser.lower[t] : nil
        let c = ser.sources[t] == .bounded && t < ser.ceiling.count ? ser.ceiling[t] : nil
        return [hi, c.flatMap { $0 >= (lo ?? -.infinity) ? $0 : nil }].compactMap { $0 }.min()
    }

    /// The least value of child c in year t by its own evidence (nil if it says none): its
    /// value, else its lower bound, which every path keeps (`finishPaths`), also where the year
    /// is bridged between two figures or forecast. A stock's mid-year count of 2,650 under a
    /// parent "at most 2,689" was not counted, the parent was drawn as low as 2,435, and the
    /// child fell below its own count on two paths in three (stop 64). Where the child's chain
    /// of net changes puts it higher on a path, `drawBounded` raises a parent without ties of
    /// its own to it.
    func childLeast(_ c: Int, _ t: Int) -> Double? {
        let lower = t < series[c].lower.count ? series[c].lower[t] : nil
        switch series[c].sources[t] {
        case .observed: return series[c].known[t]
        case .bounded: return lower ?? series[c].known[t]
        default: return lower
        }
    }

    /// What stock k's net changes say of stock(t) − stock(t − 1), intersected; nil if nothing.
    /// A net change an identity gave from these very stocks says nothing more.
    func netInterval(_ k: Int, _ t: Int) -> Interval? {
        var out: Interval?
        for c in nets[k] ?? [] where !series[c].identityYears.contains(years[t]) {
            guard let i = own(c, t) else { continue }
            out = out.map { (max($0.lo, i.lo), min($0.hi, i.hi)) } ?? i
        }
        return out
    }

    /// The factors a growth rate allows between stock k's years t − 1 and t (all positive).
    func growthInterval(_ k: Int, _ t: Int) -> Interval? {
        guard t > 0, t < series[k].growth.count, let f = series[k].growth[t], f.lower > 0 else { return nil }
        return (f.lower, f.upper)
    }

    /// Series k's feasible intervals Fₜ (nil for years not known), and per year whether Fₜ holds
    /// the ties to year t + 1 (false where they contradicted its own bounds and Fₜ = Bₜ).
    func feasible(_ k: Int) -> (intervals: [Interval?], tied: [Bool]) { feasibility[k] }

    private func workFeasible(_ k: Int) -> (intervals: [Interval?], tied: [Bool]) {
        var feasible = [Interval?](repeating: nil, count: years.count + 1)
        var tied = [Bool](repeating: false, count: years.count)
        for t in stride(from: years.count - 1, through: 0, by: -1) {
            guard let own = own(k, t) else { continue }
            var f = own
            if let next = feasible[t + 1], let net = netInterval(k, t + 1) {
                f = (max(f.lo, next.lo - net.hi), min(f.hi, next.hi - net.lo))
            }
            if let next = feasible[t + 1], let r = growthInterval(k, t + 1) {
                f = (max(f.lo, next.lo / r.hi), min(f.hi, next.hi / r.lo))
            }
            tied[t] = f.lo <= f.hi
            feasible[t] = tied[t] ? f : own
        }
        return (Array(feasible.prefix(years.count)), tied)
    }

    /// Series k's reachable intervals: where the paths' draws of each known year lie. Going
    /// forward from the first year, Gₜ = Fₜ ∩ (Gₜ₋₁ + Nₜ) ∩ Gₜ₋₁·Rₜ, as `drawBounded` draws each
    /// path within Fₜ ∩ (xₜ₋₁ + Nₜ) ∩ xₜ₋₁·Rₜ, which is never empty where not both a net change
    /// and a growth rate tie the step (elsewhere Gₜ = Fₜ). Where Fₜ₋₁ could not hold its tie to t
    /// (Fₜ₋₁ = Bₜ₋₁ ⊇ Gₜ₋₁), no draw meets the tie, every path falls back to Fₜ, and the
    /// intersection is empty: Gₜ = Fₜ too. The stock 2,364 in 2023 and its net change 411 in
    /// 2024 pin 2024 at 2,775, which Fₜ (the later years only) leaves at its own 2,497.5–2,775.
    func reachable(_ k: Int) -> [Interval?] { reachability[k] }

    private func workReachable(_ k: Int) -> [Interval?] {
        let f = feasible(k).intervals
        var g = f
        for t in years.indices.dropFirst() {
            guard let now = f[t], let before = g[t - 1] else { continue }
            let net = netInterval(k, t), rate = growthInterval(k, t)
            var r = now
            switch (net, rate) {
            case (let net?, nil): r = (max(r.lo, before.lo + net.lo), min(r.hi, before.hi + net.hi))
            case (nil, let rate?):
                guard before.lo >= 0 else { continue }
                r = (max(r.lo, before.lo * rate.lo), min(r.hi, before.hi * rate.hi))
            default: continue
            }
            if r.lo <= r.hi { g[t] = r }
        }
        return g
    }

    /// The interval every path keeps year t of series k in, where that year is known by bounds:
    /// its reachable interval Gₜ, within which `drawBounded` draws it on every path (narrower than
    /// its own bounds where the reports of later years narrow it: an estimate of 1,663–1,730 that
    /// a derived next year and an exact net change pin to 1,696.84; plan_shapes.py, seed 6405).
    /// Nil where a later step may move the draw: a flow clamped under its stock (`containment`,
    /// which keeps it only above its own bounds), a flow whose reported sum moves its years
    /// (`tieSums`), or a child whose parent may be drawn below it and then clamps it. (A net
    /// change's year between two known stock years is decided by their step, before this is
    /// asked.)
    func drawnInterval(
        _ k: Int, _ t: Int, containment: [PreparedScenario.Containment], sums: [PreparedScenario.KnownSums]
    ) -> Interval? {
        guard series[k].sources[t] == .bounded,
            !containment.contains(where: { $0.child == k && within[k] != $0.parent }),
            k >= sums.count || sums[k].tie == nil, let g = reachable(k)[t]
        else { return nil }
        // Under a parent of its kind the child is never clamped where the parent is exact and
        // at least the child's greatest, is raised to it (`raisable`), or is not known that year
        // (then raised to the child, `finishPaths`).
        if let p = within[k], series[p].sources[t] == .observed || series[p].sources[t] == .bounded {
            guard let cap = greatest(p, t), g.hi <= cap, series[p].sources[t] == .observed || raisable(p, t)
            else { return nil }
        }
        return g
    }

    /// What bounds child k's draws under its parent, year by year, the same on every path
    /// (`caps(_:parent:into:)` works a path's caps from it).
    struct CapStep {
        /// The year's feasible greatest value Fₜ.hi; nil where the year is not known.
        var most: Double?
        /// The parent's cap: its draw on the path (`draw`), a fixed value (its greatest, where it
        /// may be raised to the child), or none.
        var parentDraw = false, parentFixed: Double? = nil
        /// What the next year's tie takes off: its net changes' least (a difference) and its
        /// growth rate's least factor, where Fₜ held its tie to it.
        var netLeast: Double? = nil, rateLeast: Double? = nil
    }

    /// Child k's `CapStep`s, one per year.
    func capSteps(_ k: Int) -> [CapStep] {
        let f = feasible(k)
        return years.indices.map { t in
            guard let own = f.intervals[t] else { return CapStep() }
            var step = CapStep(most: own.hi)
            if let p = within[k], known(p, t) {
                if raisable(p, t) { step.parentFixed = feasibility[p].intervals[t]?.hi } else { step.parentDraw = true }
            }
            if f.tied[t], t + 1 < years.count {
                step.netLeast = netInterval(k, t + 1)?.lo
                step.rateLeast = growthInterval(k, t + 1).flatMap { $0.lo > 0 ? $0.lo : nil }
            }
            return step
        }
    }

    /// On one path, the most child k may take in each year so that its parent stays at or above
    /// it in that year and in the later years k's chain ties it to: going back from the last
    /// year,
    ///
    ///     Cₜ = min(Fₜ.hi, Pₜ, Cₜ₊₁ − Nₜ₊₁.lo, Cₜ₊₁ / Rₜ₊₁.lo),
    ///
    /// with Pₜ the parent's draw on the path where it is known that year (its greatest where it
    /// may be raised to the child, `raisable`; ∞ elsewhere), Nₜ₊₁ and Rₜ₊₁ the net changes' and
    /// growth rate's intervals of the next step, used only where Fₜ held its tie to it (`steps`,
    /// from `capSteps`; ∞ for a year not known). A draw xₜ ≤ Cₜ leaves xₜ + Nₜ₊₁.lo ≤ Cₜ₊₁: the
    /// next year's step fits under the parent's draws (`drawBounded`), as the backward pass of a
    /// chain of interval constraints does for the years' own bounds (`feasible`). With the
    /// parent drawn at least the child's reachable least value (`own`), Cₜ ≥ Gₜ.lo by induction
    /// from the last year, so the draw's interval is never empty on a plan whose reports agree.
    /// Under a parent with ties of its own, which is not raised, a child drawn only under the
    /// parent's draw of the same year was clamped to a lower draw a year later, and its net
    /// change left its report (12 reports over 200 check-clean plans,
    /// `checkCleanReportsHoldOnEveryPathUnderATiedParent`, stop 65). `parent(t)` gives the
    /// parent's draw on the path.
    static func caps(_ steps: [CapStep], parent: (Int) -> Double, into caps: inout [Double]) {
        var next = Double.infinity
        for t in stride(from: steps.count - 1, through: 0, by: -1) {
            let step = steps[t]
            guard var c = step.most else {
                (caps[t], next) = (.infinity, .infinity)
                continue
            }
            if step.parentDraw { c = min(c, parent(t)) }
            if let fixed = step.parentFixed { c = min(c, fixed) }
            if next.isFinite {
                if let least = step.netLeast { c = min(c, next - least) }
                if let least = step.rateLeast, next >= 0 { c = min(c, next / least) }
            }
            (caps[t], next) = (c, c)
        }
    }

    /// Whether a parent's year known by bounds may be raised on a path to a child drawn above
    /// it (`drawBounded`): no tie of its own moves it (no net change, growth rate or parent).
    func raisable(_ p: Int, _ t: Int) -> Bool {
        series[p].sources[t] == .bounded && within[p] == nil && nets[p] == nil && growthInterval(p, t) == nil
            && growthInterval(p, t + 1) == nil
    }

    /// The interval of net change c in year t that every path honours, where its stock is known
    /// (observed or bounded) at both ends of the step: Nₜ, within c's own bounds. The paths draw stock(t)
    /// within Fₜ ∩ (stock(t − 1) + Nₜ) (`drawBounded`), which is never empty when stock(t − 1)
    /// lies in Fₜ₋₁ and Fₜ₋₁ held its tie to t, so the net change, their difference, lies in Nₜ
    /// ⊆ c's bounds. Nil where a path may leave them: the reports contradict each other
    /// (Fₜ₋₁ = Bₜ₋₁), a growth rate ties the same step (the two ties together may leave no
    /// room), or the stock is clamped to a parent after it is drawn (`containment`). (A sum over
    /// years that moves c's draws, `tieSums`, is undone: such a year is recomputed from its
    /// stock afterwards, `finishPaths`. A year an identity gave is derived, not bounded.)
    func honouredNet(_ c: Int, _ t: Int, containment: [PreparedScenario.Containment]) -> Interval? {
        let net = series[c]
        guard t > 0, net.kind == .netChange, net.sources[t] == .bounded, let k = net.parent, known(k, t),
            known(k, t - 1), growthInterval(k, t) == nil, !containment.contains(where: { $0.child == k }),
            let interval = netInterval(k, t), feasible(k).tied[t - 1]
        else { return nil }
        return interval
    }
}
