import Foundation
import IO
import Indicators
import Scenarios
import Simulation

/// The tidy output tables of `plancast run` (DESIGN.md §6). Column names live here.
public enum RunTables {
    public static let attainmentColumns = [
        "scenario", "indicator", "name", "target_type", "year", "target", "direction", "p_met", "p_met_se",
        "median", "p05", "p95", "label", "progress_ratio", "destatis", "evidence", "commitment",
        "even_odds_growth", "even_odds_from",
    ]
    /// DESIGN.md §6 columns, extended by `source`: observed, assumed (a scenario's assumption),
    /// interpolated, simulated, derived or unavailable.
    public static let forecastColumns = [
        "scenario", "indicator", "year", "observed", "mean", "p05", "p10", "p25", "p50", "p75", "p90", "p95", "source",
    ]
    public static let comparisonColumns = [
        "indicator", "name", "target_type", "year", "target", "scenario", "p_met", "baseline_p_met", "difference",
        "difference_se", "beyond_noise",
    ]

    public static let sensitivityColumns = [
        "scenario", "lever", "indicator", "p_met_with", "p_met_without", "difference", "difference_se",
    ]

    /// One row per (indicator, target, scenario): the scenario's P(met), the baseline's (the first
    /// scenario) beside it, the difference and its paired standard error (common random numbers),
    /// flagged `yes` when it exceeds 3 standard errors (or is non-zero for data-judged targets).
    public static func comparisonRows(
        _ runs: [(name: String, model: PlanModel, result: PlanSimulationResult)], language: Language
    ) -> [[String]] {
        guard let base = runs.first else { return [] }
        var rows = [[String]]()
        for j in base.result.targets.indices {
            for r in runs {
                let o = r.result.targets[j], b = base.result.targets[j]
                let s = o.spec
                let id = s.series.map { r.model.series[$0].id } ?? "all"
                let name =
                    s.series.flatMap { k in
                        r.model.plan.indicator(r.model.series[k].id).map { $0.name(in: language) }
                    } ?? (language == .en ? "all headline goals" : "全部总体目标")
                var diff = "", se = "", beyond = ""
                if let p = o.pMet, let q = b.pMet {
                    if r.result.paths == base.result.paths, !r.result.metBits[j].isEmpty,
                        !base.result.metBits[j].isEmpty
                    {
                        let d = ProbabilityDifference.paired(
                            r.result.metBits[j], base.result.metBits[j], paths: r.result.paths)
                        diff = String(format: "%.6f", d.difference)
                        se = String(format: "%.6f", d.standardError)
                        beyond = d.beyondNoise ? "yes" : "no"
                    } else {
                        diff = String(format: "%.6f", p - q)
                    }
                }
                rows.append([
                    id, name, targetType(s), s.year.map(String.init) ?? "",
                    s.kind == .allGoals ? String(o.evaluable ?? 0) : CSVFormat.short(s.threshold),
                    r.name, prob(o.pMet), prob(b.pMet), diff, se, beyond,
                ])
            }
        }
        return rows
    }

    /// `goal_final`, `goal_cumulative`, `goal_every_year`, `milestone`, `all_milestones`, `all_goals`.
    static func targetType(_ s: TargetSpec) -> String {
        switch s.kind {
        case .milestone: return "milestone"
        case .goal: return "goal_" + (s.form != .level ? s.form.rawValue : s.rule?.rawValue ?? "final")
        case .allMilestones: return "all_milestones"
        case .allGoals: return "all_goals"
        }
    }

    /// The label column: `met` / `not_met` for targets judged on data, the verbal likelihood for
    /// simulated ones, `insufficient_data` otherwise.
    public static func label(_ o: TargetOutcome) -> String {
        switch o.status {
        case .insufficientData: return "insufficient_data"
        case .observed, .settled: return (o.pMet ?? 0) >= 0.5 ? "met" : "not_met"
        case .simulated: return LikelihoodLabel(probability: o.pMet ?? 0).rawValue
        }
    }

    static func num(_ v: Double?) -> String { v.map { $0.isFinite ? CSVFormat.short($0) : "" } ?? "" }

