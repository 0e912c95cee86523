import IO
import Indicators

/// Whether a plan's headline goal was met, as recorded after the plan ended (for
/// `plancast evaluate`), with its source.
public struct GoalOutcome: Sendable, Equatable {
    public let indicator: String
    public let met: Bool
    /// The final value reported, when given.
    public let value: Double?
    public let source: String
    public let location: SourceLocation
}

/// Reads an outcomes table: columns `indicator,met` (the indicator by id or by its name in
/// indicators.csv) and optionally `value`, `source_title`,
/// `source_url`, `quote`, `note`. `met` is 1/0, yes/no, true/false, met/not_met or 是/否. Each
/// indicator must be one of the plan's, with a headline goal, and appear once.
public enum OutcomesLoader {
    public static func load(path: String, plan: Plan, encoding: TextEncoding = .auto) throws(InputError)
        -> [String: GoalOutcome]
    {
        try load(table: try CSVTable(path: path, encoding: encoding), plan: plan)
    }

    /// Outcomes from a table already read.
    public static func load(table t: CSVTable, plan: Plan) throws(InputError) -> [String: GoalOutcome] {
        let path = t.file
        let ic = try t.columnIndex("indicator"), mc = try t.columnIndex("met")
        let vc = t.header.firstIndex(of: "value"), sc = t.header.firstIndex(of: "source_title")
        let ids = plan.indicators.map(\.id)
        // An indicator may be named as indicators.csv names it, as in an observations file.
        let names = PlanLoader.seriesNames(plan.indicators.map { ($0.id, [$0.nameZh, $0.nameEn]) })
        let driverNames = PlanLoader.seriesNames(plan.drivers.map { ($0.id, [$0.nameZh, $0.nameEn]) })
        var out = [String: GoalOutcome]()
        for (k, row) in t.rows.enumerated() {
            let line = t.lines[k]
            let written = row[ic].trimmingWhitespace()
            let id = plan.indicator(written) == nil ? names[written] ?? written : written
            // A driver (GDP, by id or name) has no goal to have met: said as such, not "not an
            // indicator of the plan" about a series the plan holds (2026-12-05).
            let driver = driverNames[written] ?? written
            if plan.indicator(id) == nil, plan.drivers.contains(where: { $0.id == driver }) {
                throw InputError(
                    file: path, line: line, column: ic + 1,
                    "'\(written)' is a driver of the plan, not an indicator: it has no goal to have met",
                    hint: "give outcomes of headline goals only", zh: "“\(written)”是本规划的驱动因素，不是指标：没有可达成的目标",
                    hintZh: "只给出总目标的结果")
            }
            guard let ind = plan.indicator(id) else {
                let near = nearest(to: id, among: ids + names.keys.sorted())
                throw InputError(
                    file: path, line: line, column: ic + 1, "'\(id)' is not an indicator of the plan",
                    hint: near.map { n in "did you mean '\(n)'\(names[n].map { " (\($0))" } ?? "")?" },
                    zh: "“\(id)”不是本规划的指标",
                    hintZh: near.map { n in "是否想写“\(n)”\(names[n].map { "（\($0)）" } ?? "")？" })
            }
            guard ind.headline != nil else {
                throw InputError(
                    file: path, line: line, column: ic + 1, "'\(written)' has no headline goal to have met",
                    hint: "give outcomes of headline goals only", zh: "“\(written)”没有总目标，谈不上是否达成",
                    hintZh: "只给出总目标的结果")
            }
            guard out[id] == nil else {
                throw InputError(
                    file: path, line: line, column: ic + 1, "'\(written)' appears twice", zh: "“\(written)”出现了两次")
            }
            guard let met = met(row[mc]) else {
                throw InputError(
                    file: path, line: line, column: mc + 1,
                    "met is \(InputError.excerpt(row[mc])): neither met nor not met",
                    hint: "write 1 (met) or 0 (not met); yes/no, met/not_met and 是/否 also work",
                    zh: "met 列是“\(row[mc])”：既不是达成也不是未达成",
                    hintZh: "请写 1（达成）或 0（未达成）；yes/no、met/not_met 和 是/否 也可以")
            }
            var value: Double?
            if let vc, !isNoValueMark(row[vc]) {
                guard let v = parseNumber(row[vc]) else {
                    throw InputError(
                        file: path, line: line, column: vc + 1, "value \(InputError.excerpt(row[vc])) is not a number",
                        hint: ValueWording.cellHint(row[vc])
                            ?? "write the final value as a number, or leave it blank",
                        zh: "数值“\(row[vc])”不是数字",
                        hintZh: ValueWording.cellHint(row[vc], chinese: true) ?? "请把最终值写成数字，或留空")
                }
                // In the indicator's range, as an observation must be: a negative GDP or a share
                // of 150 was scored as written (2026-12-03).
                try ObservationsLoader.checkRange(
                    v, text: row[vc], id: id, named: written, kinds: [id: ind.kind], t, line: line, column: vc + 1)
                value = v
                // A goal judged on the final value (a level, or a growth or change goal's implied
                // level) is settled by it: a `met` that the row's own value contradicts would
                // score every forecast against the wrong outcome. The value is read as written:
                // 2439 stands for 2438.5–2439.5, which can meet a level of 2439.08. An every-year
                // level met must be met by any year's value given (a `met` with a value that
                // misses it is a contradiction whichever year, or the lowest, it reports), while a
                // `not met` says nothing of the year given. A cumulative goal's value may be the
                // total or one year's flow; of a flow (never negative) the total is at least any
                // year's, so a value that alone reaches an increase goal settles it as met, and
                // one above a decrease goal as missed, whichever it reports (Σₜ xₜ ≥ xₛ for xₜ ≥ 0).
                let settles = { (g: HeadlineGoal) in
                    switch g.rule {
                    case .final: true
                    case .everyYear: g.form == .level && met
                    case .cumulative: g.form == .level && ind.kind == .flow && met != (ind.direction == .increase)
                    }
                }
                if let goal = ind.headline, settles(goal), let level = plan.goalLevel(goal, of: id) {
                    // Read as an observation's figure is read (`Observation.writtenHalfUnit`).
                    let written = row[vc].trimmingWhitespace()
                    let half = Observation(indicator: id, year: plan.metadata.lastYear, value: v, text: written)
                        .writtenHalfUnit
                    var claimed = ind.direction == .increase ? (met ? v + half : v - half) : (met ? v - half : v + half)
                    // A whole count lies on a whole number of that interval: "271" 家 is 271, so
                    // `not met` beside it contradicts "at least 271" (it passed as 270.5).
                    if ind.isCount, let whole = wholeNumbers(from: v - half, to: v + half) {
                        claimed = claimed > v ? whole.most : whole.least
                    }
                    if ind.direction.meets(claimed, level) != met {
                        let relation = ind.direction == .increase ? "at least" : "at most"
                        let rate = "\(goal.ruleText) \(ValueWording.format(goal.value))%"
                        let (implied, impliedZh) =
                            switch goal.rule {
                            case .everyYear: (" every year", "（每年）")
                            case .cumulative:
                                (
                                    " over the plan (its total is at least any one year's flow)",
                                    "（规划期累计；累计值至少等于任何一年的新增量）"
                                )
                            case .final: goal.form == .level ? ("", "") : (" (\(rate))", "（\(rate)）")
                            }
                        let levelText =
                            goal.form == .level ? ValueWording.format(level) : String(format: "%.6g", level)
                        throw InputError(
                            file: path, line: line, column: mc + 1,
                            "met is \(InputError.excerpt(row[mc])), but the value \(row[vc].trimmingWhitespace()) "
                                + "\(met ? "misses" : "meets") the goal of \(relation) "
                                + "\(levelText)\(implied)",
                            hint: "correct met or the value (the goal is headline_goal in indicators.csv)",
                            zh: "met 列是“\(row[mc])”，但数值 \(row[vc].trimmingWhitespace()) "
                                + "\(met ? "没有达到" : "已经达到")\(ind.direction == .increase ? "不低于" : "不高于") "
                                + "\(levelText) 的目标\(impliedZh)",
                            hintZh: "请改正 met 或数值（目标即 indicators.csv 中的 headline_goal）")
                    }
                }
            }
            out[id] = GoalOutcome(
                indicator: id, met: met, value: value, source: sc.map { row[$0] } ?? "",
                location: SourceLocation(file: path, line: line))
        }
        if out.isEmpty {
            throw InputError(
                file: path, line: 1, "no outcomes", hint: "one row per headline goal", zh: "没有任何结果",
                hintZh: "每个总目标写一行")
        }
        return out
    }

    /// Reads a `met` cell: 1/0, yes/no, true/false, met/not_met, 是/否, 完成/未完成; nil otherwise.
    public static func met(_ text: String) -> Bool? {
        switch text.trimmingWhitespace().lowercased() {
        case "1", "yes", "true", "met", "是", "完成": return true
        case "0", "no", "false", "not_met", "否", "未完成": return false
        default: return nil
        }
    }
}
