import Foundation
import IO
import Indicators
import Regression
import Reporting
import Simulation

/// What past plans teach about P(met) (issue 14, deliver 5): a logistic recalibration of the
/// model's probability on features a planner would weigh,
///
///     logit P′ = β₀ + β₁·logit(clip(P)) + β₂·binding + β₃·(trend − ½) + β₄·decrease
///
/// where P is the model's P(met) clipped to [0.01, 0.99], `binding` is 1 for a binding (约束性)
/// goal, `trend` is the 3-point trend rule's verdict (1 if the straight line through the
/// last three points reaches the goal, 0 if not; ½ when it cannot judge), and `decrease` is 1 for
/// a goal that asks for a fall (the model's P of such goals is the less reliable kind on the
/// pseudo-plans of Notebooks-data/pseudo-plans.md). This is Platt scaling (Platt 1999) with
/// three more predictors. Binding goals are met through policy more often than
/// their trend says, and most goals of finished plans are met, so a model that only extrapolates
/// can be systematically low; the fit learns by how much from plans whose outcomes are known.
///
/// The coefficients are the posterior mode under Gaussian priors centred on leaving P alone
/// (β = (0, 1, 0, 0); sd 0.5 on the slope, which keeps it in about [0, 2] a priori, and 1 on the
/// shifts, about ±2 on the log odds; Gelman et al. 2008), so a small library moves P little and a large one
/// as far as its outcomes say. `evaluate --library` fits it leave one plan out, never
/// on the plan being judged.
public struct GoalRecalibration: Sendable, Equatable {
    public static let features = ["intercept", "logit_p_model", "binding", "trend_rule", "decrease"]
    public static let priors = [
        CoefficientPrior(mean: 0, sd: 1), CoefficientPrior(mean: 1, sd: 0.5), CoefficientPrior(mean: 0, sd: 1),
        CoefficientPrior(mean: 0, sd: 1), CoefficientPrior(mean: 0, sd: 1),
    ]
    /// Features a file may lack (written before they existed): their coefficient is 0.
    static let optionalFeatures: Set<String> = ["decrease"]
    /// The clip on P before its logit (as the log score's).
    public static let clip = 0.01

    public let coefficients: [Double]
    /// Goal-years and plans the fit saw.
    public let goalYears: Int
    public let plans: [String]

    public init(coefficients: [Double], goalYears: Int, plans: [String]) {
        (self.coefficients, self.goalYears, self.plans) = (coefficients, goalYears, plans)
    }

    /// The predictors of one goal-year.
    public static func predictors(pModel: Double, commitment: Commitment?, trend: Double?, direction: Direction?)
        -> [Double]
    {
        let p = min(max(pModel, clip), 1 - clip)
        return [
            1, Foundation.log(p / (1 - p)), commitment == .binding ? 1 : 0, (trend ?? 0.5) - 0.5,
            direction == .decrease ? 1 : 0,
        ]
    }

    /// The recalibrated P(met).
    public func probability(pModel: Double, commitment: Commitment?, trend: Double?, direction: Direction?) -> Double {
        LogisticFit(coefficients: coefficients)
            .probability(Self.predictors(pModel: pModel, commitment: commitment, trend: trend, direction: direction))
    }

    /// The 3-point trend rule's verdict on a headline goal of a simulated plan (nil for other
    /// targets, or with fewer than two observed points).
    public static func trend(_ o: TargetOutcome, model: PlanModel) -> Double? {
        guard o.spec.kind == .goal, let k = o.spec.series else { return nil }
        let plan = model.plan
        let id = model.series[k].id
        guard let ind = plan.indicator(id), let goal = ind.headline else { return nil }
        return TrendRule.probability(
            history: plan.history(of: id, asOf: model.asOf), kind: ind.kind, threshold: o.spec.threshold,
            direction: ind.direction, rule: goal.rule, planYears: plan.metadata.years)
    }

    /// The recalibrated P(met) of a simulated headline goal; nil for milestones and the
    /// all-goals line (the fit saw headline goals only) and for goals without a P(met). A goal the
    /// data have already settled keeps its P(met): nothing is left to recalibrate.
    public func probability(_ o: TargetOutcome, model: PlanModel) -> Double? {
        guard o.spec.kind == .goal, let p = o.pMet, let k = o.spec.series else { return nil }
        guard o.status == .simulated else { return p }
        let ind = model.plan.indicator(model.series[k].id)
        return probability(
            pModel: p, commitment: ind?.commitment, trend: Self.trend(o, model: model), direction: ind?.direction)
    }

