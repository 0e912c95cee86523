import Foundation

/// Reports of a stock and its net change that each agree with their neighbours but not along a
/// run of years.
extension PlanConsistency {
    /// A chain of stock and net-change reports that no path can follow. Each net change is
    /// checked beside the two stock figures it lies between (`checkNetChanges`); along a run of
    /// years the reports narrow each other. Going back from the last year, stock(t) must lie in
    ///
    ///     Fₜ = Bₜ ∩ (Fₜ₊₁ − Nₜ₊₁),
    ///
    /// its own reading Bₜ (a value, or bounds as the run reads them, capped by the next year's
    /// mid-year count) less what the next year's net change Nₜ₊₁ allows. Where Fₜ is empty
    /// though each pair of years agrees, no path can honour every report: the run keeps the
    /// stock's reports and the net change that year is their difference (`BoundChain` in
    /// Simulation, which draws the paths by the same chain). The stock 1,000–1,100 in 2022,
    /// 1,000–1,300 in 2023 and 1,310 in 2024 beside net changes of 250–275 in 2023 and
    /// 300–330 in 2024: 2024 leaves 2023 only 980–1,010, and 2023's net change would need 2022
    /// at 725–760.
    static func checkNetChangeChains(_ plan: Plan) -> [Finding] {
        var f = [Finding]()
        for ind in plan.indicators where ind.kind == .netChange {
            guard let pid = ind.parent, let pkind = plan.kind(of: pid) else { continue }
            func range(_ o: Observation, _ kind: IndicatorKind) -> (lo: Double, hi: Double) {
                let b = o.bounds(kind: kind)
                return b.map { ($0.lower ?? -.infinity, $0.upper ?? .infinity) } ?? (o.value, o.value)
            }
            var stock = [Int: (lo: Double, hi: Double)]()
            for o in plan.history(of: pid).points where o.measure == .value {
                var r = range(o, pkind)
                if let cap = plan.yearEndCap(of: pid, year: o.year), cap >= r.lo { r.hi = min(r.hi, cap) }
                stock[o.year] = r
            }
            var nets = [Int: (o: Observation, lo: Double, hi: Double)]()
            for o in plan.history(of: ind.id).points where o.measure == .value && o.quality != .derived {
                let r = range(o, .netChange)
                nets[o.year] = (o, r.lo, r.hi)
            }
            guard let last = stock.keys.max(), let first = stock.keys.min() else { continue }
            // Rounded to 9 decimals, as `checkNetChanges` does.
            func tidy(_ v: Double) -> Double { v.isFinite ? (v * 1e9).rounded() / 1e9 : v }
            var next: (year: Int, lo: Double, hi: Double)?
            for year in stride(from: last, through: first, by: -1) {
                guard let own = stock[year] else {
                    next = nil
                    continue
                }
                var now = own
                if let n = next, n.year == year + 1, let net = nets[year + 1] {
                    let allowed = (lo: tidy(n.lo - net.hi), hi: tidy(n.hi - net.lo))
                    let narrowed = (lo: max(own.lo, allowed.lo), hi: min(own.hi, allowed.hi))
                    // Pairs that disagree on their own are `checkNetChanges`' finding.
                    let pairAgrees =
                        tidy(stock[year + 1]!.lo - own.hi) <= net.hi && tidy(stock[year + 1]!.hi - own.lo) >= net.lo
                    if narrowed.lo <= narrowed.hi {
                        now = narrowed
                    } else if pairAgrees {
                        let o = net.o
                        f.append(
                            Finding(
                                .warning, ind.id,
                                "\(year + 1): the net change \(o.text) (read \(format(net.lo))–\(format(net.hi))) cannot hold with the reports of '\(pid)' from \(year) on: the later ones leave \(year + 1) at \(format(n.lo))–\(format(n.hi)), which needs \(year) at \(format(allowed.lo))–\(format(allowed.hi)), but \(year) is \(format(own.lo))–\(format(own.hi)); the run follows the stock. Check which report counts what the plan counts",
                                at: o.location,
                                zh:
                                    "\(year + 1)年：净增 \(o.text)（按 \(format(net.lo))–\(format(net.hi)) 理解）与“\(plan.label(of: pid, in: .zh))”\(year)年起的报告不相容：其后的报告使\(year + 1)年在 \(format(n.lo))–\(format(n.hi))，则\(year)年应在 \(format(allowed.lo))–\(format(allowed.hi))，而\(year)年为 \(format(own.lo))–\(format(own.hi))；模拟以存量为准。请核对哪一份报告的口径与规划一致"
                            ))
                    }
                }
                next = (year, now.lo, now.hi)
            }
        }
        return f
    }
}
