import Foundation
import Indicators
import Scenarios
import Simulation

/// The terminal summary of a run: headline goals × scenarios, P(met) and its label.
public enum SummaryTable {
    /// `width`: the terminal's width, when known; a wider table is split by scenarios.
    public static func render(_ runs: [ScenarioRun], language: Language, width: Int? = nil) -> String {
        let full = render(runs, language: language, width: width, labels: true)
        // Where a probability with its label would be cut ("0.42 可…") or, in the records of a
        // terminal too narrow for a table, put on a line of its own, the number alone.
        let lines = { (s: String) in s.split(separator: "\n") }
        let cut = lines(full.text).contains { $0.hasSuffix("…") }
        guard width != nil, cut || full.stacked else { return full.text }
        let bare = render(runs, language: language, width: width, labels: false)
        return cut || lines(bare.text).count < lines(full.text).count ? bare.text : full.text
    }

    /// The summary, and whether its table is given as records (`TextTable.stacked`).
    static func render(_ runs: [ScenarioRun], language: Language, width: Int?, labels: Bool) -> (
        text: String, stacked: Bool
    ) {
        guard let first = runs.first else { return ("", false) }
        let zh = language != .en
        var header = [zh ? "总体目标" : "headline goal", zh ? "目标值" : "goal"]
        header += runs.map(\.scenario.name)
        var table = TextTable(header: header, rightAligned: Set(1..<(header.count)))
        let goals = first.result.targets.indices.filter {
            first.result.targets[$0].spec.kind == .goal || first.result.targets[$0].spec.kind == .allGoals
        }
        for j in goals {
            let spec = first.result.targets[j].spec
            var row: [String]
            if let k = spec.series {
                let ind = first.model.plan.indicator(first.model.series[k].id)
                row = [ind?.name(in: (zh ? Language.zh : .en)) ?? first.model.series[k].id, format(spec.threshold)]
            } else {
                let evaluable = first.result.targets[j].evaluable ?? 0
                let reference = AllGoalsLine.referenceClassGoals(model: first.model, result: first.result)
                row = [AllGoalsLine.name(evaluable: evaluable, referenceClass: reference, zh: zh), String(evaluable)]
            }
            for r in runs {
                let o = r.result.targets[j]
                row.append(cell(o, zh: zh, label: labels))
            }
            table.append(row)
        }
        let title =
            zh
            ? "\(first.model.plan.metadata.title(in: .zh))：总体目标实现概率"
            : "\(first.model.plan.metadata.title(in: .en)): probability of meeting each headline goal"
        let split = width.map { table.split(maxWidth: $0, keep: 2) } ?? table.render()
        let body = split ?? table.stacked(maxWidth: width ?? 0)
        let text =
            TextTable.wrap(title, width: width) + "\n" + body + insufficientData(first, zh: zh, width: width)
            + milestonesOnly(first, zh: zh, width: width)
        return (text, split == nil)
    }

    /// What would change "insufficient data": one figure is enough for a forecast; a growth or
    /// change goal also needs the base-year value it is measured from (its level is "?"), which
    /// an `--as-of` before the base year leaves out. Until 2026-12-05 every such goal got the
    /// first line, also CO₂ with six figures and only the base year missing.
    static func insufficientData(_ run: ScenarioRun, zh: Bool, width: Int?) -> String {
        let missing = run.result.targets.filter { $0.spec.kind == .goal && $0.status == .insufficientData }
        let noBase = missing.filter { !$0.spec.threshold.isFinite }.count
        let noData = missing.count - noBase
        var lines = [String]()
        if noData > 0 {
            lines.append(
                zh
                    ? "\(noData) 项总体目标数据不足：在 observations.csv 中为其补充任一年的一个数值（确切值或界值），即可得到参考类预测。"
                    : "\(noData) headline \(noData == 1 ? "goal has" : "goals have") insufficient data: one figure for any year in observations.csv (exact or a bound) gives a reference-class forecast."
            )
        }
        if noBase > 0 {
            let base = run.model.plan.metadata.baseYear
            let early = run.model.asOf.map { $0 < base } ?? false
            let asOf = run.model.asOf.map(String.init) ?? ""
            lines.append(
                zh
                    ? "\(noBase) 项按增速或较基期变化表述的总体目标缺少其基期（\(base)年）数值，无从判断（目标值为“?”）："
                        + (early
                            ? "--as-of \(asOf) 早于基期，不含该年数值。"
                            : "请在 observations.csv 中补充规划所述的基期数值（质量 plan_base）。")
                    : "\(noBase) growth or change \(noBase == 1 ? "goal lacks" : "goals lack") the base-year (\(base)) value \(noBase == 1 ? "it is" : "they are") measured from (goal \"?\"): "
                        + (early
                            ? "--as-of \(asOf) is before the base year and leaves it out."
                            : "give the plan's own figure in observations.csv (quality plan_base).")
            )
        }
        return lines.isEmpty ? "" : "\n" + lines.map { TextTable.wrap($0, width: width) + "\n" }.joined()
    }

    /// A line for the indicators that have yearly milestones but no headline goal: the table
    /// lists goals only, so without it a plan of milestones alone shows an empty table.
    static func milestonesOnly(_ run: ScenarioRun, zh: Bool, width: Int?) -> String {
        let specs = run.result.targets.map(\.spec)
        let withGoal = Set(specs.filter { $0.kind == .goal }.compactMap(\.series))
        let withMilestones = Set(specs.filter { $0.kind == .milestone }.compactMap(\.series))
        let count = withMilestones.subtracting(withGoal).count
        guard count > 0 else { return "" }
        return TextTable.wrap(
            zh
                ? "另有 \(count) 个指标只有年度目标、没有总体目标：各年的实现概率见 attainment.csv 和 report.html 的达成情况表。"
                : "\(count) more \(count == 1 ? "indicator has" : "indicators have") yearly milestones but no headline goal: P(met) for each year is in attainment.csv and report.html's attainment dashboard.",
            width: width) + "\n"
    }

    /// Whole goals as integers, others to 6 significant digits (a growth goal's implied level
    /// has many); "?" when a growth or change goal has no base value.
    static func format(_ v: Double) -> String {
        guard v.isFinite else { return "?" }
        return v == v.rounded() && abs(v) < 1e12 ? String(Int64(v)) : String(format: "%.6g", v)
    }

    static func cell(_ o: TargetOutcome, zh: Bool, label: Bool = true) -> String {
        switch o.status {
        case .insufficientData: return label ? (zh ? "数据不足" : "insufficient data") : (zh ? "无数据" : "no data")
        case .observed, .settled: return (o.pMet ?? 0) >= 0.5 ? (zh ? "已实现" : "met") : (zh ? "未实现" : "not met")
        case .simulated:
            let p = o.pMet ?? 0
            let l = LikelihoodLabel(probability: p)
            return label ? ProbabilityText.format(p) + " " + (zh ? l.zh : l.en) : ProbabilityText.format(p)
        }
    }
}
