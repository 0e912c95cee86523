import Foundation

/// Sums over years (`Observation.since`): against their known years, each other, and the
/// stocks at both ends of their span.
extension PlanConsistency {
    /// Sums over years of a flow (`Observation.since`; those outside the data range are
    /// `checkYears`' findings): one smaller than the years it covers that are known is an error
    /// (one of the figures is wrong); one whose years are all known but do not add up to it, as
    /// rounded, a warning; one with two or more open years an info line saying what it is used
    /// for (a cumulative goal, `PreparedScenario.knownSums`) or that it is not used.
    static func checkSums(_ plan: Plan) -> [Finding] {
        var f = [Finding]()
        for id in Set(plan.sums.map(\.indicator)).sorted() {
            guard let kind = plan.kind(of: id), kind == .flow || kind == .netChange else { continue }
            let history = plan.history(of: id)
            let exact = Dictionary(
                uniqueKeysWithValues: history.split(kind: kind).exact.points.map { ($0.year, $0) })
            func half(_ p: Observation) -> Double {
                p.roundingInterval(kind: kind).map { ($0.upper - $0.lower) / 2 } ?? 0
            }
            let sums = plan.usableSums(of: id, asOf: nil)
            // What each sum says, as an interval: its bounds, or its value as rounded.
            func range(_ sum: Observation) -> (least: Double, most: Double) {
                let bounds = sum.bounds(kind: kind)
                return (
                    bounds.map { $0.lower ?? -.infinity } ?? (sum.value - half(sum)),
                    bounds.map { $0.upper ?? .infinity } ?? (sum.value + half(sum))
                )
            }
            // What a sum states, without the assumed reach of a bound ("累计超45" says at least
            // 45, and nothing above unless the row gives an upper column): nested sums are an
            // error only where the figures themselves contradict each other.
            func stated(_ sum: Observation) -> (least: Double, most: Double) {
                switch sum.quality {
                case .lowerBound: return (sum.explicitLower ?? sum.value, sum.explicitUpper ?? .infinity)
                case .upperBound:
                    return (sum.explicitLower ?? (kind == .flow ? 0 : -.infinity), sum.explicitUpper ?? sum.value)
                default: return range(sum)
                }
            }
            let nested = nestedSums(sums, of: id, kind: kind, exact: exact, range: stated, half: half)
            f += nested
            if nested.isEmpty, let clash = sumsClash(sums, kind: kind, exact: exact, range: stated, half: half) {
                f.append(
                    Finding(
                        .error, id, clash.message, at: clash.at.location,
                        zh:
                            "跨年合计无法同时成立（\(clash.at.since.map { "\($0)–" } ?? "")\(clash.at.year)年合计 \(clash.at.text) 与其他合计或已知年份矛盾）：其中某个数字有误"
                    ))
            }
            // A year a sum fills with an exact sum it contains (`Plan.innerSum`) is said with it:
            // the identity's rule begins with the two sums' labels.
            func fills(_ span: ClosedRange<Int>) -> String {
                for inner in sums {
                    let within = inner.since!...inner.year
                    let rule = "identity: " + Plan.sumLabel(id, span) + " − " + Plan.sumLabel(id, within)
                    guard let d = history.points.first(where: { $0.source.hasPrefix(rule) }) else { continue }
                    let over = "\(within.lowerBound)–\(within.upperBound)"
                    if d.quality != .derived, let b = d.bounds(kind: kind), let lo = b.lower, let hi = b.upper {
                        return
                            "bounds \(d.year) within [\(format(lo)), \(format(hi))] with the sum over \(over) it contains and fills no year"
                    }
                    return
                        "fills \(d.year) with the sum over \(over) it contains (\(format(d.value)), derived) and no other year"
                }
                return "fills no single year"
            }
            for sum in sums {
                let span = sum.since!...sum.year
                let open = span.filter { exact[$0] == nil }
                let known = span.filter { exact[$0] != nil }.reduce(0.0) { $0 + exact[$1]!.value }
                let what = "sum over \(span.lowerBound)–\(span.upperBound) (\(sum.text))"
                let whatZh = "\(span.lowerBound)–\(span.upperBound)年合计（\(sum.text)）"
                let bounds = sum.bounds(kind: kind)
                let (least, most) = range(sum)
                let slack = span.compactMap { exact[$0] }.reduce(0.0) { $0 + half($1) } + 1e-9 * abs(sum.value)
                if kind == .flow, known > most + slack {
                    // The other years of a flow are ≥ 0: the known ones alone cannot exceed the sum.
                    f.append(
                        Finding(
                            .error, id,
                            "\(what) is smaller than its known years, which add up to \(format(known)); one of the figures is wrong",
                            at: sum.location,
                            zh:
                                "\(span.lowerBound)–\(span.upperBound)年合计（\(sum.text)）小于其已知年份之和 \(format(known))：其中某个数字有误"
                        ))
                } else if kind == .flow, case let floors = statedFloors(history, span: span, exact: exact),
                    !floors.isEmpty, known + floors.reduce(0, { $0 + $1.floor }) > most + slack
                {
                    // Years known by bounds ("超15") are at least their stated lower ends: with the
                    // known years they cannot exceed the sum either (before 2026-12-01 the run
                    // drew them within their bounds and exceeded the sum on every path).
                    let said = floors.map { "\($0.year) ≥ \(format($0.floor))" }.joined(separator: ", ")
                    let total = known + floors.reduce(0, { $0 + $1.floor })
                    f.append(
                        Finding(
                            .error, id,
                            "\(what) is smaller than what its years are known to be at least (\(said)\(known > 0 ? ", known years \(format(known))" : ""); together \(format(total))); one of the figures is wrong",
                            at: sum.location,
                            zh:
                                "\(span.lowerBound)–\(span.upperBound)年合计（\(sum.text)）小于其各年已知的最小值之和（\(said)\(known > 0 ? "，已知年份 \(format(known))" : "")；合计 \(format(total))）：其中某个数字有误"
                        ))
                } else if open.isEmpty, known < least - slack || known > most + slack {
                    f.append(
                        Finding(
                            .warning, id,
                            "\(what): its years add up to \(format(known)); check which figure counts what the plan counts",
                            at: sum.location,
                            zh:
                                "\(span.lowerBound)–\(span.upperBound)年合计（\(sum.text)）与各年之和 \(format(known)) 不符；请核对哪一个数字的口径与规划一致"
                        ))
                } else if open.count >= 2, kind == .netChange {
                    f.append(
                        Finding(
                            .info, id,
                            "\(what) \(fills(span)): \(open.count) of its years have no exact value; it ties its stock where one end of the span is known exactly (stock(\(span.upperBound)) = stock(\(span.lowerBound - 1)) + the sum)",
                            at: sum.location,
                            zh:
                                "\(whatZh)：其中 \(open.count) 个年份没有确切值；跨期一端确切已知时，它与存量相连（\(span.upperBound)年存量 = \(span.lowerBound - 1)年存量 + 合计）"
                        ))
                } else if open.count >= 2 {
                    let years = open.map(String.init).joined(separator: ", ")
                    // The simulation's years run from the base year (`PlanModel.years`).
                    let inPlan = span.lowerBound >= plan.metadata.baseYear && span.upperBound <= plan.metadata.lastYear
                    let goal =
                        plan.indicator(id)?.headline?.rule == .cumulative && bounds == nil
                        && span.lowerBound >= plan.metadata.firstYear
                    f.append(
                        Finding(
                            .info, id,
                            inPlan
                                ? "\(what) \(fills(span)): \(open.count) of its years (\(years)) have no exact value, and how it splits among them is not known; the forecast years move on every path so that it holds\(bounds == nil ? "" : " (drawn within its bounds)")\(goal ? ", and the cumulative goal counts it" : "")"
                                : "\(what) is not used: \(open.count) of its years (\(years)) have no exact value, and it begins before the plan's base year",
                            at: sum.location,
                            zh: inPlan
                                ? "\(whatZh)：其中 \(open.count) 个年份（\(years)）没有确切值，合计在各年间如何分配未知；每条路径上的预测年份随之调整以满足合计\(bounds == nil ? "" : "（在其界值内抽取）")\(goal ? "，累计目标计入该合计" : "")"
                                : "\(whatZh)未使用：其中 \(open.count) 个年份（\(years)）没有确切值，且起于规划基期年之前"
                        ))
                }
                // A sum of net changes against the stocks at both ends of its span.
                if kind == .netChange, bounds == nil, let parent = plan.indicator(id)?.parent,
                    plan.kind(of: parent) == .stock
                {
                    let stocks = plan.history(of: parent).split(kind: .stock).exact
                    if let s0 = stocks.points.first(where: { $0.year == span.lowerBound - 1 }),
                        let s1 = stocks.points.first(where: { $0.year == span.upperBound }),
                        s0.quality != .derived || s1.quality != .derived,
                        abs(s1.value - s0.value - sum.value)
                            > half(sum) + s0.writtenHalfUnit + s1.writtenHalfUnit + 1e-9 * abs(sum.value)
                    {
                        f.append(
                            Finding(
                                .warning, id,
                                "\(what) disagrees with its stock '\(parent)', which changes by \(format(s1.value - s0.value)) from \(s0.year) to \(s1.year)",
                                at: sum.location,
                                zh:
                                    "\(span.lowerBound)–\(span.upperBound)年合计（\(sum.text)）与其存量“\(plan.label(of: parent, in: .zh))”的变化（\(s0.year)–\(s1.year)年变化 \(format(s1.value - s0.value))）不符"
                            ))
                    }
                }
            }
        }
        return f
    }

