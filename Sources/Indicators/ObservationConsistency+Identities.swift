import Foundation

/// What the identities say against the data: a stock they fill below zero, a bound they break,
/// a net change that contradicts its stocks.
extension PlanConsistency {
    /// A stock that an identity fills below zero: the year's stock minus its net change,
    /// stock(t − 1) = stock(t) − net(t), cannot be negative; one of the two figures is wrong.
    /// And a bound that the identity's value breaks ("超2500" for a year the identity fills with
    /// 2,308): the identity is used, the bound set aside, and one of the figures is wrong.
    static func checkDerived(_ plan: Plan) -> [Finding] {
        var f = [Finding]()
        for id in plan.seriesIDs {
            guard let kind = plan.kind(of: id) else { continue }
            let derived = plan.history(of: id).points.filter { $0.quality == .derived }
            guard !derived.isEmpty else { continue }
            for b in plan.selectedHistory(of: id).points {
                guard let d = derived.first(where: { $0.year == b.year }), b.bounds(kind: kind) != nil else { continue }
                let below = b.quality != .upperBound && d.value < (b.explicitLower ?? b.value)
                let above = b.quality == .upperBound && d.value > (b.explicitUpper ?? b.value)
                guard below || above else { continue }
                f.append(
                    Finding(
                        .warning, id,
                        "\(b.year): \(d.source) gives \(format(d.value)), \(below ? "below the lower" : "above the upper") bound \(b.text); the identity's value is used. Check which figure counts what the plan counts",
                        at: b.location,
                        zh:
                            "\(b.year)年：恒等式推算得 \(format(d.value))，\(below ? "低于下限" : "高于上限") \(b.text)；采用推算值。请核对哪一个数字的口径与规划一致"
                    ))
            }
        }
        for ind in plan.indicators where ind.kind == .stock {
            for d in plan.history(of: ind.id).points where d.quality == .derived && d.value < 0 {
                let net = plan.indicators.first { $0.kind == .netChange && $0.parent == ind.id }
                let row = net.flatMap { n in plan.selectedHistory(of: n.id).points.first { $0.year == d.year + 1 } }
                f.append(
                    Finding(
                        .error, ind.id,
                        "\(d.source) gives \(format(d.value)) for \(d.year), below zero: the stock or its net change is wrong",
                        at: row?.location, zh: "由恒等式推算\(d.year)年为 \(format(d.value))，小于零：存量或其净增数有误"))
            }
        }
        return f
    }

