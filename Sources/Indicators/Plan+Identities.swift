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
                let changes = exact(netHistory, .netChange)
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
            }
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
        var interval = [Int: (lo: Double, hi: Double)]()
        for p in selected.points {
            if let b = p.bounds(kind: .stock) {
                if let lo = b.lower, let hi = b.upper { interval[p.year] = (lo, hi) }
            } else {
                interval[p.year] = (p.value, p.value)
            }
        }
        for p in filled where p.quality == .derived { interval[p.year] = (p.value, p.value) }
        func text(_ i: (lo: Double, hi: Double)) -> String {
            i.lo == i.hi
                ? PlanConsistency.format(i.lo)
                : "[\(PlanConsistency.format(i.lo)), \(PlanConsistency.format(i.hi))]"
        }
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
            var bound = Observation(
                indicator: id, year: year, value: lo, quality: .lowerBound, source: "identity: " + rule)
            (bound.explicitLower, bound.explicitUpper) = (lo, hi)
            out.append(bound)
            known.insert(year)
        }
        return out
    }
}
