import Indicators
import Simulation

/// Shares held at their limits. A scenario's percent levers multiply a share's value (56% and a
/// level shift of +150% make 140%), and every path is then held inside (0, 100): just below 100
/// (or just above 0). A large part of the paths piled at the limit says "met" for any target
/// up to 100% without the evidence behind it, so the run warns (found 2026-12-04: a +150% shift
/// on strategic emerging industries' share put 75% of 2025's paths at 99.999999%).
public enum ShareLimitWarnings {
    /// The share of paths at a limit from which a year is reported (the 10% or 90% quantile
    /// there).
    static let reportedShare = 0.10
    /// How close to 0 or 100 a quantile counts as held at the limit (the simulator's limits are
    /// 10⁻⁶ and 100 − 10⁻⁶).
    static let closeness = 1e-3

    /// One warning per scenario and share whose simulated years have at least 10% of their
    /// paths at 100 (or at 0), naming the years; English and Chinese.
    /// `byName`: the series named as `indicators.csv` names it in each language (the report),
    /// instead of by its id (stderr, where ids are what a user greps for).
    public static func of(_ runs: [ScenarioRun], byName: Bool = false) -> [(en: String, zh: String)] {
        guard let q10 = PlanSimulator.quantileLevels.firstIndex(of: reportedShare),
            let q90 = PlanSimulator.quantileLevels.firstIndex(of: 1 - reportedShare)
        else { return [] }
        var out = [(en: String, zh: String)]()
        for run in runs {
            var high = [Int: [Int]](), low = [Int: [Int]]()
            for cell in run.result.cells where run.model.series[cell.series].kind == .share {
                guard cell.source == .simulated, let q = cell.quantiles, q.count > q90 else { continue }
                if q[q90] >= 100 - closeness { high[cell.series, default: []].append(cell.year) }
                if q[q10] <= closeness { low[cell.series, default: []].append(cell.year) }
            }
            for (k, years) in high.sorted(by: { $0.key < $1.key }) {
                out.append(words(run, series: run.model.series[k].id, years: years, atTop: true, byName: byName))
            }
            for (k, years) in low.sorted(by: { $0.key < $1.key }) {
                out.append(words(run, series: run.model.series[k].id, years: years, atTop: false, byName: byName))
            }
        }
        return out
    }

    static func words(_ run: ScenarioRun, series id: String, years: [Int], atTop: Bool, byName: Bool = false) -> (
        en: String, zh: String
    ) {
        let ind = byName ? run.model.plan.indicator(id) : nil
        let (en, zh) = (
            ind?.name(in: .en) ?? id, ind?.name(in: .zh) ?? id
        )
        let list = years.sorted().map(String.init)
        let limit = atTop ? "100%" : "0%"
        let named = run.scenario.levers.filter { $0.series.contains(id) }.map(\.name)
        let cause =
            named.isEmpty
            ? ""
            : " (\(named.count == 1 ? "lever" : "levers") \(named.map { "'\($0)'" }.joined(separator: ", ")) "
                + "\(named.count == 1 ? "multiplies" : "multiply") its value)"
        let causeZh = named.isEmpty ? "" : "（杠杆\(named.map { "“\($0)”" }.joined(separator: "、"))按比例改变其数值）"
        return (
            "scenario '\(run.scenario.name)': \(en) is held at its \(limit) limit on more than 10% of paths in "
                + "\(list.joined(separator: ", "))\(cause); P(met) of its targets there rests on the limit, not on evidence: "
                + "give the lever a smaller percent",
            "情景“\(run.scenario.name)”：\(zh) 在 \(list.joined(separator: "、")) 年有超过 10% 的路径停在 \(limit) 的界限上"
                + "\(causeZh)；这些年份目标的实现概率取决于界限而非证据：请减小杠杆的百分比"
        )
    }
}
