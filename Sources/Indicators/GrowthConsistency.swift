/// Checks of growth rates over the previous year (`Plan.growths`) a reviewer would make.
extension PlanConsistency {
    /// A growth rate for a year after the plan is an error and one reaching before the data
    /// range a warning (neither is used); one whose two years are both known must agree with
    /// them, the values read as rounded and the bounds as stated (a warning, the rate unused: a
    /// growth at comparable prices, 按可比价格, is not the ratio of current-price values); one
    /// that bounds an open year says so (info); one with neither year known says how it is read
    /// (two forecast years tied on the paths, `PreparedScenario.tieGrowthSteps`), unless a net
    /// change of the year has the other sign (a warning, the rate unused:
    /// `Plan.growthContradictsNetChange`).
    static func checkGrowths(_ plan: Plan) -> [Finding] {
        var f = [Finding]()
        let range = plan.metadata.dataYears
        for o in plan.growths where o.quality.isUsable {
            guard !range.contains(o.year) || !range.contains(o.year - 1) else { continue }
            if o.year > range.upperBound {
                f.append(
                    Finding(
                        .error, o.indicator,
                        "growth rate for \(o.year) is after the plan's last year \(plan.metadata.lastYear); it is not used",
                        at: o.location?.at("year"),
                        zh: "\(o.year)年的增速晚于规划末年（\(plan.metadata.lastYear)年），未使用"))
            } else {
                f.append(
                    Finding(
                        .warning, o.indicator,
                        "growth rate for \(o.year) reaches before the plan's data range (\(range.lowerBound)–\(range.upperBound)); it is not used",
                        at: o.location?.at("year"),
                        zh: "\(o.year)年的增速涉及规划数据年份（\(range.lowerBound)–\(range.upperBound)年）之前的年份，未使用"))
            }
        }
        for id in plan.seriesIDs where plan.growths.contains(where: { $0.indicator == id }) {
            guard let kind = plan.kind(of: id), Plan.readsGrowth(kind) else { continue }
            let base = plan.identityHistory(of: id, asOf: nil)
            let grown = plan.growthBounds(of: id, asOf: nil, history: base)
            let interval = plan.knownIntervals(of: id, history: base, kind: kind)
            for o in plan.usableGrowths(of: id, asOf: nil) {
                let t = o.year
                guard let g = Plan.growthFactors(o) else {
                    f.append(
                        Finding(
                            .warning, id,
                            "growth rate for \(t) (\(o.text)%) leaves no positive value; it is not used",
                            at: o.location,
                            zh: "\(t)年的增速（\(o.text)%）使数值不再为正，未使用"))
                    continue
                }
                if let net = plan.growthContradictsNetChange(o) {
                    let stated = Plan.growthText(g)
                    let read =
                        net.hi == .infinity
                        ? "≥ \(figure(net.lo))"
                        : net.lo == -.infinity ? "≤ \(figure(net.hi))" : "\(figure(net.lo))–\(figure(net.hi))"
                    f.append(
                        Finding(
                            .warning, id,
                            "growth rate \(o.text)% for \(t) (\(stated)) cannot hold with the net change '\(net.id)' of \(t) (read \(read)): with no figure of '\(id)' in \(t - 1) or \(t), the step x(\(t - 1))·growth has the growth's sign; it is not used, and the stock's step is the net change's. Check which report counts what the plan counts",
                            at: o.location,
                            zh:
                                "\(t)年增速 \(o.text)%（\(stated)）与\(t)年的“\(plan.label(of: net.id, in: .zh))”（按 \(read) 理解）不相容：“\(plan.label(of: id, in: .zh))”在\(t - 1)年和\(t)年都没有数值，存量当年的增量 x(\(t - 1))×增速 与增速同号；该增速未使用，存量当年的增量取净增。请核对哪一份报告的口径与规划一致"
                        ))
                    continue
                }
                if let a = interval[t - 1], let b = interval[t] {
                    let (least, most) = Plan.ratioRange(a, b)
                    guard most < g.lower || least > g.upper else { continue }
                    let stated = Plan.growthText(g)
                    let message: String, messageZh: String
                    if a.exact && b.exact, let va = base.points.first(where: { $0.year == t - 1 }),
                        let vb = base.points.first(where: { $0.year == t }), va.value > 0
                    {
                        let implied = (vb.value / va.value - 1) * 100
                        message =
                            "growth rate \(o.text)% for \(t) (\(stated)) contradicts the values \(format(va.value)) (\(t - 1)) → \(format(vb.value)) (\(t)), a change of \(approx(implied, significant: 3))%; it is not used (a growth at comparable prices, 按可比价格, is not the change of values in current prices: mark such a row not_comparable)"
                        messageZh =
                            "\(t)年增速 \(o.text)%（\(stated)）与数值 \(format(va.value))（\(t - 1)年）→ \(format(vb.value))（\(t)年）的变化 \(approx(implied, significant: 3))% 不符，未使用（按可比价格计算的增速不等于现价数值的变化：此类行请标为 not_comparable）"
                    } else {
                        message =
                            "growth rate \(o.text)% for \(t) (\(stated)) cannot hold with what \(t - 1) and \(t) are known to be (a change of \(approx((least - 1) * 100, significant: 3))% to \(approx((most - 1) * 100, significant: 3))%); it is not used"
                        messageZh =
                            "\(t)年增速 \(o.text)%（\(stated)）与\(t - 1)年和\(t)年的已知范围（变化 \(approx((least - 1) * 100, significant: 3))% 至 \(approx((most - 1) * 100, significant: 3))%）不相容，未使用"
                    }
                    f.append(Finding(.warning, id, message, at: o.location, zh: messageZh))
                } else if let b = grown.first(where: { $0.year == t || $0.year == t - 1 }),
                    let lo = b.explicitLower, let hi = b.explicitUpper
                {
                    // A money value's growth in a bulletin is usually real (按可比价格): read as
                    // the change of current-price values it misplaces the year by the inflation.
                    let unit = plan.unit(of: id) ?? ""
                    let money = unit.contains("元")
                    f.append(
                        Finding(
                            money ? .warning : .info, id,
                            "growth rate \(o.text)% for \(t) bounds \(b.year) within [\(approx(lo)), \(approx(hi))] (\(b.source))"
                                + (money
                                    ? "; a growth of a value in \(unit) is usually stated at comparable prices (按可比价格, real), which this reading does not deflate: if it is, mark the row not_comparable"
                                    : ""),
                            at: o.location,
                            zh: "\(t)年增速 \(o.text)% 将\(b.year)年限定在 [\(approx(lo)), \(approx(hi))]"
                                + (money
                                    ? "；以\(unit)计的数值的增速通常按可比价格（实际）公布，此处未作平减：若如此，请将该行标为 not_comparable"
                                    : "")))
                } else {
                    f.append(
                        Finding(
                            .info, id,
                            "growth rate \(o.text)% for \(t) links \(t - 1) and \(t), neither of which has a value or bounds: where both are forecast, \(t) follows \(t - 1) at that rate on every path; otherwise it is not used",
                            at: o.location,
                            zh:
                                "\(t)年增速 \(o.text)% 连接\(t - 1)年和\(t)年，两年都没有数值或界值：若两年都在预测中，每条路径上\(t)年按该增速接续\(t - 1)年；否则不使用"
                        ))
                }
            }
        }
        return f
    }
}

