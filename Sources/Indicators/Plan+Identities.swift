/// Identities between a stock and its net change that fill or bound years the data leave open.
extension Plan {
    /// Values identities give where the data have none (quality `derived`, the rule in `source`):
    /// a stock's previous year from its year-end value and the year's net change,
    /// stock(t − 1) = stock(t) − net(t), or its next year, stock(t) = stock(t − 1) + net(t), and a
    /// net change from two exact stocks, net(t) = stock(t) − stock(t − 1). Only exact values enter
    /// these, never bounds; a year known only by a bound is filled all the same (the identity is
    /// exact). A net change known by a bound bounds a stock year with no figure of its own, beside
    /// a year known exactly or by bounds: stock(t) ∈ stock(t − 1) + [n̲, n̄] (quality `lowerBound`
    /// with both ends given, the identity in `source`).
    func derivedPoints(of id: String, asOf: Int?, selected: History) -> [Observation] {
        guard let ind = indicator(id) else { return [] }
        var out = [Observation]()
        func exact(_ h: History, _ kind: IndicatorKind) -> [Int: Double] {
            Dictionary(uniqueKeysWithValues: h.split(kind: kind).exact.points.map { ($0.year, $0.value) })
        }
        // Years with an exact value keep it; a year known only by a bound is filled too.
        let have = Set(exact(selected, ind.kind).keys)
        if ind.kind == .stock {
            let stock = exact(selected, .stock)
            var known = have.union(selected.points.filter { $0.bounds(kind: .stock) != nil }.map(\.year))
            for net in indicators where net.kind == .netChange && net.parent == id {
                let netHistory = selectedHistory(of: net.id, asOf: asOf)
                var changes = exact(netHistory, .netChange)
                // A net change a sum over years fills counts as known here too.
                for p in sumIdentities(of: net.id, asOf: asOf, selected: netHistory) where p.quality == .derived {
                    changes[p.year] = p.value
                }
                for (t, d) in changes.sorted(by: { $0.key < $1.key }) {
                    if let s = stock[t], !have.contains(t - 1), metadata.dataYears.contains(t - 1),
                        !out.contains(where: { $0.year == t - 1 })
                    {
                        out.append(
                            Observation(
                                indicator: id, year: t - 1, value: s - d, quality: .derived,
                                source:
                                    "identity: \(id)(\(t)) − \(net.id)(\(t)) = \(PlanConsistency.format(s)) − \(PlanConsistency.format(d))"
                            ))
                    } else if let s0 = stock[t - 1], !have.contains(t), metadata.dataYears.contains(t),
                        !out.contains(where: { $0.year == t })
                    {
                        // The other way: stock(t) = stock(t − 1) + net(t) ("超2700" in 2022 with
                        // 2,308 in 2021 and a net increase of 436 is 2,744).
                        out.append(
                            Observation(
                                indicator: id, year: t, value: s0 + d, quality: .derived,
                                source:
                                    "identity: \(id)(\(t - 1)) + \(net.id)(\(t)) = \(PlanConsistency.format(s0)) + \(PlanConsistency.format(d))"
                            ))
                    }
                }
                out += netChangeBounds(
                    on: id, from: net.id, netHistory: netHistory, selected: selected, filled: out, known: &known)
                out += stockFromSums(of: id, net: net.id, asOf: asOf, stock: stock, have: have, filled: out)
            }
        } else if ind.kind == .flow {
            out += sumIdentities(of: id, asOf: asOf, selected: selected)
        } else if ind.kind == .netChange, let parent = ind.parent, indicator(parent)?.kind == .stock {
            let stock = exact(selectedHistory(of: parent, asOf: asOf), .stock)
            for (t, s) in stock.sorted(by: { $0.key < $1.key }) where !have.contains(t) {
                guard let before = stock[t - 1] else { continue }
                out.append(
                    Observation(
                        indicator: id, year: t, value: s - before, quality: .derived,
                        source:
                            "identity: \(parent)(\(t)) − \(parent)(\(t - 1)) = \(PlanConsistency.format(s)) − \(PlanConsistency.format(before))"
                    ))
            }
            // A sum of net changes with one open year fills it, where the stocks do not.
            let filled = Set(out.map(\.year))
            out += sumIdentities(of: id, asOf: asOf, selected: selected).filter { !filled.contains($0.year) }
        }
        return out
    }