    /// Fits on evaluation rows (`p` in `EvaluationReport.methods` order: model, trend rule, …);
    /// rows the model could not judge are left out. Nil without any row to learn from.
    public static func fit(_ rows: [EvaluationReport.Row]) -> GoalRecalibration? {
        let usable = rows.filter { $0.p[0] != nil }
        guard !usable.isEmpty else { return nil }
        let x = usable.map {
            predictors(pModel: $0.p[0]!, commitment: $0.commitment, trend: $0.p[1], direction: $0.direction)
        }
        let y = usable.map { $0.outcome ? 1.0 : 0.0 }
        // Every coefficient has a prior, so the fit exists even for separated outcomes.
        guard let fit = try? LogisticRegression.fit(x: x, y: y, priors: priors) else { return nil }
        var plans = [String]()
        for r in usable where !plans.contains(r.plan) { plans.append(r.plan) }
        return GoalRecalibration(coefficients: fit.coefficients, goalYears: usable.count, plans: plans)
    }

    /// Leave one plan out: each row's recalibrated P from a fit on the other plans' rows (nil
    /// where the model cannot judge the goal or no other plan has judged goals).
    public static func leaveOnePlanOut(_ rows: [EvaluationReport.Row]) -> [Double?] {
        var fits = [String: GoalRecalibration?]()
        return rows.map { r in
            guard let p = r.p[0] else { return nil }
            if fits[r.plan] == nil { fits[r.plan] = fit(rows.filter { $0.plan != r.plan }) }
            return fits[r.plan]!?.probability(
                pModel: p, commitment: r.commitment, trend: r.p[1], direction: r.direction)
        }
    }

    // MARK: - The file `evaluate --library` writes and `evaluate --recalibration` reads

    public var json: [String: Any] {
        [
            "method": "logistic recalibration of P(met): logit P' = sum of coefficient × feature",
            "features": Self.features,
            "coefficients": Dictionary(uniqueKeysWithValues: zip(Self.features, coefficients)),
            "clip": Self.clip, "goal_years": goalYears, "plans": plans,
        ]
    }

    static let hint = "give the recalibration.json that `plancast evaluate --library` wrote"
    static let hintZh = "请给出 `plancast evaluate --library` 写出的 recalibration.json"

    public static func read(path: String) throws(InputError) -> GoalRecalibration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(
                file: path, "cannot read the recalibration file", hint: hint, zh: "无法读取再校准文件", hintZh: hintZh)
        }
        return try decode(data, file: path)
    }

    /// Reads the bytes of a recalibration file; `file` names it in errors.
    public static func decode(_ data: Data, file path: String) throws(InputError) -> GoalRecalibration {
        let obj = try JSONFile.parse(
            data, file: path, what: "the recalibration file", hint: hint, zh: "再校准文件", hintZh: hintZh)
        guard let c = obj["coefficients"] as? [String: Any] else {
            throw InputError(
                file: path, "has no \"coefficients\" object", hint: hint, zh: "没有“coefficients”对象", hintZh: hintZh)
        }
        var coefficients = [Double]()
        for f in features {
            if c[f] == nil && optionalFeatures.contains(f) {
                coefficients.append(0)
                continue
            }
            let at = JSONFile.position(ofKey: f, in: data)
            guard let v = JSONFile.number(c[f]), v.isFinite else {
                throw InputError(
                    file: path, line: at.line, column: at.column,
                    "coefficient \"\(f)\" is \(c[f] == nil ? "missing" : "not a finite number")", hint: hint,
                    zh: "系数“\(f)”\(c[f] == nil ? "缺失" : "不是有限的数")", hintZh: hintZh)
            }
            // Beyond ±1000 a coefficient turns every probability into 0 or 1 (and sums of such
            // terms can overflow): no fit on finished plans gives one.
            guard abs(v) <= 1000 else {
                throw InputError(
                    file: path, line: at.line, column: at.column, "coefficient \"\(f)\" is \(v), beyond ±1000",
                    hint: hint, zh: "系数“\(f)”为 \(v)，超出 ±1000", hintZh: hintZh)
            }
            coefficients.append(v)
        }
        return GoalRecalibration(
            coefficients: coefficients, goalYears: JSONFile.integer(obj["goal_years"]) ?? 0,
            plans: (obj["plans"] as? [String]) ?? [])
    }
}
