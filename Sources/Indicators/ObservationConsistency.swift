import Foundation

/// Checks of the observations a reviewer would make: ranges, whole numbers, children within
/// parents, years outside the plan's data range, conflicting reports and how each was resolved.
/// Doubtful figures (jumps, units, fractions) are in ObservationConsistency+Figures.swift, what
/// the identities say in +Identities, sums over years in +Sums.
extension PlanConsistency {
    static func checkObservations(_ plan: Plan) -> [Finding] {
        var f =
            checkYears(plan) + checkConflicts(plan) + checkJumps(plan) + checkScale(plan) + checkUnits(plan)
            + checkFractions(plan)
            + checkNetChanges(plan) + checkNetChangeChains(plan) + checkDerived(plan) + checkSums(plan)
            + checkGrowths(plan)
        let ids = Set(plan.seriesIDs)
        for o in plan.observations {
            if !ids.contains(o.indicator) {
                f.append(
                    Finding(
                        .error, o.indicator, "observation for an unknown indicator", at: o.location,
                        zh: "观测值所属的指标不在本规划中"))
                continue
            }
            if let kind = plan.kind(of: o.indicator), !kind.admits(o.value) {
                let range = kind == .share ? "inside (0, 100)" : "≥ 0"
                f.append(
                    Finding(
                        .error, o.indicator,
                        "observed value \(format(o.value)) in \(o.year) is outside the range of a \(kind.rawValue) (\(range))",
                        at: o.location,
                        zh:
                            "\(o.year)年观测值 \(format(o.value)) 超出\(PlanConsistency.kindZh(kind))的取值范围（\(kind == .share ? "0 到 100 之间" : "≥ 0")）"
                    ))
            }
            // A mid-year count of a stock is read as a floor for its year end (the plan's stocks
            // grow). For a stock the plan means to cut, that reading works against the plan:
            // say so, and how to state the bounds instead.
            if o.quality == .snapshot, let ind = plan.indicator(o.indicator), ind.kind == .stock,
                ind.direction == .decrease, o.explicitLower == nil
            {
                f.append(
                    Finding(
                        .warning, o.indicator,
                        "the mid-year count \(format(o.value)) in \(o.year) is read as a floor for the year end (stocks are read as growing within a year), but the plan means to cut this stock: give the row lower and upper for the year end's range",
                        at: o.location,
                        zh:
                            "\(o.year)年的年中数 \(format(o.value)) 被视为年末的下限（存量按年内增长理解），而规划要求该存量减少：请在该行给出年末范围的 lower 和 upper"
                    ))
            }
            if let ind = plan.indicator(o.indicator), ind.isCount, o.value != o.value.rounded() {
                f.append(
                    Finding(
                        .warning, o.indicator,
                        "observed value \(format(o.value)) in \(o.year) is not a whole number but the unit \(ind.unit) counts",
                        at: o.location,
                        zh: "\(o.year)年观测值 \(format(o.value)) 不是整数，而单位“\(ind.unit)”是计数单位"))
            }
            // Stated bounds of a count that hold no whole number cannot all hold: a path must
            // break one of them (a bound stated at one end only is read to reach a whole number,
            // `PlanModel.wholeCountBounds`).
            if let ind = plan.indicator(o.indicator), ind.isCount, let lo = o.explicitLower, let hi = o.explicitUpper,
                lo <= hi, wholeNumbers(from: lo, to: hi) == nil
            {
                f.append(
                    Finding(
                        .error, o.indicator,
                        "bounds \(format(lo))–\(format(hi)) in \(o.year) hold no whole number, but the unit \(ind.unit) counts",
                        at: o.location,
                        zh: "\(o.year)年的界值 \(format(lo))–\(format(hi)) 之间没有整数，而单位“\(ind.unit)”是计数单位"))
            }
        }
        // Children never exceed parents in the same year (same kind and unit).
        for ind in plan.indicators {
            guard let pid = ind.parent, let parent = plan.indicator(pid), parent.kind == ind.kind,
                parent.unit == ind.unit
            else { continue }
            let ph = plan.history(of: pid)
            // What the child's net changes of later years leave of each year (`netChangeChain`),
            // and the parent's own.
            let chain = netChangeChain(of: ind.id, in: plan).intervals
            let parentChain = netChangeChain(of: pid, in: plan).intervals
            // As read: a child known by a bound exceeds its parent only if its least value is
            // above the parent's greatest ("≥ 180" beside a parent's mid-year count of 174, at
            // year end 174–191, can hold; it was an error).
            for o in plan.history(of: ind.id).points {
                let least = o.bounds(kind: ind.kind).map { $0.lower ?? -.infinity } ?? o.value
                // The least its chain leaves it (its own least where the chain says nothing more).
                let chained = max(least, chain[o.year]?.lo ?? least)
                // A parent's count in the middle of the next year caps its year end (stocks grow
                // within a year, as the run reads it): a child above that cap leaves no room
                // (a warning: the cap is the run's reading, not a report; stop 64).
                // Its chain counts too: "≤ 2,102" whose later reports leave it at least 2,102,
                // beside a parent counted 2,097 half a year later (stop 65).
                var capped = false
                if let cap = plan.yearEndCap(of: pid, year: o.year), chained > cap,
                    ph.points.first(where: { $0.year == o.year }).map({ po in
                        chained <= (po.bounds(kind: parent.kind).map { $0.upper ?? .infinity } ?? po.value)
                    }) ?? true
                {
                    let atLeast =
                        chained > least
                        ? " (at least \(figure(chained)) with the net changes reported for later years)"
                        : o.bounds(kind: ind.kind) == nil ? "" : " (at least \(format(least)))"
                    let atLeastZh =
                        chained > least
                        ? "（按其后各年报告的净增至少 \(figure(chained))）"
                        : o.bounds(kind: ind.kind) == nil ? "" : "（至少 \(format(least))）"
                    f.append(
                        Finding(
                            .warning, ind.id,
                            "\(written(o)) in \(o.year)\(atLeast) is more than its parent '\(pid)' can hold at the end of \(o.year): its count in the middle of \(o.year + 1) is \(format(cap)), and the run reads a stock's year end as at most its count half a year later. The run keeps both reports; check which counts what the plan counts",
                            at: o.location,
                            zh:
                                "\(o.year)年的 \(written(o, zh: true))\(atLeastZh)超过其上级“\(plan.label(of: pid, in: .zh))”\(o.year)年末可能的数值：上级\(o.year + 1)年年中的数值为 \(format(cap))，而模拟按存量年末不超过其半年后的数值理解。模拟保留两份报告；请核对哪一份的口径与规划一致"
                        ))
                    capped = true
                }
                // The parent's chain with its own net changes may leave it less than its own
                // reading: a warning, as the child's chain below. A parent at most 2,553 in 2021
                // with "净增不超344" in 2022 holds at most 2,897 in 2022, beside a child "at least
                // 2,940" and the parent's mid-year count of 2,897 (stop 65: the run kept the child,
                // and the parent's net change left its report).
                if !capped, let parentMost = parentChain[o.year]?.hi, chained > parentMost,
                    ph.points.first(where: { $0.year == o.year }).map({ po in
                        chained <= (po.bounds(kind: parent.kind).map { $0.upper ?? .infinity } ?? po.value)
                    }) ?? true
                {
                    let atLeast =
                        chained > least
                        ? "at least \(figure(chained)) with the net changes reported for later years"
                        : "at least \(format(least))"
                    let atLeastZh = chained > least ? "按其后各年报告的净增至少 \(figure(chained))" : "至少 \(format(least))"
                    f.append(
                        Finding(
                            .warning, ind.id,
                            "\(written(o)) in \(o.year) (\(atLeast)) is more than its parent '\(pid)' can hold with its own net changes: at most \(figure(parentMost)) in \(o.year). The run keeps the child's reports; check which report counts what the plan counts",
                            at: o.location,
                            zh:
                                "\(o.year)年的 \(written(o, zh: true))（\(atLeastZh)）超过其上级“\(plan.label(of: pid, in: .zh))”按其自身净增所能达到的数值：\(o.year)年至多 \(figure(parentMost))。模拟保留本指标的报告；请核对哪一份报告的口径与规划一致"
                        ))
                    continue
                }
                guard let po = ph.points.first(where: { $0.year == o.year }) else { continue }
                let greatest = po.bounds(kind: parent.kind).map { $0.upper ?? .infinity } ?? po.value
                // The child's chain with its net changes may leave it more than its own reading:
                // a warning (the chain rests on the default reading of bounds). Until stop 64 a
                // child 1,000–1,300 whose net changes left it at least 1,240 under a parent of
                // 1,100 passed, and the paths broke the net changes' reports.
                if let narrowed = chain[o.year]?.lo, least <= greatest, narrowed > greatest {
                    f.append(
                        Finding(
                            .warning, ind.id,
                            "\(written(o)) in \(o.year) must be at least \(figure(narrowed)) with the net changes reported for later years, more than its parent '\(pid)' holds (\(po.text), at most \(format(greatest))). The run keeps the parent and the child's own bounds; check which report counts what the plan counts",
                            at: o.location,
                            zh:
                                "\(o.year)年的 \(written(o, zh: true)) 按其后各年报告的净增至少应为 \(figure(narrowed))，超过其上级“\(plan.label(of: pid, in: .zh))”（\(po.text)，至多 \(format(greatest))）。模拟保留上级与本指标自身的界值；请核对哪一份报告的口径与规划一致"
                        ))
                }
                if least > greatest {
                    let exact = o.bounds(kind: ind.kind) == nil && po.bounds(kind: parent.kind) == nil
                    f.append(
                        Finding(
                            .error, ind.id,
                            exact
                                ? "\(o.quality == .derived ? "derived" : "observed") \(format(o.value)) in \(o.year) exceeds its parent '\(pid)' (\(format(po.value)))"
                                    + (o.quality == .derived ? " (\(o.source))" : "")
                                : "observed \(o.text) in \(o.year) (at least \(format(least))) exceeds its parent '\(pid)' (\(po.text), at most \(format(greatest)))",
                            at: o.location,
                            zh: exact
                                ? "\(o.year)年\(o.quality == .derived ? "推算值" : "观测值") \(format(o.value)) 超过其上级“\(plan.label(of: pid, in: .zh))”（\(format(po.value))）"
                                    + (o.quality == .derived ? "（\(o.source)）" : "")
                                : "\(o.year)年观测值 \(o.text)（至少 \(format(least))）超过其上级“\(plan.label(of: pid, in: .zh))”（\(po.text)，至多 \(format(greatest))）"
                        ))
                }
            }
        }
        let exactHistories = plan.indicators.map { plan.history(of: $0.id).split(kind: $0.kind).exact }
        // Values that, as written, do not settle a target of their year: judged as probabilities.
        for (ind, exact) in zip(plan.indicators, exactHistories) {
            for (year, iv) in ind.unsettledByRounding(
                exact, planYears: plan.metadata.firstYear...plan.metadata.lastYear
            ).sorted(by: {
                $0.key < $1.key
            }) {
                let o = exact.points.first { $0.year == year }
                let given = o?.explicitLower != nil || o?.explicitUpper != nil
                f.append(
                    Finding(
                        .info, ind.id,
                        "\(year): \(o?.text ?? "") \(given ? "with its lower/upper" : o?.quality == .estimate ? "(an estimate, ±2% or its rounding)" : "as written") stands for \(format(iv.lower))–\(format(iv.upper)), which does not settle the year's target; it is judged as a probability\(given ? "" : " (give lower/upper to narrow it)")",
                        at: o?.location,
                        zh:
                            "\(year)年：\(o?.text ?? "") \(given ? "连同其上下限" : o?.quality == .estimate ? "（估计值，±2% 或其舍入）" : "按所写精度")代表 \(format(iv.lower))–\(format(iv.upper))，不能判定当年目标是否达成；按概率评估\(given ? "" : "（给出 lower/upper 可缩小范围）")"
                    ))
            }
        }
        // Evidence summary: indicators without an exact value get no forecast; with one, a
        // reference-class forecast.
        let exactCounts = zip(plan.indicators, exactHistories).map { ($0.id, $1.count) }
        let none = exactCounts.filter { $0.1 == 0 }.map(\.0), one = exactCounts.filter { $0.1 == 1 }.map(\.0)
        // Chinese lists name indicators as a Chinese reader knows them, apart by "；" (a name may
        // hold "、": 国际、国家、行业标准); English ones by id.
        func namesZh(_ ids: [String]) -> String { ids.map { plan.label(of: $0, in: .zh) }.joined(separator: "；") }
        if !none.isEmpty {
            f.append(
                Finding(
                    .info, nil,
                    "\(none.count) of \(plan.indicators.count) indicators \(none.count == 1 ? "has" : "have") no exact observation (insufficient_data unless known by bounds or assumed by a scenario): \(none.joined(separator: ", "))",
                    at: nil,
                    zh:
                        "\(plan.indicators.count) 个指标中有 \(none.count) 个没有确切观测值（除非已知界值或由情景假设，否则为数据不足）：\(namesZh(none))"
                ))
        }
        if !one.isEmpty {
            f.append(
                Finding(
                    .info, nil,
                    "\(one.count) \(one.count == 1 ? "indicator has" : "indicators have") one exact observation (a reference-class forecast): \(one.joined(separator: ", "))",
                    at: nil, zh: "\(one.count) 个指标只有 1 个确切观测值（参考类预测）：\(namesZh(one))"))
        }
        // Mid-year counts cap the year end before them (`Plan.yearEndCap`), where that year has no
        // exact value.
        let countYears = Dictionary(
            grouping: plan.observations.filter { $0.quality == .snapshot }, by: \.indicator
        ).mapValues { Set($0.map { $0.year - 1 }) }
        let caps: [(en: String, zh: String)] = plan.indicators.filter { $0.kind == .stock }.flatMap {
            ind -> [(en: String, zh: String)] in
            guard let years = countYears[ind.id] else { return [] }
            let exactYears = Set(plan.history(of: ind.id).split(kind: ind.kind).exact.years)
            return years.sorted().compactMap { y in
                guard plan.metadata.dataYears.contains(y), !exactYears.contains(y),
                    let cap = plan.yearEndCap(of: ind.id, year: y)
                else { return nil }
                return ("\(ind.id) \(y) ≤ \(format(cap))", "\(plan.label(of: ind.id, in: .zh)) \(y)年 ≤ \(format(cap))")
            }
        }
        if !caps.isEmpty {
            f.append(
                Finding(
                    .info, nil,
                    "mid-year counts cap the year end before them (stocks only grow within a year): \(caps.map(\.en).joined(separator: ", "))",
                    at: nil,
                    zh: "年中时点值为其前一年年末设了上限（存量在年内只增不减）：\(caps.map(\.zh).joined(separator: "；"))"))
        }
        // Plan years before an indicator's first figure are drawn backwards from it (`backcast`).
        let firstPlanYear = plan.metadata.firstYear
        let backcast: [(en: String, zh: String)] = plan.indicators.compactMap { ind in
            guard ind.kind != .netChange, let first = plan.history(of: ind.id).firstYear, first > firstPlanYear
            else { return nil }
            let years = first - 1 == firstPlanYear ? "\(firstPlanYear)" : "\(firstPlanYear)–\(first - 1)"
            return ("\(ind.id) (\(years))", "\(plan.label(of: ind.id, in: .zh))（\(years)年）")
        }
        if !backcast.isEmpty {
            f.append(
                Finding(
                    .info, nil,
                    "\(backcast.count) \(backcast.count == 1 ? "indicator is" : "indicators are") first known after \(firstPlanYear); \(backcast.count == 1 ? "its" : "their") earlier plan years are drawn backwards from \(backcast.count == 1 ? "its" : "their") first figure (source 'backcast'): \(backcast.map(\.en).joined(separator: ", "))",
                    at: nil,
                    zh:
                        "\(backcast.count) 个指标在\(firstPlanYear)年之后才有数据，此前的规划年份由其第一个数值向前回推（来源 backcast）：\(backcast.map(\.zh).joined(separator: "；"))"
                ))
        }
        return f
    }

