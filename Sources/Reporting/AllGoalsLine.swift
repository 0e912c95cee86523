import Indicators
import Simulation

/// The "all headline goals" line, with the reference-class goals counted apart: a probability
/// that rests on one value (or only bounds) and the library's growth is weaker evidence than one
/// from a series, and a planner reading "15 goals" should know how many are of which kind.
enum AllGoalsLine {
    /// Evaluable goals whose indicator has a reference-class forecast (one exact value or bounds only).
    static func referenceClassGoals(model: PlanModel, result: PlanSimulationResult) -> Int {
        result.targets.filter { o in
            guard o.spec.kind == .goal, o.pMet != nil, let k = o.spec.series else { return false }
            return model.series[k].evidence.grade == .referenceClass
        }.count
    }

    /// "全部可评估的总体目标（15，其中参考类 9）" / "all evaluable goals (15, 9 of them reference-class)".
    static func name(evaluable: Int, referenceClass: Int, zh: Bool) -> String {
        guard referenceClass > 0 else { return zh ? "全部可评估的总体目标（\(evaluable)）" : "all evaluable goals (\(evaluable))" }
        return zh
            ? "全部可评估的总体目标（\(evaluable)，其中参考类 \(referenceClass)）"
            : "all evaluable goals (\(evaluable), \(referenceClass) of them reference-class)"
    }
}