    /// A net change known by bounds bounds its stock beside a year known exactly or by bounds
    /// ("净增400余家" without the total): stock(t) ∈ stock(t − 1) + [n̲, n̄], or
    /// stock(t − 1) ∈ stock(t) − [n̲, n̄], as a bound (quality `lowerBound` with both ends given,
    /// the identity in `source`) on a year with no figure of its own. A neighbour known by bounds
    /// gives the sum of the intervals, which the draws then narrow path by path.
    func netChangeBounds(
        on id: String, from netID: String, netHistory: History, selected: History, filled: [Observation],
        known: inout Set<Int>
    ) -> [Observation] {
        var out = [Observation]()
        known.formUnion(filled.map(\.year))
        var interval = Self.intervals(of: selected, kind: .stock)
        for p in filled where p.quality == .derived { interval[p.year] = (p.value, p.value) }
        let text = { Self.intervalText($0) }
        for o in netHistory.points {
            guard let b = o.bounds(kind: .netChange), let nlo = b.lower, let nhi = b.upper else { continue }
            let t = o.year, n = (lo: nlo, hi: nhi)
            let (year, lo, hi, rule): (Int, Double, Double, String)
            if let s0 = interval[t - 1], !known.contains(t), metadata.dataYears.contains(t) {
                (year, lo, hi) = (t, s0.lo + nlo, s0.hi + nhi)
                rule = "\(id)(\(t - 1)) + \(netID)(\(t)) = \(text(s0)) + \(text(n))"
            } else if let s = interval[t], !known.contains(t - 1), metadata.dataYears.contains(t - 1) {
                (year, lo, hi) = (t - 1, s.lo - nhi, s.hi - nlo)
                rule = "\(id)(\(t)) − \(netID)(\(t)) = \(text(s)) − \(text(n))"
            } else {
                continue
            }
            out.append(Self.identityBound(id, year: year, lo, hi, source: "identity: " + rule))
            known.insert(year)
        }
        return out
    }

    /// Each year of `h` as an interval: an exact value as a point, a bound with both ends as
    /// those ends (a bound open at one end is left out).
    static func intervals(of h: History, kind: IndicatorKind) -> [Int: (lo: Double, hi: Double)] {
        var interval = [Int: (lo: Double, hi: Double)]()
        for p in h.points {
            if let b = p.bounds(kind: kind) {
                if let lo = b.lower, let hi = b.upper { interval[p.year] = (lo, hi) }
            } else {
                interval[p.year] = (p.value, p.value)
            }
        }
        return interval
    }

    /// An interval in an identity's rule: "2308" for a point, "[3000, 3300]" otherwise, each end
    /// written by `format`.
    static func intervalText(
        _ i: (lo: Double, hi: Double), format: (Double) -> String = { PlanConsistency.format($0) }
    ) -> String {
        i.lo == i.hi ? format(i.lo) : "[\(format(i.lo)), \(format(i.hi))]"
    }

    /// A year an identity bounds: quality `lowerBound` with both ends given, the rule in `source`.
    static func identityBound(_ id: String, year: Int, _ lo: Double, _ hi: Double, source: String) -> Observation {
        var bound = Observation(indicator: id, year: year, value: lo, quality: .lowerBound, source: source)
        (bound.explicitLower, bound.explicitUpper) = (lo, hi)
        bound.isIdentityBound = true
        return bound
    }

    /// The sums over years of a flow that a run may use as of `asOf`: reported by then, every
    /// year within the plan's data range, one report per span (chosen by `ObservationSelection`'s
    /// rule among conflicting ones), in the order of their last year.
    public func usableSums(of id: String, asOf: Int?) -> [Observation] {
        var bySpan = [[Int]: [Observation]]()
        for o in sums where o.indicator == id && o.quality.isUsable {
            guard let since = o.since, since < o.year, metadata.dataYears.contains(since),
                metadata.dataYears.contains(o.year), asOf.map({ o.year <= $0 }) ?? true
            else { continue }
            bySpan[[since, o.year], default: []].append(o)
        }
        return bySpan.keys.sorted { ($0[1], $0[0]) < ($1[1], $1[0]) }.compactMap {
            ObservationSelection.select(bySpan[$0]!).first
        }
    }

