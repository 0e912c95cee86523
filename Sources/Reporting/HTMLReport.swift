import Foundation
import Indicators
import Scenarios
import Simulation

/// The self-contained HTML report of a run: inline CSS and SVG, no scripts, no network; well-
/// formed XML (XHTML syntax), so any XML parser can read it. Sections: summary, attainment
/// dashboard per scenario (indicators × milestones and goal, coloured by probability, with the
/// label), scenario comparison of the goals (the plan's last year), sensitivity tornados, fan charts, evidence
/// notes. Every probability shown carries the exact value of attainment.csv in `data-p`.
public enum HTMLReport {
    /// `evenOdds`: the first scenario's answers to "what would it take" per target
    /// (`EvenOddsGrowth.all`); without them the closed form's (milestones and final-level goals).
    public static func render(
        runs: [ScenarioRun], sensitivity: [ScenarioRunner.Sensitivity], language: Language, settings: [String: String],
        evenOdds: [EvenOddsGrowth?]? = nil, dataWarnings: [Finding]? = nil
    ) -> String {
        let zh = language != .en
        guard let first = runs.first else {
            return
                "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>plancast</title></head><body></body></html>\n"
        }
        let meta = first.model.plan.metadata
        let title = meta.title(in: language)
        var h =
            "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        h += "<title>\(escapeHTML(title))</title>\n<style>\(ReportStyle.css)</style>\n</head>\n<body>\n"
        h += "<h1>\(escapeHTML(title))</h1>\n"
        h +=
            "<p class=\"meta\">\(meta.documentNumber.isEmpty ? "" : escapeHTML(meta.documentNumber) + " · ")\(zh ? "随机种子" : "seed") \(escapeHTML(settings["seed"] ?? "")) · \(escapeHTML(settings["paths"] ?? "")) \(zh ? "条路径" : "paths")"
        if let a = settings["as_of"], !a.isEmpty { h += " · \(zh ? "数据截至" : "data as of") \(escapeHTML(a))" }
        h += " · plancast \(escapeHTML(settings["version"] ?? ""))</p>\n"
        h +=
            "<p class=\"meta\">\(zh ? "情景" : "Scenarios"): "
            + runs.enumerated().map { i, r in
                // The swatch and the name stay on one line (a wrap left talent-surge's swatch
                // at the end of one line and its name on the next).
                "<span class=\"legend\"><span class=\"swatch\" style=\"background:\(Palette.scenarios[i % Palette.scenarios.count])\"></span>\(escapeHTML(r.scenario.name))</span>"
                    + ((zh ? r.scenario.titleZh : r.scenario.titleEn).isEmpty
                        ? "" : " (" + escapeHTML(zh ? r.scenario.titleZh : r.scenario.titleEn) + ")")
            }.joined(separator: "; ") + "</p>\n"

        h +=
            "<h2>\(zh ? "总体目标" : "Headline goals")</h2>\n"
            + goalTable(runs: runs, language: language, evenOdds: evenOdds)
        h +=
            "<h2>\(zh ? "达成情况" : "Attainment dashboard"): \(escapeHTML(first.scenario.name))</h2>\n"
            + Dashboard.render(run: first, language: language)
        h += "<h2>\(zh ? "扇形图" : "Fan charts")</h2>\n"
        h +=
            "<p class=\"note\">\(zh ? "实心点：实际值；空心点：估计值、时点值或拼接口径；▲/▼：仅知下限/上限的年份（画在界值处）；带：基准情景50%/80%/95%区间（虚框：参考类预测）；虚线：其他情景中位数；菱形：年度目标与总体目标。" : "Filled dots: actual values; hollow: estimates, snapshots or spliced series; ▲/▼: years known only by a lower/upper bound (drawn at the bound); bands: baseline 50/80/95% (dashed frame: reference-class forecast); dashed: other scenarios' medians; diamonds: yearly targets and the goal.")</p>\n<div class=\"fans\">\n"
        var withoutData = [String]()
        for (k, s) in first.model.series.enumerated() where !s.isDriver {
            let ind = first.model.plan.indicator(s.id)
            let name = ind?.name(in: language) ?? s.id
            guard let svg = FanChart.render(series: k, runs: runs, language: language) else {
                withoutData.append("<li id=\"fan-\(escapeHTML(s.id))\">\(escapeHTML(name))</li>")
                continue
            }
            let reference = s.evidence.grade == .referenceClass
            h +=
                "<div class=\"fan\(reference ? " reference" : "")\" id=\"fan-\(escapeHTML(s.id))\"><h3>\(escapeHTML(name)) <span class=\"unit\">\(escapeHTML(ind?.unit ?? ""))</span></h3>"
            h += svg
            h +=
                "<p class=\"evidence\">\(escapeHTML(EvidenceWords.describe(s.evidence, language: language)))</p></div>\n"
        }
        h += "</div>\n"
        if !withoutData.isEmpty {
            h +=
                "<p class=\"note\">\(zh ? "以下指标没有可用的公开数据（无预测）" : "No usable public data (no forecast) for"):</p>\n<ul class=\"nodata\">"
                + withoutData.joined() + "</ul>\n"
            // What would change that: one figure is enough for a reference-class forecast.
            h +=
                "<p class=\"note\">"
                + (zh
                    ? "在 observations.csv 中为其补充任一年的一个数值（确切值，或“突破”“超”这样的界值），即可得到参考类预测；或在情景文件中为其给出假设。"
                    : "One figure for any year in observations.csv (exact, or a bound such as \"over 3,000\") gives such an indicator a reference-class forecast; so does an assumption in a scenario file.")
                + "</p>\n"
        }
        if let chart = Charts.goalComparison(runs: runs, language: language) {
            // The goals are the plan's last year's, whichever year that is.
            let goalYear = first.model.plan.metadata.lastYear
            h +=
                "<h2>\(zh ? "情景比较：\(goalYear)年总体目标" : "Scenario comparison: the \(goalYear) goals")</h2>\n<div class=\"chart\">\(chart)</div>\n"
        }
        let readings = sensitivity.filter { $0.lever == ScenarioRunner.strictBounds }
        if !readings.isEmpty {
            h += "<h2>\(zh ? "界值的读法" : "How bounds are read")</h2>\n"
            h +=
                "<p class=\"note\">\(zh ? "“突破/超 X”默认读作 X 至 1.1X 之间，“近 X”读作 0.9X 至 X，存量的年中时点值 X 读作当年年末在 X 至 1.1X 之间、上一年年末不超过 X；严格读法把界值（或时点值）当作实际值。两种读法下的实现概率（\(escapeHTML(readings[0].scenario))）：" : "\"Over X\" is read as between X and 1.1·X, \"nearly X\" as between 0.9·X and X, a stock's mid-year count X as a year end between X and 1.1·X and a year end before of at most X; the strict reading takes the bound (or the count) as the value. P(met) under both (\(escapeHTML(readings[0].scenario))):")</p>\n"
            h +=
                "<table class=\"dash\"><tr><th>\(zh ? "总体目标" : "Headline goal")</th><th>\(zh ? "默认读法" : "default reading")</th><th>\(zh ? "严格读法" : "strict reading")</th></tr>\n"
            for r in readings {
                let name = first.model.plan.indicator(r.indicator).map { $0.name(in: language) } ?? r.indicator
                h +=
                    "<tr><td class=\"name\">\(escapeHTML(name))</td><td>\(escapeHTML(ProbabilityText.format(r.pWith)))</td><td>\(escapeHTML(ProbabilityText.format(r.pWithout)))</td></tr>\n"
            }
            h += "</table>\n"
        }
        let sensitivity = sensitivity.filter { $0.lever != ScenarioRunner.strictBounds }
        if !sensitivity.isEmpty {
            h += "<h2>\(zh ? "敏感性：各项政策杠杆对总体目标的影响" : "Sensitivity: what each lever does to the headline goals")</h2>\n"
            h +=
                "<p class=\"note\">\(zh ? "条形为含该杠杆与不含该杠杆时实现概率之差（相同随机抽样）；未列出的杠杆和目标，差值为 0。" : "Bars: P(met) with the lever minus P(met) without it, on the same random draws; levers and goals not shown differ by 0.")</p>\n<div class=\"fans\">\n"
            let byGoal = Dictionary(grouping: sensitivity, by: \.indicator)
            for id in byGoal.keys.sorted() {
                let rows = byGoal[id]!.filter { abs($0.difference) > 0 }
                guard !rows.isEmpty else { continue }
                let ind = first.model.plan.indicator(id)
                h +=
                    "<div class=\"chart\">"
                    + Charts.tornado(goal: id, rows: rows, title: ind?.label(in: language) ?? id) + "</div>\n"
            }
            h += "</div>\n"
        }
        for r in runs.dropFirst() {
            h +=
                "<details><summary>\(zh ? "达成情况" : "Attainment dashboard"): \(escapeHTML(r.scenario.name))</summary>\n"
                + Dashboard.render(run: r, language: language) + "</details>\n"
        }
        h +=
            "<h2>\(zh ? "证据说明" : "Evidence notes")</h2>\n"
            + evidenceNotes(runs: runs, language: language, dataWarnings: dataWarnings)
        h += "</body>\n</html>\n"
        return h
    }

    /// Headline goals × scenarios: P(met) coloured by probability, with the label; and, where
    /// indicators.csv names them (`departments`), the departments responsible for each goal,
    /// which a planner tracking the plan asks of a goal at risk (read and shown nowhere until
    /// 2026-12-06).
    static func goalTable(runs: [ScenarioRun], language: Language, evenOdds: [EvenOddsGrowth?]? = nil) -> String {
        let zh = language != .en
        guard let first = runs.first else { return "" }
        let departments = first.model.plan.indicators.contains { !$0.departments.isEmpty }
        var h =
            "<table class=\"dash goals\">\n<tr><th>\(zh ? "总体目标" : "headline goal")</th><th>\(zh ? "目标值" : "goal")</th><th>\(zh ? "规则" : "rule")</th>"
        h += runs.map { "<th>\(escapeHTML($0.scenario.name))</th>" }.joined()
        h +=
            "<th>\(zh ? "一半把握所需的额外年增速（\(escapeHTML(first.scenario.name))）" : "extra growth a year for even odds (\(escapeHTML(first.scenario.name)))")</th>"
            + (departments ? "<th>\(zh ? "责任部门" : "responsible departments")</th>" : "") + "</tr>\n"
        for (j, o) in first.result.targets.enumerated() where o.spec.kind == .goal || o.spec.kind == .allGoals {
            let ind = o.spec.series.flatMap { first.model.plan.indicator(first.model.series[$0].id) }
            if let k = o.spec.series {
                let name =
                    escapeHTML(ind?.name(in: language) ?? first.model.series[k].id)
                    + commitmentTag(ind?.commitment, zh: zh)
                h +=
                    "<tr><td class=\"name\">\(name)</td><td>\(escapeHTML(FanChart.formatValue(o.spec.threshold)))</td><td>\(escapeHTML(ruleText(o.spec, ind?.headline, zh: zh)))</td>"
            } else {
                h +=
                    "<tr><td class=\"name\">\(escapeHTML(AllGoalsLine.name(evaluable: o.evaluable ?? 0, referenceClass: AllGoalsLine.referenceClassGoals(model: first.model, result: first.result), zh: zh)))</td><td>\(o.evaluable ?? 0)</td><td></td>"
            }
            h += runs.map { Dashboard.cell($0.result.targets[j], zh: zh) }.joined()
            h +=
                "<td>\(escapeHTML(evenOddsText(evenOdds.map { $0[j] } ?? EvenOddsGrowth.of(o, model: first.model), zh: zh)))</td>"
            if departments {
                h +=
                    "<td class=\"dept\">\(escapeHTML((ind?.departments ?? []).joined(separator: zh ? "、" : ", ")))</td>"
            }
            h += "</tr>\n"
        }
        return h + "</table>\n"
    }

    /// "+4.0%/年（2025年起）": the extra growth a year from the series' first simulated year that
    /// makes the goal as likely as not (`EvenOddsGrowth`); empty where it does not apply.
    static func evenOddsText(_ g: EvenOddsGrowth?, zh: Bool) -> String {
        guard let g else { return "" }
        switch g.beyond {
        // The search's range (−90%…+900% a year) is in the evidence notes.
        case .anyPace: return zh ? "任何增速下都过半" : "even odds at any pace"
        case .outOfReach: return zh ? "任何增速下都不足一半" : "short of even odds at any pace"
        case nil: break
        }
        let rate = String(format: "%+.1f%%", g.percentPerYear)
        return zh ? "\(rate)/年（\(g.fromYear)年起）" : "\(rate) a year from \(g.fromYear)"
    }

    /// " (binding)" / "（约束性）" after a goal's name, when the plan says.
    static func commitmentTag(_ c: Commitment?, zh: Bool) -> String {
        switch c {
        case .binding:
            return zh ? "<span class=\"tag binding\">（约束性）</span>" : " <span class=\"tag binding\">(binding)</span>"
        case .expected: return zh ? "<span class=\"tag\">（预期性）</span>" : " <span class=\"tag\">(expected)</span>"
        case nil: return ""
        }
    }

    /// The goal's rule in words ("末年值", "累计", "每年"; the indicators table's `final`,
    /// `cumulative`, `every_year` were shown as they are before 2026-12-01, a glossary word in a
    /// Chinese page), or for a growth or change goal the goal as written.
    static func ruleText(_ spec: TargetSpec, _ goal: HeadlineGoal?, zh: Bool) -> String {
        guard let goal, goal.form != .level else {
            guard let rule = spec.rule else { return "" }
            if zh { return rule.zh }
            switch rule {
            case .final: return "final year"
            case .cumulative: return "cumulative"
            case .everyYear: return "every year"
            }
        }
        let v = FanChart.formatValue(goal.value)
        switch goal.form {
        case .growth: return zh ? "年均增长\(v)%" : "\(v)% a year"
        case .change: return zh ? "较基期\(v)%" : "\(v)% vs base year"
        case .level: return ""
        }
    }

    /// A series as a Chinese page names it: the plan's name_zh (有效高新技术企业), else its name_en,
    /// else the id (`Language.pick`).
    static func seriesName(_ id: String, in plan: Plan) -> String { plan.name(of: id, in: .zh) }

    /// `dataWarnings`: `PlanConsistency.forRun`'s warnings when the caller has them (nil: made here).
    static func evidenceNotes(runs: [ScenarioRun], language: Language, dataWarnings: [Finding]? = nil) -> String {
        let zh = language != .en
        guard let first = runs.first else { return "" }
        var h = "<ul class=\"notes\">\n"
        let thin = first.model.series.filter { !$0.isDriver && $0.evidence.observations < 3 }
        h +=
            "<li>\(zh ? "确切观测值少于3个的指标（仅知上下限的年份不计）" : "Indicators with fewer than 3 exact values (years known only by a bound not counted)") (\(thin.count)): "
            + thin.map { s in
                escapeHTML(first.model.plan.label(of: s.id, in: zh ? .zh : .en)) + " (\(s.evidence.observations))"
            }.joined(separator: zh ? "；" : "; ") + "</li>\n"
        // The data's doubtful figures (a jump by a factor of 20, a unit cell at another
        // magnitude, a figure far from every target): stderr and the manifest carry them, and a
        // planner who reads only the report must see them too. In Chinese where the finding has
        // it (`Finding.messageZh`), else in English as `check` writes it.
        let doubts = dataWarnings ?? PlanConsistency.forRun(first.model.plan).warnings
        if !doubts.isEmpty {
            let shown = doubts.prefix(5).map { f in
                escapeHTML(
                    f.tag(in: zh ? .zh : .en, plan: first.model.plan)
                        + (zh ? f.messageZh ?? f.message : f.message))
            }
            let english = zh && doubts.prefix(5).contains { $0.messageZh == nil }
            let more =
                doubts.count > 5
                ? (zh ? "；另 \(doubts.count - 5) 条见 plancast check" : "; \(doubts.count - 5) more in plancast check")
                : ""
            h +=
                "<li>\(zh ? (english ? "数据检查的警告（部分为英文原文）" : "数据检查的警告") : "Warnings from checking the data") (\(doubts.count)): "
                + shown.joined(separator: zh ? "；" : "; ") + more + "</li>\n"
        }
        for r in runs {
            let assumed = r.model.series.filter(\.usesAssumptions)
            if !assumed.isEmpty {
                h +=
                    "<li>\(zh ? "情景" : "Scenario") \(escapeHTML(r.scenario.name)) \(zh ? "使用假设值" : "uses assumed values for"): "
                    + assumed.map { escapeHTML(zh ? seriesName($0.id, in: r.model.plan) : $0.id) }.joined(
                        separator: zh ? "、" : ", ") + "</li>\n"
            }
        }
        // Levers that move nothing where the series has data (`LeverWarnings`): the scenario's
        // column is as without them there; the run's warnings say why.
        let idle = LeverWarnings.of(runs.map { ($0.scenario, $0.model) }).filter(\.isWarning)
        if !idle.isEmpty {
            h +=
                "<li>\(zh ? "未起作用的杠杆（杠杆只改变预测年份，所列指标自杠杆起始年份起没有预测年份：已公布、仅知界值或由存量推出；运行时的警告给出原因）" : "Levers that move nothing (levers change forecast years only, and the series listed have none from the lever's year on: published, known by bounds or derived; the run's warnings say why)"): "
                + idle.map { f in
                    let names = f.series.prefix(3).map { escapeHTML(zh ? seriesName($0, in: first.model.plan) : $0) }
                        .joined(separator: zh ? "、" : ", ")
                    let more =
                        f.series.count > 3 ? (zh ? " 等 \(f.series.count) 项" : " and \(f.series.count - 3) more") : ""
                    return "\(escapeHTML(f.scenario)) · \(escapeHTML(f.lever)) (\(names)\(more))"
                }.joined(separator: zh ? "；" : "; ") + "</li>\n"
        }
        // Shares a lever holds at 0% or 100% on many paths (`ShareLimitWarnings`): their P(met)
        // rests on the limit. stderr said so; a planner who reads only the report must see it.
        h += warningItem(
            ShareLimitWarnings.of(runs, byName: true), title: zh ? "比重被杠杆推到极限" : "Shares held at a limit by a lever",
            zh: zh)
        // Stated growth rates a quantile breaks (`GrowthBoundWarnings`): the row is in use, but
        // other evidence leaves some paths no room for it. stderr said so; the report must too.
        h += warningItem(
            GrowthBoundWarnings.of(runs, byName: true),
            title: zh ? "未在每条路径上成立的增速" : "Stated growth not kept on every path", zh: zh)
        h +=
            "<li>\(zh ? "已有确切观测值的年份按数据判断（达成/未达成），不做模拟；两次观测之间的插值年份和仅知上下限的年份给出概率（界值已能判定的除外）。" : "Years with an exact observation are judged on the data (met / not met), not simulated; years between two observations (interpolated) and years known only by a bound get a probability, unless the bound settles the target.")</li>\n"
        // Goals that need a fall to continue were the less reliable kind on plans made from real
        // series (Notebooks-data/pseudo-plans.md): say so where a plan has them.
        let falling = first.model.plan.indicators.filter { $0.headline != nil && $0.direction == .decrease }
        if !falling.isEmpty {
            h +=
                "<li>\(zh ? "下降型目标（需要指标继续下降）" : "Goals that ask for a fall") (\(falling.count)): \(zh ? "在用真实序列构造的检验规划上，这类目标的高概率偏乐观（一个检验集中 P ≥ 0.8 的只有 36–52% 实现）；可用已完成规划重新校准（evaluate --library，再 run --recalibration）。" : "on test plans made from real series their high probabilities were over-confident (on one of two collections only 36–52% of those with P ≥ 0.8 were met); recalibrate on finished plans (evaluate --library, then run --recalibration).")</li>\n"
        }
        // Binding goals (约束性) are met through policy more often than their trend says (issue
        // 14's trial on two real five-year plans: energy-intensity and NOx cuts at P ≈ 0–0.25
        // were met); the model's P is the trend's, without that action.
        let binding = first.model.plan.indicators.filter { $0.headline != nil && $0.commitment == .binding }
        if !binding.isEmpty {
            h +=
                "<li>\(zh ? "约束性目标" : "Binding goals") (\(binding.count)): \(zh ? "概率按历史趋势推算，不含为完成约束性目标而采取的政策行动；在两份真实五年规划的试算中，能耗强度、氮氧化物减排等约束性目标的概率仅 0–0.25，实际均已完成。可用已完成规划重新校准（evaluate --library，再 run --recalibration，其特征含“是否约束性”）。" : "P follows the trend and leaves out the policy action a binding goal commands; on a trial of two real five-year plans, binding energy-intensity and NOx cuts got P ≈ 0–0.25 and were met. Recalibrate on finished plans (evaluate --library, then run --recalibration; binding or expected is one of its features).")</li>\n"
        }
        h +=
            "<li>\(zh ? "一半把握所需的额外年增速：在情景文件中对该指标加一条 growth 杠杆（自所示年份起每年额外增长该百分比），目标达成的概率即升至约一半；负值表示即使增速慢这么多仍有一半把握。末年值目标按模拟中位数推算：g = 100·((目标值/中位数)^(1/n) − 1)，n 为至目标年的模拟年数；累计目标、由存量推出的净增目标和每年不足100个的整数计数的年度目标逐步搜索（加上杠杆重新模拟）；空白表示该年不在模拟之中；所需增速超出 −90%…+900%/年 的搜索范围时写“任何增速下都过半”或“都不足一半”；其余整数计数略高于一半。" : "Extra growth a year for even odds: a growth lever of that many percent a year from the year shown, added to a scenario, brings the goal's P(met) to about ½; a negative value is the slack. For a final-level goal from the simulated median, g = 100·((goal / median)^(1/n) − 1) over the n simulated years to the goal; for a cumulative goal, a net change's goal and the milestones of a yearly count below 100 by search (simulating again with the lever); blank where the year is not simulated; an answer beyond −90%…+900% a year reads 'even odds at any pace' or 'short of even odds at any pace'; other whole counts land a little above ½.")</li>\n"
        h +=
            "<li>\(zh ? "概率刻度：≥0.9 很可能，≥0.66 可能，0.33–0.66 可能性相当，≤0.33 不太可能，≤0.1 很不可能。" : "Scale: ≥ 0.9 very likely, ≥ 0.66 likely, 0.33–0.66 about as likely as not, ≤ 0.33 unlikely, ≤ 0.1 very unlikely.")</li>\n"
        return h + "</ul>\n"
    }
}

