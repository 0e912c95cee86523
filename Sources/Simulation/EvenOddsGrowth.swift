import Foundation

/// What it would take: the extra growth a year that makes a target as likely as not.
///
/// A scenario's growth lever multiplies a series' simulated value in year T by (1 + g/100)ⁿ,
/// n = T − y₁ + 1 counted from the year it starts, y₁ (`Lever.Action.growth`,
/// `PreparedScenario.multiplySimulated`). Started in the series' first simulated year, it moves
/// every path's X_T by the same factor, so P(X_T·(1 + g/100)ⁿ ≥ G) = P(X_T ≥ G/(1 + g/100)ⁿ),
/// which is ½ when G/(1 + g/100)ⁿ is the median X̃_T:
///
///     g = 100·((G / X̃_T)^(1/n) − 1)
///
/// (the same for a decrease goal, P(X_T·(1 + g/100)ⁿ ≤ G) = ½). Negative g is the slack: how
/// much slower than forecast the series could grow and still meet the target as often as not.
/// It is the answer to the planner's question "how much faster must this grow?", in the units a
/// scenario file's `growth` lever takes, from the year it names (`fromYear`).
///
/// Exact for a level, a share away from its bounds, or a stock without a child that bounds it;
/// approximate where a share is held below 100 or a parent and child constrain each other after
/// the lever. A whole count lands above ½: the mass at its median stays on the target's side
/// (unicorn candidates, a median of 21 firms: 0.54), and a yearly flow of whole units is drawn
/// around its expected count, which is what the lever moves, so for a small flow the answer is
/// more than enough (new R&D institutions, a milestone of one with the expected count moved to
/// about one: P(at least one) ≈ 0.63; 0.65–0.67 measured).
/// `EvenOddsGrowthTests` reruns the bundled plan with each answer as a lever: P within 0.47–0.53
/// for levels and shares, 0.47–0.75 for counts.
public struct EvenOddsGrowth: Sendable, Equatable {
    /// Percent a year, to add to the series' growth from `fromYear` on.
    public let percentPerYear: Double
    /// The series' first simulated year, where the lever starts.
    public let fromYear: Int

    /// The extra growth for a yearly milestone or a final-level goal (its value in the last
    /// year, also as a growth or change goal implies it) whose year is simulated; nil for other
    /// targets (cumulative, every year, all milestones), years observed, bounded or derived, a
    /// median or goal ≤ 0, or a non-finite answer.
    public static func of(_ outcome: TargetOutcome, model: PlanModel) -> EvenOddsGrowth? {
        let spec = outcome.spec
        guard outcome.status == .simulated, let k = spec.series, let year = spec.year,
            spec.kind == .milestone || (spec.kind == .goal && spec.rule == .final),
            let median = outcome.median, median > 0, spec.threshold > 0, spec.threshold.isFinite,
            let t = model.years.firstIndex(of: year), model.series[k].sources[t] == .simulated,
            let first = model.series[k].sources.firstIndex(of: .simulated)
        else { return nil }
        let n = Double(year - model.years[first] + 1)
        let g = 100 * (pow(spec.threshold / median, 1 / n) - 1)
        guard g.isFinite else { return nil }
        return EvenOddsGrowth(percentPerYear: g, fromYear: model.years[first])
    }
}