    /// A sum over years of a flow ("2022年以来累计新增90个", `Observation.since`) whose every year
    /// but one is known exactly gives that year: x(u) = S − Σ_{t ≠ u} x(t) (quality `derived`, the
    /// identity in `source`; a year filled by one sum counts as known for the next); so does a sum
    /// whose every year but one outside an exact sum it contains is known (`innerSum`:
    /// before 2026-12-01, "68 over 2021–2025" beside "19 over 2022–2025" left 2021 a draw). A sum stated
    /// as a bound ("累计超90", read as the other bounds are) gives the open year the bounds shifted
    /// by the known years, x(u) ∈ [S̲ − K, S̄ − K] (quality `lowerBound` with both ends given),
    /// where that year has no figure of its own; so does an inner sum stated as a bound,
    /// x(u) ∈ [S̲ − Ī − K, S̄ − I̲ − K] (68 over 2021–2023 beside "超20" over 2022–2023 gives 2021
    /// within [46, 48]; before 2026-12-01 it stayed unknown). A sum with two or more open years fills no year
    /// (how it splits among them is not known; the simulation holds it on every path,
    /// `PreparedScenario.tieSums`), and one smaller than its known years none (`check` reports
    /// both, `PlanConsistency.checkSums`).
    func sumIdentities(of id: String, asOf: Int?, selected: History) -> [Observation] {
        let sums = usableSums(of: id, asOf: asOf)
        guard !sums.isEmpty else { return [] }
        // A flow's amounts are ≥ 0; a net change may fall.
        let kind = indicator(id)?.kind ?? .flow, floor = kind == .flow ? 0.0 : -Double.infinity
        var exact = Dictionary(
            uniqueKeysWithValues: selected.split(kind: kind).exact.points.map { ($0.year, $0.value) })
        let figured = Set(selected.points.map(\.year))
        var out = [Observation]()
        var progress = true
        while progress {
            progress = false
            for sum in sums {
                let span = sum.since!...sum.year
                // Every year but one exact, and that one not filled yet (by another sum's bounds);
                // or every year but one outside a sum it contains (`innerSum`).
                var open = span.filter { exact[$0] == nil }
                var inner: Observation? = nil
                if open.count > 1,
                    let (b, rest) = Self.innerSum(of: sum, among: sums, kind: kind, open: open)
                {
                    (inner, open) = (b, rest)
                }
                guard open.count == 1, let u = open.first, !out.contains(where: { $0.year == u }) else { continue }
                let innerSpan = inner.map { $0.since!...$0.year }
                let others = span.filter { $0 != u && !(innerSpan?.contains($0) ?? false) }
                let outside = others.reduce(0.0) { $0 + exact[$1]! }
                let known = (inner?.value ?? 0) + outside
                let parts =
                    (innerSpan.map { [Self.sumLabel(id, $0)] } ?? [])
                    + others.map { "\(id)(\($0))" }
                let rule =
                    "identity: " + Self.sumLabel(id, span) + " − " + parts.joined(separator: " − ")
                let outerBounds = sum.bounds(kind: kind), innerBounds = inner?.bounds(kind: kind)
                if outerBounds != nil || innerBounds != nil {
                    // u = S − I − K with S and I each in its interval (an exact one a point):
                    // u ∈ [S̲ − Ī − K, S̄ − I̲ − K].
                    let outer = outerBounds ?? (sum.value, sum.value)
                    let within = innerBounds ?? inner.map { ($0.value, $0.value) } ?? (0, 0)
                    guard !figured.contains(u), let shi = outer.upper, let slo = outer.lower,
                        let ihi = within.upper, let ilo = within.lower
                    else { continue }
                    let hi = shi - ilo - outside
                    guard hi >= floor else { continue }
                    let lo = max(floor, slo - ihi - outside)
                    var said = "[\(PlanConsistency.format(slo)), \(PlanConsistency.format(shi))]"
                    if outerBounds == nil { said = PlanConsistency.format(sum.value) }
                    var subtracted = PlanConsistency.format(known)
                    if innerBounds != nil {
                        let innerSaid = "[\(PlanConsistency.format(ilo)), \(PlanConsistency.format(ihi))]"
                        let rest = others.map { PlanConsistency.format(exact[$0]!) }
                        subtracted = ([innerSaid] + rest).joined(separator: " − ")
                    }
                    out.append(
                        Self.identityBound(id, year: u, lo, hi, source: rule + " = " + said + " − " + subtracted))
                } else {
                    let value = sum.value - known
                    guard value >= floor else { continue }
                    out.append(
                        Observation(
                            indicator: id, year: u, value: value, quality: .derived,
                            source: rule + " = \(PlanConsistency.format(sum.value)) − \(PlanConsistency.format(known))")
                    )
                    exact[u] = value
                }
                progress = true
            }
        }
        return out
    }

