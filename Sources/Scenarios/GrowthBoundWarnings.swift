import Indicators
import Simulation

/// Stated growth rates that the paths do not keep. A growth row ("比上年增长超34%") ties a year to
/// the one before on every path, x(t) ≥ f̲·x(t − 1) (and ≤ f̄·x(t − 1) for the end it states),
/// but other evidence may leave no room for it: a "其中" child capped by its parent cannot grow
/// by 34% where the parent does not (found 2026-12-05 by scripts/eval/bound_fuzz.py, seed 5606,
/// trial 15: p95 180 → 205). Where the tie held on every path it holds for every quantile,
/// Q_t(α) ≥ f̲·Q_{t−1}(α), so a quantile that breaks it shows paths that do: the run warns.
public enum GrowthBoundWarnings {
    /// A quantile's slack against the histogram's reach (`HistogramQuantiles`: about 0.1% of a
    /// wide range) and, for counts, one whole item.
    static let relativeSlack = 2e-3

    /// One warning per scenario, series and year whose stated growth a quantile breaks;
    /// English and Chinese. `byName`: the series named as `indicators.csv` names it in each
    /// language (the report), instead of by its id (stderr and the manifest, where ids are what a
    /// user greps for).
    public static func of(_ runs: [ScenarioRun], byName: Bool = false) -> [(en: String, zh: String)] {
        var out = [(en: String, zh: String)]()
        for run in runs {
            let model = run.model
            var cells = [Int: [Int: CellOutcome]]()
            for c in run.result.cells { cells[c.series, default: [:]][c.year] = c }
            for (k, s) in model.series.enumerated() where !s.isDriver {
                for o in model.plan.usableGrowths(of: s.id, asOf: model.asOf) {
                    guard let f = Plan.growthFactors(o), let a = cells[k]?[o.year - 1]?.quantiles,
                        let b = cells[k]?[o.year]?.quantiles, a.count == b.count
                    else { continue }
                    // A rate that contradicts what its two years are known to be is `check`'s
                    // warning, and unused; this warns of what the paths do to a rate in use.
                    if model.plan.growthIsUnused(o, asOf: model.asOf) { continue }
                    let (lower, upper) = statedEnds(o, factors: f)
                    if breaks(a, b, lower: lower, upper: upper, countSlack: s.isCount ? 1 + f.upper : 0) {
                        out.append(words(run, id: s.id, year: o.year, growth: o, byName: byName))
                    }
                }
            }
        }
        return out
    }

    /// The ends of the growth factor that row `o` states: a lower bound's upper end (and an upper
    /// bound's lower end) is the reading's assumption, which other evidence may rightly override.
    static func statedEnds(_ o: Observation, factors f: (lower: Double, upper: Double)) -> (
        lower: Double?, upper: Double?
    ) {
        (o.quality == .upperBound ? nil : f.lower, o.quality == .lowerBound ? nil : f.upper)
    }

    /// Whether a pair of quantiles (Q_{t−1}(α), Q_t(α)) breaks the tie f̲·x(t − 1) ≤ x(t) ≤
    /// f̄·x(t − 1) beyond the slack `relativeSlack`·max(|Q_{t−1}|, |Q_t|, 1) + `countSlack`
    /// (for counts, one whole item at t and its f̄ at t − 1: both years are rounded to wholes).
    static func breaks(_ a: [Double], _ b: [Double], lower: Double?, upper: Double?, countSlack: Double) -> Bool {
        zip(a, b).contains { qa, qb in
            let slack = relativeSlack * max(abs(qa), abs(qb), 1) + countSlack
            return (lower.map { qb < $0 * qa - slack } ?? false) || (upper.map { qb > $0 * qa + slack } ?? false)
        }
    }

    static func words(_ run: ScenarioRun, id: String, year: Int, growth o: Observation, byName: Bool = false) -> (
        en: String, zh: String
    ) {
        let plan = run.model.plan
        let (en, zh) = byName ? (plan.name(of: id, in: .en), plan.name(of: id, in: .zh)) : (id, id)
        let side = o.quality == .lowerBound ? "≥ " : o.quality == .upperBound ? "≤ " : ""
        let stated = side + PlanConsistency.format(o.value) + "%"
        return (
            "scenario '\(run.scenario.name)': the stated growth of \(en) in \(year) (\(stated) over \(year - 1)) does not "
                + "hold on every path: other evidence or its parent leaves no room for it there; check the growth row and "
                + "the figures around it",
            "情景“\(run.scenario.name)”：\(zh) \(year)年的增速（较\(year - 1)年 \(stated)）并非在每条路径上成立："
                + "其他数据或其上级指标不给它留出空间；请核对该增速及相邻年份的数据"
        )
    }
}
