import Foundation
import IO
import Indicators

/// The tables and the report of `plancast evaluate`: P(met) of each headline goal as of each
/// year against what happened, for the model and the reference rules.
public enum EvaluationReport {
    /// One goal judged as of one year.
    public struct Row: Sendable {
        /// The plan's id (several plans in a library evaluation).
        public let plan: String
        public let asOf: Int
        public let indicator: String
        public let name: String
        public let commitment: Commitment?
        /// The goal as written ("growth 8% a year (2015 ≥ 2439.08)"), as evaluation.csv has it.
        public let goal: String
        /// The same in Chinese, for a Chinese report (the English where not given).
        public let goalZh: String?
        /// Whether the goal asks for an increase or a decrease (nil: not said).
        public let direction: Direction?
        /// Probabilities by method (`methods` order); nil where the method cannot judge.
        public let p: [Double?]
        public let outcome: Bool
        public init(
            plan: String, asOf: Int, indicator: String, name: String, commitment: Commitment?, goal: String,
            goalZh: String? = nil, direction: Direction? = nil, p: [Double?], outcome: Bool
        ) {
            self.plan = plan
            self.goalZh = goalZh
            self.direction = direction
            (self.asOf, self.indicator, self.name, self.commitment) = (asOf, indicator, name, commitment)
            (self.goal, self.p, self.outcome) = (
                goal, p + Array(repeating: nil, count: max(0, EvaluationReport.methods.count - p.count)), outcome
            )
        }

        /// The same row with the probability of method `m` set.
        public func with(_ m: Int, _ value: Double?) -> Row {
            var p = self.p
            p[m] = value
            return Row(
                plan: plan, asOf: asOf, indicator: indicator, name: name, commitment: commitment, goal: goal,
                goalZh: goalZh, direction: direction, p: p, outcome: outcome)
        }
    }

    /// The model's P(met), the two reference rules, and the model's P recalibrated on other plans
    /// (`GoalRecalibration`; leave one plan out in a library, or from `--recalibration`).
    public static let methods = ["model", "trend_rule", "base_rate", "recalibrated"]

    /// A method as tables for people name it: its id in English (as the CSVs name it), words in
    /// Chinese.
    static func methodName(_ m: Int, zh: Bool) -> String {
        zh ? ["模型", "三点直线规则", "基准率", "再校准模型"][m] : methods[m]
    }

    public static func rowsCSV(_ rows: [Row]) -> String {
        var out = CSVFormat.line(
            ["plan", "as_of", "indicator", "name", "commitment", "goal"] + methods.map { "p_" + $0 } + ["outcome"])
        for r in rows {
            out += CSVFormat.line(
                [r.plan, String(r.asOf), r.indicator, r.name, r.commitment?.rawValue ?? "", r.goal]
                    + r.p.map { $0.map { String(format: "%.6f", $0) } ?? "" } + [r.outcome ? "1" : "0"])
        }
        return out
    }

    /// Pairs of one method on the goals every available method judges (so the scores compare
    /// like with like); empty for a method that judges none (no base rate given).
    static func pairs(_ rows: [Row], method m: Int) -> [(p: Double, outcome: Bool)] {
        // The model always counts: goals it cannot judge (no data) are left out for every method.
        let available = [0] + methods.indices.dropFirst().filter { k in rows.contains { $0.p[k] != nil } }
        guard available.contains(m) else { return [] }
        return rows.filter { r in available.allSatisfy { r.p[$0] != nil } }.map { ($0.p[m]!, $0.outcome) }
    }

