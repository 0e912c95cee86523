import Foundation
import Indicators
import Scenarios
import Simulation

/// The scenario comparison of the goals (the plan's last year) (grouped bars of P(met)) and the sensitivity
/// tornado (per goal, the change in P(met) each lever makes).
enum Charts {
    static func goalComparison(runs: [ScenarioRun], language: Language) -> String? {
        guard let base = runs.first else { return nil }
        let zh = language != .en
        let goals = base.result.targets.indices.filter { j in
            base.result.targets[j].spec.kind == .goal && runs.contains { r in r.result.targets[j].status == .simulated }
        }
        guard !goals.isEmpty else { return nil }
        let rowH = 10.0 * Double(runs.count) + 14
        let left = 250.0, width = 760.0, top = 30.0
        let height = top + rowH * Double(goals.count) + 20
        var svg = SVG(width: width, height: height)
        svg.rect(x: 0, y: 0, w: width, h: height, fill: "#ffffff")
        let plotW = width - left - 60
        for i in 0...4 {
            let xv = left + plotW * Double(i) / 4
            svg.line(x1: xv, y1: top - 6, x2: xv, y2: height - 14, stroke: "#eeeeee")
            svg.text(String(format: "%.2f", Double(i) / 4), x: xv, y: top - 10, size: 9, anchor: "middle", fill: "#666")
        }
        for (r, i) in runs.enumerated().map({ ($0.element, $0.offset) }) {
            svg.rect(
                x: left + Double(i) * 110, y: height - 12, w: 8, h: 8,
                fill: Palette.scenarios[i % Palette.scenarios.count])
            svg.text(r.scenario.name, x: left + Double(i) * 110 + 11, y: height - 4, size: 9)
        }
        for (g, j) in goals.enumerated() {
            let y0 = top + rowH * Double(g)
            let spec = base.result.targets[j].spec
            let ind = base.model.plan.indicator(base.model.series[spec.series!].id)
            svg.text(
                (ind?.name(in: language) ?? "") + " " + FanChart.formatValue(spec.threshold), x: left - 6,
                y: y0 + rowH / 2 + 3, size: 10, anchor: "end")
            for (i, r) in runs.enumerated() {
                let o = r.result.targets[j]
                let p: Double = o.pMet ?? 0
                let barY: Double = y0 + 4 + Double(i) * 10
                let color = Palette.scenarios[i % Palette.scenarios.count]
                let dp: String = o.pMet.map { String(format: "%.6f", $0) } ?? "insufficient_data"
                let extra = "data-scenario=\"" + escapeHTML(r.scenario.name) + "\" data-p=\"" + dp + "\""
                svg.rect(x: left, y: barY, w: plotW * p, h: 8, fill: color, extra: extra)
                // A verdict the evidence settles in this scenario reads as one, not as ">0.99".
                let label: String = o.pMet == nil ? "—" : SummaryTable.cell(o, zh: zh, label: false)
                svg.text(label, x: left + plotW * p + 3, y: barY + 7, size: 8, fill: "#444")
            }
        }
        return svg.render(label: zh ? "各情景总体目标实现概率" : "P(goal met) by scenario")
    }

    static func tornado(goal indicator: String, rows: [ScenarioRunner.Sensitivity], title: String) -> String {
        let sorted = rows.sorted { abs($0.difference) > abs($1.difference) }
        let left = 260.0, width = 620.0, rowH = 18.0, top = 26.0
        let height = top + rowH * Double(sorted.count) + 10
        let m = max(0.05, sorted.map { abs($0.difference) }.max() ?? 0.05)
        // Room for the value beside the longest bar on either side ("+0.256" was cut at the
        // right edge, and "−0.184" ran into the lever's name on the left).
        let pad = 40.0
        let half = (width - left - 20 - 2 * pad) / 2, mid = left + pad + half
        var svg = SVG(width: width, height: height)
        svg.rect(x: 0, y: 0, w: width, h: height, fill: "#ffffff")
        svg.text(title, x: 8, y: 16, size: 11, weight: "bold")
        svg.line(x1: mid, y1: top - 4, x2: mid, y2: height - 6, stroke: "#999")
        svg.text(String(format: "−%.2f", m), x: mid - half, y: top - 8, size: 9, anchor: "start", fill: "#666")
        svg.text(String(format: "+%.2f", m), x: mid + half, y: top - 8, size: 9, anchor: "end", fill: "#666")
        for (i, r) in sorted.enumerated() {
            let y = top + rowH * Double(i)
            // About 5.6 px a column at size 10 (a CJK character takes two): 44 fit left of the bars.
            let name = "\(r.scenario): \(r.lever)", shown = TextTable.truncate(name, to: 44)
            svg.text(shown, x: left - 6, y: y + 12, size: 10, anchor: "end", title: shown == name ? nil : name)
            let w = half * abs(r.difference) / m
            svg.rect(
                x: r.difference >= 0 ? mid : mid - w, y: y + 3, w: w, h: 12,
                fill: r.difference >= 0 ? "#1a9850" : "#d73027",
                extra: "data-difference=\"\(String(format: "%.6f", r.difference))\"")
            svg.text(
                String(format: "%+.3f", r.difference).replacingOccurrences(of: "-", with: "−"),
                x: r.difference >= 0 ? mid + w + 3 : mid - w - 3, y: y + 12,
                size: 9, anchor: r.difference >= 0 ? "start" : "end", fill: "#444")
        }
        return svg.render(label: title)
    }
}
