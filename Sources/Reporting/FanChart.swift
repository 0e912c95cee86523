import Foundation
import Indicators
import Scenarios
import Simulation

/// A fan chart per indicator: observations (filled for actual values, hollow for estimates,
/// bounds, snapshots and spliced values), the baseline's 50/80/95% bands and median, the other
/// scenarios' medians overlaid, and the yearly targets as diamonds.
enum FanChart {
    static func render(series k: Int, runs: [ScenarioRun], language: Language) -> String? {
        guard let base = runs.first else { return nil }
        let model = base.model
        let ser = model.series[k]
        let zh = language != .en
        let ind = model.plan.indicator(ser.id)
        let history = model.plan.history(of: ser.id, asOf: model.asOf)
        let cells = base.result.cells.filter { $0.series == k }
        let simulated = cells.filter { [.simulated, .derived, .bounded, .interpolated, .backcast].contains($0.source) }
            .filter {
                $0.quantiles != nil
            }
        let kind = ind?.kind ?? ser.kind
        let targets = model.plan.metadata.years.compactMap { y in ind?.targets[y].map { (y, $0) } }
        let goal = base.result.targets.first { $0.spec.kind == .goal && $0.spec.series == k }?.spec
        let goals = goalMarks(ind, goal: goal, years: Array(model.plan.metadata.years))
        guard !history.points.isEmpty || !simulated.isEmpty else { return nil }

        let firstYear = min(history.firstYear ?? model.years[0], model.years[0])
        let lastYear = model.years.last!
        var values = history.values + targets.map(\.1) + goals.map(\.1)
        for c in simulated { values += [c.quantiles![0], c.quantiles![8]] }
        for r in runs.dropFirst() {
            for c in r.result.cells where c.series == k { if let q = c.quantiles { values.append(q[4]) } }
        }
        guard var lo = values.min(), var hi = values.max() else { return nil }
        if hi - lo < 1e-9 { lo -= 1; hi += 1 }
        let pad = (hi - lo) * 0.08
        lo -= pad
        hi += pad
        let width = 420.0, height = 220.0, left = 58.0, right = 12.0, top = 12.0, bottom = 28.0
        func x(_ y: Int) -> Double {
            left + (width - left - right) * Double(y - firstYear) / Double(max(1, lastYear - firstYear))
        }
        func yy(_ v: Double) -> Double { top + (height - top - bottom) * (hi - v) / (hi - lo) }
        var svg = SVG(width: width, height: height)
        svg.rect(x: 0, y: 0, w: width, h: height, fill: "#ffffff")
        // Axes and gridlines.
        for tick in AxisTicks.nice(lo: lo, hi: hi) {
            svg.line(x1: left, y1: yy(tick.value), x2: width - right, y2: yy(tick.value), stroke: "#eeeeee")
            svg.text(tick.label, x: left - 4, y: yy(tick.value) + 4, size: 9, anchor: "end", fill: "#666")
        }
        let step = max(1, (lastYear - firstYear + 1) / 8)
        for y in stride(from: firstYear, through: lastYear, by: step) {
            svg.text(String(y), x: x(y), y: height - 10, size: 9, anchor: "middle", fill: "#666")
        }
        svg.line(x1: left, y1: top, x2: left, y2: height - bottom, stroke: "#999")
        svg.line(x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, stroke: "#999")
        // Bands of the baseline through the drawn years, pinned to the exact values among and
        // just before them: the last exact year before the first drawn one (the forecast's origin,
        // or high-tech enterprises 2022 before the bounded 2023), and an exact year between two
        // drawn ones (R&D intensity 2022 between interpolated 2021 and 2023). A year known by a
        // bound is drawn itself: its stated bound is not its value.
        let exactYears = Dictionary(
            history.points.filter { $0.bounds(kind: kind) == nil }.map { ($0.year, $0.value) },
            uniquingKeysWith: { $1 })
        func knots(_ cells: [CellOutcome]) -> [(year: Int, q: [Double])] {
            guard let first = cells.map(\.year).min(), let last = cells.map(\.year).max() else { return [] }
            let drawn = Set(cells.map(\.year))
            let before = exactYears.keys.filter { $0 < first }.max()
            var out = cells.map { (year: $0.year, q: $0.quantiles!) }
            for (y, v) in exactYears where !drawn.contains(y) && y < last && (y > first || y == before) {
                out.append((year: y, q: [Double](repeating: v, count: 9)))
            }
            return out.sorted { $0.year < $1.year }
        }
        let drawnKinds: [ValueSource] = [.simulated, .derived, .bounded, .interpolated, .backcast]
        let baseKnots = knots(simulated)
        if !baseKnots.isEmpty {
            let xs = baseKnots.map { x($0.year) }
            func line(_ i: Int) -> [Double] { baseKnots.map { yy($0.q[i]) } }
            svg.band(xs, upper: line(8), lower: line(0), fill: Palette.scenarios[0], opacity: 0.12)
            svg.band(xs, upper: line(6), lower: line(2), fill: Palette.scenarios[0], opacity: 0.18)
            svg.band(xs, upper: line(5), lower: line(3), fill: Palette.scenarios[0], opacity: 0.28)
            svg.polyline(Array(zip(xs, line(4))), stroke: Palette.scenarios[0], width: 2)
            // Other scenarios' medians.
            for (i, r) in runs.enumerated().dropFirst() {
                let cs = r.result.cells.filter {
                    $0.series == k && drawnKinds.contains($0.source) && $0.quantiles != nil
                }
                let pts = knots(cs).map { (x($0.year), yy($0.q[4])) }
                svg.polyline(pts, stroke: Palette.scenarios[i % Palette.scenarios.count], width: 1.5, dash: "4 2")
            }
        }
        // Observations.
        let exact = history.points.filter { $0.bounds(kind: kind) == nil }
        svg.polyline(exact.map { (x($0.year), yy($0.value)) }, stroke: "#333", width: 1)
        for o in history.points {
            if let b = o.bounds(kind: kind) {
                // A year known only by a bound: ▲ at a lower bound ("突破/超", a stock's mid-year
                // count), ▼ at an upper one ("近", a later plan's target). Both ends are set by
                // the default reading, so the quality says which end was stated.
                if o.quality == .upperBound, let hi = b.upper {
                    svg.text(
                        "▼", x: x(o.year), y: yy(hi) + 4, size: 10, anchor: "middle", fill: "#222",
                        title: (zh ? "\(o.year)年：" : "\(o.year): ")
                            + "< \(formatValue(hi))\(o.source.isEmpty ? "" : " — " + o.source)")
                } else if let lo = b.lower {
                    svg.text(
                        "▲", x: x(o.year), y: yy(lo) + 4, size: 10, anchor: "middle", fill: "#222",
                        title: (zh ? "\(o.year)年：" : "\(o.year): ")
                            + "> \(formatValue(lo))\(o.source.isEmpty ? "" : " — " + o.source)")
                }
                continue
            }
            let hollow = o.quality != .actual
            svg.circle(
                cx: x(o.year), cy: yy(o.value), r: 3.2, fill: hollow ? "#ffffff" : "#222222", stroke: "#222222",
                title: zh
                    ? "\(o.year)年：\(formatValue(o.value))（\(o.quality.zh)）"
                    : "\(o.year): \(formatValue(o.value)) (\(o.quality.rawValue))")
        }
        for (y, t) in targets {
            svg.diamond(
                cx: x(y), cy: yy(t), r: 4.5, fill: "#f1c40f", title: (zh ? "\(y)年目标 " : "\(y) target ") + formatValue(t)
            )
        }
        for (y, t) in goals {
            svg.diamond(
                cx: x(y), cy: yy(t), r: 4.5, fill: "#f1c40f",
                title: (zh ? "\(y)年总体目标 " : "\(y) goal ") + formatValue(t))
        }
        let title = ind?.name(in: (zh ? Language.zh : .en)) ?? ser.id
        return svg.render(label: title)
    }

    /// The headline goal where it is a level in a year and no milestone of that year shows it,
    /// at the threshold the run judged (`TargetSpec.threshold`: a growth or change goal's level
    /// from the base year): a final-year goal in its year, an every-year goal in each plan year.
    /// A cumulative goal (a sum over years) and a goal without a level (no base-year value) are
    /// no point of the chart. Until 2026-12-05 a plan without yearly milestones, as most
    /// five-year plans are, showed no goal on its charts.
    static func goalMarks(_ ind: Indicator?, goal: TargetSpec?, years: [Int]) -> [(Int, Double)] {
        guard let ind, let goal, let year = goal.year, goal.threshold.isFinite else { return [] }
        switch goal.rule {
        case .final?: return ind.targets[year] == nil ? [(year, goal.threshold)] : []
        case .everyYear?: return years.filter { ind.targets[$0] == nil }.map { ($0, goal.threshold) }
        default: return []
        }
    }

    static func formatValue(_ v: Double) -> String {
        let a = abs(v)
        if a >= 100 { return String(format: "%.0f", v) }
        if v == v.rounded() { return String(format: "%.0f", v) }
        if a >= 10 { return String(format: "%.1f", v) }
        return String(format: "%.2f", v)
    }
}