extension Plan {
    /// Each year of `history` as an interval (`knownIntervals(_:kind:)`), a year known by
    /// bounds also capped by the next year's mid-year count (`yearEndCap`) unless the two
    /// contradict, as the run draws it (`PreparedScenario.drawBounded`). Until 2026-12-05 the
    /// cap was left out here: a growth of 3% for 2024 beside 2023 ≤ 3,072 (the mid-2024 count)
    /// and 2024 ≥ 3,300 went unwarned while the run could not keep it (bound_fuzz seed 5606,
    /// trial 147).
    func knownIntervals(of id: String, history: History, kind: IndicatorKind) -> [Int: (
        lo: Double, hi: Double, exact: Bool
    )] {
        var out = Plan.knownIntervals(history, kind: kind)
        for (year, i) in out where !i.exact {
            if let cap = yearEndCap(of: id, year: year), cap >= i.lo, cap < i.hi { out[year]?.hi = cap }
        }
        return out
    }

    /// Each year of `history` as an interval: an exact value as rounded, a bound as stated.
    static func knownIntervals(_ history: History, kind: IndicatorKind) -> [Int: (lo: Double, hi: Double, exact: Bool)]
    {
        var out = [Int: (lo: Double, hi: Double, exact: Bool)]()
        for p in history.points {
            if let b = p.bounds(kind: kind) {
                out[p.year] = (b.lower ?? 0, b.upper ?? .infinity, false)
            } else {
                let r = p.roundingInterval(kind: kind) ?? (p.value, p.value)
                out[p.year] = (r.lower, r.upper, true)
            }
        }
        return out
    }

    /// The ratios x(t)/x(t − 1) two years' intervals allow: [b̲/ā, b̄/a̲].
    static func ratioRange(_ a: (lo: Double, hi: Double, exact: Bool), _ b: (lo: Double, hi: Double, exact: Bool))
        -> (least: Double, most: Double)
    {
        (a.hi > 0 ? b.lo / a.hi : 0, a.lo > 0 ? b.hi / a.lo : .infinity)
    }

    /// Whether the growth row `o` contradicts what its two years are known to be (exact values
    /// as rounded, bounds as stated): `check` warns of it and the rate is not used
    /// (`PlanConsistency.checkGrowths`, the same test for one row).
    public func growthContradictsKnownYears(_ o: Observation, asOf: Int? = nil) -> Bool {
        guard let kind = kind(of: o.indicator), let g = Plan.growthFactors(o) else { return true }
        let interval = knownIntervals(
            of: o.indicator, history: identityHistory(of: o.indicator, asOf: asOf), kind: kind)
        guard let a = interval[o.year - 1], let b = interval[o.year] else { return false }
        let (least, most) = Plan.ratioRange(a, b)
        return most < g.lower || least > g.upper
    }

    /// Whether `check` says the growth row `o` is not used because other evidence contradicts
    /// it: its two years' known values or bounds (`growthContradictsKnownYears`) or, with
    /// neither year known, its year's net change (`growthContradictsNetChange`). The run leaves
    /// such a rate out everywhere (`PlanModel.build`): until 2026-12-08 a rate against the two
    /// bounded years was still held in their draws (`drawBounded`), and "增长−11%" beside 2024 ≥
    /// 3,300 and a net change ≥ 387 in 2025 spread that net change to 167–645, below its own
    /// bound, while `check` called the rate unused.
    public func growthIsUnused(_ o: Observation, asOf: Int? = nil) -> Bool {
        growthContradictsKnownYears(o, asOf: asOf) || growthContradictsNetChange(o, asOf: asOf) != nil
    }
}
