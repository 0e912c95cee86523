import Foundation

/// Doubtful figures: implausible jumps, values far from the plan's targets, a unit cell at
/// another magnitude, shares entered as fractions.
extension PlanConsistency {
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
            // The unit after the figures: none for an indicator without one ("(1200–1500 )" until
            // 2026-12-07), joined to a percent sign.
            let figures = low == high ? format(low) : "\(format(low))–\(format(high))"
            let range = ind.unit.isEmpty ? figures : ind.unit == "%" ? figures + "%" : "\(figures) \(ind.unit)"
            f.append(
                Finding(
                    .warning, ind.id,
                    "observed \(format(o.value)) in \(o.year) is \(String(format: "%.3g", ratio)) times the plan's targets (\(range)); check the unit and the digits",
                    at: o.location,
                    zh:
                        "\(o.year)年观测值 \(format(o.value)) 是规划目标（\(range)）的 \(String(format: "%.3g", ratio)) 倍，请核对单位和数字"
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

    /// How far (a factor) a hundredfold value may lie from a share's other values and still be
    /// read as a fraction of them (`checkFractions`).
    static let fractionReach = 4.0
}