    /// A run of years within a sum's span: a shorter sum, or one known year (`sum` nil), with
    /// the least and the most it says.
    typealias Piece = (first: Int, last: Int, least: Double, most: Double, sum: Observation?)

    /// Sums over years of one flow or net change within a longer one.
    /// - Shorter sums and known years that make up the longer sum's span exactly must agree with
    ///   it: Σ least(pieces) ≤ most(longer) and least(longer) ≤ Σ most(pieces), for the cover
    ///   that says the most and the one that says the least (dynamic programming over the span's
    ///   years).
    /// - A flow's years are ≥ 0, so a disjoint family of shorter sums and known years within the
    ///   span, not covering it, may not say more than the longer sum either (weighted interval
    ///   scheduling: Σ least ≤ most(longer)).
    ///
    /// Otherwise one of the figures is wrong: an error at the longer sum's row (`range` gives
    /// what each sum states, without the assumed reach of a bound). Known years alone are
    /// `checkSums`' own findings. Found 2026-12-01 by `scripts/eval/sum_fuzz.py`: 75 over
    /// 2022–2024 and 47 over 2022–2025 (seed 9106), and 187 over 2021–2025 beside 11 in 2021 and
    /// 69 over 2022–2025 (seed 9110), ran, and the cumulative goal read a probability where the
    /// figures contradict each other.
    static func nestedSums(
        _ sums: [Observation], of id: String, kind: IndicatorKind, exact: [Int: Observation],
        range: (Observation) -> (least: Double, most: Double), half: (Observation) -> Double
    ) -> [Finding] {
        var f = [Finding]()
        for (i, outer) in sums.enumerated() {
            let span = outer.since!...outer.year
            let shorter: [Piece] = sums.enumerated().compactMap { j, inner in
                guard j != i, span.contains(inner.since!), span.contains(inner.year) else { return nil }
                let r = range(inner)
                return (inner.since!, inner.year, r.least, r.most, inner)
            }
            let known: [Piece] = span.compactMap { y in exact[y].map { (y, y, $0.value, $0.value, nil) } }
            guard !shorter.isEmpty else { continue }
            let (least, most) = range(outer)
            // "the sums over A (a) and B (b)", " and its known years K", and the rounding slack.
            func said(_ chosen: [Piece], _ total: Double) -> (sums: String, years: String, slack: Double) {
                let inner = chosen.compactMap(\.sum), years = chosen.filter { $0.sum == nil }
                let names = inner.map { "\($0.since!)–\($0.year) (\($0.text))" }.joined(separator: " and ")
                let sum = years.reduce(0.0) { $0 + $1.least }
                let slack = years.reduce(0.0) { $0 + half(exact[$1.first]!) } + 1e-9 * (abs(outer.value) + abs(total))
                return (
                    "the \(inner.count == 1 ? "sum" : "sums") over \(names)",
                    years.isEmpty ? "" : " and its known years \(format(sum))", slack
                )
            }
            let what = "sum over \(span.lowerBound)–\(span.upperBound) (\(outer.text))"
            // The pieces that say the most must not exceed the sum: for a flow (years ≥ 0) any
            // disjoint family within the span, for a net change only one that covers it.
            if let high = best(shorter + known, over: span, covering: kind != .flow, by: \.least),
                high.chosen.contains(where: { $0.sum != nil })
            {
                let d = said(high.chosen, high.total)
                if high.total > most + d.slack {
                    f.append(
                        Finding(
                            .error, id,
                            kind == .flow
                                ? "\(what) is smaller than \(d.sums) it contains\(d.years); a flow cannot be negative, so one of the figures is wrong"
                                : "\(what) is smaller than \(d.sums)\(d.years) that make it up; one of the figures is wrong",
                            at: outer.location,
                            zh:
                                "\(span.lowerBound)–\(span.upperBound)年合计（\(outer.text)）小于其所含的合计与已知年份之和（至少 \(format(high.total))）：其中某个数字有误"
                        ))
                    continue
                }
            }
            // A cover of the span that says the least must reach the sum.
            if let low = best(shorter + known, over: span, covering: true, by: { -$0.most }),
                low.chosen.contains(where: { $0.sum != nil })
            {
                let total = -low.total
                let d = said(low.chosen, total)
                if least > total + d.slack {
                    f.append(
                        Finding(
                            .error, id,
                            "\(what) is larger than \(d.sums)\(d.years) that make it up; one of the figures is wrong",
                            at: outer.location,
                            zh:
                                "\(span.lowerBound)–\(span.upperBound)年合计（\(outer.text)）大于构成它的合计与已知年份之和（至多 \(format(total))）：其中某个数字有误"
                        ))
                }
            }
        }
        return f
    }