extension HTMLReport {
    /// One evidence note listing a run's warnings of one kind, "TITLE (N): w₁; w₂", in the
    /// report's language; empty without any.
    static func warningItem(_ warnings: [(en: String, zh: String)], title: String, zh: Bool) -> String {
        guard !warnings.isEmpty else { return "" }
        return "<li>\(title) (\(warnings.count)): "
            + warnings.map { escapeHTML(zh ? $0.zh : $0.en) }.joined(separator: zh ? "；" : "; ") + "</li>\n"
    }
}

enum ReportStyle {
    static let css = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
        h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}h3{font-size:13px;margin:4px 0}
        .meta,.note,.evidence{color:#666;font-size:12px}.unit{color:#888;font-weight:normal}
        .swatch{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px}
        .legend{white-space:nowrap}
        pre.summary{font-size:12px;background:#fafafa;padding:8px;overflow-x:auto}
        table.dash{border-collapse:collapse;font-size:11px}table.dash td,table.dash th{border:1px solid #ddd;padding:2px 5px;text-align:center}
        table.dash th{background:#f4f4f4}table.dash td.name{text-align:left;max-width:320px}table.dash td.dept{text-align:left;max-width:200px}
        td.na{background:#eeeeee;color:#999}td.met{background:#a6d96a}td.notmet{background:#f4a582}
        .fans{display:flex;flex-wrap:wrap;gap:10px}details{margin:8px 0}summary{cursor:pointer;font-weight:bold}.fan{border:1px solid #eee;padding:6px;width:420px}.none{color:#999;font-size:12px;width:420px}
        .fan.reference{border:1px dashed #999;background:repeating-linear-gradient(45deg,#fff,#fff 6px,#f6f6f6 6px,#f6f6f6 12px)}
        ul.nodata{font-size:12px;color:#666;columns:3}
        """
}
