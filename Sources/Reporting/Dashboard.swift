import Foundation
import Indicators
import Scenarios
import Simulation

/// The attainment dashboard of one scenario: indicators × (milestones, goal, all milestones).
enum Dashboard {
    static func render(run: ScenarioRun, language: Language) -> String {
        let zh = language != .en
        let model = run.model
        let years = Array(model.plan.metadata.years)
        var h =
            "<table class=\"dash\" data-scenario=\"\(escapeHTML(run.scenario.name))\">\n<tr><th>\(zh ? "指标" : "indicator")</th>"
        h +=
            years.map { "<th>\($0)</th>" }.joined()
            + "<th>\(zh ? "总体目标" : "goal")</th><th>\(zh ? "全部年度目标" : "all milestones")</th></tr>\n"
        var byKey = [String: TargetOutcome]()
        for o in run.result.targets {
            let key = "\(o.spec.series ?? -1)|\(o.spec.kind.rawValue)|\(o.spec.year ?? 0)"
            byKey[key] = o
        }
        for (k, s) in model.series.enumerated() where !s.isDriver {
            let ind = model.plan.indicator(s.id)
            h +=
                "<tr data-indicator=\"\(escapeHTML(s.id))\"><td class=\"name\">\(escapeHTML(ind?.name(in: (zh ? Language.zh : .en)) ?? s.id))</td>"
            for y in years { h += cell(byKey["\(k)|milestone|\(y)"], zh: zh) }
            h += cell(byKey["\(k)|goal|\(model.plan.metadata.lastYear)"], zh: zh)
            h += cell(byKey["\(k)|all_milestones|0"], zh: zh)
            h += "</tr>\n"
        }
        if let all = run.result.targets.first(where: { $0.spec.kind == .allGoals }) {
            h +=
                "<tr data-indicator=\"all\"><td class=\"name\">\(escapeHTML(AllGoalsLine.name(evaluable: all.evaluable ?? 0, referenceClass: AllGoalsLine.referenceClassGoals(model: model, result: run.result), zh: zh)))</td>"
            h += "<td colspan=\"\(years.count)\"></td>" + cell(all, zh: zh) + "<td></td></tr>\n"
        }
        return h + "</table>\n"
    }

    static func cell(_ o: TargetOutcome?, zh: Bool) -> String {
        guard let o else { return "<td class=\"na\">—</td>" }
        let dp = "data-p=\"\(o.pMet.map { String(format: "%.6f", $0) } ?? "insufficient_data")\""
        switch o.status {
        case .insufficientData:
            return "<td class=\"na\" \(dp) title=\"\(zh ? "数据不足" : "insufficient data")\">—</td>"
        case .observed, .settled:
            let met = (o.pMet ?? 0) >= 0.5
            return
                "<td class=\"\(met ? "met" : "notmet")\" \(dp)>\(met ? "✓" : "✗") \(met ? (zh ? "已达成" : "met") : (zh ? "未达成" : "not met"))</td>"
        case .simulated:
            let p = o.pMet ?? 0
            let l = LikelihoodLabel(probability: p)
            return
                "<td style=\"background:\(Palette.probability(p))\" \(dp)>\(escapeHTML(ProbabilityText.format(p)))<br/>\(zh ? l.zh : l.en)</td>"
        }
    }
}