    /// Sums over years that cannot all hold together, where no two of them nested say so
    /// (`nestedSums`): bounds propagation over the years they span. Each year starts within
    /// [0, ∞) for a flow ((−∞, ∞) for a net change), or at its known value (± its rounding); each
    /// sum S̲ ≤ Σ_{t ∈ span} x_t ≤ S̄ then tightens every year of its span,
    ///
    ///     x_u ≥ S̲ − Σ_{t ≠ u} max x_t,    x_u ≤ S̄ − Σ_{t ≠ u} min x_t,
    ///
    /// until nothing moves (at most 100 rounds). A year left with min > max, or a sum that its
    /// years' ranges cannot reach, means the figures contradict each other. Sound (it never
    /// refuses figures that can all hold) but not complete: it is the interval relaxation of
    /// the linear system. Found 2026-12-01 by `scripts/eval/sum_fuzz.py` (seed 9114): "≥ 224 over
    /// 2021–2025", "62 over 2022–2025" and "≤ 93 over 2019–2024" with 34 in 2019 and 32 in 2025
    /// need 2021 ≥ 162 and ≤ 59.
    static func sumsClash(
        _ sums: [Observation], kind: IndicatorKind, exact: [Int: Observation],
        range: (Observation) -> (least: Double, most: Double), half: (Observation) -> Double
    ) -> (message: String, at: Observation)? {
        guard sums.count >= 2 else { return nil }
        let first = sums.map { $0.since! }.min()!, last = sums.map(\.year).max()!
        let floor = kind == .flow ? 0.0 : -Double.infinity
        var lo = [Double](repeating: floor, count: last - first + 1)
        var hi = [Double](repeating: .infinity, count: last - first + 1)
        // Years an identity filled come from these sums (or a stock): they are left free.
        for (y, o) in exact where y >= first && y <= last && o.quality != .derived {
            (lo[y - first], hi[y - first]) = (o.value - half(o), o.value + half(o))
        }
        let tolerance = 1e-9 * (sums.map { abs($0.value) }.max() ?? 1)
        for _ in 0..<100 {
            var moved = false
            for sum in sums {
                let (least, most) = range(sum)
                let cells = (sum.since! - first)...(sum.year - first)
                let low = cells.reduce(0.0) { $0 + lo[$1] }, high = cells.reduce(0.0) { $0 + hi[$1] }
                if low > most + tolerance || high < least - tolerance {
                    let years = "\(sum.since!)–\(sum.year)"
                    return (
                        "its sums over years cannot all hold together: with the others, the sum over \(years) (\(sum.text)) would have to be \(low > most ? "at least \(format(low))" : "at most \(format(high))"); one of the figures is wrong",
                        sum
                    )
                }
                for u in cells {
                    // Σ over the others, from the sums without u (finite sums only: ∞ − ∞ is no bound).
                    let othersHigh = high - hi[u], othersLow = low - lo[u]
                    if othersHigh.isFinite, least - othersHigh > lo[u] + tolerance {
                        lo[u] = least - othersHigh
                        moved = true
                    }
                    if othersLow.isFinite, most - othersLow < hi[u] - tolerance {
                        hi[u] = most - othersLow
                        moved = true
                    }
                    if lo[u] > hi[u] + tolerance {
                        return (
                            "its sums over years cannot all hold together: \(first + u) would have to be at least \(format(lo[u])) and at most \(format(hi[u])); one of the figures is wrong",
                            sum
                        )
                    }
                }
            }
            if !moved { break }
        }
        return nil
    }