    /// A net change given beside both stocks it is the difference of: exact values must agree
    /// (within 1%, or 1 unit; an estimate's ±2% is added to that). And a net change known by a
    /// bound, or beside a stock known by one, must be possible given what is known of the two
    /// stocks (values or bounds): "净增超600家" beside 2,744 and "总量突破3000家" (at most 3,300
    /// by the default reading) cannot both hold; the run then uses the stock's bounds. (Until stop
    /// 64 a net change given as a value or an estimate beside a bounded stock, and an estimate
    /// beside two exact ones, were not checked: "净增约39" beside 2,451 and 2,632 passed silently.)
    static func checkNetChanges(_ plan: Plan) -> [Finding] {
        var f = [Finding]()
        for ind in plan.indicators where ind.kind == .netChange {
            guard let pid = ind.parent, let pkind = plan.kind(of: pid) else { continue }
            let stock = plan.history(of: pid)
            func range(_ o: Observation, _ kind: IndicatorKind) -> (lo: Double, hi: Double) {
                let b = o.bounds(kind: kind)
                return b.map { ($0.lower ?? -.infinity, $0.upper ?? .infinity) } ?? (o.value, o.value)
            }
            // A net change's own reading: its bounds, an estimate's interval, or its value.
            func stated(_ o: Observation) -> (lo: Double, hi: Double) {
                if o.bounds(kind: .netChange) == nil, o.quality == .estimate,
                    let r = o.roundingInterval(kind: .netChange)
                {
                    return (r.lower, r.upper)
                }
                return range(o, .netChange)
            }
            for o in plan.history(of: ind.id).points where o.quality != .derived && o.measure == .value {
                let stockBounded = stock.points.contains {
                    ($0.year == o.year || $0.year == o.year - 1) && $0.bounds(kind: pkind) != nil
                }
                guard o.bounds(kind: .netChange) != nil || stockBounded else { continue }
                guard let now = stock.points.first(where: { $0.year == o.year }),
                    let before = stock.points.first(where: { $0.year == o.year - 1 })
                else {
                    guard o.bounds(kind: .netChange) != nil else { continue }
                    // With no figure of the stock in the year or the year before, the run sets the
                    // stock's step that year to the net change's draw (`tieNetChangeSteps`).
                    if stock.points.isEmpty {
                        f.append(
                            Finding(
                                .info, ind.id,
                                "\(o.year): the net change \(o.text) is known only by a bound and '\(pid)' has no figure at all; the net change is forecast on its own",
                                at: o.location,
                                zh: "\(o.year)年：净增 \(o.text) 只知界值，且“\(plan.label(of: pid, in: .zh))”没有任何数值；净增单独预测"))
                    } else if !stock.points.contains(where: { $0.year == o.year || $0.year == o.year - 1 }) {
                        let after = stock.points.contains { $0.year > o.year }
                        let before = stock.points.contains { $0.year < o.year - 1 }
                        let how =
                            after && before
                            ? "the difference is spread over the years up to its next figure"
                            : after ? "its earlier years move with it" : "its later years move with it"
                        let howZh =
                            after && before
                            ? "差额分摊到其下一个数值之前的各年" : after ? "其此前各年随之变动" : "其此后各年随之变动"
                        f.append(
                            Finding(
                                .info, ind.id,
                                "\(o.year): the net change \(o.text) is known only by a bound and '\(pid)' has no figure in \(o.year - 1) or \(o.year); on every path the stock's step that year is the net change's draw, and \(how)",
                                at: o.location,
                                zh:
                                    "\(o.year)年：净增 \(o.text) 只知界值，且“\(plan.label(of: pid, in: .zh))”在\(o.year - 1)年和\(o.year)年都没有数值；每条路径上存量当年的增量取净增的抽样值，\(howZh)"
                            ))
                    }
                    continue
                }
                // A mid-year count of the stock caps the year end before it (stocks only grow
                // within a year), as the run reads it.
                func capped(_ r: (lo: Double, hi: Double), _ year: Int) -> (lo: Double, hi: Double) {
                    guard let cap = plan.yearEndCap(of: pid, year: year), cap >= r.lo else { return r }
                    return (r.lo, min(r.hi, cap))
                }
                let (a, b) = (capped(range(now, pkind), now.year), capped(range(before, pkind), before.year))
                // Rounded to 9 decimals: 3000·1.1 − 2744 is 556.0000000000005 in binary.
                func tidy(_ v: Double) -> Double { v.isFinite ? (v * 1e9).rounded() / 1e9 : v }
                let implied = (lo: tidy(a.lo - b.hi), hi: tidy(a.hi - b.lo))
                let stated = (lo: tidy(stated(o).lo), hi: tidy(stated(o).hi))
                guard implied.hi < stated.lo || implied.lo > stated.hi else { continue }
                f.append(
                    Finding(
                        .warning, ind.id,
                        "\(o.year): the net change \(o.text) (read \(format(stated.lo))–\(format(stated.hi))) cannot hold with '\(pid)' \(written(before)) in \(o.year - 1) and \(written(now)) in \(o.year), which allow \(figure(implied.lo))–\(figure(implied.hi)); the run follows the stock. Check which report counts what the plan counts",
                        at: o.location,
                        zh:
                            "\(o.year)年：净增 \(o.text)（按 \(format(stated.lo))–\(format(stated.hi)) 理解）与“\(plan.label(of: pid, in: .zh))”\(o.year - 1)年的 \(written(before, zh: true)) 和\(o.year)年的 \(written(now, zh: true)) 不相容（二者允许 \(figure(implied.lo))–\(figure(implied.hi))）；模拟以存量为准。请核对哪一份报告的口径与规划一致"
                    ))
            }
            // A stock year an identity filled counts as given too: 2,361 + 207 and 2,958 − 132
            // fill 2022 and 2023 with 2,568 and 2,826, which leave 258 for a net change of 272
            // (unchecked before stop 64).
            func given(_ o: Observation) -> Bool { o.quality == .actual || o.quality == .estimate }
            for o in plan.history(of: ind.id).points where o.measure == .value {
                guard let now = stock.points.first(where: { $0.year == o.year }),
                    let before = stock.points.first(where: { $0.year == o.year - 1 }),
                    given(now) || now.quality == .derived, given(before) || before.quality == .derived, given(o)
                else { continue }
                let implied = now.value - before.value
                let filled = [before, now].filter { $0.quality == .derived }.map { String($0.year) }
                let reach = [now, before, o].filter { $0.quality == .estimate }.reduce(0.0) {
                    $0 + Observation.estimateReach * abs($1.value)
                }
                if abs(implied - o.value) > max(1, 0.01 * abs(o.value)) + reach {
                    f.append(
                        Finding(
                            .warning, ind.id,
                            "net change \(format(o.value)) in \(o.year) contradicts '\(pid)': \(format(now.value)) − \(format(before.value)) = \(format(implied))"
                                + (filled.isEmpty
                                    ? "" : " (\(filled.joined(separator: " and ")) filled by an identity)"),
                            at: o.location,
                            zh:
                                "\(o.year)年净增 \(format(o.value)) 与“\(plan.label(of: pid, in: .zh))”不符：\(format(now.value)) − \(format(before.value)) = \(format(implied))"
                                + (filled.isEmpty ? "" : "（\(filled.joined(separator: "、"))年为恒等式推算值）")
                        ))
                }
            }
        }
        return f
    }
}
