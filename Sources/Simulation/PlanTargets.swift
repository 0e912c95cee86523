import Indicators

/// One thing to judge on every path (DESIGN.md §3.7).
public struct TargetSpec: Sendable {
    public enum Kind: String, Sendable {
        /// A yearly milestone.
        case milestone
        /// A headline (final-year) goal under its rule.
        case goal
        /// Every yearly milestone of one indicator.
        case allMilestones = "all_milestones"
        /// Every headline goal that can be evaluated.
        case allGoals = "all_goals"
    }

    public let kind: Kind
    /// Index into `PlanModel.series` (nil for `allGoals`).
    public let series: Int?
    public let year: Int?
    public let threshold: Double
    public let direction: Direction
    public let rule: HeadlineRule?
    /// How the plan states a goal (a growth or change goal's `threshold` is the final-year level
    /// it implies from the base-year value, NaN when that value is unknown).
    public var form: GoalForm = .level

    /// The targets of a plan: per indicator its milestones, its goal and "all milestones"; then
    /// "all goals".
    public static func all(for model: PlanModel) -> [TargetSpec] {
        var out = [TargetSpec]()
        for (k, s) in model.series.enumerated() where !s.isDriver {
            guard let ind = model.plan.indicator(s.id) else { continue }
            for y in model.plan.metadata.years {
                if let t = ind.targets[y] {
                    out.append(
                        TargetSpec(
                            kind: .milestone, series: k, year: y, threshold: t, direction: ind.direction, rule: nil))
                }
            }
            if let g = ind.headline {
                let m = model.plan.metadata
                let base = model.years.firstIndex(of: m.baseYear).flatMap { s.known[$0] }
                var spec = TargetSpec(
                    kind: .goal, series: k, year: m.lastYear,
                    threshold: g.form.level(value: g.value, base: base, years: m.lastYear - m.baseYear) ?? .nan,
                    direction: ind.direction, rule: g.rule)
                spec.form = g.form
                out.append(spec)
            }
            if !ind.targets.isEmpty {
                out.append(
                    TargetSpec(
                        kind: .allMilestones, series: k, year: nil, threshold: Double(ind.targets.count),
                        direction: .increase, rule: nil))
            }
        }
        out.append(TargetSpec(kind: .allGoals, series: nil, year: nil, threshold: 0, direction: .increase, rule: nil))
        return out
    }
}

/// How a target's answer was reached.
public enum TargetStatus: String, Sendable {
    /// Every value it needs is observed: judged on the data.
    case observed
    /// Some values are simulated: the share of paths that meet it.
    case simulated
    /// Known only by a bound, but the bound decides it (at least 3,000 against a target of 2,800).
    case settled
    /// A value it needs is neither observed nor simulated.
    case insufficientData = "insufficient_data"
}

/// The answer for one target.
public struct TargetOutcome: Sendable {
    public let spec: TargetSpec
    public let status: TargetStatus
    /// P(met) (nil when insufficient).
    public let pMet: Double?
    /// Monte Carlo standard error √(p(1−p)/N) (0 when observed).
    public let standardError: Double?
    /// The judged quantity (value, cumulative sum, smallest yearly value, number of milestones
    /// met): mean, 5%, 50% and 95% quantiles over paths.
    public let mean: Double?
    public let p05: Double?
    public let median: Double?
    public let p95: Double?
    /// For `allGoals`: how many goals could be evaluated, and the expected number met.
    public let evaluable: Int?
    public let expectedMet: Double?
    /// Official-practice measures from the observed history alone (`ProgressAssessment`), for a
    /// milestone or a goal on the final value; nil where they do not apply or cannot be computed.
    public var progressRatio: Double? = nil
    public var destatis: DestatisVerdict? = nil
}

extension TargetOutcome {
    /// This outcome with the progress ratio and the Destatis verdict of its target, computed on
    /// the model's history of the series (as of the model's cut-off year).
    func withProgressMeasures(model: PlanModel) -> TargetOutcome {
        let s = spec
        guard let k = s.series, s.kind == .milestone || s.kind == .goal, let year = s.year,
            s.rule != .cumulative, s.rule != .everyYear, s.threshold.isFinite
        else { return self }
        let history = model.plan.history(of: model.series[k].id, asOf: model.asOf)
        var o = self
        let kind = model.series[k].kind
        o.progressRatio = ProgressAssessment.progressRatio(
            history: history, baseYear: model.plan.metadata.baseYear, target: s.threshold, targetYear: year,
            kind: kind)
        o.destatis = ProgressAssessment.destatis(
            history: history, target: s.threshold, targetYear: year, direction: s.direction, kind: kind)
        return o
    }
}

/// The predictive distribution of one series in one year.
public struct CellOutcome: Sendable {
    public let series: Int
    public let year: Int
    public let source: ValueSource
    /// The observed (or interpolated) value, when known.
    public let observed: Double?
    public let mean: Double?
    /// Quantiles at `PlanSimulator.quantileLevels` (0.025, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.975).
    public let quantiles: [Double]?
    /// Whether the quantiles are within the documented histogram bound.
    public let quantilesExact: Bool
}