    /// The pieces within `span` that maximise Σ weight, disjoint (and, if `covering`, covering
    /// every year of it), by dynamic programming over the years; nil if no such family (a cover
    /// may not exist, and a piece of infinite weight is left out).
    static func best(_ pieces: [Piece], over span: ClosedRange<Int>, covering: Bool, by weight: (Piece) -> Double)
        -> (total: Double, chosen: [Piece])?
    {
        var table = [(total: Double, chosen: [Piece])?](repeating: nil, count: span.count + 1)
        table[0] = (0, [])
        for k in 1...span.count {
            if !covering { table[k] = table[k - 1] }
            let year = span.lowerBound + k - 1
            for piece in pieces where piece.last == year && weight(piece).isFinite {
                guard let before = table[piece.first - span.lowerBound] else { continue }
                let total = before.total + weight(piece)
                if table[k] == nil || total > table[k]!.total { table[k] = (total, before.chosen + [piece]) }
            }
        }
        return table[span.count]
    }

    /// The stated lower ends of the years of `span` known by bounds read from a file (a
    /// `lower_bound`'s value or an explicit `lower`; the assumed reach of a reading is not a
    /// statement), for the years without an exact value.
    static func statedFloors(_ history: History, span: ClosedRange<Int>, exact: [Int: Observation])
        -> [(year: Int, floor: Double)]
    {
        history.points.compactMap { p in
            guard span.contains(p.year), exact[p.year] == nil, p.location != nil, p.quality != .derived else {
                return nil
            }
            let floor = p.quality == .lowerBound ? (p.explicitLower ?? p.value) : p.explicitLower
            return floor.map { (p.year, $0) }
        }
    }
}