    /// Rounds a probability to 6 decimals (Monte Carlo error is far larger) for stable, readable files.
    static func prob(_ v: Double?) -> String { v.map { String(format: "%.6f", $0) } ?? "insufficient_data" }

    /// `evenOdds`: each target's answer to "what would it take" (`EvenOddsGrowth.all`, which
    /// searches for cumulative and every-year goals); without them the closed form's.
    public static func attainmentRows(
        scenario: String, model: PlanModel, result: PlanSimulationResult, language: Language = .zh,
        evenOdds: [EvenOddsGrowth?]? = nil
    ) -> [[String]] {
        var rows = [[String]]()
        for (j, o) in result.targets.enumerated() {
            let s = o.spec
            var indicatorID = "", name = "", evidence = "", ratio = "", destatis = "", commitment = ""
            // What it would take: the extra growth a year that makes the target as likely as not.
            let needed = evenOdds.map { $0[j] } ?? EvenOddsGrowth.of(o, model: model)
            if let k = s.series {
                let ser = model.series[k]
                let ind = model.plan.indicator(ser.id)
                indicatorID = ser.id
                name = ind?.name(in: language) ?? ser.id
                evidence = ser.evidence.tag + (ser.usesAssumptions ? ";assumption" : "")
                ratio = o.progressRatio.flatMap { $0.isFinite ? String(format: "%.4f", $0) : nil } ?? ""
                destatis = o.destatis?.rawValue ?? ""
                if s.kind == .goal { commitment = ind?.commitment?.rawValue ?? "" }
            } else {
                indicatorID = "all"
                name = language == .en ? "all headline goals" : "全部总体目标"
                evidence =
                    "evaluable_goals=\(o.evaluable ?? 0);reference_class_goals=\(AllGoalsLine.referenceClassGoals(model: model, result: result));expected_met=\(o.expectedMet.map { String(format: "%.4f", $0) } ?? "")"
            }
            let target: String
            switch s.kind {
            case .allGoals: target = String(o.evaluable ?? 0)
            default: target = CSVFormat.short(s.threshold)
            }
            rows.append([
                scenario, indicatorID, name, targetType(s), s.year.map(String.init) ?? "", target, s.direction.rawValue,
                prob(o.pMet), o.standardError.map { String(format: "%.6f", $0) } ?? "", num(o.median), num(o.p05),
                num(o.p95),
                label(o), ratio, destatis, evidence, commitment,
                // Empty beyond the search's range (the report says which side).
                needed.flatMap { $0.beyond == nil ? String(format: "%.2f", $0.percentPerYear) : nil } ?? "",
                needed.flatMap { $0.beyond == nil ? String($0.fromYear) : nil } ?? "",
            ])
        }
        return rows
    }

    public static func forecastRows(scenario: String, model: PlanModel, result: PlanSimulationResult) -> [[String]] {
        // Years an identity filled (stock(t − 1) = stock(t) − net(t)) are flagged `derived`.
        var derivedYears = [String: Set<Int>]()
        for ser in model.series {
            derivedYears[ser.id] = Set(
                model.plan.history(of: ser.id, asOf: model.asOf).points.filter { $0.quality == .derived }.map(\.year))
        }
        return result.cells.map { c in
            let ser = model.series[c.series]
            let q = c.quantiles
            let derived = c.source == .observed && derivedYears[ser.id, default: []].contains(c.year)
            let source = ser.assumedYears.contains(c.year) ? "assumed" : derived ? "derived" : c.source.rawValue
            return [scenario, ser.id, String(c.year), num(c.observed), num(c.mean)] + (1...7).map { num(q?[$0]) } + [
                source
            ]
        }
    }

    /// One row per (scenario, lever, headline goal): P(met) with and without the lever.
    public static func sensitivityRows(_ sensitivity: [ScenarioRunner.Sensitivity]) -> [[String]] {
        sensitivity.map { s in
            [s.scenario, s.lever, s.indicator]
                + [s.pWith, s.pWithout, s.difference, s.standardError].map { String(format: "%.6f", $0) }
        }
    }

    public static func csv(header: [String], rows: [[String]]) -> String {
        var out = CSVFormat.line(header)
        for r in rows { out += CSVFormat.line(r) }
        return out
    }
}