    /// How a sum over years is written in an identity's rule: "Σ x(2022…2025)".
    static func sumLabel(_ id: String, _ span: ClosedRange<Int>) -> String {
        "Σ \(id)(\(span.lowerBound)…\(span.upperBound))"
    }

    /// A sum strictly inside `sum`'s span whose removal leaves one of `sum`'s open years
    /// outside it: then x(u) = S − S_inner − Σ of the known years outside the inner span
    /// ("68 over 2021–2025" beside "19 over 2022–2025" gives 2021 = 49; "累计超60" over 2021–2023
    /// beside 19 over 2022–2023 bounds 2021 by [60, 66] − 19; a bounded inner sum bounds it by
    /// its interval). The first such inner sum, exact ones before bounded ones (an exact one
    /// fills the year, a bounded one only bounds it), and the open year it leaves.
    static func innerSum(of sum: Observation, among sums: [Observation], kind: IndicatorKind, open: [Int])
        -> (Observation, [Int])?
    {
        let span = sum.since!...sum.year
        // Exact inner sums first: they fill the year; a bounded one only bounds it.
        let ordered = sums.filter { $0.bounds(kind: kind) == nil } + sums.filter { $0.bounds(kind: kind) != nil }
        for b in ordered {
            let inner = b.since!...b.year
            guard span.lowerBound <= inner.lowerBound, inner.upperBound <= span.upperBound, inner != span else {
                continue
            }
            let rest = open.filter { !inner.contains($0) }
            if rest.count == 1 { return (b, rest) }
        }
        return nil
    }

    /// A sum of net changes over years ties its stock across the span ("2022年以来累计净增700家"):
    /// stock(t) = stock(since − 1) + S, or stock(since − 1) = stock(t) − S, filling the end the
    /// data leave without an exact value (quality `derived`, the identity in `source`; an exact
    /// stock, given or derived, at the other end). Sums stated as bounds are not used here.
    func stockFromSums(
        of id: String, net: String, asOf: Int?, stock: [Int: Double], have: Set<Int>, filled: [Observation]
    ) -> [Observation] {
        var values = stock
        for o in filled where o.quality == .derived { values[o.year] = o.value }
        var out = [Observation]()
        for sum in usableSums(of: net, asOf: asOf) where sum.bounds(kind: .netChange) == nil {
            let a = sum.since! - 1, b = sum.year
            let taken = Set((filled + out).map(\.year))
            let rule = "identity: \(id)(\(a)) + Σ \(net)(\(a + 1)…\(b))"
            if let s0 = values[a], values[b] == nil, !have.contains(b), !taken.contains(b) {
                let v = s0 + sum.value
                out.append(
                    Observation(
                        indicator: id, year: b, value: v, quality: .derived,
                        source: rule + " = \(PlanConsistency.format(s0)) + \(PlanConsistency.format(sum.value))"))
                values[b] = v
            } else if let s1 = values[b], values[a] == nil, metadata.dataYears.contains(a), !have.contains(a),
                !taken.contains(a)
            {
                let v = s1 - sum.value
                out.append(
                    Observation(
                        indicator: id, year: a, value: v, quality: .derived,
                        source:
                            "identity: \(id)(\(b)) − Σ \(net)(\(a + 1)…\(b)) = \(PlanConsistency.format(s1)) − \(PlanConsistency.format(sum.value))"
                    ))
                values[a] = v
            }
        }
        return out
    }
}
