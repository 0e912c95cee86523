import Foundation

/// Checks of the observations a reviewer would make: ranges, whole numbers, children within
/// parents, years outside the plan's data range, conflicting reports and how each was resolved,
/// implausible jumps, shares entered as fractions and net changes that contradict their stocks.
extension PlanConsistency {
    static func checkObservations(_ plan: Plan) -> [Finding] {
        var f =
            checkYears(plan) + checkConflicts(plan) + checkJumps(plan) + checkScale(plan) + checkUnits(plan)
            + checkFractions(plan)
            + checkNetChanges(plan) + checkDerived(plan) + checkSums(plan) + checkGrowths(plan)
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
            if let ind = plan.indicator(o.indicator), ind.isCount, o.value != o.value.rounded() {
                f.append(
                    Finding(
                        .warning, o.indicator,
                        "observed value \(format(o.value)) in \(o.year) is not a whole number but the unit \(ind.unit) counts",
                        at: o.location,
                        zh: "\(o.year)年观测值 \(format(o.value)) 不是整数，而单位“\(ind.unit)”是计数单位"))
            }
        }
        // Children never exceed parents in the same year (same kind and unit).
        for ind in plan.indicators {
            guard let pid = ind.parent, let parent = plan.indicator(pid), parent.kind == ind.kind,
                parent.unit == ind.unit
            else { continue }
            let ph = plan.history(of: pid)
            // As read: a child known by a bound exceeds its parent only if its least value is
            // above the parent's greatest ("≥ 180" beside a parent's mid-year count of 174, at
            // year end 174–191, can hold; it was an error).
            for o in plan.history(of: ind.id).points {
                guard let po = ph.points.first(where: { $0.year == o.year }) else { continue }
                let least = o.bounds(kind: ind.kind).map { $0.lower ?? -.infinity } ?? o.value
                let greatest = po.bounds(kind: parent.kind).map { $0.upper ?? .infinity } ?? po.value
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
                                ? "\(o.year)年\(o.quality == .derived ? "推算值" : "观测值") \(format(o.value)) 超过其上级“\(pid)”（\(format(po.value))）"
                                    + (o.quality == .derived ? "（\(o.source)）" : "")
                                : "\(o.year)年观测值 \(o.text)（至少 \(format(least))）超过其上级“\(pid)”（\(po.text)，至多 \(format(greatest))）"
                        ))
                }
            }
        }
        let exactHistories = plan.indicators.map { plan.history(of: $0.id).split(kind: $0.kind).exact }
        // Values that, as written, do not settle a target of their year: judged as probabilities.
        for (ind, exact) in zip(plan.indicators, exactHistories) {
            for (year, iv) in ind.unsettledByRounding(exact, lastYear: plan.metadata.lastYear).sorted(by: {
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
        if !none.isEmpty {
            f.append(
                Finding(
                    .info, nil,
                    "\(none.count) of \(plan.indicators.count) indicators \(none.count == 1 ? "has" : "have") no exact observation (insufficient_data unless known by bounds or assumed by a scenario): \(none.joined(separator: ", "))",
                    at: nil,
                    zh:
                        "\(plan.indicators.count) 个指标中有 \(none.count) 个没有确切观测值（除非已知界值或由情景假设，否则为数据不足）：\(none.joined(separator: "、"))"
                ))
        }
        if !one.isEmpty {
            f.append(
                Finding(
                    .info, nil,
                    "\(one.count) \(one.count == 1 ? "indicator has" : "indicators have") one exact observation (a reference-class forecast): \(one.joined(separator: ", "))",
                    at: nil, zh: "\(one.count) 个指标只有 1 个确切观测值（参考类预测）：\(one.joined(separator: "、"))"))
        }
        // Mid-year counts cap the year end before them (`Plan.yearEndCap`), where that year has no
        // exact value.
        let countYears = Dictionary(
            grouping: plan.observations.filter { $0.quality == .snapshot }, by: \.indicator
        ).mapValues { Set($0.map { $0.year - 1 }) }
        let caps: [String] = plan.indicators.filter { $0.kind == .stock }.flatMap { ind -> [String] in
            guard let years = countYears[ind.id] else { return [] }
            let exactYears = Set(plan.history(of: ind.id).split(kind: ind.kind).exact.years)
            return years.sorted().compactMap { y in
                guard plan.metadata.dataYears.contains(y), !exactYears.contains(y),
                    let cap = plan.yearEndCap(of: ind.id, year: y)
                else { return nil }
                return "\(ind.id) \(y) ≤ \(format(cap))"
            }
        }
        if !caps.isEmpty {
            f.append(
                Finding(
                    .info, nil,
                    "mid-year counts cap the year end before them (stocks only grow within a year): \(caps.joined(separator: ", "))",
                    at: nil, zh: "年中时点值为其前一年年末设了上限（存量在年内只增不减）：\(caps.joined(separator: "、"))"))
        }
        // Plan years before an indicator's first figure are drawn backwards from it (`backcast`).
        let firstPlanYear = plan.metadata.firstYear
        let backcast: [String] = plan.indicators.compactMap { ind in
            guard ind.kind != .netChange, let first = plan.history(of: ind.id).firstYear, first > firstPlanYear
            else { return nil }
            return first - 1 == firstPlanYear
                ? "\(ind.id) (\(firstPlanYear))" : "\(ind.id) (\(firstPlanYear)–\(first - 1))"
        }
        if !backcast.isEmpty {
            f.append(
                Finding(
                    .info, nil,
                    "\(backcast.count) \(backcast.count == 1 ? "indicator is" : "indicators are") first known after \(firstPlanYear); \(backcast.count == 1 ? "its" : "their") earlier plan years are drawn backwards from \(backcast.count == 1 ? "its" : "their") first figure (source 'backcast'): \(backcast.joined(separator: ", "))",
                    at: nil,
                    zh:
                        "\(backcast.count) 个指标在\(firstPlanYear)年之后才有数据，此前的规划年份由其第一个数值向前回推（来源 backcast）：\(backcast.joined(separator: "、"))"
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

    /// A change between consecutive observed years by a factor over 20 (or a drop of 95% or
    /// more): usually a unit slip (亿元 against 万元) or a typo. A stock at 0 followed by 20 or
    /// more counts too (a missing digit, or a year not yet counted). One warning per series,
    /// telling how many more jumps it has (a series alternating between two units gave one per year).
    static func checkJumps(_ plan: Plan) -> [Finding] {
        var f = [Finding]()
        for id in plan.seriesIDs {
            let pts = plan.history(of: id).points
            let stock = plan.kind(of: id) == .stock
            for (a, b) in zip(pts, pts.dropFirst()) where (a.value > 0 || (stock && a.value == 0)) && b.value >= 0 {
                if a.value == 0 && b.value < 20 { continue }
                // The plain ratio, also below 1: a share entered as a fraction (0.0383 for 3.83%)
                // before a percentage was missed while the ratio's denominator was max(a, 1).
                let ratio = a.value > 0 ? b.value / a.value : .infinity
                if ratio < 0.05 || ratio > 20 {
                    let factor = ratio.isFinite ? "× \(String(format: "%.3g", ratio))" : "from zero"
                    f.append(
                        Finding(
                            .warning, id,
                            "value moves from \(format(a.value)) in \(a.year) to \(format(b.value)) in \(b.year) (\(factor)); check the unit and the digits",
                            at: b.location,
                            zh:
                                "数值从\(a.year)年的 \(format(a.value)) 变为\(b.year)年的 \(format(b.value))（\(ratio.isFinite ? factor : "自零起")），请核对单位和数字"
                        ))
                }
            }
        }
        return firstPerSeries(f)
    }

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
                                    "\(span.lowerBound)–\(span.upperBound)年合计（\(sum.text)）与其存量“\(parent)”的变化（\(s0.year)–\(s1.year)年变化 \(format(s1.value - s0.value))）不符"
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
                                "\(span.lowerBound)–\(span.upperBound)年合计（\(outer.text)）小于其所含的合计与已知年份之和（\(format(high.total))）：其中某个数字有误"
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
                                "\(span.lowerBound)–\(span.upperBound)年合计（\(outer.text)）大于构成它的合计与已知年份之和（\(format(total))）：其中某个数字有误"
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

    /// A count or an amount observed more than `scaleReach` times above the plan's largest
    /// target for it, or below its smallest target by that factor: a unit slip (505,000 人 for
    /// talent resources counted in 万人, where the goal is 60) or a slipped digit. `checkJumps`
    /// sees such a slip only beside another observation; this sees the first figure of a series
    /// too, whose reference-class forecast would otherwise call the goal met with certainty.
    static func checkScale(_ plan: Plan) -> [Finding] {
        // Each indicator's target range once (not once per row: files run to 200,000 rows).
        var ranges = [String: (ind: Indicator, low: Double, high: Double)]()
        for ind in plan.indicators where [.stock, .flow, .level].contains(ind.kind) {
            let targets = ind.targets.values.filter { $0 > 0 }
            if let low = targets.min(), let high = targets.max(), ranges[ind.id] == nil {
                ranges[ind.id] = (ind, low, high)
            }
        }
        var f = [Finding]()
        for o in plan.observations where o.quality.isUsable && o.value > 0 {
            guard let (ind, low, high) = ranges[o.indicator] else { continue }
            let ratio = o.value > high * scaleReach ? o.value / high : o.value < low / scaleReach ? o.value / low : nil
            guard let ratio else { continue }
            let range = low == high ? format(low) : "\(format(low))–\(format(high))"
            f.append(
                Finding(
                    .warning, ind.id,
                    "observed \(format(o.value)) in \(o.year) is \(String(format: "%.3g", ratio)) times the plan's targets (\(range) \(ind.unit)); check the unit and the digits",
                    at: o.location,
                    zh:
                        "\(o.year)年观测值 \(format(o.value)) 是规划目标（\(range) \(ind.unit)）的 \(String(format: "%.3g", ratio)) 倍，请核对单位和数字"
                ))
        }
        return firstPerSeries(f)
    }

    /// The first finding of each series, told how many rows it stands for: a file in the wrong
    /// unit throughout gave one warning per row (400,000 for 200,000 rows, a 72 MB manifest).
    static func firstPerSeries(_ findings: [Finding]) -> [Finding] {
        var count = [String: Int]()
        for x in findings { count[x.indicator ?? "", default: 0] += 1 }
        var seen = Set<String>()
        return findings.compactMap { x in
            let id = x.indicator ?? ""
            guard seen.insert(id).inserted else { return nil }
            let n = count[id, default: 1] - 1
            guard n > 0 else { return x }
            return Finding(
                x.severity, x.indicator, x.message + " (and \(n) more row\(n == 1 ? "" : "s") of this series alike)",
                at: x.location, zh: x.messageZh.map { $0 + "（该序列另有 \(n) 行相同情况）" })
        }
    }

    /// A row whose `unit` cell names the series' unit at another magnitude (人 for a series in
    /// 万人, 万元 for one in 亿元): the value is then off by that factor unless it was converted
    /// and the cell left as the source wrote it. The unit is the cell up to a bracketed remark
    /// ("万人（原文380,000 talents）" is 万人); magnitudes are the leading 十, 百, 千, 万, 亿.
    /// Units of other bases (个 against 家) are not compared, but % on a series that is not a
    /// share is: a growth rate ("增长9.3%") entered as the year's level.
    static func checkUnits(_ plan: Plan) -> [Finding] {
        var f = [Finding]()
        // Each series' unit and kind once, as `Plan.unit(of:)` finds them (an indicator before a
        // driver, the first of a name), not by a search per row.
        var series = [String: (unit: String, kind: IndicatorKind)]()
        for i in plan.indicators where series[i.id] == nil { series[i.id] = (i.unit, i.kind) }
        for d in plan.drivers where series[d.id] == nil { series[d.id] = (d.unit, d.kind) }
        for o in plan.observations where o.measure == .value {
            guard let cell = o.unit, let (own, kind) = series[o.indicator] else { continue }
            let written = String(cell.prefix { $0 != "（" && $0 != "(" }).trimmingCharacters(in: .whitespaces)
            if written == "%" || written == "％", !own.contains("%"), kind != .share {
                f.append(
                    Finding(
                        .warning, o.indicator,
                        "\(o.year): the row's unit is %, but the series is counted in \(own): a growth rate in the level's row? Give growth rates measure 'growth', levels in \(own)",
                        at: o.location?.at("unit"),
                        zh:
                            "\(o.year)年：该行单位为 %，而该序列以 \(own) 计：是否把增长率填进了数值行？增长率请在 measure 列写 growth，数值请以 \(own) 填写"
                    ))
                continue
            }
            let a = magnitude(of: written), b = magnitude(of: own)
            guard !a.base.isEmpty, a.base == b.base, a.factor != b.factor else { continue }
            let ratio = max(a.factor, b.factor) / min(a.factor, b.factor)
            f.append(
                Finding(
                    .warning, o.indicator,
                    "\(o.year): the row's unit is \(written), the series' is \(own) (\(format(ratio)) times apart); give the value in \(own), or correct the unit cell if it already is",
                    at: o.location?.at("unit"),
                    zh:
                        "\(o.year)年：该行单位为 \(written)，序列单位为 \(own)（相差 \(format(ratio)) 倍）；请以 \(own) 填写数值，若已换算请更正单位栏"
                ))
        }
        return firstPerSeries(f)
    }

    /// A unit's leading magnitude characters as a factor, and the rest: 万人 is (10⁴, 人),
    /// 百万元 (10⁶, 元), 家 (1, 家).
    static func magnitude(of unit: String) -> (factor: Double, base: String) {
        let scale: [Character: Double] = ["十": 10, "百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000]
        var factor = 1.0
        var rest = Substring(unit)
        while let c = rest.first, let m = scale[c], rest.count > 1 {
            factor *= m
            rest = rest.dropFirst()
        }
        return (factor, String(rest))
    }

    /// How far (a factor) an observation may lie from the plan's targets before `checkScale`
    /// asks about its unit: real series sit within a few times their targets.
    static let scaleReach = 100.0

    /// A share observed below 1 while its targets are several percent, where a hundred times it
    /// continues the series: entered as a fraction (0.0383 for 3.83%). It continues the series
    /// when it lies within a factor of `fractionReach` of an adjacent observation of at least 1
    /// that the value itself falls short of twentyfold (the unit slip's jump); in a share without
    /// any observation of at least 1, when it lies that close to the targets. A real share that
    /// dips below 1 is not a fraction: Nicaragua's high-technology exports, 4.35% in 2011, 0.87%
    /// in 2012 and 5.35% in 2013, and Grenada's, 30.1% in 2007 down to 0.025% in 2013 (World Bank),
    /// were errors under the rule before 2026-12-01 (any value below 1 against targets of 2 and
    /// up), and `run` refused the plan; so was a first figure of 0.5% against a goal of 2%.
    static func checkFractions(_ plan: Plan) -> [Finding] {
        var f = [Finding]()
        for ind in plan.indicators where ind.kind == .share {
            guard let smallestTarget = ind.targets.values.min(), smallestTarget >= 2 else { continue }
            let points = plan.history(of: ind.id).points.sorted { $0.year < $1.year }
            let anyPercent = points.contains { $0.value >= 1 }
            func fits(_ scaled: Double, _ reference: Double) -> Bool {
                scaled >= reference / fractionReach && scaled <= reference * fractionReach
            }
            // A row that states its own range (`lower` and `upper` around the value) confirms its
            // scale: the way out for a real share below 1% beside several percent (Suriname's
            // high-tech exports, 0.2% before 8.2%), which the rule cannot tell from a slip.
            for (i, o) in points.enumerated()
            where o.value < 1
                && !(o.explicitLower.map { $0 <= o.value } ?? false && o.explicitUpper.map { $0 >= o.value } ?? false)
            {
                let scaled = 100 * o.value
                let fraction: Bool
                if anyPercent {
                    let adjacent = [i - 1, i + 1].filter { points.indices.contains($0) }.map { points[$0].value }
                    fraction = adjacent.contains { $0 >= 1 && o.value < $0 / 20 && fits(scaled, $0) }
                } else {
                    fraction = ind.targets.values.contains { fits(scaled, $0) }
                }
                guard fraction else { continue }
                f.append(
                    Finding(
                        .error, ind.id,
                        "observed \(format(o.value)) in \(o.year) looks like a fraction, but the targets are in percent (\(format(smallestTarget)) and up): enter it in percent (\(approx(scaled))), or, if it really is below 1%, confirm it with `lower` and `upper` columns giving its range in percent",
                        at: o.location,
                        zh:
                            "\(o.year)年观测值 \(format(o.value)) 像是小数，而目标以百分数计（\(format(smallestTarget)) 起）：请以百分数填写（\(approx(scaled))）；若确实低于 1%，请用 lower 和 upper 两列给出其百分数范围加以确认"
                    ))
            }
        }
        return f
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

    /// How far (a factor) a hundredfold value may lie from a share's other values and still be
    /// read as a fraction of them (`checkFractions`).
    static let fractionReach = 4.0

    /// A net change observed beside both stocks it is the difference of: they must agree
    /// (within 1%, or 1 unit). And a net change known by a bound must be possible given what is
    /// known of the two stocks (values or bounds): "净增超600家" beside 2,744 and "总量突破3000家"
    /// (at most 3,300 by the default reading) cannot both hold; the run then uses the stock's bounds.
    static func checkNetChanges(_ plan: Plan) -> [Finding] {
        var f = [Finding]()
        for ind in plan.indicators where ind.kind == .netChange {
            guard let pid = ind.parent, let pkind = plan.kind(of: pid) else { continue }
            let stock = plan.history(of: pid)
            func range(_ o: Observation, _ kind: IndicatorKind) -> (lo: Double, hi: Double) {
                let b = o.bounds(kind: kind)
                return b.map { ($0.lower ?? -.infinity, $0.upper ?? .infinity) } ?? (o.value, o.value)
            }
            for o in plan.history(of: ind.id).points where o.bounds(kind: .netChange) != nil {
                guard let now = stock.points.first(where: { $0.year == o.year }),
                    let before = stock.points.first(where: { $0.year == o.year - 1 })
                else {
                    // With no figure of the stock in the year or the year before, the run sets the
                    // stock's step that year to the net change's draw (`tieNetChangeSteps`).
                    if stock.points.isEmpty {
                        f.append(
                            Finding(
                                .info, ind.id,
                                "\(o.year): the net change \(o.text) is known only by a bound and '\(pid)' has no figure at all; the net change is forecast on its own",
                                at: o.location,
                                zh: "\(o.year)年：净增 \(o.text) 只知界值，且“\(pid)”没有任何数值；净增单独预测"))
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
                                    "\(o.year)年：净增 \(o.text) 只知界值，且“\(pid)”在\(o.year - 1)年和\(o.year)年都没有数值；每条路径上存量当年的增量取净增的抽样值，\(howZh)"
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
                let stated = (lo: tidy(range(o, .netChange).lo), hi: tidy(range(o, .netChange).hi))
                guard implied.hi < stated.lo || implied.lo > stated.hi else { continue }
                f.append(
                    Finding(
                        .warning, ind.id,
                        "\(o.year): the net change \(o.text) (read \(format(stated.lo))–\(format(stated.hi))) cannot hold with '\(pid)' \(before.text) in \(o.year - 1) and \(now.text) in \(o.year), which allow \(format(implied.lo))–\(format(implied.hi)); the run follows the stock. Check which report counts what the plan counts",
                        at: o.location,
                        zh:
                            "\(o.year)年：净增 \(o.text)（按 \(format(stated.lo))–\(format(stated.hi)) 理解）与“\(pid)”\(o.year - 1)年的 \(before.text) 和\(o.year)年的 \(now.text) 不相容（二者允许 \(format(implied.lo))–\(format(implied.hi))）；模拟以存量为准。请核对哪一份报告的口径与规划一致"
                    ))
            }
            for o in plan.history(of: ind.id).points {
                guard let now = stock.points.first(where: { $0.year == o.year }),
                    let before = stock.points.first(where: { $0.year == o.year - 1 }),
                    now.quality == .actual, before.quality == .actual, o.quality == .actual
                else { continue }
                let implied = now.value - before.value
                if abs(implied - o.value) > max(1, 0.01 * abs(o.value)) {
                    f.append(
                        Finding(
                            .warning, ind.id,
                            "net change \(format(o.value)) in \(o.year) contradicts '\(pid)': \(format(now.value)) − \(format(before.value)) = \(format(implied))",
                            at: o.location,
                            zh:
                                "\(o.year)年净增 \(format(o.value)) 与“\(pid)”不符：\(format(now.value)) − \(format(before.value)) = \(format(implied))"
                        ))
                }
            }
        }
        return f
    }
}