    /// Observations and sums over years after the plan's last year are errors (they would
    /// otherwise decide a goal; a run warns and leaves them out); those before the data range are
    /// ignored, with a warning.
    public static func checkYears(_ plan: Plan) -> [Finding] {
        let range = plan.metadata.dataYears
        var f = [Finding]()
        for o in plan.observations where !range.contains(o.year) {
            if o.year > range.upperBound {
                f.append(
                    Finding(
                        .error, o.indicator,
                        "observation for \(o.year) is after the plan's last year \(plan.metadata.lastYear); it is not used",
                        at: o.location?.at("year"),
                        zh: "\(o.year)年的观测值晚于规划末年（\(plan.metadata.lastYear)年），未使用"))
            } else {
                f.append(
                    Finding(
                        .warning, o.indicator,
                        "observation for \(o.year) is before the plan's data range (\(range.lowerBound)–\(range.upperBound)); it is not used",
                        at: o.location?.at("year"),
                        zh: "\(o.year)年的观测值早于规划的数据年份（\(range.lowerBound)–\(range.upperBound)年），未使用"))
            }
        }
        for o in plan.sums where o.quality.isUsable {
            let since = o.since!
            if o.year > range.upperBound {
                f.append(
                    Finding(
                        .error, o.indicator,
                        "sum over \(since)–\(o.year) ends after the plan's last year \(plan.metadata.lastYear); it is not used",
                        at: o.location?.at("year"),
                        zh: "\(since)–\(o.year)年的合计晚于规划末年（\(plan.metadata.lastYear)年），未使用"))
            } else if since < range.lowerBound {
                f.append(
                    Finding(
                        .warning, o.indicator,
                        "sum over \(since)–\(o.year) starts before the plan's data range (\(range.lowerBound)–\(range.upperBound)); it is not used",
                        at: o.location?.at("since"),
                        zh: "\(since)–\(o.year)年的合计早于规划的数据年份（\(range.lowerBound)–\(range.upperBound)年），未使用"))
            }
        }
        return f
    }

