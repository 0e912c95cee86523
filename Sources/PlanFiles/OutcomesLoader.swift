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
        var out = [String: GoalOutcome]()
        for (k, row) in t.rows.enumerated() {
            let line = t.lines[k]
            let written = row[ic].trimmingWhitespace()
            let id = plan.indicator(written) == nil ? names[written] ?? written : written
            guard let ind = plan.indicator(id) else {
                let near = nearest(to: id, among: ids + names.keys.sorted())
                throw InputError(
                    file: path, line: line, column: ic + 1, "'\(id)' is not an indicator of the plan",
                    hint: near.map { n in "did you mean '\(n)'\(names[n].map { " (\($0))" } ?? "")?" })
            }
            guard ind.headline != nil else {
                throw InputError(
                    file: path, line: line, column: ic + 1, "'\(id)' has no headline goal to have met",
                    hint: "give outcomes of headline goals only")
            }
            guard out[id] == nil else {
                throw InputError(file: path, line: line, column: ic + 1, "'\(id)' appears twice")
            }
            guard let met = met(row[mc]) else {
                throw InputError(
                    file: path, line: line, column: mc + 1,
                    "met is \(InputError.excerpt(row[mc])): neither met nor not met",
                    hint: "write 1 (met) or 0 (not met); yes/no, met/not_met and 是/否 also work")
            }
            var value: Double?
            if let vc, !row[vc].trimmingWhitespace().isEmpty {
                guard let v = parseNumber(row[vc]) else {
                    throw InputError(
                        file: path, line: line, column: vc + 1, "value \(InputError.excerpt(row[vc])) is not a number",
                        hint: ValueWording.decimalCommaHint(row[vc])
                            ?? "write the final value as a number, or leave it blank")
                }
                // In the indicator's range, as an observation must be: a negative GDP or a share
                // of 150 was scored as written (2026-12-03).
                try ObservationsLoader.checkRange(
                    v, text: row[vc], id: id, kinds: [id: ind.kind], t, line: line, column: vc + 1)
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
                        let implied =
                            switch goal.rule {
                            case .everyYear: " every year"
                            case .cumulative: " over the plan (its total is at least any one year's flow)"
                            case .final:
                                goal.form == .level ? "" : " (\(goal.ruleText) \(ValueWording.format(goal.value))%)"
                            }
                        throw InputError(
                            file: path, line: line, column: mc + 1,
                            "met is \(InputError.excerpt(row[mc])), but the value \(row[vc].trimmingWhitespace()) "
                                + "\(met ? "misses" : "meets") the goal of \(relation) "
                                + "\(goal.form == .level ? ValueWording.format(level) : String(format: "%.6g", level))\(implied)",
                            hint: "correct met or the value (the goal is headline_goal in indicators.csv)")
                    }
                }
            }
            out[id] = GoalOutcome(
                indicator: id, met: met, value: value, source: sc.map { row[$0] } ?? "",
                location: SourceLocation(file: path, line: line))
        }
        if out.isEmpty { throw InputError(file: path, line: 1, "no outcomes", hint: "one row per headline goal") }
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