    /// Per plan and as-of year, per plan over its years, over everything, over binding and over
    /// expected goals, and over increase and over decrease goals: n, Brier, log score and
    /// sharpness of each method.
    public static func scoresCSV(_ rows: [Row]) -> String {
        var out = CSVFormat.line(["plan", "as_of", "method", "n", "brier", "log_score", "sharpness"])
        func add(_ plan: String, _ year: String, _ mine: [Row]) {
            for (m, name) in methods.enumerated() {
                guard let s = ProbabilityScores(pairs(mine, method: m)) else { continue }
                out += CSVFormat.line([
                    plan, year, name, String(s.count), String(format: "%.4f", s.brier),
                    String(format: "%.4f", s.logScore), String(format: "%.4f", s.sharpness),
                ])
            }
        }
        let plans = orderedPlans(rows)
        for plan in plans {
            let mine = rows.filter { $0.plan == plan }
            for y in Array(Set(mine.map(\.asOf))).sorted() { add(plan, String(y), mine.filter { $0.asOf == y }) }
            add(plan, "all", mine)
        }
        if plans.count > 1 { add("all", "all", rows) }
        for g in kinds(rows) { add(g.name, "all", g.rows) }
        return out
    }

    /// The kinds of goal scored apart, as (name, 中文名, rows): binding and expected goals (when
    /// the plans say; binding goals are met through policy more often than their trend says), and
    /// increase and decrease goals when both occur (goals that need a fall to continue are
    /// forecast less reliably: Notebooks-data/pseudo-plans.md).
    static func kinds(_ rows: [Row]) -> [(name: String, zh: String, rows: [Row])] {
        var groups = [(name: String, zh: String, rows: [Row])]()
        for c in Commitment.allCases where rows.contains(where: { $0.commitment == c }) {
            groups.append(
                ("\(c.rawValue) goals", c == .binding ? "约束性目标" : "预期性目标", rows.filter { $0.commitment == c }))
        }
        if Set(rows.compactMap(\.direction)).count > 1 {
            for d in Direction.allCases {
                groups.append(
                    ("\(d.rawValue) goals", d == .increase ? "上升型目标" : "下降型目标", rows.filter { $0.direction == d }))
            }
        }
        return groups
    }

    static func orderedPlans(_ rows: [Row]) -> [String] {
        var seen = [String]()
        for r in rows where !seen.contains(r.plan) { seen.append(r.plan) }
        return seen
    }

    /// The terminal summary: per plan (and overall) one line per method with n, the Brier and
    /// log scores, and `best` beside the lowest Brier score.
    public static func summary(_ rows: [Row], language: Language, width: Int? = nil) -> String {
        let zh = language != .en
        var t = TextTable(
            header: [zh ? "规划" : "plan", zh ? "方法" : "method", "n", "Brier", zh ? "对数分数" : "log score", ""],
            rightAligned: [2, 3, 4])
        let plans = orderedPlans(rows)
        for plan in plans + (plans.count > 1 ? ["all"] : []) {
            let mine = plan == "all" ? rows : rows.filter { $0.plan == plan }
            let scores = methods.indices.map { ProbabilityScores(pairs(mine, method: $0)) }
            let best = scores.compactMap { $0?.brier }.min()
            for (m, s) in scores.enumerated() {
                guard let s else { continue }
                t.append([
                    m == scores.firstIndex(where: { $0 != nil }) ? (plan == "all" && zh ? "全部" : plan) : "",
                    methodName(m, zh: zh), String(s.count),
                    String(format: "%.3f", s.brier), String(format: "%.3f", s.logScore),
                    s.brier == best ? (zh ? "最佳" : "best") : "",
                ])
            }
        }
        return t.render(maxWidth: width, keep: 2)
            + (zh ? "Brier 与对数分数越低越好。\n" : "Lower Brier and log scores are better.\n")
    }

    /// Reliability bins of each method over all as-of years.
    public static func reliabilityCSV(_ rows: [Row]) -> String {
        var out = CSVFormat.line([
            "method", "bin_lower", "bin_upper", "n", "mean_p", "observed", "band_lower", "band_upper", "within_band",
        ])
        for (m, name) in methods.enumerated() {
            for b in ProbabilityScores.reliability(pairs(rows, method: m)) {
                out += CSVFormat.line(
                    [name] + [b.lower, b.upper].map { String(format: "%.1f", $0) } + [String(b.count)]
                        + [b.meanP, b.observed, b.bandLower, b.bandUpper].map { String(format: "%.4f", $0) }
                        + [b.withinBand ? "yes" : "no"])
            }
        }
        return out
    }

