import Foundation

/// Reports of a stock and its net changes that each agree with their neighbours but not along a
/// run of years.
extension PlanConsistency {
    typealias Interval = (lo: Double, hi: Double)

    /// A stock's feasible intervals along its reports. Going back from the last year, stock(t)
    /// must lie in
    ///
    ///     Fₜ = Bₜ ∩ (Fₜ₊₁ − Nₜ₊₁),
    ///
    /// its own reading Bₜ (a value, or bounds as the run reads them, capped by the next year's
    /// mid-year count) less what the next year's net changes Nₜ₊₁ (intersected) allow. Where Fₜ
    /// is empty no path can honour every report: the run keeps the stock's reports (Fₜ = Bₜ) and
    /// the net change that year is their difference (`BoundChain` in Simulation draws the paths
    /// by the same chain). `broken` holds each such year with what was needed and what was read.
    /// The intervals returned are then narrowed going forward as well (`BoundChain.reachable`).
    static func netChangeChain(of pid: String, in plan: Plan) -> (
        intervals: [Int: Interval], broken: [(year: Int, net: Observation, needed: Interval, own: Interval)]
    ) {
        guard let pkind = plan.kind(of: pid) else { return ([:], []) }
        func range(_ o: Observation, _ kind: IndicatorKind) -> Interval {
            let b = o.bounds(kind: kind)
            return b.map { ($0.lower ?? -.infinity, $0.upper ?? .infinity) } ?? (o.value, o.value)
        }
        var stock = [Int: Interval]()
        for o in plan.history(of: pid).points where o.measure == .value {
            var r = range(o, pkind)
            if let cap = plan.yearEndCap(of: pid, year: o.year), cap >= r.lo { r.hi = min(r.hi, cap) }
            stock[o.year] = r
        }
        var nets = [Int: (o: Observation, lo: Double, hi: Double)]()
        for ind in plan.indicators where ind.kind == .netChange && ind.parent == pid {
            for o in plan.history(of: ind.id).points where o.measure == .value && o.quality != .derived {
                let r = range(o, .netChange)
                let old = nets[o.year]
                nets[o.year] = (old?.o ?? o, max(old?.lo ?? -.infinity, r.lo), min(old?.hi ?? .infinity, r.hi))
            }
        }
        var intervals = [Int: Interval]()
        var broken = [(year: Int, net: Observation, needed: Interval, own: Interval)]()
        guard let last = stock.keys.max(), let first = stock.keys.min() else { return ([:], []) }
        // Rounded to 9 decimals, as `checkNetChanges` does.
        func tidy(_ v: Double) -> Double { v.isFinite ? (v * 1e9).rounded() / 1e9 : v }
        for year in stride(from: last, through: first, by: -1) {
            guard let own = stock[year] else { continue }
            var now = own
            if let next = intervals[year + 1], let net = nets[year + 1] {
                let allowed = (lo: tidy(next.lo - net.hi), hi: tidy(next.hi - net.lo))
                let narrowed = (lo: max(own.lo, allowed.lo), hi: min(own.hi, allowed.hi))
                // Ends within 1e-9 of each other meet (2,674.45 − 182.19 is 2492.2599999999998).
                let slack = 1e-9 * max(1, abs(narrowed.lo))
                if narrowed.lo <= narrowed.hi + slack {
                    now = (narrowed.lo, max(narrowed.lo, narrowed.hi))
                } else if let after = stock[year + 1],
                    tidy(after.lo - own.hi) <= net.hi + slack && tidy(after.hi - own.lo) >= net.lo - slack
                {
                    // Pairs that disagree on their own are `checkNetChanges`' finding.
                    broken.append((year, net.o, allowed, own))
                }
            }
            intervals[year] = now
        }
        // Then forward: what the year before and the net change leave, Gₜ = Fₜ ∩ (Gₜ₋₁ + Nₜ), as
        // the paths draw each year from the one before (2,740 and "净增超41" leave the next year
        // at least 2,781, beside its own mid-year count of 2,599).
        for year in (first + 1)...max(first + 1, last) {
            guard let now = intervals[year], let before = intervals[year - 1], let net = nets[year],
                !broken.contains(where: { $0.year == year - 1 })
            else { continue }
            let narrowed = (lo: max(now.lo, tidy(before.lo + net.lo)), hi: min(now.hi, tidy(before.hi + net.hi)))
            if narrowed.lo <= narrowed.hi + 1e-9 * max(1, abs(narrowed.lo)) {
                intervals[year] = (narrowed.lo, max(narrowed.lo, narrowed.hi))
            }
        }
        return (intervals, broken)
    }

    /// A chain of stock and net-change reports that no path can follow, though each net change
    /// agrees with the two stock figures it lies between (`checkNetChanges`): the stock
    /// 1,000–1,100 in 2022, 1,000–1,300 in 2023 and 1,310 in 2024 beside net changes of 250–275
    /// in 2023 and 300–330 in 2024. 2024 leaves 2023 only 980–1,010, and 2023's net change would
    /// need 2022 at 725–760. A warning at the net change's row (`netChangeChain`).
    static func checkNetChangeChains(_ plan: Plan) -> [Finding] {
        var f = [Finding]()
        let stocks = Set(plan.indicators.filter { $0.kind == .netChange }.compactMap(\.parent))
        for pid in plan.indicators.map(\.id) where stocks.contains(pid) {
            let chain = netChangeChain(of: pid, in: plan)
            for b in chain.broken {
                let o = b.net, year = b.year
                let next = chain.intervals[year + 1]!
                let (lo, hi) = (
                    o.bounds(kind: .netChange)?.lower ?? o.value, o.bounds(kind: .netChange)?.upper ?? o.value
                )
                f.append(
                    Finding(
                        .warning, o.indicator,
                        "\(year + 1): the net change \(o.text) (read \(figure(lo))–\(figure(hi))) cannot hold with the reports of '\(pid)' from \(year) on: the later ones leave \(year + 1) at \(figure(next.lo))–\(figure(next.hi)), which needs \(year) at \(figure(b.needed.lo))–\(figure(b.needed.hi)), but \(year) is \(figure(b.own.lo))–\(figure(b.own.hi)); the run follows the stock. Check which report counts what the plan counts",
                        at: o.location,
                        zh:
                            "\(year + 1)年：净增 \(o.text)（按 \(figure(lo))–\(figure(hi)) 理解）与“\(plan.label(of: pid, in: .zh))”\(year)年起的报告不相容：其后的报告使\(year + 1)年在 \(figure(next.lo))–\(figure(next.hi))，则\(year)年应在 \(figure(b.needed.lo))–\(figure(b.needed.hi))，而\(year)年为 \(figure(b.own.lo))–\(figure(b.own.hi))；模拟以存量为准。请核对哪一份报告的口径与规划一致"
                    ))
            }
        }
        return f
    }
}