    /// Reports of one year listed by name in a finding; the rest are counted.
    static let listedReports = 8

    /// Every (series, year) with more than one report of its value, or of its growth rate: which
    /// is used, and why.
    static func checkConflicts(_ plan: Plan) -> [Finding] {
        var f = [Finding]()
        var groups = [String: [Observation]]()
        var order = [String]()
        for o in plan.observations + plan.growths {
            let key = "\(o.indicator)\u{1}\(o.year)\u{1}\(o.measure.rawValue)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(o)
        }
        for key in order {
            guard let rows = groups[key], rows.count > 1, let first = rows.first else { continue }
            let chosen = ObservationSelection.select(rows).first
            // At most `listedReports` are listed: 50,000 copies of one row made a 1.4 MB line.
            let listed = rows.prefix(Self.listedReports).map { o in
                "\(o.text) (\(o.quality.rawValue)\(o.location.map { ", line \($0.line)" } ?? ""))"
            }
            let reports =
                listed.joined(separator: "; ")
                + (rows.count > listed.count ? "; … and \(rows.count - listed.count) more" : "")
            let verdict =
                chosen.map { c in
                    "uses \(c.text)\(c.location.map { " from line \($0.line)" } ?? ""): \(ObservationSelection.reason(c, among: rows))"
                } ?? "none is usable for the year"
            let listedZh = rows.prefix(Self.listedReports).map { o in
                "\(o.text)（\(o.quality.rawValue)\(o.location.map { "，第 \($0.line) 行" } ?? "")）"
            }
            let reportsZh =
                listedZh.joined(separator: "；")
                + (rows.count > listedZh.count ? "；……另有 \(rows.count - listedZh.count) 条" : "")
            let verdictZh =
                chosen.map { c in
                    "采用\(c.location.map { "第 \($0.line) 行的" } ?? "") \(c.text)：\(ObservationSelection.reason(c, among: rows, zh: true))"
                } ?? "没有一条可用于该年"
            f.append(
                Finding(
                    .info, first.indicator,
                    "\(first.year)\(first.measure == .growth ? "'s growth rate" : "") has \(rows.count) reports: \(reports); \(verdict)",
                    at: first.location,
                    zh:
                        "\(first.year)年\(first.measure == .growth ? "增速" : "")有 \(rows.count) 条报告：\(reportsZh)；\(verdictZh)"
                ))
            // An exact value that another report's stated bound excludes ("超3000" beside 2744):
            // one of the two is wrong, or they count different things.
            guard let c = chosen, let kind = plan.kind(of: c.indicator), c.bounds(kind: kind) == nil else { continue }
            var excluded = 0
            for r in rows where r != c {
                let below = r.quality == .lowerBound && c.value < (r.explicitLower ?? r.value)
                let above = r.quality == .upperBound && c.value > (r.explicitUpper ?? r.value)
                guard below || above else { continue }
                excluded += 1
                // The first few by line, then one count (20,000 such rows gave 20,000 warnings).
                if excluded > Self.listedReports { continue }
                f.append(
                    Finding(
                        .warning, c.indicator,
                        "\(c.year): the value used, \(c.text), is \(below ? "below the lower" : "above the upper") bound \(r.text) of line \(r.location.map { String($0.line) } ?? "?"); check which one counts what the plan counts",
                        at: r.location,
                        zh:
                            "\(c.year)年：采用的数值 \(c.text) \(below ? "低于" : "高于")第 \(r.location.map { String($0.line) } ?? "?") 行所述的\(below ? "下限" : "上限") \(r.text)；请核对哪一个口径与规划一致"
                    ))
            }
            if excluded > Self.listedReports {
                f.append(
                    Finding(
                        .warning, c.indicator,
                        "\(c.year): \(excluded - Self.listedReports) more reports whose bounds exclude the value used, \(c.text)",
                        at: first.location,
                        zh: "\(c.year)年：另有 \(excluded - Self.listedReports) 条报告的上下限排除了采用的数值 \(c.text)"))
            }
        }
        return f
    }
}