    /// The page: scores, a reliability diagram per method, and the goals.
    public static func html(_ rows: [Row], title: String, language: Language) -> String {
        let zh = language != .en
        var h =
            "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        h += "<title>\(escapeHTML(title))</title>\n<style>\(ReportStyle.css)</style>\n</head>\n<body>\n"
        h += "<h1>\(escapeHTML(title))</h1>\n"
        h +=
            "<p>\(zh ? "各年份时点的达成概率与实际结果比较。Brier分数越低越好；对照规则：按最近三个公布数值（“超X”按X计，年中数计在年中）直线外推、其他规划的目标完成率。" : "P(met) as of each year against what happened. Lower Brier and log scores are better; reference rules: the straight line through the last three published figures (\"over X\" read as X, a mid-year count at mid-year), and the share of goals met in other plans.")</p>\n"
        if rows.contains(where: { $0.p[3] != nil }) {
            h +=
                "<p>\(zh ? "再校准模型（recalibrated）：模型概率按其他已完成规划的结果重新校准（逻辑回归，特征为模型概率的 logit、是否约束性、三点直线规则、是否为下降型目标），被检验的规划不参与拟合。" : "recalibrated: the model's P recalibrated on the outcomes of other finished plans (logistic, on the logit of P, binding or expected, the trend rule, and whether the goal asks for a fall); the plan being judged is never in the fit.")</p>\n"
        }
        let judged = pairs(rows, method: 0).count
        h +=
            "<p>\(zh ? "分数基于各方法都能判断的 \(judged) 个（目标×时点）；模型因无数据无法判断的目标不计。" : "Scores over the \(judged) goal-years every method judges; goals the model cannot judge (no data) are left out.")</p>\n"
        h +=
            "<table class=\"dash\"><tr><th>\(zh ? "方法" : "method")</th><th>n</th><th>Brier</th><th>\(zh ? "对数分数" : "log score")</th><th>\(zh ? "锐度" : "sharpness")</th></tr>\n"
        for m in methods.indices {
            guard let s = ProbabilityScores(pairs(rows, method: m)) else { continue }
            h +=
                "<tr><td class=\"name\">\(methodName(m, zh: zh))</td><td>\(s.count)</td><td>\(String(format: "%.3f", s.brier))</td><td>\(String(format: "%.3f", s.logScore))</td><td>\(String(format: "%.2f", s.sharpness))</td></tr>\n"
        }
        h += "</table>\n" + groupsTable(rows, zh: zh)
        let several = orderedPlans(rows).count > 1
        h += "<h2>\(zh ? "可靠性图" : "Reliability")</h2>\n<div class=\"chart\">"
        for m in methods.indices {
            h += diagram(ProbabilityScores.reliability(pairs(rows, method: m)), title: methodName(m, zh: zh), zh: zh)
        }
        h +=
            "</div>\n<h2>\(zh ? "各项目标" : "Goals")</h2>\n<table class=\"dash\"><tr>\(several ? "<th>\(zh ? "规划" : "plan")</th>" : "")<th>\(zh ? "时点" : "as of")</th><th>\(zh ? "指标" : "indicator")</th><th>\(zh ? "目标" : "goal")</th>"
        h +=
            methods.indices.map { "<th>\(methodName($0, zh: zh))</th>" }.joined()
            + "<th>\(zh ? "结果" : "outcome")</th></tr>\n"
        for r in rows {
            let tag = r.commitment.map { zh ? ($0 == .binding ? "（约束性）" : "（预期性）") : " (\($0.rawValue))" } ?? ""
            h +=
                "<tr>\(several ? "<td class=\"name\">\(escapeHTML(r.plan))</td>" : "")<td>\(r.asOf)</td><td class=\"name\">\(escapeHTML(r.name + tag))</td><td>\(escapeHTML(zh ? r.goalZh ?? r.goal : r.goal))</td>"
            h += r.p.map { p in
                p.map { "<td style=\"background:\(Palette.probability($0))\">\(String(format: "%.2f", $0))</td>" }
                    ?? "<td>–</td>"
            }.joined()
            h += "<td>\(r.outcome ? (zh ? "完成" : "met") : (zh ? "未完成" : "not met"))</td></tr>\n"
        }
        return h + "</table>\n</body>\n</html>\n"
    }

    /// Brier score of each method by kind of goal — binding and expected (when the plans say),
    /// increase and decrease (when both occur) — as `scoresCSV` writes them; empty without groups.
    static func groupsTable(_ rows: [Row], zh: Bool) -> String {
        let groups = kinds(rows).map { (zh ? $0.zh : $0.name, $0.rows) }
        guard !groups.isEmpty else { return "" }
        var h =
            "<p>\(zh ? "按目标类型的 Brier 分数：" : "Brier score by kind of goal:")</p>\n<table class=\"dash\"><tr><th></th><th>n</th>"
        h += methods.indices.map { "<th>\(methodName($0, zh: zh))</th>" }.joined() + "</tr>\n"
        for (label, mine) in groups {
            let scores = methods.indices.map { ProbabilityScores(pairs(mine, method: $0)) }
            h += "<tr><td class=\"name\">\(escapeHTML(label))</td><td>\(scores[0]?.count ?? 0)</td>"
            h += scores.map { s in s.map { "<td>\(String(format: "%.3f", $0.brier))</td>" } ?? "<td>–</td>" }.joined()
            h += "</tr>\n"
        }
        return h + "</table>\n"
    }

    /// Mean P against the share met per bin, with each bin's binomial 95% range.
    static func diagram(_ bins: [ProbabilityScores.Bin], title: String, zh: Bool) -> String {
        var s = SVG(width: 260, height: 260)
        let (x0, y0, w) = (40.0, 20.0, 200.0)
        func x(_ p: Double) -> Double { x0 + p * w }
        func y(_ p: Double) -> Double { y0 + (1 - p) * w }
        s.rect(x: x0, y: y0, w: w, h: w, fill: "#fafafa", extra: "stroke=\"#ccc\"")
        s.line(x1: x(0), y1: y(0), x2: x(1), y2: y(1), stroke: "#999", dash: "4 3")
        for b in bins {
            s.line(
                x1: x(b.meanP), y1: y(b.bandLower), x2: x(b.meanP), y2: y(b.bandUpper), stroke: "#1f4e9a", width: 3)
            s.circle(
                cx: x(b.meanP), cy: y(b.observed), r: 3 + min(6, Double(b.count).squareRoot()),
                fill: b.withinBand ? "#1e8449" : "#c0392b",
                title:
                    "\(b.count) goals, mean P \(String(format: "%.2f", b.meanP)), met \(String(format: "%.2f", b.observed))"
            )
        }
        for t in [0.0, 0.5, 1.0] {
            s.text(String(format: "%.1f", t), x: x(t), y: y0 + w + 14, size: 10, anchor: "middle")
            s.text(String(format: "%.1f", t), x: x0 - 6, y: y(t) + 4, size: 10, anchor: "end")
        }
        s.text(title, x: x0 + w / 2, y: 14, size: 12, anchor: "middle", weight: "bold")
        s.text(zh ? "预测概率" : "forecast P", x: x0 + w / 2, y: 256, size: 10, anchor: "middle")
        return s.render(label: (zh ? "可靠性图：" : "Reliability: ") + title)
    }
}
